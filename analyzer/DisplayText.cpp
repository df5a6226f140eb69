#include "analyzer/DisplayText.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Unicode.h"

using namespace llvm;

namespace modlint {

namespace {

/// Invisible characters that reorder what follows them (Trojan Source).
bool isBidiControl(UTF32 C) {
  return C == 0x061C || C == 0x200E || C == 0x200F || (C >= 0x202A && C <= 0x202E) ||
         (C >= 0x2066 && C <= 0x2069);
}

bool isEscaped(UTF32 C) {
  return (C >= 0x80 && C <= 0x9F) || isBidiControl(C) || C == 0x2028 || C == 0x2029 ||
         C == 0xFFFE || C == 0xFFFF;
}

/// One unit of \p Raw at \p I: a character, or a byte that is not UTF-8.
struct Unit {
  unsigned Size;    ///< bytes of Raw
  std::string Text; ///< as shown
  unsigned Width;   ///< terminal columns of Text
};

Unit nextUnit(StringRef Raw, size_t I) {
  const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Raw.data() + I);
  const UTF8 *End = reinterpret_cast<const UTF8 *>(Raw.data() + Raw.size());
  const UTF8 *Cursor = Begin;
  UTF32 C = 0;
  if (convertUTF8Sequence(&Cursor, End, &C, strictConversion) != conversionOK) {
    std::string Hex;
    raw_string_ostream(Hex) << "\\x" << format_hex_no_prefix(Raw[I] & 0xFF, 2);
    return {1, Hex, 4};
  }
  unsigned Size = Cursor - Begin;
  if (C == '\t')
    return {1, "\t", 1};
  if (C < 0x20 || C == 0x7F) {
    // U+2400 + C; DEL's picture is U+2421. Both are 3 bytes: E2 90 xx.
    unsigned Picture = C == 0x7F ? 0x21 : C;
    return {1, {'\xE2', '\x90', static_cast<char>(0x80 + Picture)}, 1};
  }
  if (isEscaped(C)) {
    std::string Esc;
    raw_string_ostream(Esc) << "\\u{" << format_hex_no_prefix(C, C > 0xFF ? 4 : 2) << "}";
    return {Size, Esc, static_cast<unsigned>(Esc.size())};
  }
  StringRef Seq = Raw.substr(I, Size);
  int Width = sys::unicode::columnWidthUTF8(Seq);
  return {Size, Seq.str(), Width < 0 ? 1u : static_cast<unsigned>(Width)};
}

} // namespace

std::string displayText(StringRef Raw) {
  std::string Out;
  Out.reserve(Raw.size());
  for (size_t I = 0; I < Raw.size();) {
    unsigned char B = Raw[I];
    if (B >= 0x20 && B < 0x7F) { // the common case, fast
      Out += B;
      ++I;
      continue;
    }
    Unit U = nextUnit(Raw, I);
    Out += U.Text;
    I += U.Size;
  }
  return Out;
}

raw_ostream &operator<<(raw_ostream &OS, Shown S) { return OS << displayText(S.Raw); }

DisplayLine displayLine(StringRef Line) {
  constexpr unsigned TabStop = 8; // as llvm::SMDiagnostic expands them
  DisplayLine D;
  D.Column.reserve(Line.size() + 1);
  unsigned OutCol = 0; // printed columns, tabs expanded
  for (size_t I = 0; I < Line.size();) {
    Unit U = nextUnit(Line, I);
    for (unsigned B = 0; B < U.Size; ++B)
      D.Column.push_back(D.Placeholder.size());
    I += U.Size;
    if (U.Text == "\t") {
      D.Placeholder += '\t';
      do
        D.Text += ' ';
      while (++OutCol % TabStop != 0);
      continue;
    }
    bool Plain = U.Size == 1 && U.Text.size() == 1;
    D.Placeholder += Plain ? U.Text : std::string(U.Width, '.');
    D.Text += U.Text;
    OutCol += U.Width;
  }
  D.Column.push_back(D.Placeholder.size());
  return D;
}

} // namespace modlint
