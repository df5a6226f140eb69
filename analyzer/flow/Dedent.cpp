#include "analyzer/flow/Dedent.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <limits>
#include <optional>

using namespace llvm;

namespace modlint {

namespace {

bool isBlank(char C) { return C == ' ' || C == '\t'; }

bool isContinuationByte(char C) { return (static_cast<unsigned char>(C) & 0xC0) == 0x80; }

/// Bytes of the code point starting at \p P; an invalid sequence is one byte.
size_t codePointLength(StringRef S, size_t P, uint32_t &CP) {
  unsigned char B = S[P];
  size_t Len = B < 0x80 ? 1 : (B >> 5) == 6 ? 2 : (B >> 4) == 14 ? 3 : (B >> 3) == 30 ? 4 : 0;
  if (Len == 0 || P + Len > S.size()) {
    CP = 0xFFFD;
    return 1;
  }
  CP = Len == 1 ? B : B & (0x7F >> Len);
  for (size_t I = 1; I < Len; ++I) {
    if (!isContinuationByte(S[P + I])) {
      CP = 0xFFFD;
      return 1;
    }
    CP = CP << 6 | (static_cast<unsigned char>(S[P + I]) & 0x3F);
  }
  return Len;
}

/// str.isspace() of one code point (CPython's _PyUnicode_IsWhitespace).
bool isUnicodeSpace(uint32_t CP) {
  return (CP >= 0x09 && CP <= 0x0D) || (CP >= 0x1C && CP <= 0x20) || CP == 0x85 || CP == 0xA0 ||
         CP == 0x1680 || (CP >= 0x2000 && CP <= 0x200A) || CP == 0x2028 || CP == 0x2029 ||
         CP == 0x202F || CP == 0x205F || CP == 0x3000;
}

/// \p Line's leading whitespace: its length in code points, and in bytes.
std::pair<size_t, size_t> leadingSpace(StringRef Line) {
  size_t Points = 0, P = 0;
  while (P < Line.size()) {
    uint32_t CP;
    size_t Len = codePointLength(Line, P, CP);
    if (!isUnicodeSpace(CP))
      break;
    P += Len;
    ++Points;
  }
  return {Points, P};
}

/// \p Line without its first \p Points code points (Python's line[n:]).
StringRef dropCodePoints(StringRef Line, size_t Points) {
  size_t P = 0;
  for (; Points && P < Line.size(); --Points) {
    uint32_t CP;
    P += codePointLength(Line, P, CP);
  }
  return Line.drop_front(P);
}

/// str.expandtabs(): tab stops every 8 code points, columns restart after
/// "\n" and "\r".
std::string expandTabs(StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  size_t Column = 0;
  for (char C : Text) {
    if (C == '\t') {
      size_t Width = 8 - Column % 8;
      Out.append(Width, ' ');
      Column += Width;
      continue;
    }
    Out += C;
    if (C == '\n' || C == '\r')
      Column = 0;
    else if (!isContinuationByte(C))
      ++Column;
  }
  return Out;
}

} // namespace

std::string dedent(StringRef Text) {
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  // _whitespace_only_re: a line of only spaces and tabs is emptied.
  for (StringRef &L : Lines)
    if (!L.empty() && L.find_if_not(isBlank) == StringRef::npos)
      L = L.take_front(0);
  // _leading_whitespace_re finds the indent of each line with content; the
  // margin is their longest common prefix.
  std::optional<StringRef> Margin;
  for (StringRef L : Lines) {
    size_t Content = L.find_if_not(isBlank);
    if (Content == StringRef::npos)
      continue;
    StringRef Indent = L.take_front(Content);
    if (!Margin) {
      Margin = Indent;
      continue;
    }
    size_t Common = 0;
    while (Common < Margin->size() && Common < Indent.size() && (*Margin)[Common] == Indent[Common])
      ++Common;
    Margin = Margin->take_front(Common);
  }
  std::string Out;
  Out.reserve(Text.size());
  for (size_t I = 0; I < Lines.size(); ++I) {
    StringRef L = Lines[I];
    if (Margin && !Margin->empty() && L.startswith(*Margin))
      L = L.drop_front(Margin->size());
    if (I)
      Out += '\n';
    Out += L;
  }
  return Out;
}

std::string cleandoc(StringRef Text) {
  std::string Expanded = expandTabs(Text);
  SmallVector<StringRef, 0> Lines;
  StringRef(Expanded).split(Lines, '\n');
  size_t Margin = std::numeric_limits<size_t>::max();
  for (size_t I = 1; I < Lines.size(); ++I) {
    auto [Points, Bytes] = leadingSpace(Lines[I]);
    if (Bytes < Lines[I].size())
      Margin = std::min(Margin, Points);
  }
  Lines[0] = Lines[0].drop_front(leadingSpace(Lines[0]).second);
  if (Margin != std::numeric_limits<size_t>::max())
    for (size_t I = 1; I < Lines.size(); ++I)
      Lines[I] = dropCodePoints(Lines[I], Margin);
  size_t First = 0, Last = Lines.size();
  while (Last > 0 && Lines[Last - 1].empty())
    --Last;
  while (First < Last && Lines[First].empty())
    ++First;
  std::string Out;
  Out.reserve(Expanded.size());
  for (size_t I = First; I < Last; ++I) {
    if (I > First)
      Out += '\n';
    Out += Lines[I];
  }
  return Out;
}

} // namespace modlint
