#ifndef MODLINT_ANALYZER_FLOW_GLOBALREADS_H
#define MODLINT_ANALYZER_FLOW_GLOBALREADS_H

#include "analyzer/SemanticModel.h"

#include <string>
#include <vector>

namespace modlint {

/// The names bound in \p M's module scope that \p Root's code reads when it
/// runs, in first-read order, without duplicates. For a function or lambda:
/// its body, nested functions, lambdas, classes and comprehensions included
/// (its own defaults, annotations and decorators run when it is defined, so
/// they do not count). For a class: what its methods and lambdas read (its
/// body runs when it is defined). Names the code binds locally, parameters
/// and builtins are not reads of globals; `global x; x = 1` writes x, and
/// `x += 1` reads it.
std::vector<std::string> globalsReadWhenRun(const SemanticModel &M, const Scope &Root);

} // namespace modlint

#endif
