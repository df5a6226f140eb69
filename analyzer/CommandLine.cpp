#include "analyzer/CommandLine.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace modlint {

const char *helpText() {
  return R"(modlint: finds module objects made at run time that die while code they
defined lives on, and fixes them.

Usage:
  modlint check [OPTIONS] [PATH]...     lint files and directories (default: .)
  modlint [OPTIONS] [PATH]...           the same (flake8's spelling)
  modlint rule CODE                     print a rule's documentation
  modlint rule --all                    list every rule

Options:
  --output-format=FORMAT   text (default), concise, sarif
  --fix                    apply safe fixes
  --unsafe-fixes           with --fix or --diff, also apply unsafe fixes
  --diff                   print the fixes as a unified diff; write nothing
  --select=CODES           enable only these codes or prefixes (ALL for all)
  --ignore=CODES           disable these codes or prefixes
  --target-version=VER     py27, py33 ... py314 (default: py310)
  --exit-zero              exit 0 even when findings remain
  --threads=N              worker threads (default: every core)
  --no-prefilter           parse every file, even those no rule can fire on
  --stdin-filename=NAME    with PATH '-': lint standard input as NAME
  --version                print the version
  -h, --help               print this help

Exit status: 0 no findings, 1 findings (with --diff: fixes to apply),
2 usage error, or a file that could not be read or written.
)";
}

namespace {

void splitList(StringRef V, std::vector<std::string> &Out) {
  SmallVector<StringRef, 4> Parts;
  V.split(Parts, ',', -1, false);
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().upper());
}

} // namespace

Invocation parseCommandLine(ArrayRef<std::string> Args) {
  Invocation Inv;
  CheckOptions &C = Inv.Check;
  size_t I = 0;
  if (!Args.empty() && Args[0] == "check") {
    I = 1;
  } else if (!Args.empty() && Args[0] == "rule") {
    if (Args.size() == 2 && Args[1] == "--all") {
      Inv.What = Invocation::ListRules;
    } else if (Args.size() == 2 && !StringRef(Args[1]).startswith("-")) {
      Inv.What = Invocation::ShowRule;
      Inv.RuleCode = Args[1];
    } else {
      Inv.Error = "usage: modlint rule CODE | modlint rule --all";
    }
    return Inv;
  }
  bool OnlyPaths = false;
  for (; I < Args.size(); ++I) {
    StringRef A = Args[I];
    if (OnlyPaths || !A.startswith("-") || A == "-") {
      C.Paths.push_back(A.str());
      continue;
    }
    if (A == "--") {
      OnlyPaths = true;
      continue;
    }
    auto [Flag, Inline] = A.split('=');
    bool HasInline = A.contains('=');
    auto Value = [&](std::string &V) {
      if (HasInline) {
        V = Inline.str();
        return true;
      }
      if (I + 1 >= Args.size()) {
        Inv.Error = ("option " + Flag + " needs a value").str();
        return false;
      }
      V = Args[++I];
      return true;
    };
    auto NoValue = [&]() {
      if (HasInline)
        Inv.Error = ("option " + Flag + " takes no value").str();
      return !HasInline;
    };
    std::string V;
    if (Flag == "-h" || Flag == "--help") {
      Inv.What = Invocation::Help;
      return Inv;
    }
    if (Flag == "--version") {
      Inv.What = Invocation::Version;
      return Inv;
    }
    if (Flag == "--fix") {
      if (!NoValue())
        return Inv;
      C.Fix = true;
    } else if (Flag == "--unsafe-fixes") {
      if (!NoValue())
        return Inv;
      C.UnsafeFixes = true;
    } else if (Flag == "--diff") {
      if (!NoValue())
        return Inv;
      C.Diff = true;
    } else if (Flag == "--exit-zero") {
      if (!NoValue())
        return Inv;
      C.ExitZero = true;
    } else if (Flag == "--no-prefilter") {
      if (!NoValue())
        return Inv;
      C.Prefilter = false;
    } else if (Flag == "--output-format") {
      if (!Value(V))
        return Inv;
      auto F = StringSwitch<std::optional<OutputFormat>>(V)
                   .Case("text", OutputFormat::Text)
                   .Case("full", OutputFormat::Text)
                   .Case("concise", OutputFormat::Concise)
                   .Case("sarif", OutputFormat::Sarif)
                   .Default(std::nullopt);
      if (!F) {
        Inv.Error = "unknown output format '" + V + "' (expected text, concise or sarif)";
        return Inv;
      }
      C.Format = *F;
    } else if (Flag == "--target-version") {
      if (!Value(V))
        return Inv;
      auto T = TargetVersion::parse(V);
      if (!T) {
        Inv.Error = "unknown target version '" + V + "' (expected py27, py33 ... py314)";
        return Inv;
      }
      C.Target = *T;
    } else if (Flag == "--select") {
      if (!Value(V))
        return Inv;
      splitList(V, C.Select);
    } else if (Flag == "--ignore") {
      if (!Value(V))
        return Inv;
      splitList(V, C.Ignore);
    } else if (Flag == "--threads") {
      if (!Value(V))
        return Inv;
      unsigned N = 0;
      if (StringRef(V).getAsInteger(10, N) || N == 0 || N > 1024) {
        Inv.Error = "--threads takes a whole number from 1 to 1024, not '" + V + "'";
        return Inv;
      }
      C.Threads = N;
    } else if (Flag == "--stdin-filename") {
      if (!Value(V))
        return Inv;
      C.StdinFilename = V;
    } else {
      Inv.Error = ("unknown option " + Flag + " (see modlint --help)").str();
      return Inv;
    }
  }
  if (C.Paths.empty())
    C.Paths.push_back(C.StdinFilename.empty() ? "." : "-");
  if (C.Paths.size() > 1 && std::find(C.Paths.begin(), C.Paths.end(), "-") != C.Paths.end())
    Inv.Error = "'-' (standard input) cannot be combined with other paths";
  if (C.UnsafeFixes && !C.Fix && !C.Diff)
    Inv.Error = "--unsafe-fixes applies with --fix or --diff";
  return Inv;
}

} // namespace modlint
