#include "analyzer/GlobMatcher.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <re2/re2.h>

#include <bitset>

using namespace llvm;

namespace modlint {

namespace {

using ByteSet = std::bitset<256>;

/// One glob token: a star, or one byte out of a set.
struct Token {
  bool Star = false;
  ByteSet Bytes;
};

Error globError(const Twine &Why) {
  return createStringError(std::errc::invalid_argument, "%s", Why.str().c_str());
}

/// The set of a bracket's inside: "a-cf-hz" is {a,b,c,f,g,h,z}. Read as LLVM
/// reads it: X-Y wherever three bytes remain, so a '-' first or last is
/// literal.
Expected<ByteSet> expandSet(StringRef S) {
  ByteSet Set;
  while (S.size() >= 3) {
    unsigned char Lo = S[0], Hi = S[2];
    if (S[1] != '-') {
      Set.set(Lo);
      S = S.drop_front();
      continue;
    }
    if (Lo > Hi)
      return globError("range '" + S.take_front(3) + "' is reversed");
    for (unsigned C = Lo; C <= Hi; ++C)
      Set.set(C);
    S = S.drop_front(3);
  }
  for (char C : S)
    Set.set(static_cast<unsigned char>(C));
  return Set;
}

/// Takes the first token off \p S (not empty).
Expected<Token> scanToken(StringRef &S) {
  Token T;
  switch (S[0]) {
  case '*':
    S = S.drop_front();
    T.Star = true;
    return T;
  case '?':
    S = S.drop_front();
    T.Bytes.set();
    return T;
  case '[': {
    // A ']' right after '[' is literal, so the set ends at a later one.
    size_t End = S.find(']', 2);
    if (End == StringRef::npos)
      return globError("'[' without a closing ']'");
    StringRef Inside = S.slice(1, End);
    S = S.drop_front(End + 1);
    bool Negated = Inside.startswith("^") || Inside.startswith("!");
    auto Set = expandSet(Negated ? Inside.drop_front() : Inside);
    if (!Set)
      return Set.takeError();
    T.Bytes = Negated ? ~*Set : *Set;
    return T;
  }
  case '\\':
    S = S.drop_front();
    // A trailing '\' stood for the NUL after the text, which no name holds:
    // an empty set keeps that meaning.
    if (S.empty())
      return T;
    [[fallthrough]];
  default:
    T.Bytes.set(static_cast<unsigned char>(S[0]));
    S = S.drop_front();
    return T;
  }
}

/// A byte as RE2 reads it literally, in or out of a class.
std::string literal(unsigned C) {
  if (isAlnum(static_cast<char>(C)) || C == '_' || C == '/')
    return std::string(1, static_cast<char>(C));
  return {'\\', 'x', hexdigit(C >> 4, /*LowerCase=*/true), hexdigit(C & 15, true)};
}

std::string setRegex(const ByteSet &Set) {
  if (Set.all())
    return "."; // dot_nl: any byte
  if (Set.count() == 1)
    for (unsigned C = 0; C < 256; ++C)
      if (Set.test(C))
        return literal(C);
  if (Set.none())
    return "[^\\x00-\\xff]"; // no byte at all
  std::string Out = "[";
  for (unsigned C = 0; C < 256;) {
    if (!Set.test(C)) {
      ++C;
      continue;
    }
    unsigned Last = C;
    while (Last + 1 < 256 && Set.test(Last + 1))
      ++Last;
    Out += literal(C);
    if (Last > C)
      Out += "-" + literal(Last);
    C = Last + 1;
  }
  return Out + "]";
}

/// The RE2 pattern of \p Tokens. A run of stars is one `.*`, which is what
/// makes the pattern small and the match linear; a run of two or more
/// ending the glob is `.+`, as LLVM tried only non-empty tails after a star
/// that other tokens follow.
std::string toRegex(ArrayRef<Token> Tokens) {
  std::string Out;
  for (size_t I = 0; I < Tokens.size();) {
    if (!Tokens[I].Star) {
      Out += setRegex(Tokens[I++].Bytes);
      continue;
    }
    size_t Run = 0;
    while (I < Tokens.size() && Tokens[I].Star)
      ++I, ++Run;
    Out += (Run >= 2 && I == Tokens.size()) ? ".+" : ".*";
  }
  return Out;
}

} // namespace

Expected<GlobMatcher> GlobMatcher::create(StringRef Glob) {
  if (Glob.size() > MaxBytes)
    return globError("longer than " + Twine(MaxBytes) + " bytes");
  SmallVector<Token, 32> Tokens;
  for (StringRef S = Glob; !S.empty();) {
    auto T = scanToken(S);
    if (!T)
      return T.takeError();
    Tokens.push_back(*T);
  }
  RE2::Options Opts;
  Opts.set_encoding(RE2::Options::EncodingLatin1); // bytes, as paths are
  Opts.set_dot_nl(true);
  Opts.set_log_errors(false);
  auto Re = std::make_shared<const RE2>(toRegex(Tokens), Opts);
  if (!Re->ok()) // not expected of what toRegex writes, but never a crash
    return globError("cannot be compiled: " + Re->error());
  GlobMatcher M;
  M.Re = std::move(Re);
  // Most globs are a name, `*.ext` or `name*`: matched without RE2, whose
  // per-call cost showed in every path of a walk (Ruff's default excludes).
  size_t Stars = llvm::count_if(Tokens, [](const Token &T) { return T.Star; });
  bool Literal =
      llvm::all_of(Tokens, [](const Token &T) { return T.Star || T.Bytes.count() == 1; });
  if (Literal && Stars <= 1 && (Stars == 0 || Tokens.front().Star || Tokens.back().Star)) {
    for (const Token &T : Tokens)
      if (!T.Star)
        for (unsigned B = 0; B < 256; ++B)
          if (T.Bytes[B])
            M.Fixed += static_cast<char>(B);
    M.Shape = Stars == 0 ? Exact : Tokens.front().Star ? Suffix : Prefix;
  }
  return M;
}

bool GlobMatcher::match(StringRef Name) const {
  switch (Shape) {
  case Exact:
    return Name == Fixed;
  case Prefix:
    return Name.startswith(Fixed);
  case Suffix:
    return Name.endswith(Fixed);
  case Regex:
    break;
  }
  return RE2::FullMatch(re2::StringPiece(Name.data(), Name.size()), *Re);
}

const std::string &GlobMatcher::regex() const { return Re->pattern(); }

std::string quoteGlob(StringRef Glob) {
  constexpr size_t Shown = 64;
  if (Glob.size() <= Shown)
    return "'" + Glob.str() + "'";
  return "'" + Glob.take_front(Shown).str() + "...' (" + std::to_string(Glob.size()) + " bytes)";
}

} // namespace modlint
