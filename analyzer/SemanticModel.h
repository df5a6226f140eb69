#ifndef MODLINT_ANALYZER_SEMANTICMODEL_H
#define MODLINT_ANALYZER_SEMANTICMODEL_H

#include "analyzer/SyntaxTree.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace modlint {

enum class ScopeKind { Module, Class, Function, Lambda, Comprehension };

/// One way a name gets bound in a scope.
struct Binding {
  enum Kind {
    Import,     ///< `import x`, `from m import x as y`: Qualified holds the target
    Assignment, ///< `x = v`, `x: T = v`, walrus; Value is v
    Augmented,  ///< `x += v`; Value is v
    ForTarget,  ///< `for x in v` (also comprehensions); Value is v
    WithTarget, ///< `with v as x`; Value is v
    Parameter,
    Definition, ///< def / class
    Other,      ///< except-as, match captures, ...
  };
  Kind K;
  TSNode Name;           ///< the bound identifier
  TSNode Value;          ///< expression bound (may be null)
  TSNode Statement;      ///< statement that binds
  bool Unpacked = false; ///< an element of Value, not Value itself
  std::string Qualified; ///< Import only
  unsigned Offset = 0;
  const struct Scope *ValueScope = nullptr; ///< where Value is evaluated
};

struct Scope {
  ScopeKind Kind;
  TSNode Node;      ///< module, function_definition, lambda, class_definition, comprehension
  Scope *Parent;    ///< null for the module
  std::string Name; ///< function or class name; "<lambda>" etc.
  llvm::StringMap<llvm::SmallVector<Binding, 1>> Bindings;
  llvm::StringSet<> Globals, Nonlocals;
  llvm::SmallVector<Scope *, 4> Children;

  bool isFunctionLike() const {
    return Kind == ScopeKind::Function || Kind == ScopeKind::Lambda ||
           Kind == ScopeKind::Comprehension;
  }
  /// Bound here as a local: neither global nor nonlocal, and bound in this scope.
  bool hasLocal(llvm::StringRef Name) const {
    return Bindings.count(Name) && !Globals.contains(Name) && !Nonlocals.contains(Name);
  }
};

/// Scopes, bindings and qualified-name resolution of one file, the way
/// Python resolves names (LEGB, class scopes invisible to nested functions,
/// `global` / `nonlocal`).
class SemanticModel {
public:
  explicit SemanticModel(const SyntaxTree &Tree);

  const SyntaxTree &tree() const { return Tree; }
  Scope &moduleScope() const { return *Scopes.front(); }
  const std::vector<std::unique_ptr<Scope>> &scopes() const { return Scopes; }
  /// The scope a scope-making node (def, lambda, class, comprehension) opens.
  Scope *scopeOpenedBy(TSNode N) const;
  /// The innermost scope in which \p N is evaluated.
  Scope &scopeOf(TSNode N) const;

  /// The binding a use of \p Name at \p Offset in \p S refers to, or null for
  /// a builtin or an unknown name.
  const Binding *lookup(llvm::StringRef Name, const Scope &S, unsigned Offset,
                        const Scope **Where = nullptr) const;
  /// Dotted name an expression stands for after resolving imports and simple
  /// aliases (`types.ModuleType`, `sys.modules`, `builtins.exec`); empty when
  /// it is not a known name.
  std::string qualifiedName(TSNode Expr, const Scope &S) const;

  /// What \p Name means at file level and at \p Offset's scope: nothing, the
  /// module \p Module (through an import), or something else.
  enum class NameState { Unbound, Module, Other };
  NameState nameState(llvm::StringRef Name, llvm::StringRef Module, const Scope &S,
                      unsigned Offset) const;

  /// Where the tree first nests deeper than MaxAnalysedDepth: nothing below
  /// that is analysed.
  std::optional<unsigned> firstTooDeep() const { return FirstTooDeep; }

private:
  std::string qualifiedName(TSNode Expr, const Scope &S, unsigned Depth) const;
  std::optional<unsigned> FirstTooDeep;

  const SyntaxTree &Tree;
  std::vector<std::unique_ptr<Scope>> Scopes;
  llvm::DenseMap<const void *, Scope *> ScopeByNode;
  friend class ScopeBuilder;
};

} // namespace modlint

#endif
