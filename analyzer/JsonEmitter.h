#ifndef MODLINT_ANALYZER_JSONEMITTER_H
#define MODLINT_ANALYZER_JSONEMITTER_H

#include "analyzer/Linter.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace modlint {

/// Ruff's JSON shape: an array of findings, each with code, message,
/// filename, location / end_location (1-based row and code-point column), the
/// fix with its edits and applicability, noqa_row and the rule doc's url.
void emitJson(llvm::raw_ostream &OS, llvm::ArrayRef<FileReport> Files);
/// The same objects, one a line.
void emitJsonLines(llvm::raw_ostream &OS, llvm::ArrayRef<FileReport> Files);

} // namespace modlint

#endif
