#ifndef MODLINT_ANALYZER_GITIGNORE_H
#define MODLINT_ANALYZER_GITIGNORE_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>

struct git_repository;

namespace modlint {

/// `.gitignore` semantics through libgit2 (nested ignore files, negation,
/// global excludes), for paths inside any git work tree. Not thread-safe.
class GitIgnore {
public:
  GitIgnore();
  ~GitIgnore();
  GitIgnore(const GitIgnore &) = delete;
  GitIgnore &operator=(const GitIgnore &) = delete;

  /// Is \p AbsPath ignored by the repository it belongs to (false outside one)?
  /// \p Walked: found by a directory walk below an already resolved
  /// directory, not named on the command line (which may go through links).
  bool ignored(llvm::StringRef AbsPath, bool IsDirectory, bool Walked = false);

  /// Resolves a directory named on the command line, which may be or cross
  /// a link, from its real path: the directories walked below it then take
  /// its answer.
  void enterRoot(llvm::StringRef AbsDir) { repositoryFor(AbsDir, /*Walked=*/false); }

  /// Forgets the directories below \p AbsDir (a walk of it is over); the
  /// repositories stay open.
  void forgetBelow(llvm::StringRef AbsDir);

private:
  git_repository *repositoryFor(llvm::StringRef AbsDir, bool Walked);
  std::map<std::string, git_repository *> ByDir; ///< null: not in a work tree
  std::map<std::string, git_repository *> ByWorkdir;
};

} // namespace modlint

#endif
