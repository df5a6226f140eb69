#ifndef MODLINT_ANALYZER_FILEDISCOVERY_H
#define MODLINT_ANALYZER_FILEDISCOVERY_H

#include "analyzer/Config.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace modlint {

struct DiscoveryOptions {
  ConfigResolver *Configs = nullptr;
  std::optional<bool> RespectGitignore;         ///< the command line's, else each config's
  std::optional<std::vector<PathGlob>> Exclude; ///< --exclude: replaces config and defaults
  std::vector<PathGlob> ExtendExclude;          ///< --extend-exclude
  bool ForceExclude = false; ///< excludes apply to paths named on the command line too
};

struct DiscoveredFile {
  std::string Path;
  const Settings *Config; ///< the closest config (never null)
  unsigned Root = 0;      ///< index of the command-line path it came from
  /// A symbolic link met by a directory walk, not followed yet (reading it
  /// does): one that turns out to name a directory is skipped, not an error.
  bool WalkedLink = false;
};

struct DiscoveryErrors {
  std::vector<std::pair<DiscoveredFile, std::string>> Errors; ///< path, message
  std::string ConfigError; ///< a bad config, or git failing, stops the run (exit 2)
};

/// Expands the command line's paths. A file is taken as given (whatever its
/// name) unless --force-exclude excludes it; a directory is searched for
/// `*.py` and `*.pyi`, skipping Ruff's default excludes (hidden directories
/// are searched), `__pycache__`, virtual environments, excluded paths and, unless told otherwise,
/// what `.gitignore` ignores. Directory symlinks are not followed, so a loop cannot trap it. Files
/// are handed to \p OnFile as they are found (walk order, not sorted: order by Root, then Path, for
/// output), so a huge tree is never held in memory at once.
DiscoveryErrors discoverFiles(llvm::ArrayRef<std::string> Paths, const DiscoveryOptions &Opts,
                              llvm::function_ref<void(DiscoveredFile)> OnFile);

/// Would --force-exclude leave out \p Path (a file that need not exist: the
/// --stdin-filename of an editor's buffer)? Its closest config's excludes,
/// the command line's and `.gitignore` apply, as to a file named on the
/// command line.
bool excludedByForce(llvm::StringRef Path, const DiscoveryOptions &Opts);

/// Ruff's default exclusions, used when neither the command line nor a
/// config sets `exclude`.
const std::vector<PathGlob> &defaultExcludes();

} // namespace modlint

#endif
