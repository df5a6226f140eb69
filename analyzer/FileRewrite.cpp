#include "analyzer/FileRewrite.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace llvm;

namespace modlint {

namespace {
BeforeReplaceHook Hook = nullptr;
} // namespace

void setBeforeReplaceHook(BeforeReplaceHook H) { Hook = H; }

Error writeFileAtomically(StringRef LinkPath, StringRef Text) {
  if (Hook)
    Hook(LinkPath);
  // Through a symlink, the file it points to is rewritten and the link kept.
  SmallString<256> Path;
  if (std::error_code EC = sys::fs::real_path(LinkPath, Path))
    return createStringError(EC, "cannot resolve: %s", EC.message().c_str());
  sys::fs::file_status Status;
  if (std::error_code EC = sys::fs::status(Path, Status))
    return createStringError(EC, "cannot stat: %s", EC.message().c_str());
  SmallString<256> Model(sys::path::parent_path(Path));
  sys::path::append(Model, ".modlint-%%%%%%%%.tmp");
  int FD = -1;
  SmallString<256> Tmp;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Tmp))
    return createStringError(EC, "cannot create a temporary file beside it: %s",
                             EC.message().c_str());
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close(); // a full disk may only show at close
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Tmp);
      return createStringError(EC, "cannot write the fixed file: %s", EC.message().c_str());
    }
  }
  if (std::error_code EC = sys::fs::setPermissions(Tmp, Status.permissions())) {
    sys::fs::remove(Tmp);
    return createStringError(EC, "cannot keep the file's mode: %s", EC.message().c_str());
  }
  // Keep the owner too where allowed (root fixing another user's file); a
  // user who may not change it writes a file of their own, as editors do.
  if (::chown(Tmp.c_str(), Status.getUser(), Status.getGroup()) != 0 && ::geteuid() == 0) {
    std::error_code EC(errno, std::generic_category());
    sys::fs::remove(Tmp);
    return createStringError(EC, "cannot keep the file's owner: %s", EC.message().c_str());
  }
  if (std::error_code EC = sys::fs::rename(Tmp, Path)) {
    sys::fs::remove(Tmp);
    return createStringError(EC, "cannot replace the file: %s", EC.message().c_str());
  }
  return Error::success();
}

} // namespace modlint
