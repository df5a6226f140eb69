#ifndef MODLINT_ANALYZER_NOQA_H
#define MODLINT_ANALYZER_NOQA_H

#include "analyzer/Diagnostic.h"
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace modlint {

/// The line whose comment suppresses findings on \p Line (1-based): \p Line,
/// or the last line of the backslash continuation it begins, as in Ruff (a
/// line ending in `\` cannot hold a comment).
unsigned noqaLine(const SourceFile &Source, const SyntaxTree &Tree, unsigned Line);

/// Removes the diagnostics that `# noqa`, `# noqa: CODES` on their primary
/// line (see noqaLine) or a file-level comment on a line of its own suppress:
/// `# modlint: noqa`, or flake8's `# flake8: noqa` (`# flake8: noqa: CODES`
/// for those codes) as Ruff honours it. Only real comments count (the tree
/// tells a comment from a string holding "# noqa"). The joint edits of a
/// suppressed finding's fix leave the fixes of the findings that remain (see
/// TextEdit::Joint). The suppressed go to \p Suppressed when given (SARIF
/// shows them as dismissed).
void applyNoqa(const SourceFile &Source, const SyntaxTree &Tree,
               llvm::SmallVectorImpl<Diagnostic> &Diags,
               llvm::SmallVectorImpl<Diagnostic> *Suppressed = nullptr);

/// The edit that makes \p Line carry `# noqa: CODES` for \p Codes (what
/// --add-noqa writes): codes merged into an existing `# noqa: X`, or a new
/// comment after the line's code and any comment it has. None when the line
/// ends inside a string (a comment there would change the string) or already
/// has a bare `# noqa`.
std::optional<TextEdit> noqaEdit(const SourceFile &Source, const SyntaxTree &Tree, unsigned Line,
                                 llvm::ArrayRef<std::string> Codes);

} // namespace modlint

#endif
