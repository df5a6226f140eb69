#include "analyzer/server/LspDiagnostics.h"

#include "analyzer/Version.h"

using namespace llvm;

namespace modlint::server {

SmallVector<TextEdit, 2> standaloneEdits(const Diagnostic &D, ArrayRef<Diagnostic> All) {
  SmallVector<TextEdit, 2> Out;
  if (!D.Fix)
    return Out;
  for (const TextEdit &E : D.Fix->Edits) {
    bool Shared = E.Joint && any_of(All, [&](const Diagnostic &Other) {
                    return &Other != &D && Other.Fix && is_contained(Other.Fix->Edits, E);
                  });
    if (!Shared)
      Out.push_back(E);
  }
  return Out;
}

std::string jsonText(StringRef Text) {
  return json::isUTF8(Text) ? Text.str() : json::fixUTF8(Text);
}

json::Value toLspRange(unsigned Begin, unsigned End, const LineIndex &Index) {
  return toJSON(Range{Index.position(Begin), Index.position(End)});
}

json::Value toLspEdit(const TextEdit &E, const LineIndex &Index) {
  return json::Object{{"range", toLspRange(E.Begin, E.End, Index)},
                      {"newText", jsonText(E.Replacement)}};
}

json::Value toLspDiagnostic(const Diagnostic &D, ArrayRef<Diagnostic> All, const LineIndex &Index,
                            StringRef Uri) {
  json::Array Related;
  for (const RelatedNote &N : D.Notes)
    Related.push_back(json::Object{
        {"location", json::Object{{"uri", Uri}, {"range", toLspRange(N.Begin, N.End, Index)}}},
        {"message", jsonText(N.Message)}});
  json::Value Fix = nullptr;
  if (D.Fix) {
    json::Array Edits;
    for (const TextEdit &E : standaloneEdits(D, All))
      Edits.push_back(toLspEdit(E, Index));
    Fix = json::Object{{"title", jsonText(D.Fix->Title)},
                       {"applicability", applicabilityName(D.Fix->Safety)},
                       {"edits", std::move(Edits)}};
  }
  json::Object Out{
      {"range", toLspRange(D.Begin, D.End, Index)},
      {"severity", D.Severity == Level::Error ? 1 : 2},
      {"code", D.Code},
      {"codeDescription", json::Object{{"href", docUrl(D.Code)}}},
      {"source", "modlint"},
      {"message", jsonText(D.Message)},
      {"data", json::Object{{"fix", std::move(Fix)}}},
  };
  if (!Related.empty())
    Out["relatedInformation"] = std::move(Related);
  return Out;
}

} // namespace modlint::server
