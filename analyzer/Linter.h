#ifndef MODLINT_ANALYZER_LINTER_H
#define MODLINT_ANALYZER_LINTER_H

#include "analyzer/Diagnostic.h"
#include "analyzer/Rule.h"
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"
#include "analyzer/TargetVersion.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace modlint {

struct LintOptions {
  TargetVersion Target;
  llvm::ArrayRef<const Rule *> Rules; ///< the enabled rules
  bool Prefilter = true;
  bool AddNoqa = false;        ///< also compute the `# noqa` edits for the findings
  bool KeepSuppressed = false; ///< keep what noqa silences, in FileReport::Suppressed
};

/// The code under which the machine formats report a file's Error (Ruff's
/// io-error, E902): it is no rule's and nothing suppresses it.
inline constexpr llvm::StringLiteral IoErrorCode = "io-error";

/// One file's outcome. The source is kept only while something refers to it
/// (findings to render or fix), so memory stays flat over many files.
struct FileReport {
  std::string Path;
  std::optional<SourceFile> Source;
  llvm::SmallVector<Diagnostic, 0> Diagnostics; ///< sorted by position, then code
  /// Silenced by noqa, with LintOptions::KeepSuppressed; sorted likewise.
  llvm::SmallVector<Diagnostic, 0> Suppressed;
  std::string Error; ///< could not be read; empty if fine
  bool Parsed = false;
  unsigned SyntaxErrors = 0;
  /// The first line that nests deeper than the analysis goes (0: none).
  unsigned TooDeepLine = 0;
  std::vector<TextEdit> NoqaEdits; ///< with LintOptions::AddNoqa
  /// Reached through a symbolic link while walking this command-line
  /// directory: fixes are written only to a target inside it.
  std::string LinkRoot;
};

/// load -> prefilter -> parse -> semantic model -> flow -> rules -> noqa.
FileReport lintSource(SourceFile Source, const LintOptions &Opts, SyntaxParser &Parser);
FileReport lintFile(llvm::StringRef Path, const LintOptions &Opts, SyntaxParser &Parser);

} // namespace modlint

#endif
