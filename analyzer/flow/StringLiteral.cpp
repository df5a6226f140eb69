#include "analyzer/flow/StringLiteral.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace modlint {

namespace {

struct Prefix {
  bool Raw = false;
  bool Bytes = false;
};

/// A prefix whose literal has a known value: u, r, b, rb/br in any case.
/// f and t evaluate expressions; Python 2's ur decodes \u in a raw string.
std::optional<Prefix> parsePrefix(StringRef P) {
  Prefix Out;
  bool Unicode = false;
  for (char C : P.lower()) {
    bool &Flag = C == 'r' ? Out.Raw : C == 'b' ? Out.Bytes : Unicode;
    if ((C != 'r' && C != 'b' && C != 'u') || Flag)
      return std::nullopt;
    Flag = true;
  }
  if (Unicode && (Out.Raw || Out.Bytes))
    return std::nullopt;
  return Out;
}

void appendCodePoint(std::string &Out, uint32_t CP) {
  if (CP < 0x80) {
    Out += char(CP);
  } else if (CP < 0x800) {
    Out += char(0xC0 | (CP >> 6));
    Out += char(0x80 | (CP & 0x3F));
  } else if (CP < 0x10000) {
    Out += char(0xE0 | (CP >> 12));
    Out += char(0x80 | ((CP >> 6) & 0x3F));
    Out += char(0x80 | (CP & 0x3F));
  } else {
    Out += char(0xF0 | (CP >> 18));
    Out += char(0x80 | ((CP >> 12) & 0x3F));
    Out += char(0x80 | ((CP >> 6) & 0x3F));
    Out += char(0x80 | (CP & 0x3F));
  }
}

/// Exactly \p Digits hex digits at \p At, or nullopt (Python's SyntaxError).
std::optional<uint32_t> hexDigits(StringRef Body, size_t At, unsigned Digits) {
  if (At + Digits > Body.size())
    return std::nullopt;
  uint32_t V = 0;
  for (unsigned I = 0; I < Digits; ++I) {
    unsigned D = hexDigitValue(Body[At + I]);
    if (D == -1U)
      return std::nullopt;
    V = V * 16 + D;
  }
  return V;
}

/// The escape sequence starting at Body[P] == '\\': appends its value and
/// returns the index past it, or nullopt when its value is not known text.
std::optional<size_t> decodeEscape(StringRef Body, size_t P, Prefix Pre, std::string &Out) {
  if (P + 1 >= Body.size())
    return std::nullopt; // a lone final backslash would have escaped the quote
  char C = Body[P + 1];
  size_t Next = P + 2;
  auto Simple = [&](char V) {
    Out += V;
    return Next;
  };
  // A code point: a byte in a bytes literal.
  auto Unit = [&](uint32_t V) {
    if (Pre.Bytes)
      Out += char(V);
    else
      appendCodePoint(Out, V);
    return Next;
  };
  switch (C) {
  case '\r': // a line continuation; CRLF is one line end
    return Body.substr(Next, 1) == "\n" ? Next + 1 : Next;
  case '\n':
    return Next;
  case '\\':
  case '\'':
  case '"':
    return Simple(C);
  case 'a':
    return Simple('\a');
  case 'b':
    return Simple('\b');
  case 'f':
    return Simple('\f');
  case 'n':
    return Simple('\n');
  case 'r':
    return Simple('\r');
  case 't':
    return Simple('\t');
  case 'v':
    return Simple('\v');
  case 'x': {
    std::optional<uint32_t> V = hexDigits(Body, Next, 2);
    if (!V)
      return std::nullopt;
    Next += 2;
    return Unit(*V);
  }
  case 'u':
  case 'U': {
    if (Pre.Bytes)
      break; // not an escape in bytes
    unsigned Digits = C == 'u' ? 4 : 8;
    std::optional<uint32_t> V = hexDigits(Body, Next, Digits);
    if (!V || *V > 0x10FFFF || (*V >= 0xD800 && *V <= 0xDFFF))
      return std::nullopt; // a SyntaxError, or a surrogate UTF-8 cannot hold
    Next += Digits;
    return Unit(*V);
  }
  case 'N':
    if (Pre.Bytes)
      break;
    return std::nullopt; // would need the Unicode name database
  default:
    if (C >= '0' && C <= '7') {
      uint32_t V = 0;
      size_t Q = P + 1;
      for (; Q < Body.size() && Q < P + 4 && Body[Q] >= '0' && Body[Q] <= '7'; ++Q)
        V = V * 8 + (Body[Q] - '0');
      if (V > 0377)
        return std::nullopt; // masked, warned about or refused, by version
      Next = Q;
      return Unit(V);
    }
    break;
  }
  Out += '\\'; // an unknown escape stays as written
  return P + 1;
}

/// The value of one `string` node's text, or nullopt.
std::optional<std::string> evaluateOne(StringRef Text, bool &Bytes) {
  size_t Q = Text.find_first_of("'\"");
  if (Q == StringRef::npos)
    return std::nullopt; // a Python 2 backquote repr
  std::optional<Prefix> Pre = parsePrefix(Text.take_front(Q));
  if (!Pre)
    return std::nullopt;
  char Quote = Text[Q];
  std::string Delim(3, Quote);
  size_t DelimLen = Text.size() >= Q + 6 && Text.substr(Q).startswith(Delim) ? 3 : 1;
  if (Text.size() < Q + 2 * DelimLen || !Text.endswith(StringRef(Delim).take_front(DelimLen)))
    return std::nullopt;
  StringRef Body = Text.slice(Q + DelimLen, Text.size() - DelimLen);
  Bytes = Pre->Bytes;
  if (Bytes && !isASCII(Body))
    return std::nullopt; // bytes literals hold only ASCII characters
  std::string Out;
  Out.reserve(Body.size());
  // A line end is "\n" in the value, whatever the file uses.
  auto LineEnd = [&](size_t P) {
    Out += '\n';
    return P + (Body[P] == '\r' && Body.substr(P + 1, 1) == "\n" ? 2 : 1);
  };
  for (size_t P = 0; P < Body.size();) {
    char C = Body[P];
    if (C == '\r' || C == '\n') {
      if (DelimLen == 1)
        return std::nullopt; // Python's "unterminated string literal"
      P = LineEnd(P);
    } else if (C == '\\' && Pre->Raw) {
      // Escapes nothing, but the next character is never the end quote
      // nor a line end that ends the string.
      Out += C;
      ++P;
      if (P < Body.size() && (Body[P] == '\r' || Body[P] == '\n'))
        P = LineEnd(P);
      else if (P < Body.size())
        Out += Body[P++];
    } else if (C == '\\') {
      std::optional<size_t> Next = decodeEscape(Body, P, *Pre, Out);
      if (!Next)
        return std::nullopt;
      P = *Next;
    } else {
      Out += C;
      ++P;
    }
  }
  return Out;
}

} // namespace

std::optional<std::string> evaluateStringLiteral(const SyntaxTree &T, TSNode Expr, bool *IsBytes) {
  Expr = unparenthesize(Expr);
  if (isNull(Expr) || ts_node_has_error(Expr))
    return std::nullopt;
  StringRef K = kind(Expr);
  bool Bytes = false;
  std::optional<std::string> Out;
  if (K == "string") {
    Out = evaluateOne(T.text(Expr), Bytes);
  } else if (K == "concatenated_string") {
    Out.emplace();
    bool First = true, Failed = false;
    forEachNamedChild(Expr, [&](TSNode Part) {
      if (Failed || kind(Part) == "comment")
        return;
      bool PartBytes = false;
      std::optional<std::string> V;
      if (kind(Part) == "string")
        V = evaluateOne(T.text(Part), PartBytes);
      // Python 3 refuses to join bytes and str.
      Failed = !V || (!First && PartBytes != Bytes);
      if (Failed)
        return;
      Bytes = PartBytes;
      First = false;
      *Out += *V;
    });
    if (Failed)
      Out.reset();
  }
  if (Out && IsBytes)
    *IsBytes = Bytes;
  return Out;
}

} // namespace modlint
