#include "analyzer/Prefilter.h"

#include "tests/support/LintText.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

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
  CHECK(mayHaveFindings("\xEF\xBB\xBF"
                        "exec code\n"));
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

// Found by the lint fuzzer: the parser skips form feeds and backslash
// continuations between tokens, so the prefilter must too.
TEST_CASE("form feeds and continuations between the tokens of a candidate") {
  CHECK(mayHaveFindings("exec\fd\n"));
  CHECK(mayHaveFindings("exec \\\ncode in ns\n"));
  CHECK(mayHaveFindings("exec \\\r\ncode in ns\r\n"));
  CHECK(mayHaveFindings("exec (code) \\\n    in ns\n"));
  CHECK(mayHaveFindings("import types\nm = types.ModuleType('m')\nexec \\\n(c, m.__dict__)\n"));
  CHECK(mayHaveFindings("import sys\nm = type \\\n(sys)\\\n('m')\nexec(c, vars(m))\n"));
  checkSound("exec\fd\n");
  checkSound("exec \\\ncode in ns\n");
  checkSound("exec (code) \\\n    in ns\n");
  checkSound("import types\ndef f():\n    m = types.ModuleType('m')\n    exec \\\n(c, m.__dict__)\n"
             "    return m.f\n");
}

TEST_CASE("a Unicode space between a name and its call") {
  checkSound("import types\ndef f():\n    m = types.ModuleType('m')\n"
             "    exec\u3000(c, m.__dict__)\n    return m.f\n");
  checkSound("import sys\ndef f():\n    m = type(\u3000sys)\u3000('m')\n"
             "    exec(c, vars(m))\n    return m.f\n");
}

// A creation spelling counts only where the analyzer could resolve a creation
// from it: a call, an alias, an import under another name, a class base.
TEST_CASE("creation spellings that make nothing do not keep a file") {
  const char *Populated = "def f(m):\n    exec(c, m.__dict__)\n    return m.f\n";
  CHECK(
      !mayHaveFindings(std::string("import types\nisinstance(x, types.ModuleType)\n") + Populated));
  CHECK(!mayHaveFindings(std::string("from types import ModuleType\n"
                                     "def g(m: ModuleType) -> ModuleType: pass\n") +
                         Populated));
  CHECK(!mayHaveFindings(std::string("import types\nT = (type, types.ModuleType, int)\n") +
                         Populated));
  CHECK(!mayHaveFindings(std::string("import types\nok = type(m) == types.ModuleType\n") +
                         Populated));
  CHECK(!mayHaveFindings("class T:\n    def new_module(self):\n        pass\n"));
  CHECK(!mayHaveFindings("for new_module, members in changes:\n    pass\n"));
  // exec/eval populate a namespace value only: no __dict__ or vars, no finding.
  CHECK(!mayHaveFindings("import types\ndef f():\n    m = types.ModuleType('m')\n"
                         "    exec(c, g)\n    return m.f\n"));
}

TEST_CASE("every use the analyzer resolves to a creation keeps a file") {
  const char *Use = "def f():\n    m = MT('m')\n    exec(c, m.__dict__)\n    return m.f\n";
  for (std::string Head : {
           "import types\nMT = types.ModuleType\n",
           "import types\nMT = (\n    types.ModuleType\n)\n",
           "import types\nif (MT := types.ModuleType):\n    pass\n",
           "from types import ModuleType as MT\n",
           "from types import (FunctionType,\n    ModuleType as MT)\n",
           "import types\nclass MT(types.ModuleType):\n    pass\n",
           "import types\nclass MT(Base,  # why\n         types.ModuleType):\n    pass\n",
           "import types\nclass MT(Base[')'], types.ModuleType):\n    pass\n",
           "import types\nclass Mid(types.ModuleType): pass\nclass MT(Mid): pass\n",
       }) {
    CAPTURE(Head);
    CHECK(mayHaveFindings(Head + Use));
    checkSound(Head + Use);
  }
  // MOD004 through an alias of new_module.
  CHECK(mayHaveFindings("from imp import new_module as nm\nnm('x')\n"));
  CHECK(mayHaveFindings("import imp\nnm = imp.new_module\nnm('x')\n"));
  checkSound("import imp\nnm = imp.new_module\nnm('x')\n");
  // exec_module needs no namespace value.
  CHECK(mayHaveFindings("import importlib.util as u\nm = u.module_from_spec(s)\n"
                        "s.loader.exec_module(m)\nsys.modules['m'] = m\n"));
}

// Found by review: shapes the analyzer resolves that an earlier prefilter
// (or the analyzer's own gates) missed. Each has a finding.
TEST_CASE("calls, aliases and imports across lines, brackets and strings") {
  for (const char *Text : {
           "import imp\n"
           "register(imp.new_module\n"
           "         (\"plugin\"))\n",
           "exec .5\n",
           "import types\n"
           "def load(src):\n"
           "    m = types.ModuleType(\"p\")\n"
           "    return (eval\n"
           "            (src, m.__dict__))\n",
           "import importlib.util\n"
           "sff, mfs = importlib.util.spec_from_file_location, importlib.util.module_from_spec\n"
           "def load(path):\n"
           "    spec = sff(\"plugin\", path)\n"
           "    m = mfs(spec)\n"
           "    spec.loader.exec_module(m)\n"
           "    return m\n",
           "import types\n"
           "class Plugin[T](types.ModuleType):\n"
           "    pass\n"
           "def load(src):\n"
           "    m = Plugin(\"p\")\n"
           "    exec(src, m.__dict__)\n"
           "    return m.run\n",
           "from importlib.util import (\n"
           "    spec_from_file_location,\n"
           "    module_from_spec\n"
           "    as mfs,\n"
           ")\n"
           "def load(path):\n"
           "    spec = spec_from_file_location(\"plugin\", path)\n"
           "    m = mfs(spec)\n"
           "    spec.loader.exec_module(m)\n"
           "    return m\n",
           "import types\n"
           "def load():\n"
           "    m = types.ModuleType(\"p\")\n"
           "    exec(\"s = ')'\\ndef run(): return s\", m.__dict__)\n"
           "    return m.run\n",
           "if True: import json\n"
           "def load(src):\n"
           "    m = type(json)(\"p\")\n"
           "    exec(src, m.__dict__)\n"
           "    return m.run\n",
           "exec (\"x = ')'\"\n"
           "      \"y = 2\") in ns\n",
           "import sys\n"
           "T = type\n"
           "def load(src):\n"
           "    m = T(sys)(\"p\")\n"
           "    exec(src, m.__dict__)\n"
           "    return m.run\n",
           "import sys\n"
           "def load(src):\n"
           "    m = type((sys))(\"p\")\n"
           "    exec(src, m.__dict__)\n"
           "    return m.run\n",
       }) {
    CAPTURE(Text);
    CHECK(!test::findings(Text, "py312").empty());
    checkSound(Text);
  }
}

TEST_CASE("exec with the module itself as globals populates nothing") {
  // RULES.md: only a namespace value is populated by exec (and the module
  // object as globals is a TypeError).
  CHECK(test::findings("import types\ndef load(src):\n    m = types.ModuleType('p')\n"
                       "    exec(src, m)\n    return m.run\n")
            .empty());
}
