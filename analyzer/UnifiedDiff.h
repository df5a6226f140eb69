#ifndef MODLINT_ANALYZER_UNIFIEDDIFF_H
#define MODLINT_ANALYZER_UNIFIEDDIFF_H

#include "analyzer/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace modlint {

/// The unified diff (3 lines of context) that \p Edits make of \p Old,
/// headed `--- Path` / `+++ Path` as Ruff's --diff prints it; empty if they
/// change nothing. \p Edits are sorted by position and do not overlap (as
/// the fixer applies them). Built from the edits, not by comparing texts:
/// time and memory are linear in the file and the edits, where a text
/// diff's were quadratic in the number of changed lines.
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Old, llvm::ArrayRef<TextEdit> Edits);

/// The same between two texts, as one change from the first differing line
/// to the last (for test failures).
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Old, llvm::StringRef New);

} // namespace modlint

#endif
