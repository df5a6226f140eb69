#include "tests/support/LifetimeFacts.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {
using Facts = test::LifetimeFacts;
} // namespace

TEST_CASE("the classic case: a local holder, populated, a derived value escapes by global") {
  Facts F("import imp\nfunc = None\ndef main():\n    global func\n"
          "    mod = imp.new_module('m')\n    exec code in mod.__dict__\n    func = mod.func\n");
  const CreationSite &S = F.only();
  CHECK(S.Kind == CreationKind::ImpNewModule);
  CHECK(S.Callee == "imp.new_module");
  CHECK(S.Holder == "mod");
  CHECK(S.Function == "main");
  CHECK(S.inFunction());
  CHECK(S.Populated);
  CHECK(!S.KeptAlive);
  REQUIRE(S.Escapes.size() == 1);
  CHECK(S.Escapes[0].Route == EscapeRoute::Global);
  CHECK(S.Escapes[0].Through == "func");
  CHECK(S.Escapes[0].Value == "mod.func");
  CHECK(!S.Escapes[0].IsNamespace);
  REQUIRE(S.RegisterAfter);
  CHECK(S.RegisterAfter->Indent == "    ");
  CHECK(F.Source.lineOf(S.RegisterAfter->Offset) == 6);
  CHECK(S.SysState == SemanticModel::NameState::Unbound);
}

TEST_CASE("population by exec call through a namespace alias and by vars()") {
  CHECK(Facts("import types\ndef f(c):\n    m = types.ModuleType('m')\n    ns = m.__dict__\n"
              "    exec(c, ns)\n    return m.g\n")
            .only()
            .Populated);
  CHECK(Facts("import types\ndef f(c):\n    m = types.ModuleType('m')\n    exec(c, vars(m))\n"
              "    return m.g\n")
            .only()
            .Populated);
  // Attributes given from outside do not populate.
  CHECK(!Facts("import types\ndef f():\n    m = types.ModuleType('m')\n    m.x = len\n"
               "    return m.x\n")
             .only()
             .Populated);
}

TEST_CASE("holder aliases and return routes") {
  Facts F("import types\ndef f(c):\n    m = types.ModuleType('m')\n    m2 = m\n"
          "    exec(c, m2.__dict__)\n    return m2.run\n");
  const CreationSite &S = F.only();
  CHECK(S.Populated);
  CHECK(S.Holder == "m");
  REQUIRE(S.Escapes.size() == 1);
  CHECK(S.Escapes[0].Route == EscapeRoute::Return);
}

TEST_CASE("keep-alive: returning the module, registering it, global holder") {
  CHECK(Facts("import types\ndef f(c):\n    m = types.ModuleType('m')\n    exec(c, m.__dict__)\n"
              "    return m\n")
            .only()
            .KeptAlive);
  CHECK(Facts("import sys, types\ndef f(c):\n    m = types.ModuleType('m')\n"
              "    sys.modules['m'] = m\n    exec(c, m.__dict__)\n    return m.g\n")
            .only()
            .KeptAlive);
  Facts G("import types\ndef f(c):\n    global m\n    m = types.ModuleType('m')\n"
          "    exec(c, m.__dict__)\n    return m.g\n");
  CHECK(G.only().Holder.empty());
}

TEST_CASE("a registration undone later keeps nothing alive") {
  CHECK(!Facts("import sys, types\ndef f(c):\n    m = types.ModuleType('m')\n"
               "    sys.modules['m'] = m\n    exec(c, m.__dict__)\n    del sys.modules['m']\n"
               "    return m.g\n")
             .only()
             .KeptAlive);
}

TEST_CASE("data names are not derived values") {
  Facts F("import types\ndef f(c):\n    m = types.ModuleType('m')\n    exec(c, m.__dict__)\n"
          "    return m.__version__, m.DEFAULTS, getattr(m, 'VERSION')\n");
  CHECK(F.only().Escapes.empty());
}

TEST_CASE("call results are not derived; containers of derived values are") {
  CHECK(Facts("import types\ndef f(c):\n    m = types.ModuleType('m')\n    exec(c, m.__dict__)\n"
              "    return m.Tool()\n")
            .only()
            .Escapes.empty());
  Facts F("import types\ndef f(c):\n    m = types.ModuleType('m')\n    exec(c, m.__dict__)\n"
          "    out = [m.a, m.b]\n    return out\n");
  REQUIRE(F.only().Escapes.size() == 1);
  CHECK(F.only().Escapes[0].Value == "out");
}

TEST_CASE("a namespace escaping alone") {
  Facts F("import types\ndef f(c):\n    m = types.ModuleType('m')\n    exec(c, m.__dict__)\n"
          "    return m.__dict__\n");
  REQUIRE(F.only().Escapes.size() == 1);
  CHECK(F.only().Escapes[0].IsNamespace);
}

TEST_CASE("module-level sites are never orphaned") {
  Facts F("import types\nm = types.ModuleType('m')\nexec(code, m.__dict__)\nf = m.f\n");
  CHECK(!F.only().inFunction());
  CHECK(F.only().Escapes.empty());
}

TEST_CASE("import insertion goes after docstring, comments and __future__ imports") {
  Facts F("#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\nfrom __future__ import print_function\n"
          "# comment\nimport os\n");
  CHECK(F.Source.lineOf(F.Lifetime.importInsertion().Offset) == 5);
  Facts G("\"\"\"Only a docstring.\"\"\"");
  CHECK(G.Lifetime.importInsertion().Offset == G.Source.text().size());
  CHECK(G.Lifetime.importInsertion().NeedsNewlineBefore);
}

TEST_CASE("ModuleType subclasses of the file, directly and through another class") {
  Facts F("import types\nclass Base(types.ModuleType):\n    pass\nclass Plugin(Base):\n    pass\n"
          "class Other(object):\n    pass\ndef f(c):\n    m = Plugin('p')\n    o = Other()\n");
  CHECK(F.only().Kind == CreationKind::ModuleSubclass);
  CHECK(F.only().Holder == "m");
}

TEST_CASE("factories, to a fixed point, and whether they populate") {
  Facts F("import types\n"
          "def make(name):\n    m = types.ModuleType(name)\n    return m\n"
          "def load(name, src):\n    m = make(name)\n    exec(src, m.__dict__)\n    return m\n"
          "def main():\n    global g\n    mod = load('x', 'def g(): pass')\n    g = mod.g\n");
  const auto &Sites = F.Lifetime.sites();
  REQUIRE(Sites.size() == 3);
  const CreationSite &Main = Sites[2];
  CHECK(Main.Kind == CreationKind::Factory);
  CHECK(Main.Function == "main");
  CHECK(Main.Populated); // load() populates what it returns
  CHECK(!Main.KeptAlive);
  REQUIRE(Main.Escapes.size() == 1);
  CHECK(Main.Escapes[0].Value == "mod.g");
  CHECK(Sites[1].Populated); // load() executes code into what make() gave it
  CHECK(!Sites[0].Populated);
}

TEST_CASE("methods are factories when the call resolves statically") {
  Facts F("import types\nclass Loader:\n    def new(self, n):\n        return types.ModuleType(n)\n"
          "    @staticmethod\n    def fresh(n):\n        return types.ModuleType(n)\n"
          "    def use(self):\n        a = self.new('a')\n        b = Loader.fresh('b')\n"
          "        c = other.new('c')\n");
  std::vector<CreationKind> Kinds;
  for (const CreationSite &S : F.Lifetime.sites())
    Kinds.push_back(S.Kind);
  CHECK(Kinds == std::vector<CreationKind>{CreationKind::TypesModuleType,
                                           CreationKind::TypesModuleType, CreationKind::Factory,
                                           CreationKind::Factory});
}

TEST_CASE("exec_module before and after registration, at file level too") {
  Facts F("import importlib.util, sys\n"
          "m = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\n"
          "def ok(spec):\n    m = importlib.util.module_from_spec(spec)\n"
          "    sys.modules[spec.name] = m\n    spec.loader.exec_module(m)\n    return m\n");
  const auto &Calls = F.Lifetime.execModuleCalls();
  REQUIRE(Calls.size() == 2);
  CHECK(Calls[0].Holder == "m");
  CHECK(!Calls[0].RegisteredBefore);
  REQUIRE(Calls[0].RegisterBefore);
  CHECK(F.Source.lineOf(Calls[0].RegisterBefore->Offset) == 3);
  CHECK(Calls[1].RegisteredBefore);
}
