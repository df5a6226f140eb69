#include "analyzer/Noqa.h"
#include "tests/support/LintText.h"

#include <doctest/doctest.h>

using namespace modlint::test;
using V = std::vector<std::string>;

TEST_CASE("a bare noqa suppresses every rule on its line") {
  CHECK(findings("import imp\nm = imp.new_module('x')  # noqa\n").empty());
  CHECK(findings("import imp\nm = imp.new_module('x')  #NOQA\n").empty());
}

TEST_CASE("noqa with codes suppresses only those codes") {
  CHECK(findings("import imp\nm = imp.new_module('x')  # noqa: MOD005\n") == V{"MOD004 2:5"});
  CHECK(findings("import imp\nm = imp.new_module('x')  # noqa: MOD004\n").empty());
  CHECK(findings("import imp\nm = imp.new_module('x')  # noqa:MOD001,MOD004\n").empty());
  CHECK(findings("import imp\nm = imp.new_module('x')  # type: ignore # noqa: MOD004\n").empty());
}

TEST_CASE("noqa inside a string does not count") {
  CHECK(findings("import imp\nm = imp.new_module('# noqa')\n") == V{"MOD004 2:5"});
}

TEST_CASE("a file-level modlint: noqa on its own line suppresses the file") {
  CHECK(findings("# modlint: noqa\nimport imp\nm = imp.new_module('x')\n").empty());
  // Not on a line of its own: no effect on the file.
  CHECK(findings("import imp\nm = imp.new_module('x') # modlint: noqa\n") == V{"MOD004 2:5"});
  CHECK(findings("s = '''\n# modlint: noqa\n'''\nimport imp\nm = imp.new_module('x')\n") ==
        V{"MOD004 5:5"});
}

// Found by the lint fuzzer: --add-noqa wrote its comment after a trailing
// backslash, which ended the continuation and broke the statement.
TEST_CASE("on a backslash continuation, noqa belongs at the end of the last line") {
  llvm::StringRef Text = "import imp\nm = imp.new_module('m') if x else \\\n    None\n";
  modlint::SourceFile S = modlint::SourceFile::fromText("t.py", Text);
  modlint::SyntaxParser P;
  modlint::SyntaxTree T(P, S);
  CHECK(modlint::noqaLine(S, T, 2) == 3);
  CHECK(modlint::noqaLine(S, T, 3) == 3);
  CHECK(modlint::noqaLine(S, T, 1) == 1);
  auto E = modlint::noqaEdit(S, T, modlint::noqaLine(S, T, 2), {"MOD004"});
  REQUIRE(E);
  CHECK(E->Begin == Text.size() - 1);
  CHECK(E->Replacement == "  # noqa: MOD004");
  // ...and a comment there suppresses the finding on the first line.
  CHECK(findings(Text) == V{"MOD004 2:5"});
  CHECK(findings("import imp\nm = imp.new_module('m') if x else \\\n    None  # noqa: MOD004\n")
            .empty());
  // A backslash that ends a comment continues nothing.
  CHECK(findings("import imp\nm = imp.new_module('m')  # \\\nx = 1  # noqa\n") == V{"MOD004 2:5"});
}

TEST_CASE("a suppressed finding keeps the import that the other fixes would remove") {
  // Both calls fixed: `import imp` has no other reader and goes.
  CHECK(fixed("import imp\na = imp.new_module('a')\nb = imp.new_module('b')\n") ==
        "import types\na = types.ModuleType('a')\nb = types.ModuleType('b')\n");
  // One suppressed: it still reads imp, so the other fix leaves the import.
  CHECK(fixed("import imp\na = imp.new_module('a')\nb = imp.new_module('b')  # noqa: MOD004\n") ==
        "import types\nimport imp\na = types.ModuleType('a')\n"
        "b = imp.new_module('b')  # noqa: MOD004\n");
  CHECK(fixed("import imp\na = imp.new_module('a')  # noqa\nb = imp.new_module('b')\n") ==
        "import types\nimport imp\na = imp.new_module('a')  # noqa\nb = types.ModuleType('b')\n");
}
