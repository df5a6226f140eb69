#include "analyzer/FileDiscovery.h"

#include "analyzer/GitIgnore.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

const std::vector<PathGlob> &defaultExcludes() {
  static const std::vector<PathGlob> Globs = [] {
    std::vector<PathGlob> G;
    for (const char *P : {".bzr",
                          ".direnv",
                          ".eggs",
                          ".git",
                          ".git-rewrite",
                          ".hg",
                          ".ipynb_checkpoints",
                          ".mypy_cache",
                          ".nox",
                          ".pants.d",
                          ".pyenv",
                          ".pytest_cache",
                          ".pytype",
                          ".ruff_cache",
                          ".svn",
                          ".tox",
                          ".venv",
                          ".vscode",
                          "__pypackages__",
                          "_build",
                          "buck-out",
                          "dist",
                          "node_modules",
                          "site-packages",
                          "venv"})
      G.push_back(cantFail(makeGlob(P)));
    return G;
  }();
  return Globs;
}

namespace {

bool isPythonFile(StringRef Path) { return Path.endswith(".py") || Path.endswith(".pyi"); }

class Walker {
public:
  Walker(const DiscoveryOptions &Opts, DiscoveryErrors &Out,
         function_ref<void(DiscoveredFile)> OnFile, bool Dedupe)
      : Opts(Opts), Out(Out), OnFile(OnFile), Dedupe(Dedupe) {}

  /// With --force-exclude, git judges every named path of a work tree at once.
  void expectNamed(ArrayRef<std::string> Paths) { Git.expectNamed(Paths); }

  void add(const std::string &P, unsigned RootIndex) {
    Root = RootIndex;
    sys::fs::file_status St;
    if (std::error_code EC = sys::fs::status(P, St)) {
      error(P, EC.message());
      return;
    }
    bool IsDir = St.type() == sys::fs::file_type::directory_file;
    if (Dedupe)
      rememberRoot(P, IsDir);
    const Settings *S = configFor(IsDir ? StringRef(P) : sys::path::parent_path(P));
    if (!S)
      return;
    if (Opts.ForceExclude && (skipped(P, IsDir, *S) || !Out.ConfigError.empty()))
      return;
    if (!IsDir) {
      found({P, S, Root});
      return;
    }
    SmallString<256> Abs(P);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);
    Git.enterRoot(Abs);
    walk(P);
    Opts.Configs->forgetBelow(Abs);
    Git.forgetBelow(Abs);
  }

private:
  /// The real path of a command-line path \p P: of the directory, or of a
  /// file's directory (a file that is a link stays one name, as in a walk).
  void rememberRoot(StringRef P, bool IsDir) {
    StringRef Dir = IsDir ? P : sys::path::parent_path(P);
    RealRoot.clear();
    if (sys::fs::real_path(Dir.empty() ? "." : Dir, RealRoot)) {
      RealRoot = Dir.empty() ? "." : Dir;
      sys::fs::make_absolute(RealRoot);
      sys::path::remove_dots(RealRoot, true);
    }
    if (!IsDir)
      sys::path::append(RealRoot, sys::path::filename(P));
    RootText = P.str();
  }

  /// Seen already under another spelling of its path (`d d/b.py d/./b.py`):
  /// a walk never enters a linked directory, so below a root the real path
  /// is the root's real path and the rest of the path as walked.
  bool seenBefore(StringRef Path) {
    if (!Dedupe)
      return false;
    SmallString<256> Key(RealRoot);
    if (Path.size() > RootText.size())
      sys::path::append(Key, Path.drop_front(RootText.size()));
    return !Seen.insert(Key).second;
  }

  /// A file to lint; one whose config is broken is reported instead.
  void found(DiscoveredFile F) {
    if (seenBefore(F.Path))
      return;
    if (!F.Config->Error.empty())
      error(F.Path, "not linted: " + F.Config->Error);
    else
      OnFile(std::move(F));
  }

  void error(StringRef Path, const Twine &Msg) {
    Out.Errors.push_back({DiscoveredFile{Path.str(), nullptr, Root}, Msg.str()});
  }

  const Settings *configFor(StringRef Dir) {
    // Files of one directory come together: one lookup for them all.
    if (LastSettings && Dir == LastDir)
      return LastSettings;
    auto S = Opts.Configs->forDirectory(Dir.empty() ? "." : Dir);
    if (!S) {
      if (Out.ConfigError.empty())
        Out.ConfigError = toString(S.takeError());
      else
        consumeError(S.takeError());
      return nullptr;
    }
    LastDir = Dir.str();
    LastSettings = *S;
    return *S;
  }

public:
  /// Would \p Path, named on the command line (or as --stdin-filename), be
  /// left out by --force-exclude? It need not exist.
  bool excludedFile(StringRef Path) {
    const Settings *S = configFor(sys::path::parent_path(Path));
    return S && S->Error.empty() && skipped(Path, /*IsDir=*/false, *S);
  }

private:
  /// Excluded by globs, gitignore, or being a cache or venv directory. A
  /// hidden directory is walked like any other (as Ruff does: `.github/`
  /// holds scripts that pre-commit lints); the default excludes name the
  /// dot directories that hold no project code.
  /// \p Walked: reached by the walk, whose directories were checked already.
  bool skipped(StringRef Path, bool IsDir, const Settings &S, bool Walked = false) {
    StringRef Name = sys::path::filename(Path);
    if (IsDir) {
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
    const std::vector<PathGlob> &Base = Opts.Exclude ? *Opts.Exclude
                                        : S.Exclude  ? *S.Exclude
                                                     : defaultExcludes();
    if (Matches(Base) || Matches(S.ExtendExclude) || Matches(Opts.ExtendExclude))
      return true;
    bool Gitignore = Opts.RespectGitignore.value_or(S.RespectGitignore.value_or(true));
    if (!Gitignore)
      return false;
    bool Ignored = Git.ignored(Abs, IsDir, Walked);
    if (!Git.error().empty() && Out.ConfigError.empty())
      Out.ConfigError = Git.error(); // git is missing or refused: stop
    return Ignored;
  }

  void walk(StringRef Dir) {
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
         It != End; It.increment(EC)) {
      if (EC) {
        error(It->path(), EC.message());
        EC.clear();
        continue;
      }
      StringRef Path = It->path();
      sys::fs::file_type Type = It->type();
      bool Link = Type == sys::fs::file_type::symlink_file;
      if (Link) {
        // A symlinked file counts; a symlinked directory is not entered. The
        // link is followed when the file is read (one path lookup, not two):
        // a dangling link or a FIFO is an error then, a directory skipped.
        if (!isPythonFile(Path))
          continue;
        Type = sys::fs::file_type::regular_file;
      }
      bool IsDir = Type == sys::fs::file_type::directory_file;
      if (!IsDir && !isPythonFile(Path))
        continue;
      if (!IsDir && Type != sys::fs::file_type::regular_file) {
        // A FIFO, socket or device named like Python: say so, never open it.
        error(Path, "not a regular file");
        continue;
      }
      const Settings *S = configFor(IsDir ? Path : sys::path::parent_path(Path));
      if (!S)
        return;
      bool Skip = skipped(Path, IsDir, *S, /*Walked=*/true);
      if (!Out.ConfigError.empty())
        return;
      if (Skip) {
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
          error(Path, OpenEC.message());
          It.no_push();
          continue;
        }
      }
      if (!IsDir)
        found({Path.str(), S, Root, Link});
    }
    if (EC)
      error(Dir, EC.message());
  }

  const DiscoveryOptions &Opts;
  DiscoveryErrors &Out;
  function_ref<void(DiscoveredFile)> OnFile;
  unsigned Root = 0;
  GitIgnore Git;
  std::string LastDir;
  const Settings *LastSettings = nullptr;
  /// Only with several command-line paths can a file come twice; then the
  /// real path of each file found is kept.
  bool Dedupe;
  StringSet<> Seen;
  SmallString<256> RealRoot;
  std::string RootText;
};

/// Can one file be reached from two of \p Paths: two of them the same
/// directory or file, or one inside another? Only then is a set of every
/// path seen worth its memory (it grew peak RSS by a third on 8 disjoint
/// copies of the corpus).
bool rootsOverlap(ArrayRef<std::string> Paths) {
  if (Paths.size() < 2)
    return false;
  std::vector<std::string> Real;
  for (const std::string &P : Paths) {
    SmallString<256> R;
    if (sys::fs::real_path(P, R))
      return true; // unknown: be safe
    // '/' sorts first, so a directory's contents come right after it.
    std::string Key = R.str().str();
    std::replace(Key.begin(), Key.end(), '/', '\x01');
    Real.push_back(std::move(Key));
  }
  llvm::sort(Real);
  for (size_t I = 1; I < Real.size(); ++I) {
    StringRef A = Real[I - 1], B = Real[I];
    if (A == B || (B.startswith(A) && (A.endswith("\x01") || B[A.size()] == '\x01')))
      return true;
  }
  return false;
}

} // namespace

bool excludedByForce(StringRef Path, const DiscoveryOptions &Opts) {
  DiscoveryErrors Ignored;
  auto None = [](DiscoveredFile) {};
  Walker W(Opts, Ignored, None, /*Dedupe=*/false);
  return W.excludedFile(Path);
}

DiscoveryErrors discoverFiles(ArrayRef<std::string> Paths, const DiscoveryOptions &Opts,
                              function_ref<void(DiscoveredFile)> OnFile) {
  DiscoveryErrors Out;
  Walker W(Opts, Out, OnFile, rootsOverlap(Paths));
  if (Opts.ForceExclude)
    W.expectNamed(Paths);
  for (unsigned I = 0; I < Paths.size(); ++I) {
    W.add(Paths[I], I);
    if (!Out.ConfigError.empty())
      break;
  }
  return Out;
}

} // namespace modlint
