#ifndef MODLINT_RULES_FIXEDITS_H
#define MODLINT_RULES_FIXEDITS_H

#include "analyzer/Diagnostic.h"
#include "analyzer/ModuleLifetime.h"
#include "analyzer/SourceFile.h"

#include <optional>

namespace modlint {

/// `import <Module>` as a new line at the file's import insertion point.
TextEdit importEdit(const SourceFile &Source, const ModuleLifetime &Facts, llvm::StringRef Module);

/// `sys.modules[H.__name__] = H` inserted at \p At (plus `import sys` when the
/// file lacks it): the fix shared by the rules about unregistered modules.
/// None when there is no safe place or `sys` means something else there.
std::optional<Fix> registerModuleFix(const SourceFile &Source, const ModuleLifetime &Facts,
                                     const CreationSite &Site,
                                     const std::optional<LineInsertion> &At);

} // namespace modlint

#endif
