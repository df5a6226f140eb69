#include "rules/FixEdits.h"

namespace modlint {

TextEdit importEdit(const SourceFile &Source, const ModuleLifetime &Facts, llvm::StringRef Module) {
  const LineInsertion &At = Facts.importInsertion();
  std::string Line;
  if (At.NeedsNewlineBefore)
    Line += Source.newline();
  Line += ("import " + Module).str();
  Line += Source.newline();
  return TextEdit{At.Offset, At.Offset, std::move(Line)};
}

std::optional<Fix> registerModuleFix(const SourceFile &Source, const ModuleLifetime &Facts,
                                     const CreationSite &Site,
                                     const std::optional<LineInsertion> &At) {
  if (!At || Site.Holder.empty() || Site.SysState == SemanticModel::NameState::Other)
    return std::nullopt;
  Fix F;
  F.Title = "Register the module in sys.modules";
  F.Safety = Applicability::Unsafe;
  std::string Register = "sys.modules[" + Site.Holder + ".__name__] = " + Site.Holder;
  if (Site.SysState == SemanticModel::NameState::Unbound)
    F.Edits.push_back(importEdit(Source, Facts, "sys"));
  if (At->Join != LineInsertion::OwnLine) {
    std::string Text = At->Join == LineInsertion::JoinAfter ? "; " + Register : Register + "; ";
    F.Edits.push_back(TextEdit{At->Offset, At->Offset, std::move(Text)});
    return F;
  }
  std::string Line;
  if (At->NeedsNewlineBefore)
    Line += Source.newline();
  Line += At->Indent + Register;
  Line += Source.newline();
  if (At->ContinueLine)
    Line += At->Indent; // the rest of a split line starts the next one
  F.Edits.push_back(TextEdit{At->Offset, At->Offset, std::move(Line)});
  return F;
}

} // namespace modlint
