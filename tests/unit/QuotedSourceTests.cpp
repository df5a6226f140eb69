#include "rules/QuotedSource.h"

#include <doctest/doctest.h>

using modlint::oneLineSource;
using modlint::quoted;

TEST_CASE("one-line text is unchanged") {
  CHECK(quoted("mod.handler") == "'mod.handler'");
  CHECK(oneLineSource("getattr(mod, name)") == "getattr(mod, name)");
}

TEST_CASE("runs of white space and line breaks become one space") {
  CHECK(oneLineSource("(mod\n            .handler)") == "(mod.handler)");
  CHECK(oneLineSource("a  +\t b") == "a + b");
  CHECK(oneLineSource("x = 1 \\\n    .real") == "x = 1 .real"); // `1.real` would not parse
  CHECK(oneLineSource("mod \\\n    .handler") == "mod.handler");
  CHECK(oneLineSource("mod \\\r\n    .handler\r\n") == "mod.handler");
  CHECK(oneLineSource("\n  mod.x\n") == "mod.x");
}

TEST_CASE("no space just inside brackets") {
  CHECK(oneLineSource("register(\n    mod.handler,\n)") == "register(mod.handler,)");
  CHECK(oneLineSource("[\n  mod.a,\n  mod.b\n]") == "[mod.a, mod.b]");
  CHECK(oneLineSource("REGISTRY[\n    \"key\"]") == "REGISTRY[\"key\"]");
}

TEST_CASE("comments inside an expression are dropped") {
  CHECK(oneLineSource("getattr(mod,  # the handler\n        \"handler\")") ==
        "getattr(mod, \"handler\")");
  CHECK(oneLineSource("getattr(mod, '#x')") == "getattr(mod, '#x')");
}

TEST_CASE("inside a string literal only line breaks collapse") {
  CHECK(oneLineSource("f('a  b')") == "f('a  b')");
  CHECK(oneLineSource("eval('''x\n    y''', ns)") == "eval('''x y''', ns)");
  CHECK(oneLineSource("f(\"it's\\\"  \", x)") == "f(\"it's\\\"  \", x)");
}

TEST_CASE("past 60 characters it is cut to 57 and '...'") {
  std::string Sixty(60, 'a');
  CHECK(oneLineSource(Sixty) == Sixty);
  std::string Cut = oneLineSource(Sixty + "b");
  CHECK(Cut == std::string(57, 'a') + "...");
  CHECK(Cut.size() == 60);
  // Characters, not bytes: a multi-byte character is never split.
  std::string Wide;
  for (int I = 0; I < 61; ++I)
    Wide += "\xc3\xa9"; // é
  std::string WideCut = oneLineSource(Wide);
  CHECK(WideCut.size() == 57 * 2 + 3);
  CHECK(llvm::StringRef(WideCut).endswith("\xc3\xa9..."));
}
