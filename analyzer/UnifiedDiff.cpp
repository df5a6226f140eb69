#include "analyzer/UnifiedDiff.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

using namespace llvm;

namespace modlint {

namespace {

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

enum class Op { Keep, Del, Add };

/// Myers' O(ND) shortest edit script: fixes change few lines, so D is small.
std::vector<Op> editScript(const std::vector<StringRef> &A, const std::vector<StringRef> &B) {
  const int N = A.size(), M = B.size(), Max = N + M;
  std::vector<int> V(2 * Max + 2, 0);
  std::vector<std::vector<int>> Trace;
  int Off = Max + 1;
  int FoundD = -1;
  for (int D = 0; D <= Max && FoundD < 0; ++D) {
    // Only diagonals -D..D can be read back at step D: keep O(D^2) memory.
    Trace.emplace_back(V.begin() + Off - D, V.begin() + Off + D + 1);
    for (int K = -D; K <= D; K += 2) {
      int X = (K == -D || (K != D && V[Off + K - 1] < V[Off + K + 1])) ? V[Off + K + 1]
                                                                       : V[Off + K - 1] + 1;
      int Y = X - K;
      while (X < N && Y < M && A[X] == B[Y])
        ++X, ++Y;
      V[Off + K] = X;
      if (X >= N && Y >= M) {
        FoundD = D;
        break;
      }
    }
  }
  std::vector<Op> Ops;
  int X = N, Y = M;
  for (int D = FoundD; D > 0; --D) {
    const std::vector<int> &PV = Trace[D]; // PV[k + D] is V[k] before step D
    int K = X - Y;
    int PrevK = (K == -D || (K != D && PV[K - 1 + D] < PV[K + 1 + D])) ? K + 1 : K - 1;
    int PrevX = PV[PrevK + D], PrevY = PrevX - PrevK;
    while (X > PrevX && Y > PrevY) {
      Ops.push_back(Op::Keep);
      --X, --Y;
    }
    Ops.push_back(X == PrevX ? Op::Add : Op::Del);
    X = PrevX, Y = PrevY;
  }
  while (X > 0 && Y > 0) {
    Ops.push_back(Op::Keep);
    --X, --Y;
  }
  return {Ops.rbegin(), Ops.rend()};
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

std::string unifiedDiff(StringRef Path, StringRef Old, StringRef New) {
  if (Old == New)
    return {};
  std::vector<StringRef> A = splitLines(Old), B = splitLines(New);
  std::vector<Op> Ops = editScript(A, B);
  const int Context = 3;
  std::string Out;
  raw_string_ostream OS(Out);
  std::string Name = quoteName(Path);
  OS << "--- " << Name << "\n+++ " << Name << "\n";
  // Walk the script, cutting it into hunks around the changes.
  size_t I = 0;
  int AI = 0, BI = 0;
  while (I < Ops.size()) {
    if (Ops[I] == Op::Keep) {
      ++I, ++AI, ++BI;
      continue;
    }
    // A hunk starts Context lines before this change.
    size_t Start = I;
    int Back = 0;
    while (Start > 0 && Back < Context && Ops[Start - 1] == Op::Keep)
      --Start, ++Back;
    int HA = AI - Back, HB = BI - Back;
    // It ends once more than 2*Context unchanged lines follow a change.
    size_t End = I;
    size_t Run = 0;
    for (size_t J = I; J < Ops.size(); ++J) {
      if (Ops[J] == Op::Keep) {
        if (++Run > 2 * Context)
          break;
      } else {
        Run = 0;
        End = J;
      }
    }
    size_t Stop = std::min(Ops.size(), End + 1 + Context);
    int LenA = 0, LenB = 0;
    for (size_t J = Start; J < Stop; ++J) {
      LenA += Ops[J] != Op::Add;
      LenB += Ops[J] != Op::Del;
    }
    OS << "@@ -" << (LenA ? HA + 1 : HA) << "," << LenA << " +" << (LenB ? HB + 1 : HB) << ","
       << LenB << " @@\n";
    int PA = HA, PB = HB;
    for (size_t J = Start; J < Stop; ++J) {
      switch (Ops[J]) {
      case Op::Keep:
        printLine(OS, ' ', A[PA++]);
        ++PB;
        break;
      case Op::Del:
        printLine(OS, '-', A[PA++]);
        break;
      case Op::Add:
        printLine(OS, '+', B[PB++]);
        break;
      }
    }
    AI = PA, BI = PB;
    I = Stop;
  }
  OS.flush();
  return Out;
}

} // namespace modlint
