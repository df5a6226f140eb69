#include "analyzer/ProjectRoot.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace modlint {

std::string projectRoot(StringRef AbsDir) {
  for (StringRef D = AbsDir; !D.empty(); D = sys::path::parent_path(D)) {
    SmallString<256> Git(D);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return D.str();
    if (D == sys::path::parent_path(D))
      break;
  }
  return AbsDir.str();
}

std::string pathUnderRoot(StringRef Path, StringRef WorkingDirectory, StringRef Root) {
  SmallString<256> Abs(Path);
  if (!sys::path::is_absolute(Abs) && !WorkingDirectory.empty()) {
    Abs = WorkingDirectory;
    sys::path::append(Abs, Path);
  }
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  StringRef Rel = Abs;
  if (!Root.empty() && Rel.consume_front(Root) && (Root.endswith("/") || Rel.consume_front("/")))
    return Rel.str();
  return Abs.str().str();
}

} // namespace modlint
