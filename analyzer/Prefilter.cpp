#include "analyzer/Prefilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstring>
#include <optional>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace modlint {

namespace {

bool isNameChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_' ||
         static_cast<unsigned char>(C) >= 0x80;
}

/// Calls \p Fn(At) at each occurrence of \p Word, in order, until it returns
/// true. The search runs memchr on the word's byte at \p Rare, chosen rare in
/// Python text ('x' of exec, 'v' of eval, 'M' of ModuleType...): memchr goes
/// at memory speed and the few hits are cheap to check. (StringRef::find
/// rebuilds a skip table at every call, which dominated the whole run.)
template <typename Fn>
bool forEachOccurrence(llvm::StringRef Text, llvm::StringRef Word, size_t Rare, Fn F) {
  const char *Begin = Text.data(), *End = Begin + Text.size();
  const char *P = Begin + Rare;
  while (P < End) {
    const char *Hit = static_cast<const char *>(memchr(P, Word[Rare], End - P));
    if (!Hit)
      return false;
    size_t At = Hit - Begin - Rare;
    if (At + Word.size() <= Text.size() && memcmp(Begin + At, Word.data(), Word.size()) == 0 &&
        F(At))
      return true;
    P = Hit + 1;
  }
  return false;
}

bool contains(llvm::StringRef Text, llvm::StringRef Word, size_t Rare) {
  return forEachOccurrence(Text, Word, Rare, [](size_t) { return true; });
}

/// Word boundaries count ASCII name characters only: a byte >= 0x80 may
/// be part of a name or, in invalid UTF-8, a separate token for the parser;
/// assuming a boundary keeps the prefilter looser than the parser.
bool isAsciiNameChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_';
}

/// Could a name start at \p At? A digit before it may end a number token
/// (`.2exec_module(` is `.2` then `exec_module(` to the parser).
bool startsWord(llvm::StringRef Text, size_t At) {
  return At == 0 || !isAsciiNameChar(Text[At - 1]) || (Text[At - 1] >= '0' && Text[At - 1] <= '9');
}

bool isWordAt(llvm::StringRef Text, size_t At, size_t Len) {
  return startsWord(Text, At) && !(At + Len < Text.size() && isAsciiNameChar(Text[At + Len]));
}

/// Is there a backslash continuation (`\` and a line break) at \p P?
/// Returns its length, 0 if none.
size_t continuationAt(llvm::StringRef Text, size_t P) {
  if (P + 1 >= Text.size() || Text[P] != '\\')
    return 0;
  if (Text[P + 1] == '\n')
    return 2;
  if (Text[P + 1] != '\r')
    return 0;
  return P + 2 < Text.size() && Text[P + 2] == '\n' ? 3 : 2;
}

bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\f' || C == '\v'; }

/// Skips what the parser skips between two tokens of a line: blanks, form
/// feeds, backslash continuations and, with \p NonAscii, every byte >= 0x80
/// (tree-sitter-python also skips Unicode spaces, U+FEFF, U+2060 and U+200B:
/// over-approximated as any non-ASCII byte where only a `(` would count).
size_t skipBlanks(llvm::StringRef Text, size_t P, bool NonAscii = false) {
  while (P < Text.size()) {
    if (isBlank(Text[P]) || (NonAscii && static_cast<unsigned char>(Text[P]) >= 0x80))
      ++P;
    else if (size_t N = continuationAt(Text, P))
      P += N;
    else
      break;
  }
  return P;
}

/// skipBlanks, backwards from \p P (exclusive).
size_t skipBlanksBack(llvm::StringRef Text, size_t P, bool NonAscii = false) {
  while (P > 0) {
    char C = Text[P - 1];
    if (isBlank(C) || (NonAscii && static_cast<unsigned char>(C) >= 0x80)) {
      --P;
    } else if (C == '\n' && P >= 2 && Text[P - 2] == '\r' && P >= 3 && Text[P - 3] == '\\') {
      P -= 3;
    } else if ((C == '\n' || C == '\r') && P >= 2 && Text[P - 2] == '\\') {
      P -= 2;
    } else {
      break;
    }
  }
  return P;
}

/// skipBlanks, and line breaks and comments too: inside brackets they
/// separate tokens like blanks (outside, taking them as blanks only accepts
/// more).
size_t skipSpace(llvm::StringRef Text, size_t P) {
  for (;;) {
    P = skipBlanks(Text, P, /*NonAscii=*/true);
    if (P < Text.size() && (Text[P] == '\n' || Text[P] == '\r')) {
      ++P;
    } else if (P < Text.size() && Text[P] == '#') {
      while (P < Text.size() && Text[P] != '\n' && Text[P] != '\r')
        ++P;
    } else {
      return P;
    }
  }
}

/// Past the string literal whose quote is at \p P (triple quotes and escapes
/// known), or npos when it is not closed.
size_t skipString(llvm::StringRef Text, size_t P) {
  char Q = Text[P];
  llvm::StringRef Three = Q == '"' ? "\"\"\"" : "'''";
  bool Triple = Text.substr(P, 3) == Three;
  size_t I = P + (Triple ? 3 : 1);
  while (I < Text.size()) {
    char C = Text[I];
    if (C == '\\') {
      I += 2;
      continue;
    }
    if (!Triple && (C == '\n' || C == '\r'))
      return llvm::StringRef::npos;
    if (C == Q && (!Triple || Text.substr(I, 3) == Three))
      return I + (Triple ? 3 : 1);
    ++I;
  }
  return llvm::StringRef::npos;
}

/// Past the bracket that closes the one at \p Open, strings and comments
/// skipped, or npos when it does not close. \p Comma, if given, is set when
/// a comma stands right inside it.
size_t closingBracket(llvm::StringRef Text, size_t Open, bool *Comma = nullptr) {
  int Depth = 0;
  for (size_t Q = Open; Q < Text.size(); ++Q) {
    char C = Text[Q];
    if (C == '(' || C == '[' || C == '{') {
      ++Depth;
    } else if (C == ')' || C == ']' || C == '}') {
      if (--Depth == 0)
        return Q + 1;
    } else if (C == ',' && Depth == 1 && Comma) {
      *Comma = true;
    } else if (C == '"' || C == '\'') {
      size_t End = skipString(Text, Q);
      if (End == llvm::StringRef::npos)
        return llvm::StringRef::npos;
      Q = End - 1;
    } else if (C == '#') {
      while (Q + 1 < Text.size() && Text[Q + 1] != '\n' && Text[Q + 1] != '\r')
        ++Q;
    }
  }
  return llvm::StringRef::npos;
}

/// Is \p At in code, not in a string or a comment? A forward scan that
/// knows quotes, triple quotes, escapes and comments. \p Pos is always a
/// point in code at or before the next query, so a file's occurrences cost
/// one pass in all; a query before it lies in what was skipped.
bool inCode(llvm::StringRef Text, size_t &Pos, size_t At) {
  if (Pos == llvm::StringRef::npos)
    return true; // past a byte that makes the parser's recovery unpredictable
  if (At < Pos)
    return false;
  size_t P = Pos;
  while (P < At) {
    char C = Text[P];
    // A backtick or control byte outside strings and comments (no Python 3
    // token starts with one; `!`, `?` and `$` are left out: the scanner
    // does not follow quotes nested in f-strings, where they are common):
    // tree-sitter's error recovery may then read later comments and strings
    // as code (the fuzzer found `# noqa` between backticks hiding a call).
    // Trust no string or comment from here on.
    unsigned char U = static_cast<unsigned char>(C);
    if (C == '`' || (U < 0x20 && C != '\t' && C != '\n' && C != '\r' && C != '\f' && C != '\v') ||
        U == 0x7f) {
      Pos = llvm::StringRef::npos;
      return true;
    }
    if (C == '#') {
      size_t E = Text.find_first_of("\r\n", P);
      P = E == llvm::StringRef::npos ? Text.size() : E;
      continue;
    }
    if (C != '"' && C != '\'') {
      ++P;
      continue;
    }
    // An unterminated string is a syntax error whose text the parser may
    // still read as code: treat its quote as a stray character.
    size_t End = skipString(Text, P);
    P = End == llvm::StringRef::npos ? P + 1 : End;
  }
  Pos = P;
  return P == At;
}

/// Could the `exec` at \p At be a Python 2 exec statement? Looser than the
/// analyzer's test (findExecStatements), never stricter.
bool execStatementCandidate(llvm::StringRef Text, size_t At) {
  size_t End = At + 4;
  if (!isWordAt(Text, At, 4) || (At > 0 && Text[At - 1] == '.'))
    return false;
  // It begins a statement: only blanks, `;` or `:` before it on its line.
  size_t B = At;
  while (B > 0 && (Text[B - 1] == ' ' || Text[B - 1] == '\t' || Text[B - 1] == '\f'))
    --B;
  if (B > 0 && Text[B - 1] != '\n' && Text[B - 1] != '\r' && Text[B - 1] != ';' &&
      Text[B - 1] != ':')
    return false;
  size_t P = skipBlanks(Text, End);
  if (P >= Text.size())
    return false;
  char C = Text[P];
  if (C != '(') {
    // `exec code`, `exec "x"`, `exec [..]`, `exec .5`...: an expression follows.
    return isNameChar(C) || C == '"' || C == '\'' || C == '[' || C == '{' || C == '`' || C == '~' ||
           C == '.';
  }
  // `exec (code) in ns`: a call unless `in` follows the closing parenthesis.
  size_t Close = closingBracket(Text, P);
  if (Close == llvm::StringRef::npos)
    return true; // unbalanced: let the parser decide
  size_t Q = Close - 1;
  llvm::StringRef Rest = Text.slice(Q + 1, Text.find_first_of("\r\n", Q));
  if (Rest.rtrim(" \t\f\v").endswith("\\"))
    return true; // `in` may follow on the continued line
  for (size_t I = Rest.find("in"); I != llvm::StringRef::npos; I = Rest.find("in", I + 1))
    if (isWordAt(Rest, I, 2))
      return true;
  return false;
}

/// Is \p Name imported as a module: on an `import ...` line, or as the
/// module of a `from Name import ...` line? \p Rare as for forEachOccurrence.
bool importedAsModule(llvm::StringRef Text, llvm::StringRef Name, size_t Rare) {
  // The name's statement begins with `import` or `from` (`if x: import
  // json`, `a = 1; import json`, `import os, \` + newline + `json`).
  return forEachOccurrence(Text, Name, Rare, [&](size_t At) {
    if (!isWordAt(Text, At, Name.size()))
      return false;
    size_t LineB = At;
    while (LineB > 0) {
      size_t NL = Text.find_last_of("\r\n", LineB - 1);
      if (NL == llvm::StringRef::npos) {
        LineB = 0;
        break;
      }
      LineB = NL + 1;
      size_t Break = NL; // where the break starts (CRLF: at the CR)
      if (Text[NL] == '\n' && NL > 0 && Text[NL - 1] == '\r')
        --Break;
      if (Break == 0 || Text[Break - 1] != '\\')
        break; // the line before is not continued
      LineB = Break - 1;
    }
    // The statement holding the name: after the last `;` or `:` (a simple
    // statement after `if x:`) of its logical line.
    llvm::StringRef Before = Text.slice(LineB, At);
    size_t Cut = Before.find_last_of(";:");
    llvm::StringRef Stmt = Cut == llvm::StringRef::npos ? Before : Before.drop_front(Cut + 1);
    Stmt = Stmt.ltrim(" \t\f\v");
    auto Starts = [&](llvm::StringRef W) {
      return Stmt.startswith(W) && isWordAt(Stmt, 0, W.size());
    };
    if (Starts("import"))
      return true;
    // `from new import module`: the name right after `from`.
    if (!Starts("from"))
      return false;
    llvm::StringRef Module = Stmt.drop_front(4).ltrim(" \t\f\v\\\r\n");
    return Module.startswith(Name) && isWordAt(Module, 0, Name.size());
  });
}

/// Skips back over a dotted prefix (`importlib.util.`) and whitespace,
/// line breaks included (looser: only more text is taken as context).
size_t skipQualifierBack(llvm::StringRef Text, size_t P) {
  for (;;) {
    while (P > 0 && (isBlank(Text[P - 1]) || Text[P - 1] == '\n' || Text[P - 1] == '\r' ||
                     Text[P - 1] == '\\' || static_cast<unsigned char>(Text[P - 1]) >= 0x80))
      --P;
    if (P == 0 || Text[P - 1] != '.')
      return P;
    --P;
    while (P > 0 && (isBlank(Text[P - 1]) || Text[P - 1] == '\n' || Text[P - 1] == '\r' ||
                     Text[P - 1] == '\\'))
      --P;
    while (P > 0 && isNameChar(Text[P - 1]))
      --P;
  }
}

/// Offsets of the `class` statements whose bases name a module class,
/// `class N(..., types.ModuleType, ...)`. Read forward from each `class`,
/// skipping strings and comments; an unclosed list counts.
void creationInClassBases(llvm::StringRef Text, llvm::SmallVectorImpl<size_t> &Out) {
  forEachOccurrence(Text, "class", 4, [&](size_t At) {
    if (!isWordAt(Text, At, 5))
      return false;
    size_t P = skipBlanks(Text, At + 5, /*NonAscii=*/true);
    size_t NameBegin = P;
    while (P < Text.size() && isNameChar(Text[P]))
      ++P;
    if (P == NameBegin)
      return false;
    P = skipBlanks(Text, P, /*NonAscii=*/true);
    if (P < Text.size() && Text[P] == '[') { // PEP 695: `class C[T](Base)`
      P = closingBracket(Text, P);
      if (P == llvm::StringRef::npos) {
        Out.push_back(At);
        return false;
      }
      P = skipSpace(Text, P);
    }
    if (P >= Text.size() || Text[P] != '(')
      return false;
    int Depth = 0;
    size_t Open = P;
    for (; P < Text.size(); ++P) {
      char C = Text[P];
      if (C == '(' || C == '[' || C == '{') {
        ++Depth;
      } else if (C == ')' || C == ']' || C == '}') {
        if (--Depth == 0)
          break;
      } else if (C == '#') {
        while (P + 1 < Text.size() && Text[P + 1] != '\n' && Text[P + 1] != '\r')
          ++P;
      } else if (C == '"' || C == '\'') {
        while (P + 1 < Text.size() && Text[P + 1] != C && Text[P + 1] != '\n')
          P += Text[P + 1] == '\\' ? 2 : 1;
        ++P;
      }
    }
    llvm::StringRef Bases = Text.slice(Open, P); // unclosed: all the rest
    if (Bases.contains("ModuleType") || Bases.contains("module_from_spec") ||
        Bases.contains("new_module") || P >= Text.size())
      Out.push_back(At);
    return false;
  });
}

/// Could the creation spelling (ModuleType, module_from_spec, new_module) at
/// [At, At + Len) make a module? Only a use that the analyzer can resolve to
/// a creation counts: a call (`types.ModuleType(`), an alias (`MT =
/// types.ModuleType`, `MT = (types.ModuleType)`, `... import ModuleType as
/// MT`); class bases are creationInClassBases's. `isinstance(m,
/// types.ModuleType)`, a tuple, an annotation, a plain import or `def
/// new_module(` make nothing.
/// Is the `=` whose end is \p B an assignment, not a comparison?
bool assignmentAt(llvm::StringRef Text, size_t B) {
  if (B == 0 || Text[B - 1] != '=')
    return false;
  char P = B > 1 ? Text[B - 2] : '\0';
  return P != '=' && P != '!' && P != '<' && P != '>';
}

/// Is the element before the comma at \p B part of a tuple that is
/// assigned, `sff, mfs = x, importlib.util.module_from_spec`? Read back on
/// its logical line: an assignment outside brackets, or a bracket opened
/// right after one. A string or comment on the way answers yes.
bool inAssignedTuple(llvm::StringRef Text, size_t B) {
  // The targets, before the `=` ending at E, must be several to pair up.
  auto SeveralTargets = [&](size_t E) {
    size_t LineB = Text.find_last_of("\r\n;", E - 1);
    LineB = LineB == llvm::StringRef::npos ? 0 : LineB + 1;
    return Text.slice(LineB, E).contains(',');
  };
  int Depth = 0;
  for (size_t P = B; P > 0; --P) {
    char C = Text[P - 1];
    if (C == '\n' || C == '\r') {
      size_t Break = (C == '\n' && P >= 2 && Text[P - 2] == '\r') ? P - 2 : P - 1;
      if (Depth == 0 && !(Break > 0 && Text[Break - 1] == '\\'))
        return false;
    } else if (C == ')' || C == ']' || C == '}') {
      ++Depth;
    } else if (C == '(' || C == '[' || C == '{') {
      if (Depth-- == 0) {
        size_t E = skipBlanksBack(Text, P - 1, /*NonAscii=*/true);
        return assignmentAt(Text, E) && SeveralTargets(E);
      }
    } else if (C == ';' && Depth == 0) {
      return false;
    } else if (C == '=' && Depth == 0 && assignmentAt(Text, P)) {
      return SeveralTargets(P);
    } else if (C == '"' || C == '\'' || C == '#') {
      return true;
    }
  }
  return false;
}

bool creationUse(llvm::StringRef Text, size_t At, size_t Len) {
  size_t After = skipSpace(Text, At + Len);
  if (After < Text.size() && Text[After] == '(') {
    size_t D = skipBlanksBack(Text, At, /*NonAscii=*/true);
    return !(D >= 3 && Text.substr(D - 3, 3) == "def" && isWordAt(Text, D - 3, 3));
  }
  if (Text.substr(After, 2) == "as" && isWordAt(Text, After, 2))
    return true;
  size_t B = skipQualifierBack(Text, At);
  while (B > 0 && Text[B - 1] == '(')
    B = skipQualifierBack(Text, B - 1);
  if (B > 0 && Text[B - 1] == ',')
    return inAssignedTuple(Text, B - 1);
  return assignmentAt(Text, B); // class bases: creationInClassBases
}

/// Offsets where a spelling that could make a module starts: ModuleType,
/// module_from_spec, new_module (each used as creationUse says), `type(M)(`
/// with M imported, and `module` where Python 2's `new` is imported
/// (new.module).
void creationSpellings(llvm::StringRef Text, llvm::SmallVectorImpl<size_t> &Out) {
  auto Adder = [&](size_t Len) {
    return [&Text, &Out, Len](size_t At) {
      if (creationUse(Text, At, Len))
        Out.push_back(At);
      return false;
    };
  };
  auto Add = [&](size_t At) {
    Out.push_back(At);
    return false;
  };
  forEachOccurrence(Text, "ModuleType", 0, Adder(10));
  forEachOccurrence(Text, "module_from_spec", 7, Adder(16));
  forEachOccurrence(Text, "new_module", 2, Adder(10));
  creationInClassBases(Text, Out);
  // `type(M)(`: found from its rare `)(`, then read backwards.
  // A non-ASCII byte next to M may be part of its name or a Unicode space:
  // both readings are tried.
  // The callee may be any name (`T = type; T(sys)(...)`), M parenthesized.
  forEachOccurrence(Text, ")", 0, [&](size_t Close) {
    size_t P = skipSpace(Text, Close + 1);
    if (P >= Text.size() || Text[P] != '(')
      return false;
    for (bool SpaceLike : {false, true}) {
      size_t E = skipBlanksBack(Text, Close, SpaceLike);
      unsigned Extra = 0; // `type((sys))`
      while (E > 0 && Text[E - 1] == ')') {
        ++Extra;
        E = skipBlanksBack(Text, E - 1, SpaceLike);
      }
      size_t B = E;
      while (B > 0 && (SpaceLike ? isAsciiNameChar(Text[B - 1]) : isNameChar(Text[B - 1])))
        --B;
      if (B == E)
        continue;
      size_t Open = skipBlanksBack(Text, B, SpaceLike);
      for (; Extra > 0 && Open > 0 && Text[Open - 1] == '('; --Extra)
        Open = skipBlanksBack(Text, Open - 1, SpaceLike);
      if (Extra > 0 || Open == 0 || Text[Open - 1] != '(')
        continue;
      size_t T = skipBlanksBack(Text, Open - 1, /*NonAscii=*/true);
      if (T == 0 || !isNameChar(Text[T - 1]))
        continue;
      if (importedAsModule(Text, Text.slice(B, E), 0)) {
        Out.push_back(T - 1);
        break;
      }
    }
    return false;
  });
  if (importedAsModule(Text, "new", 2))
    forEachOccurrence(Text, "module", 0, Add);
}

/// Could the word at [At, At + Len) execute code into a namespace: a call
/// with at least two arguments (`exec(code, ns)`, `eval(src, ns)`,
/// `execfile(path, ns)`), or any call of exec_module?
bool populatingCall(llvm::StringRef Text, size_t At, size_t Len) {
  size_t WordEnd = At + Len;
  while (WordEnd < Text.size() && isAsciiNameChar(Text[WordEnd]))
    ++WordEnd; // exec_module, execfile
  if (!startsWord(Text, At))
    return false;
  llvm::StringRef Word = Text.slice(At, WordEnd);
  if (Word != "exec" && Word != "eval" && Word != "execfile" && Word != "exec_module")
    return false;
  size_t P = skipSpace(Text, WordEnd);
  if (P >= Text.size() || Text[P] != '(')
    return false;
  if (Word == "exec_module")
    return true;
  bool Comma = false;
  if (closingBracket(Text, P, &Comma) == llvm::StringRef::npos)
    return true; // unbalanced: let the parser decide
  return Comma;
}

/// Is any of \p Offsets in code (not in a string or comment)?
bool anyInCode(llvm::StringRef Text, llvm::SmallVectorImpl<size_t> &Offsets) {
  if (Offsets.empty())
    return false;
  llvm::sort(Offsets);
  size_t Pos = 0;
  for (size_t At : Offsets)
    if (inCode(Text, Pos, At))
      return true;
  return false;
}

} // namespace

bool offsetInCode(llvm::StringRef Text, size_t At) { return CodeOffsets(Text).inCode(At); }

CodeOffsets::CodeOffsets(llvm::StringRef Text)
    : Text(Text), HasNul(memchr(Text.data(), 0, Text.size()) != nullptr) {}

bool CodeOffsets::inCode(size_t At) {
  if (HasNul)
    return true; // as anyInCode: with a NUL byte, trust no string
  return modlint::inCode(Text, Pos, At);
}

/// Where "exec", "eval" and "new_module" occur, in order.
struct Keywords {
  llvm::SmallVector<size_t, 8> Exec, Eval, NewModule;
  bool empty() const { return Exec.empty() && Eval.empty() && NewModule.empty(); }
};

/// Finds every "exec", "eval" and "new_module" of \p Text in one pass,
/// looking 16 bytes at a time for the byte pairs "xe", "ev" and "w_" (in
/// Python text the rarest pairs of the three words: ~1 hit per KB, against
/// ~15 per KB for their rarest single bytes), each hit checked.
Keywords keywordsIn(llvm::StringRef Text) {
  const char *B = Text.data();
  const size_t N = Text.size();
  Keywords Found;
  auto Check = [&](size_t I) { // a pair starts at I
    if (B[I] == 'x') {
      if (I >= 1 && I + 3 <= N && memcmp(B + I - 1, "exec", 4) == 0)
        Found.Exec.push_back(I - 1);
    } else if (B[I] == 'e') {
      if (I + 4 <= N && memcmp(B + I, "eval", 4) == 0)
        Found.Eval.push_back(I);
    } else if (I >= 2 && I + 8 <= N && memcmp(B + I - 2, "new_module", 10) == 0) {
      Found.NewModule.push_back(I - 2);
    }
  };
  size_t I = 0;
#ifdef __SSE2__
  const __m128i X = _mm_set1_epi8('x'), E = _mm_set1_epi8('e'), V = _mm_set1_epi8('v'),
                W = _mm_set1_epi8('w'), U = _mm_set1_epi8('_');
  for (; I + 17 <= N; I += 16) {
    __m128i A = _mm_loadu_si128(reinterpret_cast<const __m128i *>(B + I));
    __m128i C = _mm_loadu_si128(reinterpret_cast<const __m128i *>(B + I + 1));
    __m128i M =
        _mm_or_si128(_mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(A, X), _mm_cmpeq_epi8(C, E)),
                                  _mm_and_si128(_mm_cmpeq_epi8(A, E), _mm_cmpeq_epi8(C, V))),
                     _mm_and_si128(_mm_cmpeq_epi8(A, W), _mm_cmpeq_epi8(C, U)));
    for (unsigned Bits = _mm_movemask_epi8(M); Bits; Bits &= Bits - 1)
      Check(I + __builtin_ctz(Bits));
  }
#endif
  for (; I + 1 < N; ++I) {
    char P = B[I], Q = B[I + 1];
    if ((P == 'x' && Q == 'e') || (P == 'e' && Q == 'v') || (P == 'w' && Q == '_'))
      Check(I);
  }
  return Found;
}

bool mayHaveFindings(llvm::StringRef Text) {
  Text.consume_front("\xEF\xBB\xBF"); // a BOM is not part of the first word
  // Most files name none of exec, eval and new_module: one pass settles them.
  Keywords Words = keywordsIn(Text);
  if (Words.empty())
    return false;
  // A NUL byte ends a token, a comment or a string for tree-sitter, whose
  // recovery then reads what follows in ways no byte scan predicts (`exec\0(`
  // is a call to it): such a file is parsed.
  if (memchr(Text.data(), 0, Text.size()))
    return true;
  // MOD004: a call of imp.new_module, in any spelling, uses new_module in
  // code as a call, alias or import-as.
  llvm::SmallVector<size_t, 4> Candidates;
  for (size_t At : Words.NewModule)
    if (creationUse(Text, At, 10))
      Candidates.push_back(At);
  if (anyInCode(Text, Candidates))
    return true;
  // MOD005: an exec statement, in code.
  Candidates.clear();
  for (size_t At : Words.Exec)
    if (execStatementCandidate(Text, At))
      Candidates.push_back(At);
  if (anyInCode(Text, Candidates))
    return true;
  // MOD001-MOD003: a spelling that makes a module and a call that executes
  // code into it (exec/eval/execfile with a namespace, exec_module), both in
  // code. (A Python 2 exec statement was settled above.)
  // exec/eval/execfile populate only a namespace value, H.__dict__ or
  // vars(H) (`__dict__` may also be a getattr string): without either word
  // only exec_module can.
  // Population first: rarer, and cheaper to find than creation.
  llvm::SmallVector<size_t, 8> Creation, Population;
  std::optional<bool> Namespace;
  auto HasNamespace = [&] {
    if (!Namespace)
      Namespace = contains(Text, "__dict__", 2) || contains(Text, "vars", 2);
    return *Namespace;
  };
  for (const auto *Occurrences : {&Words.Exec, &Words.Eval})
    for (size_t At : *Occurrences)
      if (populatingCall(Text, At, 4) && (Text.substr(At, 11) == "exec_module" || HasNamespace()))
        Population.push_back(At);
  if (!anyInCode(Text, Population))
    return false;
  creationSpellings(Text, Creation);
  return anyInCode(Text, Creation);
}

} // namespace modlint
