#include "analyzer/SyntaxErrorDiagnostic.h"
#include "rules/RuleRegistry.h"
#include "tests/support/LintText.h"

#include <doctest/doctest.h>

using namespace modlint;
using namespace modlint::test;
using V = std::vector<std::string>;

namespace {

/// The syntax-error messages of \p Text, linted with every rule.
std::vector<std::string> messages(llvm::StringRef Text, bool Prefilter = true) {
  FileReport R = lintText(Text, "py310", Prefilter);
  std::vector<std::string> Out;
  for (const Diagnostic &D : R.Diagnostics)
    if (D.Code == SyntaxErrorCode)
      Out.push_back(D.Message);
  return Out;
}

const char *const Line3 = "syntax error: modlint could not parse line 3, so findings there may be "
                          "missing";

} // namespace

TEST_CASE("a broken candidate file gets one syntax-error at its first error") {
  llvm::StringRef Text = "import imp\nm = imp.new_module('x')\ndef f(:\n    pass\n";
  CHECK(findings(Text) == V{"MOD004 2:5", "syntax-error 3:7"});
  CHECK(messages(Text) == V{Line3});
  FileReport R = lintText(Text);
  const Diagnostic &D = R.Diagnostics.back();
  CHECK(D.Severity == Level::Error);
  CHECK(!D.Fix);
  CHECK(D.Notes.empty());
}

TEST_CASE("the message names the lines of the first region and counts the others") {
  CHECK(messages("import imp\ndef f():\n    x = (1,\n    y = ]\n    z = imp.new_module('x')\n") ==
        V{"syntax error: modlint could not parse lines 3-5, so findings there may be missing"});
  CHECK(messages("import imp\ndef f(:\n    pass\ndef g(:\n    pass\ndef h(:\n    pass\n"
                 "m = imp.new_module('x')\n") ==
        V{"syntax error: modlint could not parse line 2 (the first of 3 such places), so "
          "findings there may be missing"});
}

TEST_CASE("findings outside the broken region are still reported") {
  CHECK(findings("import imp\ndef f(:\n    pass\nm = imp.new_module('x')\n") ==
        V{"syntax-error 2:7", "MOD004 4:5"});
}

TEST_CASE("a file no rule looks at stays unparsed and silent, prefilter or not") {
  llvm::StringRef Text = "import os\ndef f(:\n    pass\n";
  CHECK(lintText(Text).Diagnostics.empty());
  FileReport Unfiltered = lintText(Text, "py310", /*Prefilter=*/false);
  CHECK(Unfiltered.Parsed);
  CHECK(Unfiltered.SyntaxErrors == 1);
  CHECK(Unfiltered.Diagnostics.empty());
}

TEST_CASE("the prefilter does not decide whether a candidate gets it") {
  llvm::StringRef Text = "import imp\nm = imp.new_module('x')\ndef f(:\n    pass\n";
  CHECK(messages(Text, /*Prefilter=*/false) == messages(Text, /*Prefilter=*/true));
}

TEST_CASE("no noqa suppresses it, as in Ruff") {
  CHECK(findings("import imp\nm = imp.new_module('x')\ndef f(:  # noqa\n    pass\n") ==
        V{"MOD004 2:5", "syntax-error 3:7"});
  CHECK(findings("import imp\nm = imp.new_module('x')\ndef f(:  # noqa: syntax-error\n"
                 "    pass\n") == V{"MOD004 2:5", "syntax-error 3:7"});
  // The file-level comment silences the rules, not the syntax error.
  CHECK(findings("# modlint: noqa\nimport imp\nm = imp.new_module('x')\ndef f(:\n    pass\n") ==
        V{"syntax-error 4:7"});
}

TEST_CASE("no rule selection turns it off") {
  static SyntaxParser Parser;
  LintOptions NoRules{TargetVersion{}, {}, true};
  FileReport R = lintSource(
      SourceFile::fromText("t.py", "import imp\nm = imp.new_module('x')\ndef f(:\n    pass\n"),
      NoRules, Parser);
  REQUIRE(R.Diagnostics.size() == 1);
  CHECK(R.Diagnostics[0].Code == "syntax-error");
}

TEST_CASE("--add-noqa writes no noqa for it: none would work") {
  static SyntaxParser Parser;
  LintOptions Opts{TargetVersion{}, allRules(), true, /*AddNoqa=*/true};
  FileReport R = lintSource(SourceFile::fromText("t.py", "import imp\ndef f(:\n    pass\n"
                                                         "m = imp.new_module('x')\n"),
                            Opts, Parser);
  REQUIRE(R.NoqaEdits.size() == 1);
  CHECK(R.NoqaEdits[0].Replacement == "  # noqa: MOD004");
}

TEST_CASE("Python 2 exec statements that MOD005 understands are not syntax errors") {
  // tree-sitter-python parses these forms only with an ERROR node.
  CHECK(findings("def f(ns):\n    exec compile(src, 'f', 'exec') in ns\n") == V{"MOD005 2:5"});
  CHECK(findings("def f(ns):\n    exec f.read() in ns\n") == V{"MOD005 2:5"});
  // An error after the code is no part of the statement MOD005 understands.
  CHECK(findings("def f(ns):\n    exec code in ns $\n    pass\n") ==
        V{"MOD005 2:5", "syntax-error 2:5"});
  // Another error in the same file is still reported.
  CHECK(findings("def f(ns):\n    exec compile(src, 'f', 'exec') in ns\ndef g(:\n    pass\n") ==
        V{"MOD005 2:5", "syntax-error 3:7"});
}

TEST_CASE("it has a descriptor but is no rule of the catalogue") {
  CHECK(syntaxErrorInfo().Code == "syntax-error");
  CHECK(syntaxErrorInfo().DefaultLevel == Level::Error);
  CHECK(!syntaxErrorInfo().FixSafety);
  CHECK(findRule("syntax-error") == nullptr);
}
