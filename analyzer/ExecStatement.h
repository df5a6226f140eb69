#ifndef MODLINT_ANALYZER_EXECSTATEMENT_H
#define MODLINT_ANALYZER_EXECSTATEMENT_H

#include "analyzer/SyntaxTree.h"

#include <vector>

namespace modlint {

/// A Python 2 `exec` statement, found at the token level: tree-sitter-python's
/// `exec_statement` accepts only a name or a string as the code, so the other
/// forms (`exec compile(...) in ns`, `exec (code) in ns`) arrive as recovered
/// or comparison nodes. Offsets are bytes into the file.
struct ExecStatement {
  unsigned Begin = 0; ///< the `exec` keyword
  unsigned KeywordEnd = 0;
  unsigned CodeBegin = 0; ///< the code expression, as written
  unsigned CodeEnd = 0;
  bool HasNamespace = false;
  unsigned NamespaceBegin = 0; ///< first token after `in`
  unsigned End = 0;            ///< end of the statement's last token
};

/// Every exec statement of the file, in source order.
std::vector<ExecStatement> findExecStatements(const SyntaxTree &Tree);

} // namespace modlint

#endif
