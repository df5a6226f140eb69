#include "tests/support/LintText.h"

#include <doctest/doctest.h>

using namespace modlint::test;
using V = std::vector<std::string>;

TEST_CASE("every Python 2 exec statement form is found") {
  CHECK(findings("exec code\n") == V{"MOD005 1:1"});
  CHECK(findings("exec code in ns\n") == V{"MOD005 1:1"});
  CHECK(findings("exec code in g, l\n") == V{"MOD005 1:1"});
  CHECK(findings("exec compile(src, fn, 'exec') in ns\n") == V{"MOD005 1:1"});
  CHECK(findings("exec f.read() in ns\n") == V{"MOD005 1:1"});
  CHECK(findings("exec (code) in ns\n") == V{"MOD005 1:1"});
  CHECK(findings("exec \"x = 1\"\n") == V{"MOD005 1:1"});
  CHECK(findings("def f():\n    if x: exec code in ns\n") == V{"MOD005 2:11"});
  CHECK(findings("a = 1; exec code\n") == V{"MOD005 1:8"});
}

TEST_CASE("calls and other uses of the name are not exec statements") {
  CHECK(findings("exec(code)\n").empty());
  CHECK(findings("exec (code)\n").empty());
  CHECK(findings("exec(code, ns)\n").empty());
  CHECK(findings("x = 'exec code in ns'\n# exec code in ns\n").empty());
  CHECK(findings("obj.exec code\n").empty());
  CHECK(findings("exec = 3\nexec.x = 1\nexecute(y)\n").empty());
}

TEST_CASE("the fix keeps everything after exec as written") {
  CHECK(fixed("exec code in ns1,   ns2\n") == "exec(code, ns1,   ns2)\n");
  CHECK(fixed("exec (a.b()) in ns\n") == "exec((a.b()), ns)\n");
  CHECK(fixed("exec code\n") == "exec(code)\n");
  CHECK(fixed("exec compile(s, 'f', 'exec') in ns  # run it\n") ==
        "exec(compile(s, 'f', 'exec'), ns)  # run it\n");
  CHECK(fixed("exec code in ns\r\n") == "exec(code, ns)\r\n");
  CHECK(fixed("exec code in {'a': (1,\n   2)}\n") == "exec(code, {'a': (1,\n   2)})\n");
}

TEST_CASE("MOD005 is an error for Python 3 targets and a warning for Python 2") {
  auto Py3 = lintText("exec code\n", "py310");
  REQUIRE(Py3.Diagnostics.size() == 1);
  CHECK(Py3.Diagnostics[0].Severity == modlint::Level::Error);
  auto Py2 = lintText("exec code\n", "py27");
  REQUIRE(Py2.Diagnostics.size() == 1);
  CHECK(Py2.Diagnostics[0].Severity == modlint::Level::Warning);
}
