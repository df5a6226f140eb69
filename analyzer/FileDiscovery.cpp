#include "analyzer/FileDiscovery.h"

#include "analyzer/GitIgnore.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

const std::vector<PathGlob> &defaultExcludes() {
  static const std::vector<PathGlob> Globs = [] {
    std::vector<PathGlob> G;
    for (const char *P : {".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg",
                          ".ipynb_checkpoints", ".mypy_cache", ".nox", ".pants.d", ".pytest_cache",
                          ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", "__pypackages__",
                          "_build", "buck-out", "dist", "node_modules", "site-packages", "venv"})
      G.push_back(cantFail(makeGlob(P)));
    return G;
  }();
  return Globs;
}

namespace {

bool isPythonFile(StringRef Path) { return Path.endswith(".py") || Path.endswith(".pyi"); }

class Walker {
public:
  Walker(const DiscoveryOptions &Opts, DiscoveredFiles &Out) : Opts(Opts), Out(Out) {}

  void add(const std::string &P) {
    sys::fs::file_status St;
    if (std::error_code EC = sys::fs::status(P, St)) {
      Out.Errors.push_back({P, EC.message()});
      return;
    }
    bool IsDir = St.type() == sys::fs::file_type::directory_file;
    const Settings *S = configFor(IsDir ? StringRef(P) : sys::path::parent_path(P));
    if (!S)
      return;
    if (Opts.ForceExclude && skipped(P, IsDir, *S))
      return;
    if (!IsDir) {
      Out.Files.push_back({P, S});
      return;
    }
    std::vector<DiscoveredFile> Found;
    walk(P, Found);
    std::sort(Found.begin(), Found.end(),
              [](const DiscoveredFile &A, const DiscoveredFile &B) { return A.Path < B.Path; });
    Out.Files.insert(Out.Files.end(), Found.begin(), Found.end());
  }

private:
  const Settings *configFor(StringRef Dir) {
    auto S = Opts.Configs->forDirectory(Dir.empty() ? "." : Dir);
    if (!S) {
      if (Out.ConfigError.empty())
        Out.ConfigError = toString(S.takeError());
      else
        consumeError(S.takeError());
      return nullptr;
    }
    return *S;
  }

  /// Excluded by globs, gitignore, or being a hidden/cache/venv directory.
  /// \p Walked: reached by the walk, whose directories were checked already.
  bool skipped(StringRef Path, bool IsDir, const Settings &S, bool Walked = false) {
    StringRef Name = sys::path::filename(Path);
    if (IsDir) {
      if (Name.startswith(".") && Name != "." && Name != "..")
        return true;
      if (Name == "__pycache__")
        return true;
      SmallString<256> Cfg(Path);
      sys::path::append(Cfg, "pyvenv.cfg");
      if (sys::fs::exists(Cfg))
        return true;
    }
    SmallString<256> Abs(Path);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);
    StringRef Rel = Abs;
    if (!S.Dir.empty() && Rel.startswith(S.Dir + "/"))
      Rel = Rel.drop_front(S.Dir.size() + 1);
    auto Matches = [&](const std::vector<PathGlob> &Gs) {
      return std::any_of(Gs.begin(), Gs.end(),
                         [&](const PathGlob &G) { return G.matches(Rel, !Walked); });
    };
    const std::vector<PathGlob> &Base =
        Opts.Exclude ? *Opts.Exclude : S.Exclude ? *S.Exclude : defaultExcludes();
    if (Matches(Base) || Matches(S.ExtendExclude) || Matches(Opts.ExtendExclude))
      return true;
    bool Gitignore = Opts.RespectGitignore.value_or(S.RespectGitignore.value_or(true));
    return Gitignore && Git.ignored(Abs, IsDir);
  }

  void walk(StringRef Dir, std::vector<DiscoveredFile> &Found) {
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
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
        if (std::error_code EC = sys::fs::status(Path, Target)) {
          if (isPythonFile(Path))
            Out.Errors.push_back({Path.str(), EC.message()}); // a dangling link
          continue;
        }
        if (sys::fs::is_directory(Target))
          continue;
        Type = Target.type();
      }
      bool IsDir = Type == sys::fs::file_type::directory_file;
      if (!IsDir && !isPythonFile(Path))
        continue;
      if (!IsDir && Type != sys::fs::file_type::regular_file) {
        // A FIFO, socket or device named like Python: say so, never open it.
        Out.Errors.push_back({Path.str(), "not a regular file"});
        continue;
      }
      const Settings *S = configFor(IsDir ? Path : sys::path::parent_path(Path));
      if (!S)
        return;
      if (skipped(Path, IsDir, *S, /*Walked=*/true)) {
        if (IsDir)
          It.no_push();
        continue;
      }
      if (IsDir) {
        // The iterator loses the error of a directory it cannot open (LLVM
        // overwrites it while moving on): try it here to report it.
        std::error_code OpenEC;
        sys::fs::directory_iterator Probe(Path, OpenEC);
        if (OpenEC) {
          Out.Errors.push_back({Path.str(), OpenEC.message()});
          It.no_push();
          continue;
        }
      }
      if (!IsDir)
        Found.push_back({Path.str(), S});
    }
    if (EC)
      Out.Errors.push_back({Dir.str(), EC.message()});
  }

  const DiscoveryOptions &Opts;
  DiscoveredFiles &Out;
  GitIgnore Git;
};

} // namespace

DiscoveredFiles discoverFiles(ArrayRef<std::string> Paths, const DiscoveryOptions &Opts) {
  DiscoveredFiles Out;
  Walker W(Opts, Out);
  for (const std::string &P : Paths) {
    W.add(P);
    if (!Out.ConfigError.empty())
      break;
  }
  return Out;
}

} // namespace modlint
