#ifndef MODLINT_ANALYZER_FIXAPPLIER_H
#define MODLINT_ANALYZER_FIXAPPLIER_H

#include "analyzer/Diagnostic.h"
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace modlint {

struct FixOutcome {
  std::string Text;                            ///< the fixed text
  std::vector<TextEdit> Edits;                 ///< what made it, by position
  llvm::SmallVector<unsigned, 4> FixedIndices; ///< diagnostics whose fix was applied
  /// Fixes left out because the result would parse worse than the original.
  unsigned RefusedForSyntax = 0;
  bool changed() const { return !FixedIndices.empty(); }
};

/// Applies the fixes allowed by \p Unsafe that do not overlap an earlier
/// accepted fix; identical edits (two rules adding the same `import sys`)
/// apply once. The result is re-parsed; if it has more syntax errors than the
/// original, the fixes are tried one at a time and each that would add
/// errors is left out (counted in RefusedForSyntax). A joint edit
/// (TextEdit::Joint) is applied only when every fix that carries it is.
FixOutcome applyFixes(const SourceFile &Source, llvm::ArrayRef<Diagnostic> Diags, bool Unsafe,
                      SyntaxParser &Parser);

} // namespace modlint

#endif
