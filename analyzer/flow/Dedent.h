#ifndef MODLINT_ANALYZER_FLOW_DEDENT_H
#define MODLINT_ANALYZER_FLOW_DEDENT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace modlint {

/// textwrap.dedent of UTF-8 \p Text, exactly as CPython 3.11 computes it:
/// lines of only spaces and tabs become empty and do not count for the
/// margin, the longest run of spaces and tabs common to the other lines is
/// removed (a tab and a space never match).
std::string dedent(llvm::StringRef Text);

/// inspect.cleandoc of UTF-8 \p Text, exactly as CPython 3.11 computes it:
/// tabs expanded to columns of 8, the first line's leading whitespace
/// stripped, the least indentation of the other non-blank lines removed
/// from them (Unicode whitespace counted in code points), and leading and
/// trailing empty lines dropped. Both raise in Python for bytes: apply them
/// to str literals only.
std::string cleandoc(llvm::StringRef Text);

} // namespace modlint

#endif
