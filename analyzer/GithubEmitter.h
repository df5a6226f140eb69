#ifndef MODLINT_ANALYZER_GITHUBEMITTER_H
#define MODLINT_ANALYZER_GITHUBEMITTER_H

#include "analyzer/Linter.h"

#include "llvm/Support/raw_ostream.h"

namespace modlint {

/// GitHub Actions workflow commands: `::warning title=modlint (MOD001),
/// file=...,line=..,col=..,endLine=..,endColumn=..::path:line:col: CODE message`;
/// a file that could not be read: `::error title=modlint (io-error),file=...::
/// path: io-error reason`.
void emitGithub(llvm::raw_ostream &OS, const FileReport &File);

} // namespace modlint

#endif
