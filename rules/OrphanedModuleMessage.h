#ifndef MODLINT_RULES_ORPHANEDMODULEMESSAGE_H
#define MODLINT_RULES_ORPHANEDMODULEMESSAGE_H

#include "analyzer/ModuleLifetime.h"
#include "analyzer/TargetVersion.h"

#include <string>

namespace modlint {

/// "is returned", "escapes through global 'func'", ...
std::string describeRoute(const Escape &E);
/// "module object held only by local 'mod' dies when 'main' returns"
std::string describeOrphan(const CreationSite &Site);

} // namespace modlint

#endif
