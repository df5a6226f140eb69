#include "analyzer/GitIgnore.h"

#include "analyzer/GitProcess.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace modlint {

namespace {

bool isPythonFile(StringRef Path) { return Path.endswith(".py") || Path.endswith(".pyi"); }

/// A `.git` that git itself would take for a repository (setup.c's
/// is_git_directory: HEAD, objects/ and refs/; or a `gitdir:` file of a
/// worktree or submodule). A stray `.git` directory is not one, and git
/// looks further up past it, as this does.
bool hasDotGit(StringRef Dir) {
  SmallString<256> Dot(Dir);
  sys::path::append(Dot, ".git");
  if (sys::fs::is_directory(Dot)) {
    auto Has = [&](StringRef Name, bool Directory) {
      SmallString<256> P(Dot);
      sys::path::append(P, Name);
      return Directory ? sys::fs::is_directory(P) : sys::fs::exists(P);
    };
    return Has("HEAD", false) && Has("objects", true) && Has("refs", true);
  }
  auto Buf = MemoryBuffer::getFile(Dot, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  return Buf && (*Buf)->getBuffer().startswith("gitdir: ");
}

/// \p Path below \p Dir, relative to it ("" for Dir itself); nullopt if not below.
std::optional<StringRef> below(StringRef Path, StringRef Dir) {
  if (Path == Dir)
    return StringRef();
  if (Path.startswith(Dir) && Path.size() > Dir.size() && Path[Dir.size()] == '/')
    return Path.drop_front(Dir.size() + 1);
  if (Dir == "/" && Path.startswith("/"))
    return Path.drop_front(1);
  return std::nullopt;
}

bool inDotGit(StringRef Rel) { return Rel == ".git" || Rel.startswith(".git/"); }

/// git's complaint, one line of it (the rest are hints).
std::string firstLine(StringRef Err) {
  StringRef Line = Err.trim().split('\n').first.trim();
  return Line.empty() ? "no message" : Line.str();
}

} // namespace

void GitIgnore::fail(const Twine &Msg) {
  if (Error.empty())
    Error = (Msg + " (pass --no-respect-gitignore to lint without it)").str();
}

std::optional<std::string> GitIgnore::topOf(StringRef RealDir) {
  auto It = TopByDir.find(RealDir);
  if (It != TopByDir.end())
    return It->second;
  // git's own discovery: the closest directory up that holds a `.git`
  // (a directory, or the file of a worktree or submodule).
  std::optional<std::string> Top;
  for (StringRef D = RealDir; !D.empty(); D = sys::path::parent_path(D))
    if (hasDotGit(D)) {
      Top = D.str();
      break;
    }
  TopByDir[RealDir] = Top;
  return Top;
}

void GitIgnore::enterRoot(StringRef AbsDir) {
  Listing L;
  L.Dir = AbsDir.str();
  SmallString<256> Real;
  if (!sys::fs::real_path(AbsDir, Real))
    if (std::optional<std::string> Top = topOf(Real))
      L.InRepo = !inDotGit(below(Real, *Top).value_or(""));
  Listings.push_back(std::move(L));
}

void GitIgnore::forgetBelow(StringRef AbsDir) {
  llvm::erase_if(Listings, [&](const Listing &L) { return below(L.Dir, AbsDir).has_value(); });
}

GitIgnore::Listing *GitIgnore::listingFor(StringRef AbsPath) {
  for (auto It = Listings.rbegin(); It != Listings.rend(); ++It)
    if (below(AbsPath, It->Dir))
      return &*It;
  return nullptr;
}

bool GitIgnore::load(Listing &L) {
  L.Loaded = true;
  auto R = runGit(L.Dir, {"ls-files", "--cached", "--others", "--exclude-standard", "-z"});
  if (!R) {
    fail("cannot honour the .gitignore of " + L.Dir + ": " + toString(R.takeError()));
    return false;
  }
  if (R->Exit != 0) {
    fail("cannot honour the .gitignore of " + L.Dir +
         ": git ls-files failed: " + firstLine(R->Err));
    return false;
  }
  // Every entry's directories count, not only a Python file's: the walk must
  // reach a nested repository or submodule (listed as one entry) below them.
  StringRef Rest = R->Out;
  while (!Rest.empty()) {
    auto [Entry, Tail] = Rest.split('\0');
    Rest = Tail;
    if (isPythonFile(Entry))
      L.Files.insert(Entry);
    for (StringRef D = sys::path::parent_path(Entry.rtrim('/'));; D = sys::path::parent_path(D))
      if (!L.Dirs.insert(D).second || D.empty())
        break;
  }
  return true;
}

bool GitIgnore::askCheckIgnore(StringRef Top, ArrayRef<std::string> Rel, StringSet<> &IgnoredRel) {
  // Names go on standard input, NUL-terminated, each as `./name`: never an
  // option, never pathspec magic (`:(top)x.py`), whatever the file is called.
  std::string Input;
  for (const std::string &R : Rel)
    Input += "./" + R + '\0';
  auto Out = runGit(Top, {"check-ignore", "-z", "--stdin"}, Input);
  if (!Out) {
    fail("cannot honour the .gitignore of " + Top + ": " + toString(Out.takeError()));
    return false;
  }
  if (Out->Exit != 0 && Out->Exit != 1) { // 1: none of them is ignored
    fail("cannot honour the .gitignore of " + Top +
         ": git check-ignore failed: " + firstLine(Out->Err));
    return false;
  }
  StringRef Rest = Out->Out;
  while (!Rest.empty()) {
    auto [Path, Tail] = Rest.split('\0');
    Rest = Tail;
    if (Path.consume_front("./"))
      IgnoredRel.insert(Path);
  }
  return true;
}

void GitIgnore::expectNamed(ArrayRef<std::string> Paths) {
  for (const std::string &P : Paths) {
    SmallString<256> Abs(P);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);
    if (Named.count(Abs))
      continue;
    // The real directory (a named file that is a link stays one name).
    bool IsDir = sys::fs::is_directory(P);
    StringRef Dir = IsDir ? StringRef(P) : sys::path::parent_path(P);
    SmallString<256> Real;
    if (sys::fs::real_path(Dir.empty() ? "." : Dir, Real))
      continue;
    if (IsDir && hasDotGit(Real))
      continue; // the top of its own work tree is never ignored
    std::optional<std::string> Top = topOf(Real);
    if (!Top)
      continue;
    std::string Rel = below(Real, *Top).value_or("").str();
    if (!IsDir)
      Rel = Rel.empty() ? sys::path::filename(P).str() : Rel + "/" + sys::path::filename(P).str();
    if (Rel.empty() || inDotGit(Rel))
      continue;
    Named[Abs] = {*Top, Rel};
  }
}

bool GitIgnore::namedIgnored(StringRef AbsPath) {
  if (!Named.count(AbsPath))
    expectNamed({AbsPath.str()});
  auto It = Named.find(AbsPath);
  if (It == Named.end())
    return false;
  StringRef Top = It->second.first;
  if (AskedTops.insert(Top).second) {
    // The first question about this work tree asks about every named path in it.
    std::vector<std::string> Rel;
    std::vector<StringRef> Abs;
    for (auto &E : Named)
      if (E.second.first == Top) {
        Rel.push_back(E.second.second);
        Abs.push_back(E.getKey());
      }
    StringSet<> IgnoredRel;
    if (!askCheckIgnore(Top, Rel, IgnoredRel))
      return false;
    for (size_t I = 0; I < Rel.size(); ++I)
      if (IgnoredRel.contains(Rel[I]))
        NamedIgnored.insert(Abs[I]);
  }
  return NamedIgnored.contains(AbsPath);
}

bool GitIgnore::ignored(StringRef AbsPath, bool IsDirectory, bool Walked) {
  if (!Error.empty())
    return false;
  if (!Walked)
    return namedIgnored(AbsPath); // git tells a directory from a file on disk
  Listing *L = listingFor(AbsPath);
  if (!L)
    return false;
  if (IsDirectory && AbsPath != L->Dir && hasDotGit(AbsPath)) {
    // A nested repository or a submodule: the outer work tree may ignore
    // it; if not, it is listed on its own.
    if (L->InRepo) {
      std::string Rel = below(AbsPath, L->Dir)->str();
      StringSet<> IgnoredRel;
      if (!askCheckIgnore(L->Dir, {Rel}, IgnoredRel))
        return false;
      if (IgnoredRel.contains(Rel))
        return true;
    }
    Listing Nested;
    Nested.Dir = AbsPath.str();
    Nested.InRepo = true;
    Listings.push_back(std::move(Nested));
    return false;
  }
  if (!L->InRepo)
    return false;
  if (!L->Loaded && !load(*L))
    return false;
  StringRef Rel = *below(AbsPath, L->Dir);
  return IsDirectory ? !L->Dirs.contains(Rel) : !L->Files.contains(Rel);
}

} // namespace modlint
