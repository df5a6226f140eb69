#include "rules/RuleRegistry.h"

namespace modlint {

llvm::ArrayRef<const Rule *> allRules() {
  static const Rule *const Rules[] = {
      &orphanedModuleMemberRule(),
      &orphanedModuleNamespaceRule(),
      &execBeforeRegisterRule(),
      &deprecatedImpNewModuleRule(),
      &execStatementRule(),
  };
  return Rules;
}

const Rule *findRule(llvm::StringRef Code) {
  for (const Rule *R : allRules())
    if (R->info().Code.equals_insensitive(Code))
      return R;
  return nullptr;
}

} // namespace modlint
