#include "analyzer/GitIgnore.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <git2.h>

using namespace llvm;

namespace modlint {

GitIgnore::GitIgnore() { git_libgit2_init(); }

GitIgnore::~GitIgnore() {
  for (auto &[Dir, Repo] : ByWorkdir)
    git_repository_free(Repo);
  git_libgit2_shutdown();
}

git_repository *GitIgnore::repositoryFor(StringRef AbsDir, bool Walked) {
  auto It = ByDir.find(AbsDir.str());
  if (It != ByDir.end())
    return It->second;
  // A directory met by the walk (never a link) belongs to its parent's
  // repository unless it holds a `.git` of its own (a nested repository, a
  // submodule): one stat instead of libgit2's search up to the root, with
  // a realpath, for every directory.
  if (Walked) {
    auto P = ByDir.find(sys::path::parent_path(AbsDir).str());
    SmallString<256> Dot(AbsDir);
    sys::path::append(Dot, ".git");
    if (P != ByDir.end() && !sys::fs::exists(Dot)) {
      ByDir[AbsDir.str()] = P->second;
      return P->second;
    }
  }
  git_repository *Repo = nullptr;
  git_repository *Result = nullptr;
  if (git_repository_open_ext(&Repo, AbsDir.str().c_str(), 0, nullptr) == 0) {
    const char *Workdir = git_repository_workdir(Repo);
    if (!Workdir) {
      git_repository_free(Repo); // a bare repository ignores nothing here
    } else {
      auto [W, Inserted] = ByWorkdir.try_emplace(Workdir, Repo);
      if (!Inserted)
        git_repository_free(Repo);
      Result = W->second;
    }
  }
  ByDir[AbsDir.str()] = Result;
  return Result;
}

void GitIgnore::forgetBelow(StringRef AbsDir) {
  StringRef Base = AbsDir.rtrim('/'); // the root: everything
  // Keys below are those in [Base + "/", Base + "0"): '0' follows '/'.
  ByDir.erase(ByDir.lower_bound((Base + "/").str()), ByDir.lower_bound((Base + "0").str()));
}

bool GitIgnore::ignored(StringRef AbsPath, bool IsDirectory, bool Walked) {
  git_repository *Repo =
      repositoryFor(IsDirectory ? AbsPath : sys::path::parent_path(AbsPath), Walked);
  if (!Repo)
    return false;
  StringRef Workdir = git_repository_workdir(Repo);
  if (!AbsPath.startswith(Workdir.rtrim('/')))
    return false;
  std::string Rel = AbsPath.drop_front(Workdir.rtrim('/').size()).ltrim('/').str();
  if (Rel.empty() || Rel == ".git" || StringRef(Rel).startswith(".git/"))
    return false;
  if (IsDirectory)
    Rel += "/";
  int Ignored = 0;
  if (git_ignore_path_is_ignored(&Ignored, Repo, Rel.c_str()) != 0)
    return false;
  return Ignored == 1;
}

} // namespace modlint
