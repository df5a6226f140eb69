#ifndef MODLINT_ANALYZER_SERVER_CODEACTIONS_H
#define MODLINT_ANALYZER_SERVER_CODEACTIONS_H

#include "analyzer/Linter.h"
#include "analyzer/server/Documents.h"

#include "llvm/Support/JSON.h"

namespace modlint::server {

/// The kind of the fix-all action (a source action, run on save by
/// editors that are told `source.fixAll`).
inline constexpr llvm::StringLiteral FixAllKind = "source.fixAll.modlint";

/// The linted text of one document, what its code actions are made from.
struct ActionInput {
  llvm::StringRef Uri;
  const FileReport &Report; ///< of the text the edits apply to
  const LineIndex &Index;
  bool UnsafeFixes = false; ///< the setting: fix-all applies unsafe fixes too
};

/// textDocument/codeAction: for each finding touching \p Selected or among
/// the client's \p Given (context.diagnostics: same code and range), a
/// quickfix applying its fix (preferred when safe; an unsafe one says so in
/// its title) and "Disable CODE for this line" (the `# noqa` edit of
/// --add-noqa); and source.fixAll.modlint, every safe fix at once (unsafe
/// ones too with the setting). \p Only is the client's context.only.
/// Edits are WorkspaceEdits; nothing is written.
llvm::json::Array codeActions(const ActionInput &In, Range Selected, const llvm::json::Array *Given,
                              const llvm::json::Array *Only, SyntaxParser &Parser);

} // namespace modlint::server

#endif
