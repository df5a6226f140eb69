#include "analyzer/FileDiscovery.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

namespace {

bool skipDirectory(StringRef Dir) {
  StringRef Name = sys::path::filename(Dir);
  if (Name.startswith(".") && Name != "." && Name != "..")
    return true;
  if (Name == "__pycache__" || Name == "node_modules")
    return true;
  SmallString<256> Cfg(Dir);
  sys::path::append(Cfg, "pyvenv.cfg");
  return sys::fs::exists(Cfg);
}

bool isPythonFile(StringRef Path) {
  return Path.endswith(".py") || Path.endswith(".pyi");
}

} // namespace

DiscoveredFiles discoverFiles(ArrayRef<std::string> Paths) {
  DiscoveredFiles Out;
  for (const std::string &P : Paths) {
    sys::fs::file_status St;
    if (std::error_code EC = sys::fs::status(P, St)) {
      Out.Errors.push_back({P, EC.message()});
      continue;
    }
    if (St.type() != sys::fs::file_type::directory_file) {
      Out.Files.push_back(P);
      continue;
    }
    std::vector<std::string> Found;
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(P, EC, /*follow_symlinks=*/false), End;
         It != End; It.increment(EC)) {
      if (EC) {
        Out.Errors.push_back({It->path(), EC.message()});
        EC.clear();
        continue;
      }
      StringRef Path = It->path();
      sys::fs::file_type Type = It->type();
      if (Type == sys::fs::file_type::symlink_file) {
        // A symlinked file counts; a symlinked directory is not entered.
        sys::fs::file_status Target;
        if (sys::fs::status(Path, Target) || !sys::fs::is_regular_file(Target))
          continue;
        Type = sys::fs::file_type::regular_file;
      }
      if (Type == sys::fs::file_type::directory_file) {
        if (skipDirectory(Path))
          It.no_push();
        continue;
      }
      if (Type == sys::fs::file_type::regular_file && isPythonFile(Path))
        Found.push_back(Path.str());
    }
    if (EC)
      Out.Errors.push_back({P, EC.message()});
    std::sort(Found.begin(), Found.end());
    Out.Files.insert(Out.Files.end(), Found.begin(), Found.end());
  }
  return Out;
}

} // namespace modlint
