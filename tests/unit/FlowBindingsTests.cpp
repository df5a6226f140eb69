// RULES.md concepts that changed for issue 10: reaching bindings, route 4's
// exemptions, importlib's failure idiom, one MOD003 per exec_module call.
#include "tests/support/LifetimeFacts.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace modlint;

namespace {

struct Facts : test::LifetimeFacts {
  using LifetimeFacts::LifetimeFacts;
  /// "line:Value; ..." of the escapes of site \p I.
  std::string escapes(size_t I) {
    std::string Out;
    for (const Escape &E : site(I).Escapes)
      Out += (Out.empty() ? "" : "; ") + std::to_string(Source.lineOf(E.Begin)) + ":" + E.Value;
    return Out;
  }
};

const char *Loader = "import sys, types, importlib.util\n";

} // namespace

TEST_CASE("bindings: a later rebinding does not reach an earlier return") {
  Facts F(std::string(Loader) + "def f(self, src):\n"
                                "    v = getattr(self, 'v')\n"
                                "    if v:\n"
                                "        return v\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    v = m.handler\n"
                                "    self.handler = v\n");
  CHECK(F.escapes(0) == "9:v");
}

TEST_CASE("bindings: both arms of an if reach what follows") {
  Facts F(std::string(Loader) + "def f(src, fast):\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    if fast:\n"
                                "        h = m.fast\n"
                                "    else:\n"
                                "        h = None\n"
                                "    return h\n");
  CHECK(F.escapes(0) == "9:h");
}

TEST_CASE("bindings: a loop body reaches itself") {
  Facts F(std::string(Loader) + "def f(srcs):\n"
                                "    prev = None\n"
                                "    for src in srcs:\n"
                                "        HOOKS.append(prev)\n"
                                "        m = types.ModuleType('m')\n"
                                "        exec(src, m.__dict__)\n"
                                "        prev = m.hook\n");
  CHECK(F.escapes(0) == "5:prev");
}

TEST_CASE("bindings: registering the first module says nothing about the second") {
  Facts F(std::string(Loader) + "def f(a, b):\n"
                                "    m = types.ModuleType('a')\n"
                                "    sys.modules['a'] = m\n"
                                "    exec(a, m.__dict__)\n"
                                "    first = m.run\n"
                                "    m = types.ModuleType('b')\n"
                                "    exec(b, m.__dict__)\n"
                                "    return first, m.run\n");
  CHECK(F.site(0).KeptAlive);
  CHECK(!F.site(1).KeptAlive);
  CHECK(F.site(1).Populated);
  CHECK(F.escapes(1) == "9:m.run");
}

TEST_CASE("bindings: del unbinds; a nested function sees what the body leaves with") {
  Facts Gone(std::string(Loader) + "def f(src):\n"
                                   "    m = types.ModuleType('m')\n"
                                   "    exec(src, m.__dict__)\n"
                                   "    h = m.h\n"
                                   "    del h\n"
                                   "    h = 1\n"
                                   "    return h, lambda: h\n");
  CHECK(Gone.escapes(0) == "");
  Facts Late(std::string(Loader) + "def f(src):\n"
                                   "    h = None\n"
                                   "    get = lambda: h\n"
                                   "    m = types.ModuleType('m')\n"
                                   "    exec(src, m.__dict__)\n"
                                   "    h = m.h\n"
                                   "    return get\n");
  CHECK(Late.escapes(0) == "8:get");
  // The closure captured the first module's holder, rebound before the
  // body returns: it keeps the second module, not the first.
  Facts Rebound(std::string(Loader) + "def f(a, b):\n"
                                      "    m = types.ModuleType('a')\n"
                                      "    exec(a, m.__dict__)\n"
                                      "    run = lambda: m.run\n"
                                      "    first = m.run\n"
                                      "    m = types.ModuleType('b')\n"
                                      "    return first, run\n");
  CHECK(!Rebound.site(0).KeptAlive);
  CHECK(Rebound.site(1).KeptAlive);
  CHECK(Rebound.escapes(0) == "8:first");
}

TEST_CASE("bindings: `while True` is left only by its breaks") {
  Facts F(std::string(Loader) + "def f(src):\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    step = m.first_step\n"
                                "    while True:\n"
                                "        step = step()\n"
                                "        if step is None:\n"
                                "            break\n"
                                "    return step\n");
  CHECK(F.escapes(0) == "");
}

TEST_CASE("defaults of an escaping function carry derived values") {
  Facts F(std::string(Loader) + "def f(src):\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    return lambda e, _h=m.handler: _h(e)\n");
  CHECK(F.escapes(0) == "5:lambda e, _h=m.handler: _h(e)");
  CHECK(!F.site(0).KeptAlive); // the default is evaluated, m is not captured
}

TEST_CASE("route 4: calls through modules are plain calls") {
  Facts F(std::string(Loader) + "import os.path, json, logging, ast\n"
                                "def f(src):\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    ast.literal_eval(m.a)\n"
                                "    os.path.join(m.b)\n"
                                "    json.dumps(m.c)\n"
                                "    logging.info('%s', m.d)\n"
                                "    return 0\n");
  CHECK(F.escapes(0) == "");
  CHECK(!F.site(0).KeptAlive);
}

TEST_CASE("route 4: checks, logging, writing and formatting retain nothing on any receiver") {
  Facts F(std::string(Loader) + "def f(self, src, log, out):\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    self.assertEqual(m.a, 1)\n"
                                "    self.failUnless(m.b)\n"
                                "    self.logger.debug('%s', m)\n"
                                "    log.exception(m.c)\n"
                                "    out.write(m.d)\n"
                                "    ', '.join(m.e)\n"
                                "    '{}'.format(m)\n"
                                "    self.registry.append(m.f)\n");
  CHECK(F.escapes(0) == "12:m.f");
  CHECK(!F.site(0).KeptAlive);
}

TEST_CASE("route 4: a holder given to a call through a module is kept (route 5 still applies)") {
  Facts F(std::string(Loader) + "import json\ndef f(src):\n"
                                "    m = types.ModuleType('m')\n"
                                "    exec(src, m.__dict__)\n"
                                "    json.dumps(m)\n"
                                "    return m.g\n");
  CHECK(F.site(0).KeptAlive);
}

TEST_CASE("the failure idiom keeps the registration; other removals undo it") {
  auto KeptAlive = [](const char *Handler) {
    Facts F(std::string(Loader) +
            "def f(spec):\n"
            "    m = importlib.util.module_from_spec(spec)\n"
            "    sys.modules[spec.name] = m\n"
            "    try:\n"
            "        spec.loader.exec_module(m)\n" +
            Handler + "    return m.main\n");
    return F.site(0).KeptAlive;
  };
  CHECK(KeptAlive("    except BaseException:\n        del sys.modules[spec.name]\n"
                  "        raise\n"));
  CHECK(KeptAlive("    except:\n        sys.modules.pop(spec.name, None)\n        raise\n"));
  CHECK(KeptAlive("    except Exception as e:\n        del sys.modules[spec.name]\n"
                  "        if isinstance(e, SyntaxError):\n            raise\n"
                  "        else:\n            raise ImportError(spec.name) from e\n"));
  CHECK(!KeptAlive("    except Exception:\n        del sys.modules[spec.name]\n"));
  CHECK(!KeptAlive("    except Exception as e:\n        del sys.modules[spec.name]\n"
                   "        if isinstance(e, SyntaxError):\n            raise\n"));
  CHECK(!KeptAlive("    finally:\n        del sys.modules[spec.name]\n"));
}

TEST_CASE("one MOD003 fact per exec_module call, about the binding that reaches it") {
  Facts Two(std::string(Loader) + "def f(a, b, which):\n"
                                  "    if which:\n"
                                  "        m = importlib.util.module_from_spec(a)\n"
                                  "    else:\n"
                                  "        m = importlib.util.module_from_spec(b)\n"
                                  "    m.__spec__.loader.exec_module(m)\n"
                                  "    return m\n");
  REQUIRE(Two.Lifetime.execModuleCalls().size() == 1);
  CHECK(!Two.Lifetime.execModuleCalls()[0].RegisteredBefore);

  Facts Rebound(std::string(Loader) + "def f(a, b):\n"
                                      "    m = importlib.util.module_from_spec(a)\n"
                                      "    sys.modules[a.name] = m\n"
                                      "    a.loader.exec_module(m)\n"
                                      "    m = importlib.util.module_from_spec(b)\n"
                                      "    b.loader.exec_module(m)\n");
  const auto &Calls = Rebound.Lifetime.execModuleCalls();
  REQUIRE(Calls.size() == 2);
  CHECK(Calls[0].RegisteredBefore);
  CHECK(!Calls[1].RegisteredBefore);
  CHECK(Calls[1].Site == 1);

  // In a loop, registering the previous module says nothing about the next.
  Facts Loop(std::string(Loader) + "def f(specs):\n"
                                   "    module = None\n"
                                   "    for spec in specs:\n"
                                   "        if module is not None:\n"
                                   "            sys.modules[module.__name__] = module\n"
                                   "        module = importlib.util.module_from_spec(spec)\n"
                                   "        spec.loader.exec_module(module)\n");
  REQUIRE(Loop.Lifetime.execModuleCalls().size() == 1);
  CHECK(!Loop.Lifetime.execModuleCalls()[0].RegisteredBefore);
}
