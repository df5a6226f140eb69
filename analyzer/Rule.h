#ifndef MODLINT_ANALYZER_RULE_H
#define MODLINT_ANALYZER_RULE_H

#include "analyzer/Diagnostic.h"
#include "analyzer/ModuleLifetime.h"
#include "analyzer/SourceFile.h"
#include "analyzer/TargetVersion.h"

#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace modlint {

/// What a rule is, for listings, docs and SARIF.
struct RuleInfo {
  llvm::StringRef Code;    ///< "MOD001"
  llvm::StringRef Name;    ///< "orphaned-module-member"
  llvm::StringRef Summary; ///< one sentence
  Level DefaultLevel = Level::Warning;
  std::optional<Applicability> FixSafety; ///< none: the rule has no fix
  llvm::StringRef Doc;                    ///< rules/<CODE>.md
};

/// What a rule sees of a file: its text and the facts computed for it.
struct RuleContext {
  const SourceFile &Source;
  const ModuleLifetime &Lifetime;
  TargetVersion Target;
};

/// A rule reads facts and reports; it never parses or walks syntax.
class Rule {
public:
  virtual ~Rule() = default;
  virtual const RuleInfo &info() const = 0;
  /// The level of this rule's findings for \p Target.
  virtual Level level(TargetVersion Target) const {
    (void)Target;
    return info().DefaultLevel;
  }
  virtual void check(const RuleContext &Ctx, llvm::SmallVectorImpl<Diagnostic> &Out) const = 0;
};

} // namespace modlint

#endif
