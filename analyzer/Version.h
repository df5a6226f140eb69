#ifndef MODLINT_ANALYZER_VERSION_H
#define MODLINT_ANALYZER_VERSION_H

namespace modlint {

inline constexpr const char *ToolVersion = "0.1.0";
/// Where the project and its rule docs live (SARIF informationUri, helpUri).
inline constexpr const char *ProjectUrl = "https://github.com/modlint/modlint";

} // namespace modlint

#endif
