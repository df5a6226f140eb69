#include "analyzer/SarifEmitter.h"

#include "analyzer/ProjectRoot.h"
#include "analyzer/SyntaxErrorDiagnostic.h"
#include "analyzer/Version.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"

using namespace llvm;

namespace modlint {

namespace {

std::string percentEncode(StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, 2);
  }
  return Out;
}

/// SARIF positions: 1-based lines, UTF-16 columns; the end of a file that ends
/// in a newline is column 1 of the line after the last.
std::pair<unsigned, unsigned> position(const SourceFile &S, unsigned Offset) {
  StringRef T = S.text();
  if (Offset >= T.size() && !T.empty() && (T.back() == '\n' || T.back() == '\r'))
    return {S.lineCount() + 1, 1};
  return {S.lineOf(Offset), S.columnUtf16(Offset)};
}

json::Object region(const SourceFile &S, unsigned Begin, unsigned End, bool Snippet) {
  auto [SL, SC] = position(S, Begin);
  auto [EL, EC] = position(S, End);
  json::Object R{{"startLine", SL}, {"startColumn", SC}, {"endLine", EL}, {"endColumn", EC}};
  if (Snippet)
    R["snippet"] = json::Object{{"text", S.toUtf8(S.text().slice(Begin, End))}};
  return R;
}

} // namespace

void emitSarif(raw_ostream &OS, const SarifRun &Run) {
  // Every rule, then syntax-error: each result's ruleId has a descriptor
  // (GitHub code scanning shows a result by its rule).
  std::vector<const RuleInfo *> Infos;
  for (const Rule *R : Run.Rules)
    Infos.push_back(&R->info());
  Infos.push_back(&syntaxErrorInfo());
  json::Array Rules;
  for (const RuleInfo *Info : Infos) {
    const RuleInfo &I = *Info;
    std::string HelpUri = docUrl(I.Code);
    Rules.push_back(json::Object{
        {"id", I.Code},
        {"name", I.Name},
        {"shortDescription", json::Object{{"text", I.Summary}}},
        {"fullDescription", json::Object{{"text", I.Summary}}},
        {"help", json::Object{{"text", I.Doc}, {"markdown", I.Doc}}},
        {"helpUri", HelpUri},
        {"defaultConfiguration", json::Object{{"level", levelName(I.DefaultLevel)}}},
        {"properties",
         json::Object{{"fixSafety", I.FixSafety ? applicabilityName(*I.FixSafety) : "none"}}}});
  }
  auto RuleIndex = [&](StringRef Code) -> int64_t {
    for (size_t I = 0; I < Infos.size(); ++I)
      if (Infos[I]->Code == Code)
        return I;
    return -1;
  };

  json::Array Artifacts, Results, Notifications;
  for (const FileReport &F : Run.Files) {
    std::string Rel = pathUnderRoot(F.Path, Run.WorkingDirectory, Run.SourceRoot);
    std::string Uri = percentEncode(sys::path::convert_to_slash(Rel));
    bool Absolute = sys::path::is_absolute(Rel);
    auto Location = [&]() {
      json::Object L{{"uri", Absolute ? "file://" + Uri : Uri}};
      if (!Absolute)
        L["uriBaseId"] = "%SRCROOT%";
      return L;
    };
    if (!F.Error.empty()) {
      Notifications.push_back(json::Object{
          {"level", "error"},
          {"message", json::Object{{"text", json::fixUTF8(F.Path + ": " + F.Error)}}},
          {"locations",
           json::Array{json::Object{
               {"physicalLocation", json::Object{{"artifactLocation", Location()}}}}}}});
      continue;
    }
    if (!F.Source || (F.Diagnostics.empty() && F.Suppressed.empty()))
      continue;
    const SourceFile &S = *F.Source;
    int64_t ArtifactIndex = Artifacts.size();
    Artifacts.push_back(json::Object{{"location", Location()},
                                     {"sourceLanguage", "python"},
                                     {"roles", json::Array{"analysisTarget"}},
                                     {"length", static_cast<int64_t>(F.Source->fileSize())}});
    auto Physical = [&](unsigned B, unsigned E, bool Snippet) {
      json::Object Art = Location();
      Art["index"] = ArtifactIndex;
      return json::Object{{"artifactLocation", std::move(Art)},
                          {"region", region(S, B, E, Snippet)}};
    };
    // What noqa silenced stays, marked as suppressed in source: code
    // scanning shows it dismissed rather than never seen.
    std::vector<std::pair<const Diagnostic *, bool>> All;
    for (const Diagnostic &D : F.Diagnostics)
      All.push_back({&D, false});
    for (const Diagnostic &D : F.Suppressed)
      All.push_back({&D, true});
    std::stable_sort(All.begin(), All.end(), [](const auto &A, const auto &B) {
      return std::make_pair(A.first->Begin, StringRef(A.first->Code)) <
             std::make_pair(B.first->Begin, StringRef(B.first->Code));
    });
    for (auto [DP, Silenced] : All) {
      const Diagnostic &D = *DP;
      json::Object Res{{"ruleId", D.Code},
                       {"ruleIndex", RuleIndex(D.Code)},
                       {"level", levelName(D.Severity)},
                       {"message", json::Object{{"text", S.toUtf8(D.Message)}}},
                       {"locations", json::Array{json::Object{
                                         {"physicalLocation", Physical(D.Begin, D.End, true)}}}}};
      if (!D.Notes.empty()) {
        json::Array Related;
        int64_t Id = 0;
        for (const RelatedNote &N : D.Notes)
          Related.push_back(json::Object{{"id", Id++},
                                         {"message", json::Object{{"text", S.toUtf8(N.Message)}}},
                                         {"physicalLocation", Physical(N.Begin, N.End, false)}});
        Res["relatedLocations"] = std::move(Related);
      }
      // Stable across unrelated edits: rule, file and the flagged text, not
      // the line number.
      SHA1 Hash;
      Hash.update(D.Code);
      Hash.update(Rel); // however the path was spelled
      Hash.update(S.text().slice(D.Begin, D.End));
      Hash.update(S.lineText(S.lineOf(D.Begin)).trim());
      Res["partialFingerprints"] = json::Object{{"modlintFingerprint/v1", toHex(Hash.final())}};
      if (D.Fix) {
        json::Array Replacements;
        for (const TextEdit &E : D.Fix->Edits)
          Replacements.push_back(
              json::Object{{"deletedRegion", region(S, E.Begin, E.End, false)},
                           {"insertedContent", json::Object{{"text", S.toUtf8(E.Replacement)}}}});
        json::Object Art = Location();
        Art["index"] = ArtifactIndex;
        Res["fixes"] = json::Array{json::Object{
            {"description",
             json::Object{
                 {"text", json::fixUTF8(D.Fix->Title + " (" +
                                        applicabilityName(D.Fix->Safety).str() + " fix)")}}},
            {"artifactChanges",
             json::Array{json::Object{{"artifactLocation", std::move(Art)},
                                      {"replacements", std::move(Replacements)}}}}}};
      }
      if (Silenced)
        Res["suppressions"] = json::Array{json::Object{{"kind", "inSource"}}};
      Results.push_back(std::move(Res));
    }
  }

  std::string Root = percentEncode(sys::path::convert_to_slash(Run.SourceRoot));
  if (!StringRef(Root).endswith("/"))
    Root += "/";
  bool Success = Notifications.empty();
  json::Object Invocation{{"executionSuccessful", Success}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool", json::Object{{"driver", json::Object{{"name", "modlint"},
                                                         {"version", Run.ToolVersion},
                                                         {"semanticVersion", Run.ToolVersion},
                                                         {"informationUri", ProjectUrl},
                                                         {"rules", std::move(Rules)}}}}},
           {"originalUriBaseIds",
            json::Object{{"%SRCROOT%", json::Object{{"uri", "file://" + Root}}}}},
           {"artifacts", std::move(Artifacts)},
           {"invocations", json::Array{std::move(Invocation)}},
           {"columnKind", "utf16CodeUnits"},
           {"results", std::move(Results)}}}}};
  OS << formatv("{0:2}", json::Value(std::move(Log))) << "\n";
}

} // namespace modlint
