#ifndef MODLINT_ANALYZER_PREFILTER_H
#define MODLINT_ANALYZER_PREFILTER_H

#include "llvm/ADT/StringRef.h"

namespace modlint {

/// A byte scan that says whether any rule could fire on a file, so that files
/// that cannot are never parsed. It must only skip work, never change
/// results, so each test is looser than the rule it stands for:
///  - MOD004: "new_module" occurs;
///  - MOD005: `exec` followed by something that starts an expression, or by
///    a parenthesis with `in` after its close;
///  - MOD001-MOD003: a creation spelling (ModuleType, module_from_spec,
///    new_module, `type(M)(` with M imported, new.module with `new`
///    imported) and a populating call (exec/eval/execfile with two or more
///    arguments, exec_module), both outside strings and comments.
bool mayHaveFindings(llvm::StringRef Text);

} // namespace modlint

#endif
