// MOD005 exec-statement: the Python 2 `exec` statement, a syntax error in
// Python 3; rewritten as the call form, lib2to3's fix_exec conversion.
#include "rules/RuleDocs.h"
#include "rules/RuleRegistry.h"

namespace modlint {
namespace {

class ExecStatementRule : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"MOD005", "exec-statement",
                               "A Python 2 `exec` statement: a syntax error in Python 3; use the "
                               "`exec(...)` call form.",
                               Level::Error, Applicability::Safe, ruleDoc("MOD005")};
    return Info;
  }

  Level level(TargetVersion Target) const override {
    return Target.isPython2() ? Level::Warning : Level::Error;
  }

  void check(const RuleContext &Ctx, llvm::SmallVectorImpl<Diagnostic> &Out) const override {
    for (const ExecStatement &E : Ctx.Lifetime.execStatements()) {
      Diagnostic D;
      D.Code = "MOD005";
      D.Severity = level(Ctx.Target);
      D.Begin = E.Begin;
      D.End = E.End;
      D.Message = Ctx.Target.isPython2()
                      ? "Python 2 'exec' statement; the call form 'exec(...)' means the same in "
                        "Python 2.7 and also runs on Python 3"
                      : "Python 2 'exec' statement is a syntax error in Python 3; use the call "
                        "form 'exec(...)'";
      Fix F;
      F.Title = "Convert to an 'exec(...)' call";
      F.Safety = Applicability::Safe;
      // Everything after `exec` stays as written; only ` in ` becomes `, `.
      llvm::StringRef Text = Ctx.Source.text();
      std::string Call = "(" + Text.slice(E.CodeBegin, E.CodeEnd).str();
      if (E.HasNamespace)
        Call += ", " + Text.slice(E.NamespaceBegin, E.End).str();
      Call += ")";
      F.Edits.push_back({E.KeywordEnd, E.End, std::move(Call)});
      D.Fix = std::move(F);
      Out.push_back(std::move(D));
    }
  }
};

} // namespace

const Rule &execStatementRule() {
  static const ExecStatementRule R;
  return R;
}

} // namespace modlint
