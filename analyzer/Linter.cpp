#include "analyzer/Linter.h"

#include "analyzer/ModuleLifetime.h"
#include "analyzer/Noqa.h"
#include "analyzer/Prefilter.h"
#include "analyzer/SemanticModel.h"

#include <algorithm>
#include <map>

namespace modlint {

FileReport lintSource(SourceFile Source, const LintOptions &Opts, SyntaxParser &Parser) {
  FileReport R;
  R.Path = Source.path().str();
  if (Opts.Prefilter && !mayHaveFindings(Source.text()))
    return R;
  if (auto Reason = unparseableReason(Source)) {
    R.Error = std::move(*Reason);
    return R;
  }
  {
    SyntaxTree Tree(Parser, Source);
    R.Parsed = true;
    R.SyntaxErrors = Tree.errorCount();
    ModuleLifetime Lifetime(Tree);
    RuleContext Ctx{Source, Lifetime, Opts.Target};
    for (const Rule *Rule : Opts.Rules)
      Rule->check(Ctx, R.Diagnostics);
    applyNoqa(Source, Tree, R.Diagnostics);
    if (Opts.AddNoqa) {
      std::map<unsigned, std::vector<std::string>> CodesByLine;
      for (const Diagnostic &D : R.Diagnostics) {
        auto &Codes = CodesByLine[noqaLine(Source, Tree, Source.lineOf(D.Begin))];
        if (std::find(Codes.begin(), Codes.end(), D.Code) == Codes.end())
          Codes.push_back(D.Code);
      }
      for (auto &[Line, Codes] : CodesByLine) {
        std::sort(Codes.begin(), Codes.end());
        if (auto E = noqaEdit(Source, Tree, Line, Codes))
          R.NoqaEdits.push_back(std::move(*E));
      }
    }
  } // the tree goes as soon as the findings exist
  std::stable_sort(R.Diagnostics.begin(), R.Diagnostics.end(),
                   [](const Diagnostic &A, const Diagnostic &B) {
                     if (A.Begin != B.Begin)
                       return A.Begin < B.Begin;
                     return A.Code < B.Code;
                   });
  if (!R.Diagnostics.empty())
    R.Source.emplace(std::move(Source));
  return R;
}

FileReport lintFile(llvm::StringRef Path, const LintOptions &Opts, SyntaxParser &Parser) {
  auto Source = SourceFile::load(Path);
  if (!Source) {
    FileReport R;
    R.Path = Path.str();
    R.Error = llvm::toString(Source.takeError());
    return R;
  }
  return lintSource(std::move(*Source), Opts, Parser);
}

} // namespace modlint
