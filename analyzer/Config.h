#ifndef MODLINT_ANALYZER_CONFIG_H
#define MODLINT_ANALYZER_CONFIG_H

#include "analyzer/GlobMatcher.h"
#include "analyzer/RuleCodes.h"
#include "analyzer/TargetVersion.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace modlint {

/// A glob of a config file, matched against paths relative to the config's
/// directory and against the file's name, as Ruff matches `exclude`.
struct PathGlob {
  GlobMatcher Pattern;
  /// \p WithParents: also try each parent directory (for a path whose
  /// directories were not checked on the way down).
  bool matches(llvm::StringRef RelativePath, bool WithParents = true) const;
};

/// The settings of one config file (`[tool.modlint]` of pyproject.toml, or a
/// modlint.toml). Unset options are empty optionals: the command line, then
/// defaults, fill them.
struct Settings {
  std::string Path; ///< the config file ("" for defaults)
  /// Set for a config that could not be read or parsed: the files it covers
  /// are reported with this error, not linted (the other settings are unset).
  std::string Error;
  std::string Dir; ///< its directory: globs are relative to it
  std::optional<std::vector<std::string>> Select, Ignore, ExtendSelect;
  std::optional<std::vector<PathGlob>> Exclude;
  std::vector<PathGlob> ExtendExclude;
  std::vector<std::pair<PathGlob, std::vector<std::string>>> PerFileIgnores;
  std::optional<TargetVersion> Target;
  /// Set when Target was inferred from `project.requires-python`: that
  /// pyproject.toml.
  std::string TargetFrom;
  std::optional<bool> RespectGitignore;
  std::optional<std::string> OutputFormat;
};

/// Real configs are a few KB; toml++ needs some 40 times a file's size.
constexpr size_t MaxConfigBytes = 1u << 20;

/// Reads one config file (at most MaxConfigBytes, nested at most
/// MaxConfigNesting levels). A file without a [tool.modlint] table (pyproject)
/// gives no settings. An unknown key, a bad value or a rule code that is not
/// one of \p Known is an error naming the file, the line and the key.
llvm::Expected<std::optional<Settings>> loadConfig(llvm::StringRef Path, const RuleCodes &Known);

/// loadConfig on a config already in memory: \p Text is parsed as the file
/// \p Path (whose name tells pyproject.toml from modlint.toml, and which
/// errors name). Touches no file.
llvm::Expected<std::optional<Settings>> parseConfigText(llvm::StringRef Text, llvm::StringRef Path,
                                                        const RuleCodes &Known);

/// Parses a glob of a config file or flag (GlobMatcher's language; a
/// trailing `/` and a leading `./` are dropped). An error says why, and
/// quoteGlob names the glob.
llvm::Expected<PathGlob> makeGlob(llvm::StringRef Text);

/// A pyproject.toml and the target its `project.requires-python` implies.
struct Pyproject {
  std::string Path;
  std::optional<TargetVersion> Target;
};

/// Finds the closest config for each directory, walking up; caches per
/// directory. Not thread-safe: used while discovering files.
class ConfigResolver {
public:
  /// \p Explicit: --config PATH for every file; \p Isolated: no config at
  /// all; \p Known: the rule codes configs may name (it must outlive this).
  ConfigResolver(std::optional<std::string> Explicit, bool Isolated, const RuleCodes &Known);
  /// The settings for files in \p Dir (absolute or relative): a config, or
  /// empty settings when none applies. A broken config found on the way up
  /// gives settings with an Error (the --config file's is an error instead).
  /// Without a target version they take the one `project.requires-python`
  /// of the pyproject.toml closest to \p Dir implies (RULES.md, "Target
  /// version"; not with --isolated).
  llvm::Expected<const Settings *> forDirectory(llvm::StringRef Dir);
  /// Drops what was remembered about the directories below \p Dir once a walk
  /// of it is over, so that memory does not grow with the size of the tree
  /// (the settings themselves stay: files being linted point to them).
  void forgetBelow(llvm::StringRef Dir);

private:
  llvm::Expected<const Settings *> closestConfig(llvm::StringRef AbsDir);
  /// The pyproject.toml closest to \p AbsDir, or null.
  const Pyproject *closestPyproject(llvm::StringRef AbsDir);

  std::optional<std::string> Explicit;
  bool Isolated;
  const RuleCodes &Known;
  Settings Empty;
  std::map<std::string, const Settings *> ByDir;
  std::vector<std::unique_ptr<Settings>> Loaded;
  std::map<std::string, const Pyproject *> PyprojectByDir;
  std::vector<std::unique_ptr<Pyproject>> Pyprojects;
  /// A config's settings with a target inferred from a pyproject.toml.
  std::map<std::pair<const Settings *, const Pyproject *>, std::unique_ptr<Settings>> Inferred;
};

} // namespace modlint

#endif
