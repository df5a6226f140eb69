// MOD004 deprecated-imp-new-module: imp.new_module is deprecated since 3.4
// and gone in 3.12; types.ModuleType is the same object in 2.7 and 3. The
// fix also takes out the import of imp once nothing else reads it.
#include "rules/FixEdits.h"
#include "rules/RuleDocs.h"
#include "rules/RuleRegistry.h"

#include <map>

namespace modlint {
namespace {

class DeprecatedImpNewModule : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"MOD004",
                               "deprecated-imp-new-module",
                               "`imp.new_module` is deprecated since Python 3.4 and removed in "
                               "3.12; use `types.ModuleType`.",
                               Level::Warning,
                               Applicability::Safe,
                               ruleDoc("MOD004")};
    return Info;
  }

  void check(const RuleContext &Ctx, llvm::SmallVectorImpl<Diagnostic> &Out) const override {
    // How many fixed sites read each import that nothing else reads: the
    // import goes when that is all of its readers.
    std::map<std::pair<unsigned, unsigned>, unsigned> FixedReaders;
    for (const CreationSite &Site : Ctx.Lifetime.sites())
      if (Site.Kind == CreationKind::ImpNewModule && fixable(Site) && Site.RemoveImport)
        ++FixedReaders[{Site.RemoveImport->Begin, Site.RemoveImport->End}];
    for (const CreationSite &Site : Ctx.Lifetime.sites()) {
      if (Site.Kind != CreationKind::ImpNewModule)
        continue;
      Diagnostic D;
      D.Code = "MOD004";
      D.Severity = level(Ctx.Target);
      D.Begin = Site.Begin;
      D.End = Site.End;
      D.Message = "'imp.new_module' is deprecated since Python 3.4 and removed in 3.12; use "
                  "'types.ModuleType'";
      if (fixable(Site)) {
        Fix F;
        F.Title = "Replace with 'types.ModuleType'";
        F.Safety = Applicability::Safe;
        if (const auto &R = Site.RemoveImport;
            R && FixedReaders[{R->Begin, R->End}] == R->Readers) {
          // Every fix carries it; it is applied once, and only with all of them.
          TextEdit Remove{R->Begin, R->End, R->Replacement};
          Remove.Joint = true;
          F.Edits.push_back(std::move(Remove));
        }
        if (Site.TypesState == SemanticModel::NameState::Unbound)
          F.Edits.push_back(importEdit(Ctx.Source, Ctx.Lifetime, "types"));
        F.Edits.push_back({Site.CalleeBegin, Site.CalleeEnd, "types.ModuleType"});
        D.Fix = std::move(F);
      }
      Out.push_back(std::move(D));
    }
  }

private:
  /// No fix where the name `types` means something else.
  static bool fixable(const CreationSite &Site) {
    return Site.TypesState != SemanticModel::NameState::Other;
  }
};

} // namespace

const Rule &deprecatedImpNewModuleRule() {
  static const DeprecatedImpNewModule R;
  return R;
}

} // namespace modlint
