#include "analyzer/FixApplier.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

namespace {
bool overlaps(const TextEdit &A, const TextEdit &B) { return A.Begin < B.End && B.Begin < A.End; }
} // namespace

namespace {

std::string applyEdits(StringRef Text, std::vector<TextEdit> Edits) {
  std::stable_sort(Edits.begin(), Edits.end(), [](const TextEdit &A, const TextEdit &B) {
    return A.Begin != B.Begin ? A.Begin < B.Begin : A.End < B.End;
  });
  std::string New;
  New.reserve(Text.size() + 256);
  unsigned Pos = 0;
  for (const TextEdit &E : Edits) {
    New.append(Text.data() + Pos, E.Begin - Pos);
    New += E.Replacement;
    Pos = std::max(Pos, E.End);
  }
  New.append(Text.data() + Pos, Text.size() - Pos);
  return New;
}

/// The joint edits that a fix not in \p Applied (sorted) carries: they wait
/// for every fix that carries them.
std::vector<TextEdit> withheldJointEdits(ArrayRef<Diagnostic> Diags, ArrayRef<unsigned> Applied) {
  std::vector<TextEdit> Withheld;
  for (unsigned I = 0; I < Diags.size(); ++I)
    if (Diags[I].Fix && !std::binary_search(Applied.begin(), Applied.end(), I))
      for (const TextEdit &E : Diags[I].Fix->Edits)
        if (E.Joint && !is_contained(Withheld, E))
          Withheld.push_back(E);
  return Withheld;
}

void dropWithheld(std::vector<TextEdit> &Edits, ArrayRef<TextEdit> Withheld) {
  erase_if(Edits, [&](const TextEdit &E) { return is_contained(Withheld, E); });
}

unsigned errorsIn(SyntaxParser &Parser, StringRef Path, const std::string &Text) {
  SourceFile S = SourceFile::fromText(Path, Text);
  SyntaxTree T(Parser, S);
  return T.errorCount();
}

} // namespace

FixOutcome applyFixes(const SourceFile &Source, ArrayRef<Diagnostic> Diags, bool Unsafe,
                      SyntaxParser &Parser) {
  FixOutcome Out;
  StringRef Text = Source.text();
  SyntaxTree Before(Parser, Source);
  unsigned BeforeErrors = Before.errorCount();
  auto Broken = Before.errorRegions(); // no fix guesses inside these

  // The fixes to try: allowed, outside what the parser could not read, and
  // not overlapping a fix accepted before them.
  std::vector<TextEdit> Accepted;
  std::vector<unsigned> Candidates;
  for (unsigned I = 0; I < Diags.size(); ++I) {
    const auto &F = Diags[I].Fix;
    if (!F || (F->Safety == Applicability::Unsafe && !Unsafe) || F->Edits.empty())
      continue;
    bool Clash = false, InBroken = false;
    for (const TextEdit &E : F->Edits) {
      for (const TextEdit &A : Accepted)
        Clash |= !(E == A) && overlaps(E, A);
      for (auto [B, End] : Broken)
        InBroken |= E.Begin <= End && B <= E.End;
    }
    // A fix inside what the parser could not read is taken only when it is
    // what repairs it (a Python 2 exec statement tree-sitter recovers from):
    // alone, it must leave fewer errors. Any other guess is left alone.
    if (!Clash && InBroken) {
      std::vector<TextEdit> Alone(F->Edits.begin(), F->Edits.end());
      Clash = errorsIn(Parser, Source.path(), applyEdits(Text, Alone)) >= BeforeErrors;
    }
    if (Clash)
      continue; // left for a later run, or for a person; never half-applied
    for (const TextEdit &E : F->Edits)
      if (std::find(Accepted.begin(), Accepted.end(), E) == Accepted.end())
        Accepted.push_back(E);
    Candidates.push_back(I);
  }
  if (Candidates.empty()) {
    Out.Text = Text.str();
    return Out;
  }
  dropWithheld(Accepted, withheldJointEdits(Diags, Candidates));
  std::string New = applyEdits(Text, Accepted);
  if (errorsIn(Parser, Source.path(), New) <= BeforeErrors) {
    Out.Text = std::move(New);
    Out.FixedIndices.assign(Candidates.begin(), Candidates.end());
    return Out;
  }
  // Together they parse worse: keep each fix that does not, one at a time,
  // without its joint edits, which wait until the kept fixes are known.
  std::vector<TextEdit> Kept, Joint;
  for (unsigned I : Candidates) {
    std::vector<TextEdit> Trial = Kept;
    for (const TextEdit &E : Diags[I].Fix->Edits)
      if (!E.Joint && std::find(Trial.begin(), Trial.end(), E) == Trial.end())
        Trial.push_back(E);
    if (errorsIn(Parser, Source.path(), applyEdits(Text, Trial)) <= BeforeErrors) {
      Kept = std::move(Trial);
      Out.FixedIndices.push_back(I);
      for (const TextEdit &E : Diags[I].Fix->Edits)
        if (E.Joint && !is_contained(Joint, E))
          Joint.push_back(E);
    } else {
      ++Out.RefusedForSyntax;
    }
  }
  dropWithheld(Joint, withheldJointEdits(Diags, Out.FixedIndices));
  if (!Joint.empty()) {
    std::vector<TextEdit> Trial = Kept;
    Trial.insert(Trial.end(), Joint.begin(), Joint.end());
    if (errorsIn(Parser, Source.path(), applyEdits(Text, Trial)) <= BeforeErrors)
      Kept = std::move(Trial);
  }
  Out.Text = applyEdits(Text, Kept);
  return Out;
}

} // namespace modlint
