#ifndef MODLINT_ANALYZER_SERVER_SERVERSETTINGS_H
#define MODLINT_ANALYZER_SERVER_SERVERSETTINGS_H

#include "analyzer/Driver.h"
#include "analyzer/RuleCodes.h"

#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace modlint::server {

/// The editor's settings (`initializationOptions`, or the `modlint` section
/// of `workspace/didChangeConfiguration`): they override the config files
/// exactly as the command line's flags of the same names do.
struct ServerSettings {
  CheckOptions Check;       ///< Select, Ignore, Target (the flags they mirror)
  bool UnsafeFixes = false; ///< source.fixAll applies unsafe fixes too
};

/// Reads \p V (an object with `select`, `ignore`, `unsafe-fixes`,
/// `target-version`; a `modlint` member holding them is looked into). A
/// value that is wrong (an unknown rule code, a bad version) is left unset
/// and described in \p Problems, worded as the command line words it.
ServerSettings readSettings(const llvm::json::Value *V, const RuleCodes &Known,
                            std::vector<std::string> &Problems);

} // namespace modlint::server

#endif
