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
  modlint server                        the language server (LSP on stdio)

Options:
  --output-format=FORMAT   text (default), concise, json, json-lines, sarif,
                           github, gitlab, junit
  -o, --output-file=PATH   write the report to PATH (whole, or not at all)
  -q, --quiet              print findings and errors only (no summary)
  --show-files             list the files a check would lint, and stop
  --show-settings          print the settings of the first such file, and stop
  --fix                    apply safe fixes
  --unsafe-fixes           with --fix or --diff, also apply unsafe fixes
  --diff                   print the fixes as a unified diff; write nothing
  --add-noqa               add '# noqa: CODE' to every line with a finding
  --statistics             print the number of findings per code
  --select=CODES           enable only these codes or prefixes (ALL for all)
  --extend-select=CODES    enable these in addition
  --ignore=CODES           disable these codes or prefixes
  --per-file-ignores=GLOB:CODES  disable codes for files matching GLOB
  --target-version=VER     py27, py33 ... py314 (default: what requires-python
                           of the closest pyproject.toml allows, else py310)
  --exclude=GLOBS          replace the excluded paths (default: Ruff's list)
  --extend-exclude=GLOBS   exclude these as well
  --force-exclude          apply excludes to paths named on the command line
  --no-respect-gitignore   lint files that .gitignore ignores
  --config=PATH            use this pyproject.toml or modlint.toml for every file
  --isolated               ignore every config file
  --exit-zero              exit 0 even when findings remain
  --exit-non-zero-on-fix   exit 1 when a fix was applied, even if none remain
  --threads=N              worker threads (default: every core)
  --no-prefilter           parse every file, even those no rule can fire on
  --stdin-filename=NAME    with PATH '-': lint standard input as NAME
  --version                print the version
  -h, --help               print this help

Configuration: [tool.modlint] in pyproject.toml, or modlint.toml, the closest
one above each file: select, ignore, extend-select, exclude, extend-exclude,
per-file-ignores, target-version, respect-gitignore, output-format.

Exit status: 0 no findings, 1 findings, a syntax-error included (with --diff:
fixes to apply), 2 usage error (an unknown rule code included), or a file that
could not be read or written.
)";
}

namespace {

void splitList(StringRef V, std::vector<std::string> &Out, bool Upper = true) {
  SmallVector<StringRef, 4> Parts;
  V.split(Parts, ',', -1, false);
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(Upper ? P.trim().upper() : P.trim().str());
}

} // namespace

Invocation parseCommandLine(ArrayRef<std::string> Args) {
  Invocation Inv;
  CheckOptions &C = Inv.Check;
  size_t I = 0;
  if (!Args.empty() && Args[0] == "check") {
    I = 1;
  } else if (!Args.empty() && Args[0] == "server") {
    // vscode-languageclient appends --stdio: what the server does anyway.
    if (Args.size() == 1 || (Args.size() == 2 && Args[1] == "--stdio"))
      Inv.What = Invocation::Server;
    else
      Inv.Error = "usage: modlint server (LSP on standard input and output; settings come "
                  "from the editor)";
    return Inv;
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
    // Plain variables, not a structured binding: lambdas below capture them.
    std::pair<StringRef, StringRef> FlagAndValue = A.split('=');
    StringRef Flag = FlagAndValue.first, Inline = FlagAndValue.second;
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
    // Switches.
    bool *Switch = StringSwitch<bool *>(Flag)
                       .Case("--fix", &C.Fix)
                       .Case("--unsafe-fixes", &C.UnsafeFixes)
                       .Case("--diff", &C.Diff)
                       .Case("--add-noqa", &C.AddNoqa)
                       .Case("--statistics", &C.Statistics)
                       .Case("--exit-zero", &C.ExitZero)
                       .Case("--exit-non-zero-on-fix", &C.ExitNonZeroOnFix)
                       .Case("--force-exclude", &C.ForceExclude)
                       .Case("--isolated", &C.Isolated)
                       .Cases("--quiet", "-q", &C.Quiet)
                       .Case("--show-files", &C.ShowFiles)
                       .Case("--show-settings", &C.ShowSettings)
                       .Default(nullptr);
    if (Switch) {
      if (!NoValue())
        return Inv;
      *Switch = true;
      continue;
    }
    if (Flag == "--no-prefilter" || Flag == "--no-respect-gitignore" ||
        Flag == "--respect-gitignore" || Flag == "--no-force-exclude") {
      if (!NoValue())
        return Inv;
      if (Flag == "--no-prefilter")
        C.Prefilter = false;
      else if (Flag == "--no-force-exclude")
        C.ForceExclude = false;
      else
        C.RespectGitignore = Flag == "--respect-gitignore";
      continue;
    }
    // Options with a value.
    if (!StringSwitch<bool>(Flag)
             .Cases("--output-format", "--target-version", "--select", "--extend-select", true)
             .Cases("--ignore", "--per-file-ignores", "--exclude", "--extend-exclude", true)
             .Cases("--config", "--threads", "--stdin-filename", "--output-file", "-o", true)
             .Default(false)) {
      Inv.Error = ("unknown option " + Flag + " (see modlint --help)").str();
      return Inv;
    }
    if (!Value(V))
      return Inv;
    if (Flag == "--output-format") {
      auto F = parseOutputFormat(V);
      if (!F) {
        Inv.Error = "unknown output format '" + V +
                    "' (expected text, concise, json, json-lines, sarif, github, gitlab or junit)";
        return Inv;
      }
      C.Format = *F;
    } else if (Flag == "--target-version") {
      auto T = TargetVersion::parse(V);
      if (!T) {
        Inv.Error = "unknown target version '" + V + "' (expected py27, py33 ... py314)";
        return Inv;
      }
      C.Target = *T;
    } else if (Flag == "--select") {
      C.Select.emplace();
      splitList(V, *C.Select);
    } else if (Flag == "--extend-select") {
      splitList(V, C.ExtendSelect);
    } else if (Flag == "--ignore") {
      splitList(V, C.Ignore);
    } else if (Flag == "--per-file-ignores") {
      if (!StringRef(V).contains(':')) {
        Inv.Error = "--per-file-ignores takes GLOB:CODES, not '" + V + "'";
        return Inv;
      }
      C.PerFileIgnores.push_back(V);
    } else if (Flag == "--exclude") {
      C.Exclude.emplace();
      splitList(V, *C.Exclude, false);
    } else if (Flag == "--extend-exclude") {
      splitList(V, C.ExtendExclude, false);
    } else if (Flag == "--config") {
      C.ConfigPath = V;
    } else if (Flag == "--threads") {
      unsigned N = 0;
      if (StringRef(V).getAsInteger(10, N) || N == 0 || N > 1024) {
        Inv.Error = "--threads takes a whole number from 1 to 1024, not '" + V + "'";
        return Inv;
      }
      C.Threads = N;
    } else if (Flag == "--stdin-filename") {
      C.StdinFilename = V;
    } else if (Flag == "--output-file" || Flag == "-o") {
      if (V.empty()) {
        Inv.Error = "--output-file needs a path";
        return Inv;
      }
      C.OutputFile = V;
    }
  }
  if (C.Paths.empty())
    C.Paths.push_back(C.StdinFilename.empty() ? "." : "-");
  if (C.Paths.size() > 1 && std::find(C.Paths.begin(), C.Paths.end(), "-") != C.Paths.end())
    Inv.Error = "'-' (standard input) cannot be combined with other paths";
  if (C.UnsafeFixes && !C.Fix && !C.Diff)
    Inv.Error = "--unsafe-fixes applies with --fix or --diff";
  if (C.ConfigPath && C.Isolated)
    Inv.Error = "--config and --isolated exclude each other";
  if (C.AddNoqa && (C.Fix || C.Diff))
    Inv.Error = "--add-noqa cannot be combined with --fix or --diff";
  return Inv;
}

} // namespace modlint
