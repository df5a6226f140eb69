#include "analyzer/SemanticModel.h"

#include <doctest/doctest.h>

#include <functional>

using namespace modlint;

namespace {

/// Parses \p Text and returns the qualified name of the callee of the first
/// call whose text starts with \p CallPrefix.
std::string calleeName(llvm::StringRef Text, llvm::StringRef CallPrefix) {
  SourceFile S = SourceFile::fromText("t.py", Text);
  SyntaxParser P;
  SyntaxTree T(P, S);
  SemanticModel M(T);
  std::string Result = "<no call>";
  std::function<bool(TSNode)> Find = [&](TSNode N) {
    if (kind(N) == "call" && T.text(N).startswith(CallPrefix)) {
      Result = M.qualifiedName(field(N, "function"), M.scopeOf(N));
      return true;
    }
    for (uint32_t I = 0; I < ts_node_named_child_count(N); ++I)
      if (Find(ts_node_named_child(N, I)))
        return true;
    return false;
  };
  Find(T.root());
  return Result;
}

} // namespace

TEST_CASE("every import spelling resolves to the qualified name") {
  CHECK(calleeName("import types\ntypes.ModuleType('x')\n", "types") == "types.ModuleType");
  CHECK(calleeName("import types as t\nt.ModuleType('x')\n", "t.") == "types.ModuleType");
  CHECK(calleeName("from types import ModuleType as MT\nMT('x')\n", "MT") == "types.ModuleType");
  CHECK(calleeName("import importlib.util\nimportlib.util.module_from_spec(s)\n", "imp") ==
        "importlib.util.module_from_spec");
  CHECK(calleeName("from importlib import util\nutil.module_from_spec(s)\n", "util") ==
        "importlib.util.module_from_spec");
  CHECK(calleeName("from importlib.util import module_from_spec\nmodule_from_spec(s)\n", "mod") ==
        "importlib.util.module_from_spec");
  CHECK(calleeName("import imp\nimp.new_module('x')\n", "imp") == "imp.new_module");
  CHECK(calleeName("from imp import new_module as nm\nnm('x')\n", "nm") == "imp.new_module");
  CHECK(calleeName("import new\nnew.module('x')\n", "new") == "new.module");
}

TEST_CASE("parameters and local assignments shadow imports") {
  CHECK(calleeName("import types\ndef f(types):\n    types.ModuleType('x')\n", "types") == "");
  CHECK(calleeName("import imp\ndef f():\n    imp = Fake()\n    imp.new_module('x')\n", "imp.") ==
        "");
  CHECK(calleeName("from mylib import ModuleType\nModuleType('x')\n", "Module") ==
        "mylib.ModuleType");
}

TEST_CASE("a function sees the module's imports, a class body's names are not visible") {
  CHECK(calleeName("import types\ndef f():\n    types.ModuleType('x')\n", "types") ==
        "types.ModuleType");
  CHECK(calleeName("class C:\n    import types\n    def f(self):\n        types.ModuleType('x')\n",
                   "types") == "builtins.types.ModuleType");
  CHECK(calleeName("def f():\n    import types\n    types.ModuleType('x')\n", "types") ==
        "types.ModuleType");
}

TEST_CASE("simple aliases and unbound names") {
  CHECK(calleeName("import sys\nmods = sys.modules\nmods.get('x')\n", "mods") == "sys.modules.get");
  CHECK(calleeName("exec(code, ns)\n", "exec") == "builtins.exec");
  CHECK(calleeName("def f(x):\n    x.new_module('y')\n", "x") == "");
}

TEST_CASE("scopes: global and nonlocal declarations") {
  SourceFile S = SourceFile::fromText(
      "t.py", "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        global g\n"
              "        g = x = 2\n    return inner\n");
  SyntaxParser P;
  SyntaxTree T(P, S);
  SemanticModel M(T);
  REQUIRE(M.scopes().size() == 3);
  const Scope &Outer = *M.scopes()[1];
  const Scope &Inner = *M.scopes()[2];
  CHECK(Outer.Name == "outer");
  CHECK(Inner.Name == "inner");
  CHECK(Inner.Nonlocals.contains("x"));
  CHECK(Inner.Globals.contains("g"));
  CHECK(!Inner.hasLocal("x"));
  CHECK(Outer.hasLocal("x"));
  CHECK(Outer.Bindings.find("x")->second.size() == 2); // x = 1 and the nonlocal x = 2
  CHECK(M.moduleScope().Bindings.count("g") == 1);
}
