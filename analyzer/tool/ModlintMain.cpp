// The `modlint` command: parses the command line and runs the driver with
// every rule of the registry.
#include "analyzer/CommandLine.h"
#include "analyzer/DisplayText.h"
#include "analyzer/Driver.h"
#ifdef MODLINT_TEST_HOOKS
#include "analyzer/FileRewrite.h"
#endif
#include "analyzer/Memory.h"
#include "analyzer/Version.h"
#include "rules/RuleRegistry.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

#ifdef MODLINT_TEST_HOOKS
#include <csignal>
#include <cstdlib>
#endif

using namespace modlint;

int main(int argc, char **argv) {
  modlint::tuneAllocator();
  llvm::InitLLVM X(argc, argv);
#ifdef MODLINT_TEST_HOOKS
  // tests/fixwrite's binary only: stop before each file is replaced, for the
  // test to swap, edit or signal it at that moment and then continue us.
  if (std::getenv("MODLINT_TEST_STOP_BEFORE_REPLACE"))
    setBeforeReplaceHook([](llvm::StringRef) { std::raise(SIGSTOP); });
#endif
  std::vector<std::string> Args(argv + 1, argv + argc);
  Invocation Inv = parseCommandLine(Args);
  llvm::raw_ostream &Out = llvm::outs();
  llvm::raw_ostream &Err = llvm::errs();
  if (!Inv.Error.empty()) {
    Err << "modlint: error: " << shown(Inv.Error) << "\n";
    return ExitError;
  }
  switch (Inv.What) {
  case Invocation::Help:
    Out << helpText();
    return ExitClean;
  case Invocation::Version:
    Out << "modlint " << ToolVersion << "\n";
    return ExitClean;
  case Invocation::ListRules:
    Out << llvm::formatv("{0,-8} {1,-28} {2,-8} {3}\n", "code", "name", "level", "fix");
    for (const Rule *R : allRules()) {
      const RuleInfo &I = R->info();
      Out << llvm::formatv("{0,-8} {1,-28} {2,-8} {3}\n", I.Code, I.Name, levelName(I.DefaultLevel),
                           I.FixSafety ? applicabilityName(*I.FixSafety) : "none");
    }
    return ExitClean;
  case Invocation::ShowRule: {
    const Rule *R = findRule(Inv.RuleCode);
    if (!R) {
      Err << "modlint: error: no rule '" << Inv.RuleCode << "' (see modlint rule --all)\n";
      return ExitError;
    }
    Out << R->info().Doc;
    return ExitClean;
  }
  case Invocation::RunCheck:
    break;
  }
  return runCheck(Inv.Check, allRules(), Out, Err);
}
