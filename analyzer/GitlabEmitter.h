#ifndef MODLINT_ANALYZER_GITLABEMITTER_H
#define MODLINT_ANALYZER_GITLABEMITTER_H

#include "analyzer/Linter.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace modlint {

/// GitLab Code Quality JSON, as Ruff writes it: an array of issues, each
/// with description, check_name (the code), fingerprint, severity (an error
/// `major`, a warning `minor`) and location (path, lines begin/end). Paths
/// are relative to \p Root (CI_PROJECT_DIR in GitLab CI, else the project
/// root), relative ones resolved against \p WorkingDirectory. The
/// fingerprint hashes code, path and the flagged text, not the line, so that
/// GitLab tells new issues from moved ones; equal ones are told apart as
/// Ruff does, by hashing the previous one in.
void emitGitlab(llvm::raw_ostream &OS, llvm::ArrayRef<FileReport> Files, llvm::StringRef Root,
                llvm::StringRef WorkingDirectory);

} // namespace modlint

#endif
