#ifndef MODLINT_ANALYZER_REQUIRESPYTHON_H
#define MODLINT_ANALYZER_REQUIRESPYTHON_H

#include "analyzer/TargetVersion.h"

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace modlint {

/// The target version a PEP 440 `requires-python` specifier set implies, as
/// Ruff infers it: the greatest lower bound its `>=`, `>`, `==`, `===` and
/// `~=` clauses give, cut to major.minor (`>=3.9,<4` is 3.9, `>=2.7` 2.7),
/// then the lowest version modlint targets at or above it (`>=3.0` is py33).
/// None for a set with no lower bound, one above py314, or not a specifier.
std::optional<TargetVersion> targetFromRequiresPython(llvm::StringRef Specifiers);

/// `project.requires-python` of a pyproject.toml's text \p Toml; none when it
/// is absent, not a string or the text is not TOML (pip reports those).
std::optional<std::string> requiresPythonOf(llvm::StringRef Toml);

} // namespace modlint

#endif
