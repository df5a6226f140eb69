#ifndef MODLINT_ANALYZER_SERVER_SERVER_H
#define MODLINT_ANALYZER_SERVER_SERVER_H

#include "analyzer/Rule.h"

#include "llvm/ADT/ArrayRef.h"

namespace modlint::server {

/// `modlint server`: the Language Server Protocol over \p InFD / \p OutFD
/// until `exit`. The status: 0 after `shutdown` then `exit`, 1 when the
/// client ends the session otherwise (LSP 3.17, "exit").
int runServer(llvm::ArrayRef<const Rule *> AllRules, int InFD, int OutFD);

} // namespace modlint::server

#endif
