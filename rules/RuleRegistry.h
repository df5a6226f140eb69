#ifndef MODLINT_RULES_RULEREGISTRY_H
#define MODLINT_RULES_RULEREGISTRY_H

#include "analyzer/Rule.h"

#include "llvm/ADT/ArrayRef.h"

namespace modlint {

const Rule &orphanedModuleMemberRule();
const Rule &orphanedModuleNamespaceRule();
const Rule &execBeforeRegisterRule();
const Rule &deprecatedImpNewModuleRule();
const Rule &execStatementRule();

/// Every rule, ordered by code.
llvm::ArrayRef<const Rule *> allRules();
/// The rule with \p Code, or null.
const Rule *findRule(llvm::StringRef Code);

} // namespace modlint

#endif
