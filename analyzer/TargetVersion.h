#ifndef MODLINT_ANALYZER_TARGETVERSION_H
#define MODLINT_ANALYZER_TARGETVERSION_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace modlint {

/// The Python version the analysed code runs on (`--target-version py310`).
struct TargetVersion {
  unsigned Major = 3, Minor = 10;

  static std::optional<TargetVersion> parse(llvm::StringRef Spelling);
  bool isPython2() const { return Major == 2; }
  /// Before PEP 442 (3.4) a freed module's globals are set to None.
  bool clearsModuleGlobals() const { return Major == 2 || (Major == 3 && Minor < 4); }
};

} // namespace modlint

#endif
