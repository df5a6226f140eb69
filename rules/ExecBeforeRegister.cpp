// MOD003 exec-before-register: a module_from_spec module executed before it
// is in sys.modules; code that looks itself up there during execution fails.
#include "rules/FixEdits.h"
#include "rules/QuotedSource.h"
#include "rules/RuleDocs.h"
#include "rules/RuleRegistry.h"

namespace modlint {
namespace {

class ExecBeforeRegister : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"MOD003", "exec-before-register",
                               "A module from `module_from_spec` is executed before it is "
                               "registered in `sys.modules`.",
                               Level::Warning, Applicability::Unsafe, ruleDoc("MOD003")};
    return Info;
  }

  void check(const RuleContext &Ctx, llvm::SmallVectorImpl<Diagnostic> &Out) const override {
    for (const ExecModuleCall &C : Ctx.Lifetime.execModuleCalls()) {
      if (C.RegisteredBefore)
        continue;
      const CreationSite &Site = Ctx.Lifetime.sites()[C.Site];
      Diagnostic D;
      D.Code = "MOD003";
      D.Severity = level(Ctx.Target);
      D.Begin = C.Begin;
      D.End = C.End;
      D.Message = "module " + quoted(C.Holder) +
                  " is executed before it is registered in sys.modules: code that looks "
                  "itself up there while it runs (dataclasses, typing, pickle, relative "
                  "imports) fails";
      D.Notes.push_back({Site.Begin, Site.End, "module made here"});
      CreationSite Named = Site;
      Named.Holder = C.Holder;
      Named.SysState = C.SysState;
      D.Fix = registerModuleFix(Ctx.Source, Ctx.Lifetime, Named, C.RegisterBefore);
      if (D.Fix)
        D.Fix->Title = "Register the module in sys.modules before executing it";
      Out.push_back(std::move(D));
    }
  }
};

} // namespace

const Rule &execBeforeRegisterRule() {
  static const ExecBeforeRegister R;
  return R;
}

} // namespace modlint
