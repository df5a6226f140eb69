#ifndef MODLINT_ANALYZER_FLOW_VISIBLECODE_H
#define MODLINT_ANALYZER_FLOW_VISIBLECODE_H

#include "analyzer/flow/Dedent.h"
#include "analyzer/flow/StringLiteral.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace modlint {

/// What code executed into a module defines at its top level (RULES.md
/// "Visible code"): a summary computed once, small, holding no syntax.
class VisibleCode {
public:
  /// Parses \p Code (UTF-8 source, as evaluateStringLiteral gives it) with
  /// the file's grammar (Python 2 and 3 alike) and keeps only the summary.
  /// nullopt when nothing it says can be trusted: a syntax error (also the
  /// indentation errors and one-quote strings over a line end that
  /// tree-sitter-python lets pass), a NUL byte, invalid UTF-8 or a leading
  /// BOM (exec raises for each), nesting the parser or the model cannot
  /// take (unparseableReason, or syntax deeper than MaxDepth).
  static std::optional<VisibleCode> parse(llvm::StringRef Code);

  /// Syntax nested deeper than this is refused: the semantic model leaves
  /// what lies deeper than 1000 levels unbound.
  static constexpr unsigned MaxDepth = 500;

  enum class NameKind {
    Unbound,    ///< never bound at top level: reading it raises
    Data,       ///< every top-level binding is data (below)
    Function,   ///< last non-data binding: `def` (decorated too), a lambda
    Class,      ///< last non-data binding: `class` (decorated too)
    OtherHazard ///< last non-data binding: anything else
  };
  /// How the code binds \p Name at top level, `global` bindings made in its
  /// functions included (judged by the value they bind, like any other).
  /// Data is a literal (numbers, strings, f-strings, bytes,
  /// None/True/False/..., unary and binary operators on literals,
  /// tuples/lists/dicts/sets of literals), an element of one (unpacking,
  /// a `for` over it), a literal `+=`, or, at top level, another name whose
  /// binding reaching the statement is data. Any other binding makes the
  /// name a hazard, its kind that of the last non-data binding: `def` and
  /// lambda (also through a top-level alias `g = f`) are Function, `class`
  /// is Class (also through an alias), and imports, calls (class instances
  /// included), with/except targets and every other expression are
  /// OtherHazard. A name the code never binds is Unbound, unless the code
  /// binds names out of sight (`from m import *`, `globals`, `locals`,
  /// `vars`, `exec`, `execfile` anywhere): then OtherHazard.
  NameKind kindOf(llvm::StringRef Name) const;

  /// For a Function or Class name, the module-level names of the code that
  /// its last non-data binding's code reads when it is called or its methods
  /// run (see globalsReadWhenRun), in first-read order, without duplicates;
  /// empty for other kinds.
  llvm::ArrayRef<std::string> globalsReadBy(llvm::StringRef Name) const;

private:
  struct NameInfo {
    NameKind Kind = NameKind::Unbound;
    std::vector<std::string> Reads;
  };
  llvm::StringMap<NameInfo> Names; ///< bound names only
  bool BindsOutOfSight = false;
  friend class VisibleCodeBuilder;
};

} // namespace modlint

#endif
