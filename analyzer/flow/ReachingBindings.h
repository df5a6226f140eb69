#ifndef MODLINT_ANALYZER_FLOW_REACHINGBINDINGS_H
#define MODLINT_ANALYZER_FLOW_REACHINGBINDINGS_H

#include "analyzer/SemanticModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace modlint {

/// RULES.md "Bindings, not names": which bindings of a body's local names
/// reach each read of them, in statement order, branches joined (both arms
/// of an `if` reach what follows) and a loop body reaching itself.
///
/// One walk over the body. A loop's head (and a `try`'s handlers) is reached
/// by every binding made anywhere inside it: coarser than a fixed point, but
/// linear in the nesting depth, and the same answer for the shapes that
/// matter (a rebinding later in straight-line code does not reach back).
class ReachingBindings {
public:
  /// \p Family: the body's scope and the comprehensions inside it; only the
  /// names \p Tracked accepts are followed (the others keep no facts).
  ReachingBindings(const SemanticModel &M, const Scope &Body, llvm::ArrayRef<const Scope *> Family,
                   std::function<bool(const Scope &, llvm::StringRef)> Tracked);

  /// The bindings reaching the read \p Id of a tracked name; nullopt when the
  /// walk did not see it as such a read (a name inside a nested function, or
  /// past the depth limit). A null element stands for every binding of the
  /// name (too many reach it to follow them one by one); so in atExit.
  std::optional<llvm::ArrayRef<const Binding *>> at(TSNode Id) const;

  /// The bindings of a tracked local that the body may leave with (at a
  /// return or raise, or at its end): what a nested function that escapes
  /// sees when it runs. nullopt for a name not tracked.
  std::optional<llvm::ArrayRef<const Binding *>> atExit(const Scope &S, llvm::StringRef Name) const;

private:
  llvm::DenseMap<const void *, llvm::SmallVector<const Binding *, 2>> Reads;
  std::map<std::pair<const Scope *, std::string>, llvm::SmallVector<const Binding *, 2>> AtExit;
  friend class ReachingWalk;
};

} // namespace modlint

#endif
