// MOD002 orphaned-module-namespace: the namespace dict of a module held only
// by a local escapes, while nothing derived from it does (that is MOD001).
#include "rules/FixEdits.h"
#include "rules/OrphanedModuleMessage.h"
#include "rules/QuotedSource.h"
#include "rules/RuleDocs.h"
#include "rules/RuleRegistry.h"

namespace modlint {
namespace {

class OrphanedModuleNamespace : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"MOD002",
                               "orphaned-module-namespace",
                               "The namespace of a module held only by a local escapes; the "
                               "module dies when the function returns.",
                               Level::Warning,
                               Applicability::Unsafe,
                               ruleDoc("MOD002")};
    return Info;
  }

  void check(const RuleContext &Ctx, llvm::SmallVectorImpl<Diagnostic> &Out) const override {
    for (const CreationSite &Site : Ctx.Lifetime.sites()) {
      if (!Site.inFunction() || Site.Holder.empty() || !Site.Populated || Site.KeptAlive)
        continue;
      const Escape *First = nullptr;
      bool DerivedEscapes = false;
      for (const Escape &E : Site.Escapes) {
        DerivedEscapes |= !E.IsNamespace;
        if (E.IsNamespace && (!First || E.Begin < First->Begin))
          First = &E;
      }
      if (!First || DerivedEscapes)
        continue;
      Diagnostic D;
      D.Code = "MOD002";
      D.Severity = level(Ctx.Target);
      D.Begin = Site.Begin;
      D.End = Site.End;
      D.Message = describeOrphan(Site) + ", but its namespace " + quoted(First->Value) + " " +
                  describeRoute(*First);
      D.Message += Ctx.Target.clearsModuleGlobals()
                       ? ": Python 2 clears a freed module's dict even while the dict is "
                         "still referenced"
                       : ": the functions in it name a module missing from sys.modules, so "
                         "pickle and inspect.getsource fail on them";
      for (const Escape &E : Site.Escapes)
        D.Notes.push_back({E.Begin, E.End, quoted(E.Value) + " " + describeRoute(E) + " here"});
      D.Fix = registerModuleFix(Ctx.Source, Ctx.Lifetime, Site, Site.RegisterAfter);
      Out.push_back(std::move(D));
    }
  }
};

} // namespace

const Rule &orphanedModuleNamespaceRule() {
  static const OrphanedModuleNamespace R;
  return R;
}

} // namespace modlint
