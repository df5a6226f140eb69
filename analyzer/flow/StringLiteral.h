#ifndef MODLINT_ANALYZER_FLOW_STRINGLITERAL_H
#define MODLINT_ANALYZER_FLOW_STRINGLITERAL_H

#include "analyzer/SyntaxTree.h"

#include <optional>
#include <string>

namespace modlint {

/// The value a string-literal expression of the file evaluates to, when it is
/// fully known: a `string` or an implicit concatenation (`concatenated_string`),
/// in any parentheses, with prefixes r/R, u/U and b/B (and rb/br), triple
/// quotes, escape sequences decoded as Python 3 does (\n \t \\ \' \" \a \b \f
/// \r \v \xhh \ooo \uXXXX \UXXXXXXXX; an unknown escape is kept as written),
/// line continuations removed and line ends made "\n" (Python's tokenizer
/// reads CRLF and lone CR as LF). A str literal's text comes back as UTF-8; a
/// bytes literal's as its bytes (what exec would decode as UTF-8 source), and
/// \p IsBytes, when given, says which. nullopt for an f- or t-string, `\N{...}`,
/// Python 2's `ur`, a backquote repr, an escape Python rejects or reads
/// differently between versions (`\x4`, an octal escape above \377, a
/// surrogate), non-ASCII in a bytes literal, bytes mixed with str, a line end
/// inside one quote (Python's unterminated string, which tree-sitter-python
/// lets pass), or a node the parser built around an error. The text may hold
/// NUL bytes.
std::optional<std::string> evaluateStringLiteral(const SyntaxTree &T, TSNode Expr,
                                                 bool *IsBytes = nullptr);

} // namespace modlint

#endif
