#ifndef MODLINT_ANALYZER_FILEDISCOVERY_H
#define MODLINT_ANALYZER_FILEDISCOVERY_H

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <utility>
#include <vector>

namespace modlint {

struct DiscoveredFiles {
  std::vector<std::string> Files; ///< deterministic order
  std::vector<std::pair<std::string, std::string>> Errors; ///< path, message
};

/// Expands the command line's paths: a file is taken as given (whatever its
/// name), a directory is searched for `*.py` and `*.pyi`, skipping hidden
/// directories, `__pycache__` and virtual environments. Directory symlinks
/// are not followed, so a symlink loop cannot trap the walk.
DiscoveredFiles discoverFiles(llvm::ArrayRef<std::string> Paths);

} // namespace modlint

#endif
