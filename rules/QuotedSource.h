#ifndef MODLINT_RULES_QUOTEDSOURCE_H
#define MODLINT_RULES_QUOTEDSOURCE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace modlint {

/// Quoted source text is cut to this many characters (code points), the
/// last three of them "...".
inline constexpr size_t MaxQuotedChars = 60;

/// \p SourceText (an expression or name as written) as a message quotes it,
/// on one line: comments dropped; outside string literals every run of
/// blanks, line breaks and backslash continuations made one space, or none
/// just inside a bracket; inside a literal only runs holding a line break
/// made one space; then cut to MaxQuotedChars. Every message that quotes
/// source uses it, so that a finding is one line of concise output.
std::string oneLineSource(llvm::StringRef SourceText);

/// oneLineSource() in single quotes: 'mod.handler'.
std::string quoted(llvm::StringRef SourceText);

} // namespace modlint

#endif
