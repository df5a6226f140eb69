#include "analyzer/GitProcess.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <vector>

extern char **environ;

using namespace llvm;

namespace modlint {

namespace {

/// The environment without the variables that name one repository's
/// directories (pre-commit's own git calls drop them too); GIT_CONFIG_* and
/// GIT_EXEC_PATH stay, they configure git itself.
const std::vector<std::string> &childEnvironment() {
  static const std::vector<std::string> Env = [] {
    std::vector<std::string> E;
    for (char **V = environ; *V; ++V) {
      StringRef Var(*V);
      bool Keep = !Var.startswith("GIT_") || Var.startswith("GIT_CONFIG") ||
                  Var.startswith("GIT_EXEC_PATH=");
      if (Keep)
        E.push_back(Var.str());
    }
    return E;
  }();
  return Env;
}

Expected<std::string> readAll(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read git's output: " + Path);
  return (*Buf)->getBuffer().str();
}

} // namespace

Expected<GitOutput> runGit(StringRef Dir, ArrayRef<StringRef> Args, StringRef Input) {
  static std::once_flag Once;
  static ErrorOr<std::string> Git = std::error_code();
  std::call_once(Once, [] { Git = sys::findProgramByName("git"); });
  if (!Git)
    return createStringError(Git.getError(), "git is not on PATH");

  // Temporary files, not pipes: git's output may be megabytes, and LLVM's
  // process API redirects to paths.
  SmallString<128> In, Out, Err;
  for (auto *P : {&In, &Out, &Err})
    if (std::error_code EC = sys::fs::createTemporaryFile("modlint-git", "", *P))
      return createStringError(EC, "cannot create a temporary file for git: " + EC.message());
  FileRemover RmIn(In), RmOut(Out), RmErr(Err);
  if (!Input.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(In, EC);
    OS << Input;
    OS.close();
    if (EC || OS.has_error())
      return createStringError(EC, "cannot write git's input to " + In);
  }

  SmallVector<StringRef, 12> Argv = {*Git, "-C", Dir};
  Argv.append(Args.begin(), Args.end());
  const std::vector<std::string> &EnvStrings = childEnvironment();
  std::vector<StringRef> Env(EnvStrings.begin(), EnvStrings.end());
  Optional<StringRef> Redirects[] = {StringRef(In), StringRef(Out), StringRef(Err)};
  std::string ErrMsg;
  GitOutput R;
  R.Exit = sys::ExecuteAndWait(*Git, Argv, ArrayRef<StringRef>(Env), Redirects, 0, 0, &ErrMsg);
  if (R.Exit < 0)
    return createStringError(inconvertibleErrorCode(), "cannot run git: " + ErrMsg);
  auto O = readAll(Out);
  if (!O)
    return O.takeError();
  auto E = readAll(Err);
  if (!E)
    return E.takeError();
  R.Out = std::move(*O);
  R.Err = std::move(*E);
  return R;
}

} // namespace modlint
