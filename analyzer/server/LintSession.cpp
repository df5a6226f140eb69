#include "analyzer/server/LintSession.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace modlint::server {

LintSession::LintSession(ArrayRef<const Rule *> AllRules, const RuleCodes &Known,
                         PositionEncoding Encoding, WorkspaceSummaries &Summaries)
    : AllRules(AllRules), Known(Known), Encoding(Encoding), Summaries(Summaries),
      Configs(std::make_unique<ConfigResolver>(std::nullopt, false, Known)) {}

void LintSession::reconfigure(ServerSettings NewSettings) {
  Settings = std::move(NewSettings);
  ++Generation;
  // A fresh resolver reads every config again; results are per plan.
  Configs = std::make_unique<ConfigResolver>(std::nullopt, false, Known);
  Plans.clear();
  Results.clear();
  Summaries.invalidate();
}

const FilePlan &LintSession::planFor(StringRef Path) {
  auto It = Plans.find(Path);
  if (It != Plans.end())
    return It->second;
  FilePlan Plan;
  auto Found = planFile(Settings.Check, AllRules, *Configs, Path);
  if (Found)
    Plan = std::move(*Found);
  else
    Plan.Error = toString(Found.takeError());
  return Plans.insert({Path, std::move(Plan)}).first->second;
}

std::shared_ptr<const LintResult> LintSession::lint(const Snapshot &S) {
  auto Last = Results.find(S.Uri);
  if (Last != Results.end() && Last->second->Version == S.Version && Last->second->Text == S.Text)
    return Last->second;
  auto R = std::make_shared<LintResult>();
  R->Version = S.Version;
  R->Text = S.Text;
  R->Index.emplace(*S.Text, Encoding);
  // A buffer that is no file (untitled:) is linted as a file of the working
  // directory would be.
  std::string Path = uriToPath(S.Uri).value_or("untitled.py");
  const FilePlan &Plan = planFor(Path);
  R->Excluded = Plan.Excluded;
  R->Error = Plan.Error;
  if (!Plan.Excluded && Plan.Error.empty()) {
    Summaries.refresh(Path, StringRef(*S.Text));
    // Once the linter reads project summaries, they join the options here.
    LintOptions Opts{Plan.Target, Plan.Rules, /*Prefilter=*/true, /*AddNoqa=*/false};
    R->Report = lintSource(SourceFile::fromText(Path, *S.Text), Opts, Parser);
  }
  // A request's older snapshot never replaces the lint of newer text.
  if (Last == Results.end() || Last->second->Version <= S.Version)
    Results[S.Uri] = R;
  return R;
}

} // namespace modlint::server
