#ifndef MODLINT_ANALYZER_PREFILTER_H
#define MODLINT_ANALYZER_PREFILTER_H

#include "llvm/ADT/StringRef.h"

namespace modlint {

/// A byte scan that says whether any rule could fire on a file, so that files
/// that cannot are never parsed. It must only skip work, never change
/// results: every finding needs one of these spellings in the text.
///  - an exec statement, exec_module, exec()/execfile() population: "exec"
///  - imp.new_module: "new_module"
///  - population by eval() of a made module: "eval" plus a creation spelling
bool mayHaveFindings(llvm::StringRef Text);

} // namespace modlint

#endif
