#include "analyzer/SyntaxTree.h"

#include "grammar/PythonLanguage.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <deque>

namespace modlint {

std::optional<std::string> unparseableReason(const SourceFile &Source) {
  // The indentation stack Python's tokenizer would build, line by line.
  // Lines that start inside a string or brackets, blank lines and comment
  // lines do not count, as in Python.
  llvm::StringRef Text = Source.text();
  if (Text.size() > MaxFileBytes)
    return "file of " + std::to_string(Text.size()) + " bytes is larger than " +
           std::to_string(MaxFileBytes) + "; not analysed";
  llvm::SmallVector<unsigned, 64> Stack{0};
  unsigned Depth = 0; // brackets
  char Quote = 0;     // inside a string: its quote
  bool Triple = false;
  bool LineStart = true;
  unsigned Width = 0;
  for (size_t P = Source.bomLength(); P < Text.size(); ++P) {
    char C = Text[P];
    if (Quote) {
      if (C == '\\')
        ++P;
      else if (C == Quote && (!Triple || Text.substr(P, 3) == std::string(3, Quote))) {
        P += Triple ? 2 : 0;
        Quote = 0;
      } else if (!Triple && (C == '\n' || C == '\r'))
        Quote = 0; // unterminated: Python would stop here too
      continue;
    }
    if (C == '\n' || C == '\r') {
      LineStart = Depth == 0 && !(P > 0 && Text[P - 1] == '\\');
      Width = 0;
      continue;
    }
    if (LineStart) {
      if (C == ' ' || C == '\f') {
        ++Width;
        continue;
      }
      if (C == '\t') {
        Width = (Width / 8 + 1) * 8;
        continue;
      }
      LineStart = false;
      if (C != '#') {
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
    }
    if (C == '#') {
      while (P + 1 < Text.size() && Text[P + 1] != '\n' && Text[P + 1] != '\r')
        ++P;
    } else if (C == '"' || C == '\'') {
      Quote = C;
      Triple = Text.substr(P, 3) == std::string(3, C);
      P += Triple ? 2 : 0;
    } else if (C == '(' || C == '[' || C == '{') {
      ++Depth;
    } else if ((C == ')' || C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
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
  // tree-sitter-python takes a lone CR (old Mac line ends, which Python
  // accepts) for blank space. The parser gets a copy with each lone CR made
  // LF: same length, so every offset still points into the real text.
  bool LoneCR = false;
  for (size_t I = Body.find('\r'); I != llvm::StringRef::npos && !LoneCR;
       I = Body.find('\r', I + 1))
    LoneCR = I + 1 == Body.size() || Body[I + 1] != '\n';
  if (!LoneCR) {
    Tree = ts_parser_parse_string(Parser.get(), nullptr, Body.data(), Body.size());
    return;
  }
  std::string Copy = Body.str();
  for (size_t I = 0; I < Copy.size(); ++I)
    if (Copy[I] == '\r' && (I + 1 == Copy.size() || Copy[I + 1] != '\n'))
      Copy[I] = '\n';
  Tree = ts_parser_parse_string(Parser.get(), nullptr, Copy.data(), Copy.size());
}

SyntaxTree::~SyntaxTree() { ts_tree_delete(Tree); }

std::vector<std::pair<unsigned, unsigned>> SyntaxTree::errorRegions() const {
  // Iterative: deeply nested input must not exhaust the stack. Only subtrees
  // holding an error are entered; nested errors count once, as their outermost.
  // The error may sit in a hidden node the cursor never shows (a MISSING
  // `_newline` in `import a import b`): a node whose visible subtree shows
  // none is a region as a whole.
  std::vector<std::pair<unsigned, unsigned>> Out;
  std::vector<size_t> Entered; // Out.size() when each open node was entered
  TSTreeCursor C = ts_tree_cursor_new(root());
  bool Descend = true;
  for (;;) {
    TSNode N = ts_tree_cursor_current_node(&C);
    if (Descend && (ts_node_is_error(N) || ts_node_is_missing(N))) {
      Out.push_back({begin(N), end(N)});
    } else if (Descend && ts_node_has_error(N)) {
      if (ts_tree_cursor_goto_first_child(&C)) {
        Entered.push_back(Out.size());
        continue;
      }
      Out.push_back({begin(N), end(N)});
    }
    if (ts_tree_cursor_goto_next_sibling(&C)) {
      Descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&C))
      break;
    if (Out.size() == Entered.back()) {
      TSNode Parent = ts_tree_cursor_current_node(&C);
      Out.push_back({begin(Parent), end(Parent)});
    }
    Entered.pop_back();
    Descend = false;
  }
  ts_tree_cursor_delete(&C);
  return Out;
}

unsigned SyntaxTree::errorCount() const { return errorRegions().size(); }

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
