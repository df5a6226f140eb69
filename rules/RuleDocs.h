#ifndef MODLINT_RULES_RULEDOCS_H
#define MODLINT_RULES_RULEDOCS_H

#include "llvm/ADT/StringRef.h"

namespace modlint {

/// The text of rules/<Code>.md, embedded at build time; empty if none.
llvm::StringRef ruleDoc(llvm::StringRef Code);

} // namespace modlint

#endif
