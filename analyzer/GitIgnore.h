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
  bool ignored(llvm::StringRef AbsPath, bool IsDirectory);

private:
  git_repository *repositoryFor(llvm::StringRef AbsDir);
  std::map<std::string, git_repository *> ByDir; ///< null: not in a work tree
  std::map<std::string, git_repository *> ByWorkdir;
};

} // namespace modlint

#endif
