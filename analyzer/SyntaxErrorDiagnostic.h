#ifndef MODLINT_ANALYZER_SYNTAXERRORDIAGNOSTIC_H
#define MODLINT_ANALYZER_SYNTAXERRORDIAGNOSTIC_H

#include "analyzer/Diagnostic.h"
#include "analyzer/ExecStatement.h"
#include "analyzer/Rule.h"
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace modlint {

/// The code of the diagnostic a candidate file that does not parse cleanly
/// gets (Ruff's `invalid-syntax`). It is no rule of the catalogue: no
/// --select, --ignore, per-file-ignores or `# noqa` turns it off, as in Ruff,
/// since what it says is that other findings may be missing.
inline constexpr llvm::StringLiteral SyntaxErrorCode = "syntax-error";

/// Its descriptor for listings that need one (SARIF's tool.driver.rules).
const RuleInfo &syntaxErrorInfo();

/// One error-level diagnostic at the first place tree-sitter could not parse,
/// naming the lines it spans and how many more such places follow; none when
/// the file parses cleanly. A place within the keyword and code of a Python 2
/// exec statement of \p Understood is not counted: tree-sitter-python takes
/// only a name or a string there (`exec compile(s, f, 'exec') in ns` has an
/// error at `compile`), and MOD005 reports and fixes those statements.
std::optional<Diagnostic> syntaxErrorDiagnostic(const SourceFile &Source, const SyntaxTree &Tree,
                                                llvm::ArrayRef<ExecStatement> Understood);

} // namespace modlint

#endif
