#ifndef MODLINT_ANALYZER_FLOW_IMPORTUSES_H
#define MODLINT_ANALYZER_FLOW_IMPORTUSES_H

#include "analyzer/SemanticModel.h"
#include "analyzer/flow/ImportRemoval.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <optional>

namespace modlint {

/// Who reads the names that imports of `imp` bind, computed once per file
/// on the first question (one walk of the tree) and kept per binding.
class ImportUses {
public:
  explicit ImportUses(const SemanticModel &M) : M(M), T(M.tree()) {}

  /// For the callee of a call that resolves to `imp.new_module`: the import
  /// it reads, when only such callees read that import's name anywhere in
  /// the file. None when something else reads it (`imp.reload`, `f =
  /// imp.new_module`, `del imp`), when the name is bound more than once in
  /// its scope, when a string literal spells the name (`__all__`,
  /// `globals()[...]`), when a part of the file the parser could not make
  /// sense of spells it, or when the import cannot be taken out cleanly.
  std::optional<ImportRemoval> removalFor(TSNode Callee);

private:
  std::optional<ImportRemoval> compute(const Binding &B, const Scope &Where);
  void indexReads();
  bool isNewModuleCallee(TSNode Id, bool ModuleBinding) const;

  const SemanticModel &M;
  const SyntaxTree &T;
  bool Indexed = false;
  /// Reads of each import of `imp` / `imp.new_module`, by the binding they resolve to.
  llvm::DenseMap<const Binding *, llvm::SmallVector<TSNode, 4>> Reads;
  /// Those names spelled by a string literal somewhere in the file.
  llvm::StringSet<> Quoted;
  llvm::DenseMap<const Binding *, std::optional<ImportRemoval>> Known;
};

} // namespace modlint

#endif
