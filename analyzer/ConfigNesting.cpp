#include "analyzer/ConfigNesting.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace modlint {

namespace {

/// Skips the string opening at \p P (a quote); returns the offset past it,
/// counting the line breaks of a multi-line string into \p Line. A string
/// left open ends at the end of its line (single-line) or of the text.
bool threeAt(StringRef Text, size_t I, char Q) {
  return I + 2 < Text.size() && Text[I] == Q && Text[I + 1] == Q && Text[I + 2] == Q;
}

size_t skipString(StringRef Text, size_t P, unsigned &Line) {
  char Q = Text[P];
  bool Triple = threeAt(Text, P, Q);
  size_t I = P + (Triple ? 3 : 1);
  for (; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\\' && Q == '"') {
      if (I + 1 < Text.size() && Text[I + 1] == '\n')
        ++Line;
      ++I;
    } else if (C == '\n') {
      if (!Triple)
        return I; // the newline is the caller's
      ++Line;
    } else if (C == Q && (!Triple || threeAt(Text, I, Q))) {
      return I + (Triple ? 3 : 1);
    }
  }
  return I;
}

} // namespace

std::optional<unsigned> tooDeeplyNestedLine(StringRef Text) {
  // Depth is the number of levels the value being read sits under: the
  // current [table] header's parts, then, for each open inline table or
  // array, the levels before it plus one, plus the dotted parts of the key
  // being read. Open keeps the depth each open bracket started from.
  SmallVector<std::pair<char, unsigned>, 16> Open; // bracket, depth before it
  unsigned Header = 0, Depth = 0, Line = 1;
  bool InKey = true;
  for (size_t P = 0; P < Text.size();) {
    char C = Text[P];
    if (C == '"' || C == '\'') {
      P = skipString(Text, P, Line);
      continue;
    }
    ++P;
    switch (C) {
    case '#':
      while (P < Text.size() && Text[P] != '\n')
        ++P;
      break;
    case '\n':
      ++Line;
      if (Open.empty()) {
        Depth = Header;
        InKey = true;
      }
      break;
    case '[':
      if (Open.empty() && InKey) { // a [table] or [[array]] header
        Header = 1;
        while (P < Text.size() && Text[P] != ']' && Text[P] != '\n') {
          if (Text[P] == '"' || Text[P] == '\'') {
            P = skipString(Text, P, Line);
            continue;
          }
          if (Text[P] == '.' && ++Header > MaxConfigNesting)
            return Line;
          ++P;
        }
        Depth = Header;
        InKey = false; // up to the line's end
        break;
      }
      [[fallthrough]];
    case '{':
      Open.push_back({C, Depth});
      if (++Depth > MaxConfigNesting)
        return Line;
      InKey = C == '{';
      break;
    case ']':
    case '}':
      if (!Open.empty()) {
        Depth = Open.back().second;
        Open.pop_back();
      }
      InKey = false;
      break;
    case ',':
      if (!Open.empty() && Open.back().first == '{') {
        Depth = Open.back().second + 1;
        InKey = true;
      }
      break;
    case '=':
      InKey = false;
      break;
    case '.':
      if (InKey && ++Depth > MaxConfigNesting)
        return Line;
      break;
    default:
      break;
    }
  }
  return std::nullopt;
}

} // namespace modlint
