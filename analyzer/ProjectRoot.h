#ifndef MODLINT_ANALYZER_PROJECTROOT_H
#define MODLINT_ANALYZER_PROJECTROOT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace modlint {

/// The root of the git work tree holding \p AbsDir: the closest directory
/// with a `.git` entry (a directory, or the file of a worktree or
/// submodule); \p AbsDir itself outside any. Machine formats give paths
/// relative to it, so that a file has one name wherever modlint runs.
std::string projectRoot(llvm::StringRef AbsDir);

/// \p Path with `.` and `..` resolved lexically against \p WorkingDirectory
/// (absolute): relative to \p Root when under it, else absolute. `a.py`,
/// `./a.py` and `$PWD/a.py` are one name.
std::string pathUnderRoot(llvm::StringRef Path, llvm::StringRef WorkingDirectory,
                          llvm::StringRef Root);

} // namespace modlint

#endif
