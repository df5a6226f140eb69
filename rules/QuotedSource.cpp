#include "rules/QuotedSource.h"

#include "llvm/ADT/StringExtras.h"

namespace modlint {

namespace {

bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\f' || C == '\v'; }
bool isBreak(char C) { return C == '\n' || C == '\r'; }

/// Builds the one-line text, one pending separator at a time.
class OneLine {
public:
  /// A run of white space was skipped, inside a string literal or not.
  void separate(bool InString) { Pending = InString ? InLiteral : InCode; }
  void put(char C) {
    // Code needs no space just inside a bracket (`f(\n    x,\n)` is `f(x,)`)
    // nor around an attribute's dot (`(mod\n    .handler)` is `(mod.handler)`),
    // except after a number (`1 .real`).
    if (Pending == InLiteral ||
        (Pending == InCode && !Out.empty() && !llvm::StringRef("([{").contains(Out.back()) &&
         !llvm::StringRef(")]}").contains(C) && Out.back() != '.' &&
         (C != '.' || llvm::isDigit(Out.back()))))
      Out += ' ';
    Pending = None;
    Out += C;
  }
  std::string take() { return std::move(Out); }

private:
  std::string Out;
  enum { None, InCode, InLiteral } Pending = None;
};

/// Skips the run of blanks, line breaks and backslash continuations at \p I
/// (inside a string: only such a run that holds a line break); true if one
/// was skipped.
bool skipRun(llvm::StringRef S, size_t &I, bool InString) {
  size_t J = I;
  bool Break = false;
  while (J < S.size()) {
    if (isBlank(S[J])) {
      ++J;
    } else if (isBreak(S[J])) {
      Break = true;
      ++J;
    } else if (S[J] == '\\' && J + 1 < S.size() && isBreak(S[J + 1])) {
      Break = true;
      J += 2;
    } else {
      break;
    }
  }
  if (J == I || (InString && !Break))
    return false;
  I = J;
  return true;
}

} // namespace

std::string oneLineSource(llvm::StringRef S) {
  OneLine Line;
  char Quote = 0; // inside a string literal: its quote
  bool Triple = false;
  for (size_t I = 0; I < S.size();) {
    if (skipRun(S, I, Quote != 0)) {
      Line.separate(/*InString=*/Quote != 0);
      continue;
    }
    char C = S[I];
    if (!Quote && C == '#') { // a comment inside a bracketed expression
      while (I < S.size() && !isBreak(S[I]))
        ++I;
      Line.separate(/*InString=*/false);
      continue;
    }
    if (Quote && C == '\\' && I + 1 < S.size()) {
      Line.put(C);
      Line.put(S[I + 1]);
      I += 2;
      continue;
    }
    size_t Width = 1;
    if (C == '"' || C == '\'') {
      bool IsTriple = S.substr(I, 3) == std::string(3, C);
      if (!Quote) {
        Quote = C;
        Triple = IsTriple;
        Width = Triple ? 3 : 1;
      } else if (C == Quote && (!Triple || IsTriple)) {
        Width = Triple ? 3 : 1;
        Quote = 0;
      }
    }
    for (size_t K = 0; K < Width; ++K)
      Line.put(S[I + K]);
    I += Width;
  }
  std::string Out = Line.take();
  // Cut at a character boundary: never inside a UTF-8 sequence.
  size_t Chars = 0, CutAt = std::string::npos;
  for (size_t I = 0; I < Out.size(); ++I) {
    if ((static_cast<unsigned char>(Out[I]) & 0xC0) == 0x80)
      continue;
    if (Chars == MaxQuotedChars - 3)
      CutAt = I;
    if (++Chars > MaxQuotedChars)
      return Out.substr(0, CutAt) + "...";
  }
  return Out;
}

std::string quoted(llvm::StringRef SourceText) { return "'" + oneLineSource(SourceText) + "'"; }

} // namespace modlint
