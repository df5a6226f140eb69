#include "analyzer/UnifiedDiff.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <vector>

using namespace llvm;

namespace modlint {

namespace {

bool isBreak(char C) { return C == '\n' || C == '\r'; }

/// Lines with their line breaks, so CRLF and a missing final newline survive.
std::vector<StringRef> splitLines(StringRef Text) {
  std::vector<StringRef> Lines;
  while (!Text.empty()) {
    size_t I = Text.find_first_of("\r\n");
    if (I == StringRef::npos) {
      Lines.push_back(Text);
      break;
    }
    size_t Len = I + 1;
    if (Text[I] == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n')
      ++Len;
    Lines.push_back(Text.take_front(Len));
    Text = Text.drop_front(Len);
  }
  return Lines;
}

/// The old text's lines, by where each starts.
class LineTable {
public:
  explicit LineTable(StringRef Text) : Text(Text) {
    for (StringRef L : splitLines(Text))
      Starts.push_back(L.data() - Text.data());
  }
  size_t size() const { return Starts.size(); }
  StringRef line(size_t I) const {
    return Text.slice(Starts[I], I + 1 < Starts.size() ? Starts[I + 1] : Text.size());
  }
  /// Where the line holding \p Off starts, and where it ends (past its break).
  unsigned startAt(unsigned Off) const {
    auto It = upper_bound(Starts, Off);
    return It == Starts.begin() ? 0 : *std::prev(It);
  }
  unsigned endAt(unsigned Off) const {
    auto It = upper_bound(Starts, Off);
    return It == Starts.end() ? Text.size() : *It;
  }
  /// The index of the line starting at \p Off (size() at the end).
  size_t indexOf(unsigned Off) const { return lower_bound(Starts, Off) - Starts.begin(); }

private:
  StringRef Text;
  std::vector<unsigned> Starts;
};

/// Whole old lines [OldFirst, OldFirst + OldCount) that become NewText.
struct Change {
  size_t OldFirst = 0, OldCount = 0;
  std::string NewText;
};

/// The edits grouped into changes of whole lines: edits on one line or on
/// touching lines make one change, which is then trimmed of the lines it
/// leaves as they were.
std::vector<Change> changesOf(StringRef Old, const LineTable &Lines, ArrayRef<TextEdit> Edits) {
  std::vector<Change> Changes;
  auto lastLineEnd = [&](const TextEdit &E) {
    return Lines.endAt(E.End > E.Begin ? E.End - 1 : E.Begin);
  };
  size_t I = 0;
  while (I < Edits.size()) {
    unsigned S = Lines.startAt(Edits[I].Begin), T = lastLineEnd(Edits[I]), Pos = S;
    std::string New;
    for (;;) {
      for (; I < Edits.size() && Lines.startAt(Edits[I].Begin) <= T; ++I) {
        const TextEdit &E = Edits[I];
        New.append(Old.data() + Pos, E.Begin - Pos);
        New += E.Replacement;
        Pos = std::max(Pos, E.End);
        T = std::max(T, lastLineEnd(E));
      }
      // The change must end where a line of the new text does, or the next
      // old line would be joined to it there.
      char Last = T > Pos ? Old[T - 1] : (New.empty() ? '\n' : New.back());
      bool Joins = T < Old.size() && (!isBreak(Last) || (Last == '\r' && Old[T] == '\n'));
      if (!Joins)
        break;
      T = Lines.endAt(T);
    }
    New.append(Old.data() + Pos, T - Pos);
    std::vector<StringRef> A = splitLines(Old.slice(S, T)), B = splitLines(New);
    size_t Front = 0, Back = 0;
    while (Front < A.size() && Front < B.size() && A[Front] == B[Front])
      ++Front;
    while (Back + Front < A.size() && Back + Front < B.size() &&
           A[A.size() - 1 - Back] == B[B.size() - 1 - Back])
      ++Back;
    if (Front + Back == A.size() && Front + Back == B.size())
      continue; // the edits changed nothing
    Change C;
    C.OldFirst = Lines.indexOf(S) + Front;
    C.OldCount = A.size() - Front - Back;
    size_t NewBegin = Front < B.size() ? B[Front].data() - New.data() : New.size();
    size_t NewEnd = Back ? B[B.size() - Back].data() - New.data() : New.size();
    C.NewText = New.substr(NewBegin, NewEnd - NewBegin);
    Changes.push_back(std::move(C));
  }
  return Changes;
}

/// A name in a header as git writes it (core.quotePath): as it is when
/// plain, else in double quotes with C escapes, and octal for control and
/// non-ASCII bytes, which GNU patch reads back. Raw, a line break in a name
/// would start a header of an attacker's choosing.
std::string quoteName(StringRef Name) {
  auto Plain = [](unsigned char C) { return C >= 0x20 && C < 0x7F && C != '"' && C != '\\'; };
  if (all_of(Name, Plain))
    return Name.str();
  std::string Out = "\"";
  for (unsigned char C : Name) {
    if (Plain(C)) {
      Out += C;
      continue;
    }
    Out += '\\';
    size_t Special = StringRef("\a\b\t\n\v\f\r\"\\").find(C);
    if (Special != StringRef::npos) {
      Out += "abtnvfr\"\\"[Special];
      continue;
    }
    Out += char('0' + (C >> 6));
    Out += char('0' + ((C >> 3) & 7));
    Out += char('0' + (C & 7));
  }
  return Out + "\"";
}

void printLine(raw_ostream &OS, char Sign, StringRef Line) {
  OS << Sign << Line;
  if (!Line.endswith("\n") && !Line.endswith("\r"))
    OS << "\n\\ No newline at end of file\n";
}

} // namespace

std::string unifiedDiff(StringRef Path, StringRef Old, ArrayRef<TextEdit> Edits) {
  LineTable Lines(Old);
  std::vector<Change> Changes = changesOf(Old, Lines, Edits);
  if (Changes.empty())
    return {};
  const size_t Context = 3;
  std::string Out;
  raw_string_ostream OS(Out);
  std::string Name = quoteName(Path);
  OS << "--- " << Name << "\n+++ " << Name << "\n";
  long Shift = 0; // new line number minus old, before the next change
  for (size_t I = 0; I < Changes.size();) {
    // A hunk takes the changes less than 2 * Context unchanged lines apart.
    size_t J = I + 1;
    while (J < Changes.size() &&
           Changes[J].OldFirst - (Changes[J - 1].OldFirst + Changes[J - 1].OldCount) <= 2 * Context)
      ++J;
    size_t HA = Changes[I].OldFirst - std::min(Changes[I].OldFirst, Context);
    size_t End =
        std::min(Lines.size(), Changes[J - 1].OldFirst + Changes[J - 1].OldCount + Context);
    long HB = long(HA) + Shift;
    std::vector<std::vector<StringRef>> Added;
    long LenB = long(End - HA);
    for (size_t K = I; K < J; ++K) {
      Added.push_back(splitLines(Changes[K].NewText));
      LenB += long(Added.back().size()) - long(Changes[K].OldCount);
    }
    size_t LenA = End - HA;
    OS << "@@ -" << (LenA ? HA + 1 : HA) << "," << LenA << " +" << (LenB ? HB + 1 : HB) << ","
       << LenB << " @@\n";
    size_t Line = HA;
    for (size_t K = I; K < J; ++K) {
      const Change &C = Changes[K];
      for (; Line < C.OldFirst; ++Line)
        printLine(OS, ' ', Lines.line(Line));
      for (; Line < C.OldFirst + C.OldCount; ++Line)
        printLine(OS, '-', Lines.line(Line));
      for (StringRef L : Added[K - I])
        printLine(OS, '+', L);
      Shift += long(Added[K - I].size()) - long(C.OldCount);
    }
    for (; Line < End; ++Line)
      printLine(OS, ' ', Lines.line(Line));
    I = J;
  }
  OS.flush();
  return Out;
}

std::string unifiedDiff(StringRef Path, StringRef Old, StringRef New) {
  size_t Front = 0, Back = 0;
  while (Front < Old.size() && Front < New.size() && Old[Front] == New[Front])
    ++Front;
  while (Back + Front < Old.size() && Back + Front < New.size() &&
         Old[Old.size() - 1 - Back] == New[New.size() - 1 - Back])
    ++Back;
  if (Front == Old.size() && Front == New.size())
    return {};
  TextEdit E;
  E.Begin = Front;
  E.End = Old.size() - Back;
  E.Replacement = New.slice(Front, New.size() - Back).str();
  return unifiedDiff(Path, Old, ArrayRef<TextEdit>(E));
}

} // namespace modlint
