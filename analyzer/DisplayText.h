#ifndef MODLINT_ANALYZER_DISPLAYTEXT_H
#define MODLINT_ANALYZER_DISPLAYTEXT_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace modlint {

/// File names, source text and messages as a person is shown them (text,
/// concise, junit, the human part of github, standard error): nothing in
/// them can move the cursor, recolour, retitle or reorder a terminal, or
/// start a line of its own. As Ruff does with control pictures, generalised:
/// - C0 controls but tab, and DEL: their Control Pictures (U+2400-U+2421),
///   `x\n::error` shows as `x␊::error`;
/// - C1 controls, bidi embeddings, overrides, isolates and marks, line and
///   paragraph separators, U+FFFE/U+FFFF: `\u{202e}`;
/// - a byte that is not UTF-8: `\xff`.
/// Everything else, tab included, is shown as it is.
std::string displayText(llvm::StringRef Raw);

/// `OS << shown(Path)`: displayText without the copy's name at each use.
struct Shown {
  llvm::StringRef Raw;
};
inline Shown shown(llvm::StringRef Raw) { return {Raw}; }
llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, Shown S);

/// One source line to print above a caret line.
struct DisplayLine {
  /// displayText of the line with tabs expanded to multiples of 8 columns.
  std::string Text;
  /// As wide as Text column for column, in ASCII, tabs kept: what a caret
  /// renderer that counts bytes (llvm::SMDiagnostic) can measure.
  std::string Placeholder;
  /// Placeholder offset of each byte of the line (and of its end).
  llvm::SmallVector<unsigned, 0> Column;
};
DisplayLine displayLine(llvm::StringRef Line);

} // namespace modlint

#endif
