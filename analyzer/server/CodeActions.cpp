#include "analyzer/server/CodeActions.h"

#include "analyzer/FixApplier.h"
#include "analyzer/Noqa.h"
#include "analyzer/SyntaxErrorDiagnostic.h"
#include "analyzer/server/LspDiagnostics.h"

#include <memory>

using namespace llvm;

namespace modlint::server {

namespace {

/// Whether the client's `only` admits \p Kind: a listed kind is a prefix
/// of it in the dotted hierarchy (`source` admits `source.fixAll.modlint`).
bool wanted(const json::Array *Only, StringRef Kind) {
  if (!Only)
    return true; // a menu of everything (Neovim, Helix): fix-all included
  return any_of(*Only, [&](const json::Value &V) {
    auto K = V.getAsString();
    return K && (Kind == *K || Kind.startswith((*K + ".").str()));
  });
}

json::Value workspaceEdit(StringRef Uri, ArrayRef<TextEdit> Edits, const LineIndex &Index) {
  json::Array Lsp;
  for (const TextEdit &E : Edits)
    Lsp.push_back(toLspEdit(E, Index));
  json::Object Changes;
  Changes[Uri] = std::move(Lsp);
  return json::Object{{"changes", std::move(Changes)}};
}

/// The client names \p D among its context.diagnostics (by code and range:
/// it may have dropped the rest).
bool isGiven(const json::Value &D, const json::Array *Given) {
  if (!Given)
    return false;
  const json::Object &Ours = *D.getAsObject();
  return any_of(*Given, [&](const json::Value &V) {
    const json::Object *Theirs = V.getAsObject();
    return Theirs && Theirs->get("code") && *Theirs->get("code") == *Ours.get("code") &&
           Theirs->get("range") && *Theirs->get("range") == *Ours.get("range");
  });
}

json::Value action(StringRef Title, StringRef Kind, json::Value Edit) {
  return json::Object{{"title", jsonText(Title)}, {"kind", Kind}, {"edit", std::move(Edit)}};
}

} // namespace

json::Array codeActions(const ActionInput &In, Range Selected, const json::Array *Given,
                        const json::Array *Only, SyntaxParser &Parser) {
  json::Array Out;
  const FileReport &R = In.Report;
  if (!R.Source)
    return Out;
  const SourceFile &Source = *R.Source;
  unsigned From = In.Index.offset(Selected.Start), To = In.Index.offset(Selected.End);
  std::unique_ptr<SyntaxTree> Tree; // for noqa edits, parsed once if needed
  for (const Diagnostic &D : R.Diagnostics) {
    json::Value LspDiag = toLspDiagnostic(D, R.Diagnostics, In.Index, In.Uri);
    if ((D.Begin > To || D.End < From) && !isGiven(LspDiag, Given))
      continue;
    if (D.Fix && wanted(Only, "quickfix")) {
      Diagnostic Alone = D;
      Alone.Fix->Edits = standaloneEdits(D, R.Diagnostics);
      // As --fix would: refused if the result parses worse.
      FixOutcome F = applyFixes(Source, Alone, /*Unsafe=*/true, Parser);
      if (F.changed()) {
        bool Safe = D.Fix->Safety == Applicability::Safe;
        std::string Title = "Fix " + D.Code + (Safe ? "" : " (unsafe)") + ": " + D.Fix->Title;
        json::Value A = action(Title, "quickfix", workspaceEdit(In.Uri, F.Edits, In.Index));
        A.getAsObject()->insert({"diagnostics", json::Array{LspDiag}});
        A.getAsObject()->insert({"isPreferred", Safe});
        Out.push_back(std::move(A));
      }
    }
    if (D.Code != SyntaxErrorCode && D.NoqaLine && wanted(Only, "quickfix")) {
      if (!Tree && !unparseableReason(Source))
        Tree = std::make_unique<SyntaxTree>(Parser, Source);
      if (Tree)
        if (auto E = noqaEdit(Source, *Tree, D.NoqaLine, {D.Code})) {
          json::Value A = action("Disable " + D.Code + " for this line", "quickfix",
                                 workspaceEdit(In.Uri, *E, In.Index));
          A.getAsObject()->insert({"diagnostics", json::Array{LspDiag}});
          Out.push_back(std::move(A));
        }
    }
  }
  if (wanted(Only, FixAllKind)) {
    FixOutcome F = applyFixes(Source, R.Diagnostics, In.UnsafeFixes, Parser);
    if (F.changed())
      Out.push_back(action("modlint: Fix all auto-fixable problems", FixAllKind,
                           workspaceEdit(In.Uri, F.Edits, In.Index)));
  }
  return Out;
}

} // namespace modlint::server
