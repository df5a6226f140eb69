#include "analyzer/Diagnostic.h"

namespace modlint {

llvm::StringRef levelName(Level L) { return L == Level::Error ? "error" : "warning"; }

llvm::StringRef applicabilityName(Applicability A) {
  return A == Applicability::Safe ? "safe" : "unsafe";
}

} // namespace modlint
