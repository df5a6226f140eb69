#ifndef MODLINT_ANALYZER_PREFILTER_H
#define MODLINT_ANALYZER_PREFILTER_H

#include "llvm/ADT/StringRef.h"

namespace modlint {

/// A byte scan that says whether any rule could fire on a file, so that files
/// that cannot are never parsed. It must only skip work, never change
/// results, so each test is looser than the rule it stands for:
///  - MOD004: "new_module" called, aliased or imported as another name;
///  - MOD005: `exec` followed by something that starts an expression, or by
///    a parenthesis with `in` after its close;
///  - MOD001-MOD003: a creation spelling (ModuleType, module_from_spec,
///    new_module called, aliased, imported as another name or, for a class,
///    named among a class's bases; `type(M)(` with M imported, new.module
///    with `new` imported) and a populating call (exec_module; exec/eval/
///    execfile with two or more arguments, in a file that names `__dict__`
///    or `vars`), both outside strings and comments.
bool mayHaveFindings(llvm::StringRef Text);

/// Is \p At outside strings and comments, as Python tokenizes them (an
/// unterminated quote is a stray character; with a NUL byte, everything
/// counts as code)? The exec-statement finder asks this too, so that it and
/// the prefilter agree where tree-sitter's recovery reads a string as code.
bool offsetInCode(llvm::StringRef Text, size_t At);

/// offsetInCode for offsets asked in increasing order (required: an offset
/// behind the scan is inside what it skipped): one scan of the text for all
/// of them, so a file of thousands of exec statements stays linear.
class CodeOffsets {
public:
  explicit CodeOffsets(llvm::StringRef Text);
  bool inCode(size_t At);

private:
  llvm::StringRef Text;
  size_t Pos = 0;
  bool HasNul;
};

} // namespace modlint

#endif
