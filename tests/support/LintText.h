#ifndef MODLINT_TESTS_SUPPORT_LINTTEXT_H
#define MODLINT_TESTS_SUPPORT_LINTTEXT_H

#include "analyzer/Linter.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace modlint::test {

/// Lints \p Text as a file named test.py with every rule.
FileReport lintText(llvm::StringRef Text, llvm::StringRef Target = "py310", bool Prefilter = true);

/// "CODE line:col" for each finding, in report order.
std::vector<std::string> findings(llvm::StringRef Text, llvm::StringRef Target = "py310");

/// The text after applying every fix (safe and unsafe).
std::string fixed(llvm::StringRef Text, llvm::StringRef Target = "py310");

} // namespace modlint::test

#endif
