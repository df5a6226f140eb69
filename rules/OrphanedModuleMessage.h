#ifndef MODLINT_RULES_ORPHANEDMODULEMESSAGE_H
#define MODLINT_RULES_ORPHANEDMODULEMESSAGE_H

#include "analyzer/Diagnostic.h"
#include "analyzer/ModuleLifetime.h"
#include "analyzer/TargetVersion.h"

#include <string>

namespace modlint {

/// "is returned", "escapes through global 'func'", ...
std::string describeRoute(const Escape &E);
/// "module object held only by local 'mod' dies when 'main' returns"
std::string describeOrphan(const CreationSite &Site);
/// For an escaping value whose definition the module's visible code shows:
/// a note naming the module's globals it reads ("'func' reads global 'a'",
/// on Python 2 "..., which is None once the module dies").
void addGlobalsNotes(const CreationSite &Site, TargetVersion Target, Diagnostic &D);

} // namespace modlint

#endif
