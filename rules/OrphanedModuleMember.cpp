// MOD001 orphaned-module-member: something defined by code executed into a
// module escapes the function whose local is the module's only reference.
#include "rules/FixEdits.h"
#include "rules/OrphanedModuleMessage.h"
#include "rules/QuotedSource.h"
#include "rules/RuleDocs.h"
#include "rules/RuleRegistry.h"

namespace modlint {
namespace {

class OrphanedModuleMember : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"MOD001",
                               "orphaned-module-member",
                               "A function or class from a module held only by a local escapes; "
                               "the module dies when the function returns.",
                               Level::Warning,
                               Applicability::Unsafe,
                               ruleDoc("MOD001")};
    return Info;
  }

  void check(const RuleContext &Ctx, llvm::SmallVectorImpl<Diagnostic> &Out) const override {
    for (const CreationSite &Site : Ctx.Lifetime.sites()) {
      if (!Site.inFunction() || Site.Holder.empty() || !Site.Populated || Site.KeptAlive)
        continue;
      const Escape *First = nullptr;
      for (const Escape &E : Site.Escapes)
        if (!E.IsNamespace && (!First || E.Begin < First->Begin))
          First = &E;
      if (!First)
        continue;
      Diagnostic D;
      D.Code = "MOD001";
      D.Severity = level(Ctx.Target);
      D.Begin = Site.Begin;
      D.End = Site.End;
      D.Message =
          describeOrphan(Site) + ", but " + quoted(First->Value) + " " + describeRoute(*First);
      D.Message += Ctx.Target.clearsModuleGlobals()
                       ? ": once the module is freed, Python resets its globals to None and "
                         "the escaped code sees None for every global"
                       : ": its __module__ names a module missing from sys.modules, so pickle, "
                         "multiprocessing, inspect.getsource and typing.get_type_hints fail on it";
      for (const Escape &E : Site.Escapes) {
        // One note a place: a value that may be the namespace or something
        // from it is noted as the latter.
        if (E.IsNamespace && llvm::any_of(Site.Escapes, [&](const Escape &O) {
              return !O.IsNamespace && O.Begin == E.Begin && O.End == E.End;
            }))
          continue;
        D.Notes.push_back({E.Begin, E.End,
                           quoted(E.Value) + " " + describeRoute(E) + " here" +
                               (E.IsNamespace ? " (the module's namespace)" : "")});
      }
      addGlobalsNotes(Site, Ctx.Target, D);
      D.Fix = registerModuleFix(Ctx.Source, Ctx.Lifetime, Site, Site.RegisterAfter);
      Out.push_back(std::move(D));
    }
  }
};

} // namespace

const Rule &orphanedModuleMemberRule() {
  static const OrphanedModuleMember R;
  return R;
}

} // namespace modlint
