#ifndef MODLINT_ANALYZER_NOQA_H
#define MODLINT_ANALYZER_NOQA_H

#include "analyzer/Diagnostic.h"
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"

#include "llvm/ADT/SmallVector.h"

namespace modlint {

/// Removes the diagnostics that `# noqa`, `# noqa: CODES` on their primary
/// line or a file-level `# modlint: noqa` comment suppress. Only real
/// comments count (the tree tells a comment from a string holding "# noqa").
void applyNoqa(const SourceFile &Source, const SyntaxTree &Tree,
               llvm::SmallVectorImpl<Diagnostic> &Diags);

} // namespace modlint

#endif
