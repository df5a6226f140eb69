#include "analyzer/SyntaxTree.h"

#include "grammar/PythonLanguage.h"

#include "llvm/ADT/SmallVector.h"

namespace modlint {

SyntaxParser::SyntaxParser() : Parser(ts_parser_new()) {
  ts_parser_set_language(Parser, pythonLanguage());
}

SyntaxParser::~SyntaxParser() { ts_parser_delete(Parser); }

SyntaxTree::SyntaxTree(SyntaxParser &Parser, const SourceFile &Source)
    : Text(Source.text()), Base(Source.bomLength()) {
  llvm::StringRef Body = Text.drop_front(Base);
  Tree = ts_parser_parse_string(Parser.get(), nullptr, Body.data(), Body.size());
}

SyntaxTree::~SyntaxTree() { ts_tree_delete(Tree); }

unsigned SyntaxTree::errorCount() const {
  // Iterative: deeply nested input must not exhaust the stack.
  unsigned Count = 0;
  TSTreeCursor C = ts_tree_cursor_new(root());
  bool Descend = true;
  for (;;) {
    TSNode N = ts_tree_cursor_current_node(&C);
    if (Descend) {
      if (ts_node_is_error(N) || ts_node_is_missing(N))
        ++Count;
      if (ts_node_has_error(N) && ts_tree_cursor_goto_first_child(&C))
        continue;
    }
    if (ts_tree_cursor_goto_next_sibling(&C)) {
      Descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&C))
      break;
    Descend = false;
  }
  ts_tree_cursor_delete(&C);
  return Count;
}

TSNode unparenthesize(TSNode N) {
  while (!isNull(N) && kind(N) == "parenthesized_expression" && ts_node_named_child_count(N) == 1)
    N = ts_node_named_child(N, 0);
  return N;
}

} // namespace modlint
