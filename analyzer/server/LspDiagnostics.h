#ifndef MODLINT_ANALYZER_SERVER_LSPDIAGNOSTICS_H
#define MODLINT_ANALYZER_SERVER_LSPDIAGNOSTICS_H

#include "analyzer/Diagnostic.h"
#include "analyzer/server/Documents.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"

namespace modlint::server {

/// The edits of \p D's fix applied on its own: a joint edit (an import that
/// several fixes stop using) only when no other finding of \p All carries it,
/// since removing it is right only once all of them are fixed.
llvm::SmallVector<TextEdit, 2> standaloneEdits(const Diagnostic &D, llvm::ArrayRef<Diagnostic> All);

llvm::json::Value toLspEdit(const TextEdit &E, const LineIndex &Index);
llvm::json::Value toLspRange(unsigned Begin, unsigned End, const LineIndex &Index);

/// A finding as an LSP Diagnostic: range, severity from its level, code,
/// codeDescription (the rule's doc), source "modlint", the notes as
/// relatedInformation, and its fix (title, applicability, edits) in data.
llvm::json::Value toLspDiagnostic(const Diagnostic &D, llvm::ArrayRef<Diagnostic> All,
                                  const LineIndex &Index, llvm::StringRef Uri);

/// Text for JSON: valid UTF-8 (a source's bytes need not be).
std::string jsonText(llvm::StringRef Text);

} // namespace modlint::server

#endif
