#ifndef MODLINT_ANALYZER_CONFIGNESTING_H
#define MODLINT_ANALYZER_CONFIGNESTING_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace modlint {

/// The deepest a config's values may nest. toml++ builds and frees tables
/// recursively, so a header 40,000 dotted keys deep overflows the stack;
/// real configs nest 3 or 4 levels (`[tool.modlint.per-file-ignores]`).
constexpr unsigned MaxConfigNesting = 100;

/// Where TOML \p Text first nests deeper than MaxConfigNesting: its 1-based
/// line, or nothing. One linear pass that counts what makes a level (a
/// header's or a key's dotted parts, an inline table, an array), without
/// parsing: it may overcount, never undercount, on valid TOML; what is not
/// valid TOML is left to the parser to report.
std::optional<unsigned> tooDeeplyNestedLine(llvm::StringRef Text);

} // namespace modlint

#endif
