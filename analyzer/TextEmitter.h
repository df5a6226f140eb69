#ifndef MODLINT_ANALYZER_TEXTEMITTER_H
#define MODLINT_ANALYZER_TEXTEMITTER_H

#include "analyzer/Linter.h"

#include "llvm/Support/raw_ostream.h"

namespace modlint {

/// clang-style: `path:line:col: level: message [CODE]`, the source line, a
/// caret under the range, fix-its, and notes at the related places.
void emitText(llvm::raw_ostream &OS, const FileReport &File, bool Colors);

/// One line a finding: `path:line:col: level: message [CODE]`.
void emitConcise(llvm::raw_ostream &OS, const FileReport &File);

} // namespace modlint

#endif
