#include "analyzer/Prefilter.h"

namespace modlint {

bool mayHaveFindings(llvm::StringRef Text) {
  if (Text.contains("exec") || Text.contains("new_module"))
    return true;
  if (!Text.contains("eval"))
    return false;
  // Creation spellings: types.ModuleType, module_from_spec, type(M)(...),
  // new.module(...).
  return Text.contains("ModuleType") || Text.contains("module_from_spec") ||
         Text.contains("type") || Text.contains("module");
}

} // namespace modlint
