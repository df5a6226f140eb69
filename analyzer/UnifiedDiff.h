#ifndef MODLINT_ANALYZER_UNIFIEDDIFF_H
#define MODLINT_ANALYZER_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace modlint {

/// A unified diff (3 lines of context) from \p Old to \p New, headed
/// `--- Path` / `+++ Path` as Ruff's --diff prints it; empty if equal.
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Old, llvm::StringRef New);

} // namespace modlint

#endif
