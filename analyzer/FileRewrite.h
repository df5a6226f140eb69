#ifndef MODLINT_ANALYZER_FILEREWRITE_H
#define MODLINT_ANALYZER_FILEREWRITE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace modlint {

/// Replaces \p Path's content through a temporary file in the same directory
/// and a rename, keeping the file's mode; the original is untouched on error.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

/// Test builds only (tests/fixwrite): called with the file's path once its
/// new content is ready and before the file is checked and replaced, so that
/// a test can act at that moment deterministically. Null in `modlint`.
using BeforeReplaceHook = void (*)(llvm::StringRef Path);
void setBeforeReplaceHook(BeforeReplaceHook Hook);

} // namespace modlint

#endif
