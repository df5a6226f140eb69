#ifndef MODLINT_ANALYZER_VERSION_H
#define MODLINT_ANALYZER_VERSION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <string>

namespace modlint {

inline constexpr const char *ToolVersion = "0.1.0";
/// Where the project and its rule docs live (SARIF informationUri, helpUri).
inline constexpr const char *ProjectUrl = "https://github.com/modlint/modlint";

/// The rule's documentation page, as users and SARIF viewers follow it.
inline std::string ruleDocUrl(llvm::StringRef Code) {
  return (llvm::Twine(ProjectUrl) + "/blob/main/rules/" + Code + ".md").str();
}

/// The documentation of a finding's code: its rule's page, or for
/// syntax-error and io-error (no rules) the README's section on them.
inline std::string docUrl(llvm::StringRef Code) {
  if (Code == "syntax-error")
    return (llvm::Twine(ProjectUrl) + "/blob/main/README.md#what-is-never-silent").str();
  if (Code == "io-error")
    return (llvm::Twine(ProjectUrl) + "/blob/main/README.md#names-and-source-text-in-the-output")
        .str();
  return ruleDocUrl(Code);
}

} // namespace modlint

#endif
