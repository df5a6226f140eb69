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
#include "analyzer/server/Server.h"
#include "rules/RuleRegistry.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#ifdef MODLINT_TEST_HOOKS
#include <csignal>
#include <cstdlib>
#endif

using namespace modlint;

namespace {
/// A closed standard descriptor would be handed to the next file opened:
/// the report would go into a file being fixed. /dev/null, opened read-only,
/// takes its place, so that writing to it fails as writing to a closed one.
void occupyClosedStandardDescriptors() {
  for (int FD = 0; FD <= 2; ++FD)
    if (::fcntl(FD, F_GETFD) == -1 && errno == EBADF) {
      int New = ::open("/dev/null", O_RDONLY);
      if (New >= 0 && New != FD) { // another was closed below it: it took that
        ::dup2(New, FD);
        ::close(New);
      }
    }
}

/// The exit status once the report is out: an error writing it (a full
/// disk, a closed standard output) is said on standard error, exit 2. The
/// streams' errors are cleared either way: LLVM aborts at exit otherwise.
int finish(int Status, llvm::raw_fd_ostream &Out, llvm::raw_fd_ostream &Err) {
  Out.flush();
  if (Out.has_error()) {
    Err << "modlint: error: cannot write the report: " << Out.error().message() << "\n";
    Out.clear_error();
    Status = ExitError;
  }
  Err.flush();
  Err.clear_error(); // nowhere left to say it
  return Status;
}

int run(const Invocation &Inv, llvm::raw_ostream &Out, llvm::raw_ostream &Err);
} // namespace

int main(int argc, char **argv) {
  occupyClosedStandardDescriptors();
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
  int Status = run(Inv, llvm::outs(), llvm::errs());
  return finish(Status, llvm::outs(), llvm::errs());
}

namespace {
int run(const Invocation &Inv, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
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
  case Invocation::Server:
    return server::runServer(allRules(), STDIN_FILENO, STDOUT_FILENO);
  case Invocation::RunCheck:
    break;
  }
  return runCheck(Inv.Check, allRules(), Out, Err);
}
} // namespace
