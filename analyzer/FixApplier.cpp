#include "analyzer/FixApplier.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace llvm;

namespace modlint {

namespace {

/// The edits accepted so far, answering "does this edit clash with one?" in
/// logarithmic time: 20,000 fixes in one file were quadratic with a list.
/// Non-empty accepted ranges never overlap each other (a clash is refused),
/// so the one that can contain a point is the last starting at or before it.
class AcceptedEdits {
public:
  /// Overlaps an accepted edit other than itself.
  bool clashes(const TextEdit &E) const {
    if (contains(E))
      return false;
    auto Next = Ranges.upper_bound(E.Begin); // ranges starting after E.Begin
    if (E.Begin < E.End && Next != Ranges.end() && Next->first < E.End)
      return true;
    if (E.Begin < E.End && Ranges.count(E.Begin))
      return true; // same start, other end or text
    if (Next != Ranges.begin()) {
      auto Prev = std::prev(Next);
      if (Prev->first < E.Begin && E.Begin < Prev->second)
        return true; // starts inside an accepted range
    }
    // An accepted insertion strictly inside E.
    auto P = Points.upper_bound(E.Begin);
    return P != Points.end() && *P < E.End;
  }
  bool contains(const TextEdit &E) const {
    return Seen.count({E.Begin, E.End, StringRef(E.Replacement)});
  }
  /// \p E must outlive this set (it points at its replacement).
  void add(const TextEdit &E) {
    if (!Seen.insert({E.Begin, E.End, StringRef(E.Replacement)}).second)
      return;
    All.push_back(E);
    if (E.Begin < E.End)
      Ranges[E.Begin] = E.End;
    else
      Points.insert(E.Begin);
  }
  std::vector<TextEdit> take() { return std::move(All); }

private:
  std::set<std::tuple<unsigned, unsigned, StringRef>> Seen;
  std::map<unsigned, unsigned> Ranges; // Begin -> End, disjoint
  std::multiset<unsigned> Points;      // insertions
  std::vector<TextEdit> All;
};

/// Parse-error regions, asked "does [B, E] touch one?" by binary search.
class BrokenRegions {
public:
  explicit BrokenRegions(std::vector<std::pair<unsigned, unsigned>> R) : Regions(std::move(R)) {
    llvm::sort(Regions);
    unsigned Max = 0;
    for (auto &[B, E] : Regions)
      MaxEnd.push_back(Max = std::max(Max, E));
  }
  bool touches(unsigned Begin, unsigned End) const {
    // Regions starting at or before End; one of them reaches Begin?
    size_t N = std::upper_bound(Regions.begin(), Regions.end(), std::make_pair(End, ~0u)) -
               Regions.begin();
    return N && MaxEnd[N - 1] >= Begin;
  }

private:
  std::vector<std::pair<unsigned, unsigned>> Regions;
  std::vector<unsigned> MaxEnd; // running maximum of the ends, in begin order
};

/// Sorts \p Edits (stably: insertions at one place keep their order).
std::string applyEdits(StringRef Text, std::vector<TextEdit> &Edits) {
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

using EditKey = std::tuple<unsigned, unsigned, StringRef>;
EditKey keyOf(const TextEdit &E) { return {E.Begin, E.End, StringRef(E.Replacement)}; }

/// The joint edits that a fix not in \p Applied (sorted) carries: they wait
/// for every fix that carries them.
std::set<EditKey> withheldJointEdits(ArrayRef<Diagnostic> Diags, ArrayRef<unsigned> Applied) {
  std::set<EditKey> Withheld;
  for (unsigned I = 0; I < Diags.size(); ++I)
    if (Diags[I].Fix && !std::binary_search(Applied.begin(), Applied.end(), I))
      for (const TextEdit &E : Diags[I].Fix->Edits)
        if (E.Joint)
          Withheld.insert(keyOf(E));
  return Withheld;
}

void dropWithheld(std::vector<TextEdit> &Edits, const std::set<EditKey> &Withheld) {
  erase_if(Edits, [&](const TextEdit &E) { return Withheld.count(keyOf(E)); });
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

  // The fixes to try: allowed, outside what the parser could not read, and
  // not overlapping a fix accepted before them.
  AcceptedEdits Accepted;
  BrokenRegions Broken(Before.errorRegions()); // no fix guesses inside these
  std::vector<unsigned> Candidates;
  for (unsigned I = 0; I < Diags.size(); ++I) {
    const auto &F = Diags[I].Fix;
    if (!F || (F->Safety == Applicability::Unsafe && !Unsafe) || F->Edits.empty())
      continue;
    bool Clash = false, InBroken = false;
    for (const TextEdit &E : F->Edits) {
      Clash |= Accepted.clashes(E);
      InBroken |= Broken.touches(E.Begin, E.End);
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
      Accepted.add(E);
    Candidates.push_back(I);
  }
  if (Candidates.empty()) {
    Out.Text = Text.str();
    return Out;
  }
  std::vector<TextEdit> All = Accepted.take();
  dropWithheld(All, withheldJointEdits(Diags, Candidates));
  std::string New = applyEdits(Text, All);
  if (errorsIn(Parser, Source.path(), New) <= BeforeErrors) {
    Out.Text = std::move(New);
    Out.Edits = std::move(All);
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
  Out.Edits = std::move(Kept);
  return Out;
}

} // namespace modlint
