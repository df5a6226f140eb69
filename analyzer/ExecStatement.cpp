#include "analyzer/ExecStatement.h"

#include "analyzer/Prefilter.h"

#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace modlint {

namespace {

/// A just-enough Python tokenizer over one logical line: it knows strings,
/// comments, brackets and continuations, which is all needed to find where
/// an exec statement's parts begin and end.
class LineScanner {
public:
  LineScanner(StringRef Text, unsigned Pos) : Text(Text), Pos(Pos) {}

  struct Token {
    enum Kind { Name, String, Number, Op, Eol } K;
    unsigned Begin, End;
    StringRef text(StringRef T) const { return T.slice(Begin, End); }
  };

  Token next() {
    skipSpace();
    unsigned B = Pos;
    if (Pos >= Text.size())
      return {Token::Eol, B, B};
    char C = Text[Pos];
    if (C == '\n' || C == '\r' || C == '#' || (C == ';' && Depth == 0))
      return {Token::Eol, B, B};
    if (isStringStart())
      return scanString();
    if (isNameChar(C) && !isDigit(C)) {
      while (Pos < Text.size() && isNameChar(Text[Pos]))
        ++Pos;
      return {Token::Name, B, Pos};
    }
    if (isDigit(C) || (C == '.' && Pos + 1 < Text.size() && isDigit(Text[Pos + 1]))) {
      while (Pos < Text.size() && (isNameChar(Text[Pos]) || Text[Pos] == '.'))
        ++Pos;
      return {Token::Number, B, Pos};
    }
    if (C == '(' || C == '[' || C == '{')
      ++Depth;
    else if ((C == ')' || C == ']' || C == '}') && Depth > 0)
      --Depth;
    ++Pos;
    return {Token::Op, B, Pos};
  }

  unsigned depth() const { return Depth; }

private:
  static bool isDigit(char C) { return C >= '0' && C <= '9'; }
  static bool isNameChar(char C) {
    return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || isDigit(C) || C == '_' ||
           static_cast<unsigned char>(C) >= 0x80;
  }

  void skipSpace() {
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == ' ' || C == '\t' || C == '\f') {
        ++Pos;
      } else if (C == '\\' && Pos + 1 < Text.size() &&
                 (Text[Pos + 1] == '\n' || Text[Pos + 1] == '\r')) {
        Pos += (Text[Pos + 1] == '\r' && Pos + 2 < Text.size() && Text[Pos + 2] == '\n') ? 3 : 2;
      } else if (Depth > 0 && (C == '\n' || C == '\r')) {
        ++Pos; // inside brackets a line break is whitespace
      } else if (Depth > 0 && C == '#') {
        while (Pos < Text.size() && Text[Pos] != '\n' && Text[Pos] != '\r')
          ++Pos;
      } else {
        return;
      }
    }
  }

  bool isStringStart() const {
    unsigned P = Pos;
    while (P < Text.size() && P < Pos + 2 && StringRef("rRbBuUfF").contains(Text[P]))
      ++P;
    return P < Text.size() && (Text[P] == '\'' || Text[P] == '"');
  }

  Token scanString() {
    unsigned B = Pos;
    while (Text[Pos] != '\'' && Text[Pos] != '"')
      ++Pos;
    char Q = Text[Pos];
    bool Triple = Text.substr(Pos, 3) == StringRef(std::string(3, Q));
    Pos += Triple ? 3 : 1;
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == '\\') {
        Pos += 2;
        continue;
      }
      if (!Triple && (C == '\n' || C == '\r'))
        break; // unterminated: stop at the line's end
      if (C == Q && (!Triple || Text.substr(Pos, 3) == StringRef(std::string(3, Q)))) {
        Pos += Triple ? 3 : 1;
        break;
      }
      ++Pos;
    }
    if (Pos > Text.size())
      Pos = Text.size();
    return {Token::String, B, Pos};
  }

  StringRef Text;
  unsigned Pos;
  unsigned Depth = 0;
};

bool startsExpression(const LineScanner::Token &T, StringRef Text) {
  switch (T.K) {
  case LineScanner::Token::String:
  case LineScanner::Token::Number:
    return true;
  case LineScanner::Token::Name:
    return !StringSwitch<bool>(T.text(Text))
                .Cases("in", "is", "and", "or", "if", "else", "for", "as", true)
                .Cases("from", "import", "with", "while", "def", "class", true)
                .Default(false);
  case LineScanner::Token::Op: {
    StringRef S = T.text(Text);
    return S == "[" || S == "{" || S == "`" || S == "~";
  }
  case LineScanner::Token::Eol:
    return false;
  }
  return false;
}

/// Does the `exec` token at \p Offset begin a statement?
bool atStatementStart(StringRef Text, unsigned Offset, unsigned Floor) {
  unsigned P = Offset;
  while (P > Floor && (Text[P - 1] == ' ' || Text[P - 1] == '\t' || Text[P - 1] == '\f'))
    --P;
  if (P == Floor)
    return true;
  char C = Text[P - 1];
  return C == '\n' || C == '\r' || C == ';' || C == ':';
}

} // namespace

std::vector<ExecStatement> findExecStatements(const SyntaxTree &Tree) {
  std::vector<ExecStatement> Result;
  StringRef Text = Tree.source();
  unsigned Floor = Tree.begin(Tree.root()) - ts_node_start_byte(Tree.root());
  CodeOffsets Code(Text);
  for (size_t At = Text.find("exec"); At != StringRef::npos; At = Text.find("exec", At + 4)) {
    // Must be the whole token `exec`, as the parser saw it (not in a string
    // or comment, not part of a longer name).
    if (At > 0 && (isalnum(static_cast<unsigned char>(Text[At - 1])) || Text[At - 1] == '_'))
      continue;
    if (At + 4 < Text.size() &&
        (isalnum(static_cast<unsigned char>(Text[At + 4])) || Text[At + 4] == '_'))
      continue;
    if (!atStatementStart(Text, At, Floor))
      continue;
    unsigned Rel = At - Floor;
    TSNode Leaf = ts_node_descendant_for_byte_range(Tree.root(), Rel, Rel + 4);
    if (isNull(Leaf) || Tree.begin(Leaf) != At || Tree.end(Leaf) != At + 4 ||
        ts_node_child_count(Leaf) != 0)
      continue;
    StringRef LeafKind = kind(Leaf);
    if (LeafKind != "identifier" && LeafKind != "exec")
      continue;
    if (!Code.inCode(At))
      continue; // inside a string Python sees, whatever the parser recovered

    LineScanner Scan(Text, At + 4);
    auto First = Scan.next();
    bool Parenthesized = First.K == LineScanner::Token::Op && First.text(Text) == "(";
    if (!Parenthesized && !startsExpression(First, Text))
      continue;
    ExecStatement E;
    E.Begin = At;
    E.KeywordEnd = At + 4;
    E.CodeBegin = First.Begin;
    E.CodeEnd = First.End;
    E.End = First.End;
    // Walk the rest: the first `in` outside brackets ends the code.
    const unsigned StartDepth = 0;
    for (auto T = Scan.next(); T.K != LineScanner::Token::Eol; T = Scan.next()) {
      bool TopLevel = Scan.depth() == StartDepth;
      if (!E.HasNamespace && TopLevel && T.K == LineScanner::Token::Name && T.text(Text) == "in") {
        E.HasNamespace = true;
        auto Ns = Scan.next();
        if (Ns.K == LineScanner::Token::Eol)
          break;
        E.NamespaceBegin = Ns.Begin;
        E.End = Ns.End;
        continue;
      }
      if (!E.HasNamespace)
        E.CodeEnd = T.End;
      E.End = T.End;
    }
    // `exec (code)` alone, or `exec(code)(x)`, is a call, not a statement.
    if (Parenthesized && !E.HasNamespace)
      continue;
    if (E.HasNamespace && E.NamespaceBegin == 0)
      continue;
    Result.push_back(E);
  }
  return Result;
}

} // namespace modlint
