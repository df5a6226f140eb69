#ifndef MODLINT_ANALYZER_SYNTAXTREE_H
#define MODLINT_ANALYZER_SYNTAXTREE_H

#include "analyzer/SourceFile.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <tree_sitter/api.h>

namespace modlint {

/// One tree-sitter parser for Python; make one per thread and reuse it.
class SyntaxParser {
public:
  SyntaxParser();
  ~SyntaxParser();
  SyntaxParser(const SyntaxParser &) = delete;
  SyntaxParser &operator=(const SyntaxParser &) = delete;
  TSParser *get() const { return Parser; }

private:
  TSParser *Parser;
};

/// Blocks nested deeper than this are refused before parsing: tree-sitter
/// 0.25 with tree-sitter-python 0.25.0 crashes past about 510 levels of
/// indentation (a fault inside ts_parser_parse), and no real code comes near.
inline constexpr unsigned MaxBlockNesting = 250;
/// Offsets are 32-bit; larger files are refused with a clear error.
inline constexpr size_t MaxFileBytes = size_t(1) << 30;

/// Why \p Source must not be handed to the parser, or nothing.
std::optional<std::string> unparseableReason(const SourceFile &Source);

/// How deep in the tree the analysis goes. Deeper code (a 1000-deep
/// expression: CPython itself refuses 200 nested brackets, though a long
/// `a + b + ...` chain may reach this) is not analysed, and the linter says
/// so; every recursive walk stops here, within its thread's stack.
inline constexpr unsigned MaxAnalysedDepth = 1000;

/// A parsed file. Offsets handed out are byte offsets into the file's text
/// (the BOM, which the parser never sees, included).
class SyntaxTree {
public:
  SyntaxTree(SyntaxParser &Parser, const SourceFile &Source);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree &) = delete;
  SyntaxTree &operator=(const SyntaxTree &) = delete;

  TSNode root() const { return ts_tree_root_node(Tree); }
  unsigned begin(TSNode N) const { return ts_node_start_byte(N) + Base; }
  unsigned end(TSNode N) const { return ts_node_end_byte(N) + Base; }
  llvm::StringRef text(TSNode N) const { return Text.slice(begin(N), end(N)); }
  llvm::StringRef source() const { return Text; }
  /// Byte ranges of the outermost ERROR and MISSING nodes: what the parser
  /// could not make sense of.
  std::vector<std::pair<unsigned, unsigned>> errorRegions() const;
  /// How many there are: a fix must not add any.
  unsigned errorCount() const;

private:
  TSTree *Tree = nullptr;
  llvm::StringRef Text;
  unsigned Base = 0;
};

/// The node's grammar type ("call", "identifier", ...).
inline llvm::StringRef kind(TSNode N) { return ts_node_type(N); }
/// The field id of a tree-sitter-python field name, looked up once.
TSFieldId fieldId(llvm::StringRef Name);
inline TSNode field(TSNode N, llvm::StringRef Name) {
  return ts_node_child_by_field_id(N, fieldId(Name));
}
inline bool isNull(TSNode N) { return ts_node_is_null(N); }
inline bool sameNode(TSNode A, TSNode B) { return ts_node_eq(A, B); }

/// The expression inside any number of parentheses.
TSNode unparenthesize(TSNode N);

/// Tree cursors reused across calls, one per nesting level of child loops,
/// so walking children allocates nothing once warm.
class CursorPool {
public:
  static TSTreeCursor &acquire(TSNode N);
  static void release();
};

/// Calls \p F on each named child of \p N. A cursor walks the children in
/// linear time (ts_node_named_child(N, I) restarts from the first child).
template <typename Fn> void forEachNamedChild(TSNode N, Fn F) {
  TSTreeCursor &C = CursorPool::acquire(N);
  if (ts_tree_cursor_goto_first_child(&C)) {
    do {
      TSNode Child = ts_tree_cursor_current_node(&C);
      if (ts_node_is_named(Child))
        F(Child);
    } while (ts_tree_cursor_goto_next_sibling(&C));
  }
  CursorPool::release();
}

} // namespace modlint

#endif
