#include "analyzer/SyntaxTree.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {
unsigned errorsIn(llvm::StringRef Text) {
  SourceFile S = SourceFile::fromText("t.py", Text);
  SyntaxParser P;
  SyntaxTree T(P, S);
  CHECK(ts_node_has_error(T.root()) == (T.errorCount() > 0));
  return T.errorCount();
}
} // namespace

TEST_CASE("clean text has no error regions") {
  CHECK(errorsIn("import imp\nm = imp.new_module('m')\n") == 0);
  CHECK(errorsIn("") == 0);
}

TEST_CASE("ERROR and MISSING nodes are error regions") {
  CHECK(errorsIn("x = f(1\n") > 0);
  CHECK(errorsIn("def f(:\n    pass\n") > 0);
}

// Found by the lint fuzzer: the parser's only trace of a missing newline is a
// hidden node no cursor shows; fix refusal counted no error there. The node
// holding it (here the module) becomes the region.
TEST_CASE("an error hidden from the cursor is still a region") {
  SourceFile S = SourceFile::fromText("t.py", "import imp import sys\nm = 1\n");
  SyntaxParser P;
  SyntaxTree T(P, S);
  REQUIRE(ts_node_has_error(T.root()));
  auto Regions = T.errorRegions();
  REQUIRE(Regions.size() >= 1);
  CHECK(Regions.front().first <= 11);
  CHECK(Regions.front().second >= 11); // where it is hidden is unknown: the whole node
}
