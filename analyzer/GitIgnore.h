#ifndef MODLINT_ANALYZER_GITIGNORE_H
#define MODLINT_ANALYZER_GITIGNORE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>
#include <vector>

namespace modlint {

/// `.gitignore` semantics from git itself, so they are exact (nested ignore
/// files, negation, global excludes, tracked files): a directory walked
/// inside a work tree takes the list of `git ls-files --cached --others
/// --exclude-standard`; paths named on the command line ask `git
/// check-ignore`. Outside a work tree nothing is ignored and git is not run.
/// Not thread-safe.
class GitIgnore {
public:
  /// Is \p AbsPath (absolute, without `.`/`..`) ignored by its repository?
  /// \p Walked: found by a directory walk below a root given to enterRoot,
  /// not named on the command line (which may go through links).
  bool ignored(llvm::StringRef AbsPath, bool IsDirectory, bool Walked = false);

  /// Paths named on the command line that ignored() may be asked about:
  /// asked of git together, one call per repository.
  void expectNamed(llvm::ArrayRef<std::string> Paths);

  /// A directory named on the command line is about to be walked; its
  /// repository is found from its real path (it may be or cross a link).
  void enterRoot(llvm::StringRef AbsDir);

  /// The walk of \p AbsDir is over: forget its listings.
  void forgetBelow(llvm::StringRef AbsDir);

  /// Why git could not answer (not installed, refused the repository);
  /// empty while all is well. The run stops on it.
  const std::string &error() const { return Error; }

private:
  /// One `git ls-files` of a walked directory, loaded when first needed.
  struct Listing {
    std::string Dir;     ///< absolute, as walked
    bool InRepo = false; ///< false: outside any work tree, nothing ignored
    bool Loaded = false;
    llvm::StringSet<> Files; ///< Python files not ignored, relative to Dir
    llvm::StringSet<> Dirs;  ///< directories holding one ("" is Dir itself)
  };

  Listing *listingFor(llvm::StringRef AbsPath);
  bool load(Listing &L);
  bool namedIgnored(llvm::StringRef AbsPath);
  bool askCheckIgnore(llvm::StringRef Top, llvm::ArrayRef<std::string> Rel,
                      llvm::StringSet<> &IgnoredRel);
  std::optional<std::string> topOf(llvm::StringRef RealDir);
  void fail(const llvm::Twine &Msg);

  std::vector<Listing> Listings;                        ///< innermost last: the walk is depth first
  llvm::StringMap<std::optional<std::string>> TopByDir; ///< real dir -> work tree
  /// Named paths: absolute path -> (work tree, path relative to it).
  llvm::StringMap<std::pair<std::string, std::string>> Named;
  llvm::StringSet<> AskedTops;    ///< work trees whose named paths git has judged
  llvm::StringSet<> NamedIgnored; ///< absolute paths git said are ignored
  std::string Error;
};

} // namespace modlint

#endif
