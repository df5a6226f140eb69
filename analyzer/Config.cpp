#include "analyzer/Config.h"

#include "analyzer/ConfigNesting.h"
#include "analyzer/RequiresPython.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <toml++/toml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace modlint {

bool PathGlob::matches(StringRef RelativePath, bool WithParents) const {
  if (Pattern.match(RelativePath) || Pattern.match(sys::path::filename(RelativePath)))
    return true;
  if (!WithParents)
    return false;
  // "dir" or "dir/" also excludes what is below it.
  for (StringRef P = sys::path::parent_path(RelativePath); !P.empty();
       P = sys::path::parent_path(P))
    if (Pattern.match(P) || Pattern.match(sys::path::filename(P)))
      return true;
  return false;
}

Expected<PathGlob> makeGlob(StringRef Text) {
  StringRef T = Text;
  while (T.size() > 1 && T.endswith("/"))
    T = T.drop_back();
  if (T.startswith("./"))
    T = T.drop_front(2);
  auto P = GlobMatcher::create(T);
  if (!P)
    return P.takeError();
  return PathGlob{std::move(*P)};
}

namespace {

struct ConfigError {
  std::string Message;
};

std::string where(const std::string &Path, const toml::node &N) {
  return Path + ":" + std::to_string(N.source().begin.line);
}

std::vector<std::string> stringList(const std::string &Path, const std::string &Key,
                                    const toml::node &N, bool Upper) {
  const toml::array *A = N.as_array();
  if (!A)
    throw ConfigError{where(Path, N) + ": '" + Key + "' must be a list of strings"};
  std::vector<std::string> Out;
  for (const toml::node &E : *A) {
    auto S = E.value<std::string>();
    if (!S)
      throw ConfigError{where(Path, E) + ": '" + Key + "' must be a list of strings"};
    Out.push_back(Upper ? StringRef(*S).upper() : *S);
  }
  return Out;
}

/// A list of rule codes or prefixes, each of them known: an unknown one is
/// named with the line it is on.
std::vector<std::string> codeList(const std::string &Path, const std::string &Key,
                                  const toml::node &N, const RuleCodes &Known) {
  std::vector<std::string> Out = stringList(Path, Key, N, true);
  const toml::array &A = *N.as_array(); // stringList checked it is one
  for (size_t I = 0; I < Out.size(); ++I)
    if (auto Problem = Known.problem(Out[I], "'" + Key + "'"))
      throw ConfigError{where(Path, *A.get(I)) + ": " + *Problem};
  return Out;
}

std::vector<PathGlob> globList(const std::string &Path, const std::string &Key,
                               const toml::node &N) {
  std::vector<PathGlob> Out;
  for (const std::string &S : stringList(Path, Key, N, false)) {
    auto G = makeGlob(S);
    if (!G)
      throw ConfigError{where(Path, N) + ": '" + Key + "': bad glob " + quoteGlob(S) + ": " +
                        toString(G.takeError())};
    Out.push_back(std::move(*G));
  }
  return Out;
}

void readTable(Settings &S, const toml::table &T, const RuleCodes &Known) {
  for (auto &&[K, V] : T) {
    std::string Key(K.str());
    if (Key == "select") {
      S.Select = codeList(S.Path, Key, V, Known);
    } else if (Key == "ignore") {
      S.Ignore = codeList(S.Path, Key, V, Known);
    } else if (Key == "extend-select") {
      S.ExtendSelect = codeList(S.Path, Key, V, Known);
    } else if (Key == "exclude") {
      S.Exclude = globList(S.Path, Key, V);
    } else if (Key == "extend-exclude") {
      S.ExtendExclude = globList(S.Path, Key, V);
    } else if (Key == "per-file-ignores") {
      const toml::table *PT = V.as_table();
      if (!PT)
        throw ConfigError{where(S.Path, V) +
                          ": 'per-file-ignores' must be a table of glob = [codes]"};
      for (auto &&[G, Codes] : *PT) {
        auto Glob = makeGlob(G.str());
        if (!Glob)
          throw ConfigError{where(S.Path, Codes) + ": 'per-file-ignores': bad glob " +
                            quoteGlob(G.str()) + ": " + toString(Glob.takeError())};
        S.PerFileIgnores.push_back({std::move(*Glob), codeList(S.Path, Key, Codes, Known)});
      }
    } else if (Key == "target-version") {
      auto Str = V.value<std::string>();
      auto TV = Str ? TargetVersion::parse(*Str) : std::nullopt;
      if (!TV)
        throw ConfigError{where(S.Path, V) +
                          ": 'target-version' must be one of py27, py33 ... py314"};
      S.Target = *TV;
    } else if (Key == "respect-gitignore") {
      auto B = V.value<bool>();
      if (!B || !V.is_boolean())
        throw ConfigError{where(S.Path, V) + ": 'respect-gitignore' must be true or false"};
      S.RespectGitignore = *B;
    } else if (Key == "output-format") {
      auto Str = V.value<std::string>();
      static const char *Known[] = {"text",       "full",   "concise", "sarif", "json",
                                    "json-lines", "github", "gitlab",  "junit"};
      if (!Str || std::find(std::begin(Known), std::end(Known), *Str) == std::end(Known))
        throw ConfigError{where(S.Path, V) + ": 'output-format' must be one of text, concise, "
                                             "sarif, json, json-lines, github, gitlab, junit"};
      S.OutputFormat = *Str;
    } else {
      throw ConfigError{where(S.Path, V) + ": unknown key '" + Key + "'"};
    }
  }
}

} // namespace

namespace {
Error readError(StringRef Path, int Errno) {
  std::error_code EC(Errno, std::generic_category());
  return createStringError(EC, "%s: cannot read: %s", Path.str().c_str(), EC.message().c_str());
}

/// \p Path's bytes, read (not mapped: a file truncated meanwhile must not
/// be a SIGBUS) up to the size fstat gave; refused past MaxConfigBytes.
Expected<std::string> readConfigFile(StringRef Path) {
  SmallString<256> P(Path);
  int FD = ::open(P.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (FD < 0)
    return readError(Path, errno);
  struct stat St;
  if (::fstat(FD, &St) != 0) {
    int E = errno;
    ::close(FD);
    return readError(Path, E);
  }
  if (!S_ISREG(St.st_mode) || St.st_size > static_cast<off_t>(MaxConfigBytes)) {
    ::close(FD);
    if (!S_ISREG(St.st_mode))
      return createStringError(std::errc::invalid_argument, "%s: not a regular file",
                               Path.str().c_str());
    return createStringError(
        std::errc::file_too_large, "%s: config file of %lld bytes is larger than %zu; not read",
        Path.str().c_str(), static_cast<long long>(St.st_size), MaxConfigBytes);
  }
  std::string Text(St.st_size, '\0');
  size_t Have = 0;
  while (Have < Text.size()) {
    ssize_t N = ::pread(FD, Text.data() + Have, Text.size() - Have, Have);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      int E = errno;
      ::close(FD);
      return readError(Path, E);
    }
    if (N == 0)
      break; // shrank while read: parse what is there
    Have += N;
  }
  ::close(FD);
  Text.resize(Have);
  return Text;
}
} // namespace

Expected<std::optional<Settings>> loadConfig(StringRef Path, const RuleCodes &Known) {
  auto Text = readConfigFile(Path);
  if (!Text)
    return Text.takeError();
  return parseConfigText(*Text, Path, Known);
}

Expected<std::optional<Settings>> parseConfigText(StringRef Text, StringRef Path,
                                                  const RuleCodes &Known) {
  Settings S;
  S.Path = Path.str();
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  S.Dir = sys::path::parent_path(Abs).str();
  if (Text.size() > MaxConfigBytes)
    return createStringError(std::errc::file_too_large,
                             "%s: config file of %zu bytes is larger than %zu; not read",
                             S.Path.c_str(), Text.size(), MaxConfigBytes);
  if (auto Line = tooDeeplyNestedLine(Text))
    return createStringError(std::errc::invalid_argument,
                             "%s:%u: nested more than %u levels deep (tables, dotted keys, "
                             "arrays); not read",
                             S.Path.c_str(), *Line, MaxConfigNesting);
  try {
    toml::table Doc =
        toml::parse(std::string_view(Text.data(), Text.size()), std::string_view(S.Path));
    const toml::table *T = &Doc;
    if (sys::path::filename(Path) == "pyproject.toml") {
      T = Doc["tool"]["modlint"].as_table();
      if (!T)
        return std::optional<Settings>();
    }
    readTable(S, *T, Known);
  } catch (const toml::parse_error &E) {
    return createStringError(std::errc::invalid_argument, "%s:%u: %s", S.Path.c_str(),
                             E.source().begin.line, std::string(E.description()).c_str());
  } catch (const ConfigError &E) {
    return createStringError(std::errc::invalid_argument, "%s", E.Message.c_str());
  }
  return std::optional<Settings>(std::move(S));
}

ConfigResolver::ConfigResolver(std::optional<std::string> Explicit, bool Isolated,
                               const RuleCodes &Known)
    : Explicit(std::move(Explicit)), Isolated(Isolated), Known(Known) {}

/// The absolute, dot-free spelling of \p Dir the caches are keyed by.
static SmallString<256> cacheKey(StringRef Dir) {
  SmallString<256> Abs(Dir.empty() ? "." : Dir);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return Abs;
}

void ConfigResolver::forgetBelow(StringRef Dir) {
  SmallString<256> Key = cacheKey(Dir);
  StringRef Base = StringRef(Key).rtrim('/'); // the root: everything
  // Keys below are those in [Base + "/", Base + "0"): '0' follows '/'.
  ByDir.erase(ByDir.lower_bound((Base + "/").str()), ByDir.lower_bound((Base + "0").str()));
  PyprojectByDir.erase(PyprojectByDir.lower_bound((Base + "/").str()),
                       PyprojectByDir.lower_bound((Base + "0").str()));
}

Expected<const Settings *> ConfigResolver::forDirectory(StringRef Dir) {
  if (Isolated)
    return &Empty;
  SmallString<256> Abs = cacheKey(Dir);
  auto Base = closestConfig(Abs);
  if (!Base || (*Base)->Target || !(*Base)->Error.empty())
    return Base;
  const Pyproject *P = closestPyproject(Abs);
  if (!P || !P->Target)
    return Base;
  std::unique_ptr<Settings> &S = Inferred[{*Base, P}];
  if (!S) {
    S = std::make_unique<Settings>(**Base);
    S->Target = P->Target;
    S->TargetFrom = P->Path;
  }
  return S.get();
}

const Pyproject *ConfigResolver::closestPyproject(StringRef AbsDir) {
  std::vector<std::string> Visited;
  const Pyproject *Found = nullptr;
  for (StringRef D = AbsDir; !D.empty(); D = sys::path::parent_path(D)) {
    auto Cached = PyprojectByDir.find(D.str());
    if (Cached != PyprojectByDir.end()) {
      Found = Cached->second;
      break;
    }
    Visited.push_back(D.str());
    SmallString<256> Candidate(D);
    sys::path::append(Candidate, "pyproject.toml");
    if (sys::fs::is_regular_file(Candidate)) {
      auto P = std::make_unique<Pyproject>();
      P->Path = Candidate.str().str();
      if (auto Text = readConfigFile(Candidate)) {
        if (auto Spec = requiresPythonOf(*Text))
          P->Target = targetFromRequiresPython(*Spec);
      } else {
        consumeError(Text.takeError()); // the config walk reports it
      }
      Pyprojects.push_back(std::move(P));
      Found = Pyprojects.back().get();
      break;
    }
    if (D == sys::path::parent_path(D))
      break;
  }
  for (const std::string &V : Visited)
    PyprojectByDir[V] = Found;
  return Found;
}

Expected<const Settings *> ConfigResolver::closestConfig(StringRef Dir) {
  if (Explicit) {
    if (Loaded.empty()) {
      auto S = loadConfig(*Explicit, Known);
      if (!S)
        return S.takeError();
      if (!*S)
        return createStringError(std::errc::invalid_argument, "%s: no [tool.modlint] table",
                                 Explicit->c_str());
      Loaded.push_back(std::make_unique<Settings>(std::move(**S)));
    }
    return Loaded.front().get();
  }
  StringRef Abs = Dir;
  // Walk up to the closest directory with a config, remembering the way.
  std::vector<std::string> Visited;
  const Settings *Found = &Empty;
  for (StringRef D = Abs; !D.empty(); D = sys::path::parent_path(D)) {
    auto Cached = ByDir.find(D.str());
    if (Cached != ByDir.end()) {
      Found = Cached->second;
      break;
    }
    Visited.push_back(D.str());
    bool Hit = false;
    for (const char *Name : {"modlint.toml", "pyproject.toml"}) {
      SmallString<256> Candidate(D);
      sys::path::append(Candidate, Name);
      if (!sys::fs::is_regular_file(Candidate))
        continue;
      auto S = loadConfig(Candidate, Known);
      if (S && !*S)
        continue; // a pyproject.toml without [tool.modlint]
      if (!S) {
        // Its files are reported, not linted; the rest of the run goes on.
        Settings Broken;
        Broken.Path = Candidate.str().str();
        Broken.Dir = D.str();
        Broken.Error = toString(S.takeError());
        Loaded.push_back(std::make_unique<Settings>(std::move(Broken)));
      } else {
        Loaded.push_back(std::make_unique<Settings>(std::move(**S)));
      }
      Found = Loaded.back().get();
      Hit = true;
      break;
    }
    if (Hit)
      break;
    if (D == sys::path::parent_path(D))
      break;
  }
  for (const std::string &V : Visited)
    ByDir[V] = Found;
  return Found;
}

} // namespace modlint
