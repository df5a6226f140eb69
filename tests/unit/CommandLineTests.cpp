#include "analyzer/CommandLine.h"

#include <doctest/doctest.h>

using namespace modlint;

TEST_CASE("Ruff's and flake8's spellings parse alike") {
  Invocation A = parseCommandLine({"check", "--output-format=concise", "--fix", "src"});
  Invocation B = parseCommandLine({"--output-format", "concise", "--fix", "src"});
  for (const Invocation *I : {&A, &B}) {
    CHECK(I->Error.empty());
    CHECK(I->What == Invocation::RunCheck);
    CHECK(I->Check.Format == OutputFormat::Concise);
    CHECK(I->Check.Fix);
    CHECK(I->Check.Paths == std::vector<std::string>{"src"});
  }
}

TEST_CASE("no path means the current directory") {
  CHECK(parseCommandLine({"check"}).Check.Paths == std::vector<std::string>{"."});
}

TEST_CASE("rule subcommand") {
  Invocation I = parseCommandLine({"rule", "MOD001"});
  CHECK(I.What == Invocation::ShowRule);
  CHECK(I.RuleCode == "MOD001");
  CHECK(parseCommandLine({"rule", "--all"}).What == Invocation::ListRules);
  CHECK(!parseCommandLine({"rule"}).Error.empty());
}

TEST_CASE("server is a subcommand; ./server is a path") {
  CHECK(parseCommandLine({"server"}).What == Invocation::Server);
  // vscode-languageclient appends --stdio: it is what the server does anyway.
  CHECK(parseCommandLine({"server", "--stdio"}).What == Invocation::Server);
  CHECK(parseCommandLine({"server", "--port=9"}).Error ==
        "usage: modlint server (LSP on standard input and output; settings come from the "
        "editor)");
  Invocation P = parseCommandLine({"./server"});
  CHECK(P.What == Invocation::RunCheck);
  CHECK(P.Check.Paths == std::vector<std::string>{"./server"});
}

TEST_CASE("usage errors are reported, not guessed") {
  CHECK(!parseCommandLine({"--output-format=xml", "a.py"}).Error.empty());
  CHECK(!parseCommandLine({"--target-version=py26", "a.py"}).Error.empty());
  CHECK(!parseCommandLine({"--threads=0", "a.py"}).Error.empty());
  CHECK(!parseCommandLine({"--frobnicate", "a.py"}).Error.empty());
  CHECK(!parseCommandLine({"--unsafe-fixes", "a.py"}).Error.empty());
  CHECK(!parseCommandLine({"--fix=yes", "a.py"}).Error.empty());
  CHECK(!parseCommandLine({"--select"}).Error.empty());
}

TEST_CASE("selectors and target version") {
  Invocation I = parseCommandLine(
      {"--select=mod001,MOD4", "--ignore", "MOD005", "--target-version=py27", "x.py"});
  CHECK(*I.Check.Select == std::vector<std::string>{"MOD001", "MOD4"});
  CHECK(I.Check.Ignore == std::vector<std::string>{"MOD005"});
  REQUIRE(I.Check.Target);
  CHECK(I.Check.Target->isPython2());
}
