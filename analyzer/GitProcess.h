#ifndef MODLINT_ANALYZER_GITPROCESS_H
#define MODLINT_ANALYZER_GITPROCESS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace modlint {

struct GitOutput {
  int Exit = 0;
  std::string Out; ///< standard output
  std::string Err; ///< standard error
};

/// Runs `git -C Dir Args...` with \p Input on its standard input. The
/// environment's GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE and the like are left
/// out (a git hook sets them for its own repository, not for \p Dir); config
/// variables stay. Fails only when git cannot be run at all (not on PATH).
llvm::Expected<GitOutput> runGit(llvm::StringRef Dir, llvm::ArrayRef<llvm::StringRef> Args,
                                 llvm::StringRef Input = "");

} // namespace modlint

#endif
