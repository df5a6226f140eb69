#include "analyzer/SyntaxTree.h"

#include "grammar/PythonLanguage.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <deque>

namespace modlint {

std::optional<std::string> unparseableReason(const SourceFile &Source) {
  // The indentation stack Python's tokenizer would build, line by line (blank
  // and comment lines do not count). Continuation lines can only make it
  // deeper than Python's, never shallower: a safe over-estimate.
  llvm::StringRef Text = Source.text();
  llvm::SmallVector<unsigned, 64> Stack{0};
  size_t P = 0;
  while (P < Text.size()) {
    unsigned Width = 0;
    size_t Q = P;
    for (; Q < Text.size() && (Text[Q] == ' ' || Text[Q] == '\t' || Text[Q] == '\f'); ++Q)
      Width = Text[Q] == '\t' ? (Width / 8 + 1) * 8 : Width + 1;
    size_t E = Text.find_first_of("\r\n", Q);
    if (E == llvm::StringRef::npos)
      E = Text.size();
    if (Q < E && Text[Q] != '#') {
      if (Width > Stack.back()) {
        Stack.push_back(Width);
        if (Stack.size() - 1 > MaxBlockNesting)
          return "blocks nested more than " + std::to_string(MaxBlockNesting) +
                 " deep; not analysed";
      } else {
        while (Stack.size() > 1 && Stack.back() > Width)
          Stack.pop_back();
      }
    }
    P = E + 1;
  }
  return std::nullopt;
}

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

namespace {
struct CursorStack {
  std::deque<TSTreeCursor> Cursors; // stable addresses: outer loops hold theirs
  unsigned InUse = 0;
  ~CursorStack() {
    for (TSTreeCursor &C : Cursors)
      ts_tree_cursor_delete(&C);
  }
};
thread_local CursorStack Cursors;
} // namespace

TSTreeCursor &CursorPool::acquire(TSNode N) {
  if (Cursors.InUse == Cursors.Cursors.size())
    Cursors.Cursors.push_back(ts_tree_cursor_new(N));
  else
    ts_tree_cursor_reset(&Cursors.Cursors[Cursors.InUse], N);
  return Cursors.Cursors[Cursors.InUse++];
}

void CursorPool::release() { --Cursors.InUse; }

TSFieldId fieldId(llvm::StringRef Name) {
  // Built once (thread-safe static init); a hash lookup instead of the
  // runtime's linear scan of field names.
  static const llvm::StringMap<TSFieldId> Ids = [] {
    llvm::StringMap<TSFieldId> M;
    const TSLanguage *L = pythonLanguage();
    for (TSFieldId I = 1, N = ts_language_field_count(L); I <= N; ++I)
      if (const char *F = ts_language_field_name_for_id(L, I))
        M[F] = I;
    return M;
  }();
  auto It = Ids.find(Name);
  return It == Ids.end() ? 0 : It->second;
}

TSNode unparenthesize(TSNode N) {
  while (!isNull(N) && kind(N) == "parenthesized_expression" && ts_node_named_child_count(N) == 1)
    N = ts_node_named_child(N, 0);
  return N;
}

} // namespace modlint
