#include "analyzer/Prefilter.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "tests/support/LintText.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {
/// The prefilter may only skip files on which nothing would be found.
void checkSound(llvm::StringRef Text) {
  CAPTURE(Text.str());
  FileReport Unfiltered = test::lintText(Text, "py310", /*Prefilter=*/false);
  if (!Unfiltered.Diagnostics.empty())
    CHECK(mayHaveFindings(Text));
  CHECK(test::lintText(Text).Diagnostics.size() == Unfiltered.Diagnostics.size());
}
} // namespace

TEST_CASE("most files are skipped") {
  CHECK(!mayHaveFindings("import os\nprint(os.sep)\n"));
  CHECK(!mayHaveFindings("def evaluate(x):\n    return execute(x)\n"));
  CHECK(!mayHaveFindings("s = 'exec code in ns'\n# exec code\n"));
  CHECK(!mayHaveFindings("import types\nisinstance(x, types.ModuleType)\nprint(eval(s))\n"));
}

TEST_CASE("files a rule can fire on are kept") {
  CHECK(mayHaveFindings("import imp\nimp.new_module('x')\n"));
  CHECK(mayHaveFindings("exec code in ns\n"));
  CHECK(mayHaveFindings("\xEF\xBB\xBF" "exec code\n"));
  CHECK(mayHaveFindings("import types\nm = types.ModuleType('m')\nexec(c, m.__dict__)\n"));
  CHECK(mayHaveFindings("import sys\nm = type(sys)('m')\neval(c, vars(m))\n"));
}

// Found by the lint fuzzer: the prefilter rejected files the analyzer finds
// something in.
TEST_CASE("an unterminated string's text may still be code to the parser") {
  checkSound("import importlib\"module=importlib.util.module_from_spec(h.exec_module(module))");
}

TEST_CASE("a byte that is not UTF-8 after exec is a boundary to the parser") {
  checkSound("exec\xC0");
}

// Every input the fuzzer ever kept under fuzz/crashes: the prefilter must not
// have skipped a file the analyzer finds something in.
TEST_CASE("fuzzer reproducers stay sound") {
  std::error_code EC;
  unsigned Seen = 0;
  for (llvm::sys::fs::directory_iterator It(MODLINT_SOURCE_DIR "/fuzz/crashes", EC), End;
       It != End && !EC; It.increment(EC)) {
    if (!llvm::StringRef(It->path()).endswith(".py"))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    REQUIRE(Buf);
    checkSound((*Buf)->getBuffer());
    ++Seen;
  }
  CHECK(Seen >= 6);
}
