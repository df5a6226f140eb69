#ifndef MODLINT_ANALYZER_FLOW_IMPORTREMOVAL_H
#define MODLINT_ANALYZER_FLOW_IMPORTREMOVAL_H

#include "analyzer/SyntaxTree.h"

#include <optional>
#include <string>

namespace modlint {

/// Taking one imported name out of the file: the import that a call of
/// `imp.new_module` reads its callee through (`import imp [as i]`,
/// `from imp import new_module [as nm]`), when nothing but such callees
/// reads it (see ImportUses).
struct ImportRemoval {
  /// Replace [Begin, End) with Replacement: the statement's whole line(s),
  /// the statement and its `;` when it shares a line, `pass` when it is the
  /// only statement of its block, or just the name and one comma of a
  /// multi-name import.
  unsigned Begin = 0, End = 0;
  std::string Replacement;
  /// Reads of the bound name in the file, every one the callee of an
  /// `imp.new_module` call: the import may go once all of them are fixed.
  unsigned Readers = 0;
};

/// The edit that takes the name bound at \p Name out of the import statement
/// \p Stmt (Readers left 0). None when the statement sits where no such
/// edit is sure to be right (inside a syntax error, between comments).
std::optional<ImportRemoval> importRemovalEdit(const SyntaxTree &T, TSNode Stmt, TSNode Name);

} // namespace modlint

#endif
