#ifndef MODLINT_ANALYZER_RULECODES_H
#define MODLINT_ANALYZER_RULECODES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace modlint {

/// The selectors --select, --extend-select, --ignore, --per-file-ignores and
/// their config keys accept, as Ruff's: `ALL`, and each code with its
/// prefixes from the linter's letters on (`MOD`, `MOD0`, `MOD00`, `MOD001`).
/// Anything else is a usage error naming the closest selector, so that a
/// typo never silently selects or ignores nothing. (`# noqa` comments are not
/// checked: unknown codes there belong to other tools.)
class RuleCodes {
public:
  /// \p Codes: every rule's code ("MOD001", ...).
  explicit RuleCodes(llvm::ArrayRef<llvm::StringRef> Codes);

  bool isKnown(llvm::StringRef Selector) const;
  /// The known selector closest to \p Selector by edit distance; ties go to
  /// the one nearest in length, then the first in order.
  llvm::StringRef closest(llvm::StringRef Selector) const;
  /// "unknown rule code 'MOD999' in WHERE (the closest is 'MOD001')" for an
  /// unknown \p Selector, else none.
  std::optional<std::string> problem(llvm::StringRef Selector, llvm::StringRef Where) const;
  /// problem() of the first unknown selector of \p Selectors.
  std::optional<std::string> firstProblem(llvm::ArrayRef<std::string> Selectors,
                                          llvm::StringRef Where) const;

private:
  std::vector<std::string> Known; ///< sorted, unique
};

} // namespace modlint

#endif
