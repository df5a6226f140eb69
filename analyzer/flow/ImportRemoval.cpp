#include "analyzer/flow/ImportRemoval.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace modlint {

namespace {

bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\f'; }

/// Statements of a block or module (comments and line continuations are
/// extras, not statements).
unsigned statementCount(TSNode Block) {
  unsigned N = 0;
  forEachNamedChild(Block, [&](TSNode C) { N += !ts_node_is_extra(C); });
  return N;
}

TSNode statementSibling(TSNode Stmt, bool Next) {
  TSNode S = Next ? ts_node_next_named_sibling(Stmt) : ts_node_prev_named_sibling(Stmt);
  while (!isNull(S) && ts_node_is_extra(S))
    S = Next ? ts_node_next_named_sibling(S) : ts_node_prev_named_sibling(S);
  return S;
}

/// Only one `;` between two statements, besides blanks and line
/// continuations: they share a logical line, and no comment lies between.
bool joinedBySemicolon(StringRef Between) {
  return Between.count(';') == 1 && Between.find_first_not_of(" \t\f\\\r\n;") == StringRef::npos;
}

/// [start of the first line of [Begin, End), start of the line after its
/// last) when nothing else shares those lines: blanks before, after at most
/// \p Separator (`;` after a statement, `,` after a name) and a comment.
std::optional<std::pair<unsigned, unsigned>> ownLines(const SyntaxTree &T, unsigned Begin,
                                                      unsigned End, char Separator) {
  StringRef Text = T.source();
  unsigned First = T.begin(T.root()) - ts_node_start_byte(T.root()); // after a BOM
  unsigned B = Begin;
  while (B > First && isBlank(Text[B - 1]))
    --B;
  if (B > First && Text[B - 1] != '\n' && Text[B - 1] != '\r')
    return std::nullopt;
  // A line that a backslash continues (`x = 1; \`) is not its own.
  if (StringRef Before = Text.slice(First, B).rtrim("\r\n"); Before.endswith("\\"))
    return std::nullopt;
  size_t E = End;
  auto SkipBlanks = [&] {
    while (E < Text.size() && isBlank(Text[E]))
      ++E;
  };
  SkipBlanks();
  if (E < Text.size() && Text[E] == Separator) {
    ++E;
    SkipBlanks();
  }
  if (E < Text.size() && Text[E] == '#')
    E = Text.find_first_of("\r\n", E);
  if (E == StringRef::npos || E >= Text.size())
    return std::make_pair(B, static_cast<unsigned>(Text.size()));
  if (Text[E] != '\n' && Text[E] != '\r')
    return std::nullopt;
  E += Text.substr(E).startswith("\r\n") ? 2 : 1;
  return std::make_pair(B, static_cast<unsigned>(E));
}

/// `from m import (a, b)`: a line break inside needs no continuation.
bool parenthesised(TSNode Stmt) {
  uint32_t N = ts_node_child_count(Stmt);
  for (uint32_t I = 0; I < N; ++I)
    if (kind(ts_node_child(Stmt, I)) == "(")
      return true;
  return false;
}

std::optional<ImportRemoval> removal(unsigned Begin, unsigned End, std::string Replacement = "") {
  ImportRemoval R;
  R.Begin = Begin;
  R.End = End;
  R.Replacement = std::move(Replacement);
  return R;
}

/// The whole statement \p Stmt.
std::optional<ImportRemoval> statementRemoval(const SyntaxTree &T, TSNode Stmt) {
  TSNode Parent = ts_node_parent(Stmt);
  if (isNull(Parent) || (kind(Parent) != "block" && kind(Parent) != "module"))
    return std::nullopt;
  // A block must keep a statement (`try:\n    import imp\nexcept ...`).
  if (kind(Parent) == "block" && statementCount(Parent) == 1)
    return removal(T.begin(Stmt), T.end(Stmt), "pass");
  if (auto Lines = ownLines(T, T.begin(Stmt), T.end(Stmt), ';'))
    return removal(Lines->first, Lines->second);
  StringRef Text = T.source();
  TSNode Next = statementSibling(Stmt, /*Next=*/true);
  if (!isNull(Next) && joinedBySemicolon(Text.slice(T.end(Stmt), T.begin(Next))))
    return removal(T.begin(Stmt), T.begin(Next)); // `import imp; x = 1`
  TSNode Prev = statementSibling(Stmt, /*Next=*/false);
  if (!isNull(Prev) && joinedBySemicolon(Text.slice(T.end(Prev), T.begin(Stmt))))
    return removal(T.end(Prev), T.end(Stmt)); // `x = 1; import imp`
  return std::nullopt;
}

} // namespace

std::optional<ImportRemoval> importRemovalEdit(const SyntaxTree &T, TSNode Stmt, TSNode Name) {
  if (isNull(Stmt) || ts_node_has_error(Stmt) ||
      (kind(Stmt) != "import_statement" && kind(Stmt) != "import_from_statement"))
    return std::nullopt;
  SmallVector<TSNode, 4> Items; // the names imported, in order
  unsigned Mine = ~0u;
  uint32_t Count = ts_node_child_count(Stmt);
  for (uint32_t I = 0; I < Count; ++I) {
    const char *F = ts_node_field_name_for_child(Stmt, I);
    if (!F || StringRef(F) != "name")
      continue;
    TSNode Item = ts_node_child(Stmt, I);
    if (T.begin(Item) <= T.begin(Name) && T.end(Name) <= T.end(Item))
      Mine = Items.size();
    Items.push_back(Item);
  }
  if (Mine == ~0u)
    return std::nullopt;
  if (Items.size() == 1)
    return statementRemoval(T, Stmt);
  // In a parenthesised list laid out one name a line, that name's line
  // (with its comma and comment).
  if (parenthesised(Stmt))
    if (auto Lines = ownLines(T, T.begin(Items[Mine]), T.end(Items[Mine]), ','))
      return removal(Lines->first, Lines->second);
  // Else the name and the comma after it (`imp, os` -> `os`), or the comma
  // before the last name (`os, imp` -> `os`), with the line continuations or
  // line breaks between them; never a comment, which may be about another name.
  StringRef Text = T.source();
  unsigned B = Mine + 1 < Items.size() ? T.begin(Items[Mine]) : T.end(Items[Mine - 1]);
  unsigned E = Mine + 1 < Items.size() ? T.begin(Items[Mine + 1]) : T.end(Items[Mine]);
  if (Text.slice(B, E).contains('#'))
    return std::nullopt;
  return removal(B, E);
}

} // namespace modlint
