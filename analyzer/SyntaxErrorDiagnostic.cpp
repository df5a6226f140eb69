#include "analyzer/SyntaxErrorDiagnostic.h"

#include <string>

namespace modlint {

const RuleInfo &syntaxErrorInfo() {
  // SARIF wants a name unlike the id (the Multitool's SARIF1001): Ruff's.
  static const RuleInfo Info{
      SyntaxErrorCode,
      "invalid-syntax",
      "The file does not parse cleanly; findings in the broken region may be missing.",
      Level::Error,
      std::nullopt,
      "# syntax-error\n\n"
      "## What it does\n"
      "Reports the first place where a file that modlint's rules look at (the prefilter's "
      "candidates) does not parse, with the lines it spans.\n\n"
      "## Why is this bad?\n"
      "modlint cannot analyse code it cannot parse, so findings in the broken region may be "
      "missing; findings elsewhere in the file are still reported. Python 2 `exec` statements "
      "are not counted: MOD005 reports and fixes those.\n\n"
      "## Suppression\n"
      "None, as with Ruff's `invalid-syntax`: `# noqa`, `--select`, `--ignore` and "
      "`per-file-ignores` do not turn it off. Fix the syntax, or exclude the file.\n"};
  return Info;
}

namespace {

/// The last line a region [Begin, End) covers.
unsigned lastLine(const SourceFile &Source, unsigned Begin, unsigned End) {
  return Source.lineOf(End > Begin ? End - 1 : Begin);
}

} // namespace

std::optional<Diagnostic> syntaxErrorDiagnostic(const SourceFile &Source, const SyntaxTree &Tree,
                                                llvm::ArrayRef<ExecStatement> Understood) {
  // Both lists are in source order and neither nests: one pass over the two.
  std::vector<std::pair<unsigned, unsigned>> Regions;
  size_t Next = 0;
  for (std::pair<unsigned, unsigned> R : Tree.errorRegions()) {
    while (Next < Understood.size() && Understood[Next].CodeEnd < R.second)
      ++Next;
    if (Next == Understood.size() || Understood[Next].Begin > R.first)
      Regions.push_back(R);
  }
  if (Regions.empty())
    return std::nullopt;
  auto [Begin, End] = Regions.front();
  unsigned First = Source.lineOf(Begin), Last = lastLine(Source, Begin, End);
  std::string Lines = First == Last ? "line " + std::to_string(First)
                                    : "lines " + std::to_string(First) + "-" + std::to_string(Last);
  std::string More;
  if (Regions.size() > 1)
    More = " (the first of " + std::to_string(Regions.size()) + " such places)";
  Diagnostic D;
  D.Code = SyntaxErrorCode.str();
  D.Severity = Level::Error;
  D.Begin = Begin;
  // The first line of the region: the message names the others.
  D.End = std::min(End, std::max(Begin, Source.lineEnd(First)));
  D.Message = "syntax error: modlint could not parse " + Lines + More +
              ", so findings there may be missing";
  return D;
}

} // namespace modlint
