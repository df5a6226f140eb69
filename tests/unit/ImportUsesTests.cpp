#include "analyzer/ModuleLifetime.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {

/// The import removal facts of each imp.new_module site, as
/// "[Begin,End)'Replacement' xReaders" or "none".
std::vector<std::string> removals(llvm::StringRef Text) {
  SourceFile Source = SourceFile::fromText("t.py", Text);
  SyntaxParser Parser;
  SyntaxTree Tree(Parser, Source);
  SemanticModel Model(Tree);
  ModuleLifetime Lifetime(Model);
  std::vector<std::string> Out;
  for (const CreationSite &S : Lifetime.sites()) {
    if (S.Kind != CreationKind::ImpNewModule)
      continue;
    const auto &R = S.RemoveImport;
    Out.push_back(!R ? "none"
                     : "[" + std::to_string(R->Begin) + "," + std::to_string(R->End) + ")'" +
                           R->Replacement + "' x" + std::to_string(R->Readers));
  }
  return Out;
}

using V = std::vector<std::string>;

} // namespace

TEST_CASE("an import read only by new_module calls: its line, and how many calls read it") {
  CHECK(removals("import imp\nm = imp.new_module('m')\n") == V{"[0,11)'' x1"});
  CHECK(removals("import imp as i\na = i.new_module('a')\nb = (i).new_module('b')\n") ==
        V{"[0,16)'' x2", "[0,16)'' x2"});
  CHECK(removals("from imp import new_module as nm\nm = nm('m')\n") == V{"[0,33)'' x1"});
  // Without a line break at the end of the file: up to the end.
  CHECK(removals("import imp\r\nm = imp.new_module('m')") == V{"[0,12)'' x1"});
}

TEST_CASE("one name of several: the name and one comma") {
  CHECK(removals("import imp, os\nm = imp.new_module('m')\nos.sep\n") == V{"[7,12)'' x1"});
  CHECK(removals("import os, imp\nm = imp.new_module('m')\nos.sep\n") == V{"[9,14)'' x1"});
  CHECK(removals("from imp import (\n    reload,\n    new_module,\n)\nnew_module('m')\nreload\n") ==
        V{"[30,46)'' x1"});
  // A comment between the names may be about the other one: no edit.
  CHECK(removals("from imp import (reload,  # keep\n    new_module)\nnew_module('m')\nreload\n") ==
        V{"none"});
}

TEST_CASE("statements sharing a line, and the only statement of a block") {
  CHECK(removals("import imp; m = imp.new_module('m')\n") == V{"[0,12)'' x1"});
  CHECK(removals("x = 1; import imp\nm = imp.new_module('m')\n") == V{"[5,17)'' x1"});
  // Continued from the line before: still joined to it by the `;`.
  CHECK(removals("x = 1; \\\nimport imp\nm = imp.new_module('m')\n") == V{"[5,19)'' x1"});
  CHECK(removals("try:\n    import imp\nexcept ImportError:\n    pass\nimp.new_module('m')\n") ==
        V{"[9,19)'pass' x1"});
}

TEST_CASE("any other reader keeps the import") {
  CHECK(removals("import imp\nm = imp.new_module('m')\nimp.reload(m)\n") == V{"none"});
  CHECK(removals("import imp\nm = imp.new_module('m')\ndel imp\n") == V{"none"});
  CHECK(removals("import imp\nm = imp.new_module('m')\n__all__ = ['imp']\n") == V{"none"});
  CHECK(removals("from imp import new_module\nf = new_module\nm = new_module('m')\n") == V{"none"});
  // Through a plain alias the callee reads the alias, not the import.
  CHECK(removals("import imp\nnm = imp.new_module\nm = nm('m')\n") == V{"none"});
  // Bound twice in its scope: which binding a call sees depends on the run.
  CHECK(removals("imp = None\nimport imp\nm = imp.new_module('m')\n") == V{"none"});
}

TEST_CASE("names that do not read the import, and imports in other scopes") {
  CHECK(removals("import imp\nm = imp.new_module('m')\nx.imp = f(imp=1)\n") == V{"[0,11)'' x1"});
  // The function's own import is read by its call; the file's import by nothing.
  CHECK(removals("import imp\ndef f():\n    import imp\n    return imp.new_module('m')\n") ==
        V{"[20,35)'' x1"});
}

TEST_CASE("a read in a line the parser cannot read still keeps the import") {
  CHECK(removals("import imp\nm = imp.new_module('m')\nx = imp.reload(m) $\n") == V{"none"});
  CHECK(removals("import imp\nm = imp.new_module('m')\nx = 1 $\n") == V{"[0,11)'' x1"});
}
