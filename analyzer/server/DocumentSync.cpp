// Document sync and diagnostics of the language server (LanguageServer.h).
#include "analyzer/server/LanguageServer.h"
#include "analyzer/server/LspDiagnostics.h"

#include "llvm/Support/Path.h"

using namespace llvm;

namespace modlint::server {

namespace {
/// textDocument.uri of \p P, and its version when there is one.
std::optional<std::pair<std::string, int64_t>> documentOf(const json::Object &P) {
  const json::Object *Doc = P.getObject("textDocument");
  auto Uri = Doc ? Doc->getString("uri") : None;
  if (!Uri)
    return std::nullopt;
  return std::make_pair(Uri->str(), Doc->getInteger("version").getValueOr(0));
}
} // namespace

void LanguageServer::didOpen(const json::Object &P) {
  auto Doc = documentOf(P);
  auto Text = P.getObject("textDocument") ? P.getObject("textDocument")->getString("text") : None;
  if (!Doc || !Text)
    return;
  {
    std::lock_guard<std::mutex> L(M);
    Docs.open(Doc->first, Doc->second, Text->str());
  }
  lintLater(Doc->first);
}

void LanguageServer::didChange(const json::Object &P) {
  auto Doc = documentOf(P);
  const json::Array *Changes = P.getArray("contentChanges");
  if (!Doc || !Changes)
    return;
  {
    std::lock_guard<std::mutex> L(M);
    const Document *Known = Docs.get(Doc->first);
    if (!Known)
      return;
    // Versions only grow (LSP): an older one is a message out of order,
    // whose text must not replace the newer text.
    if (Doc->second <= Known->Version) {
      Out.send(notification(
          "window/logMessage",
          json::Object{{"type", 3},
                       {"message", "modlint: ignored version " + std::to_string(Doc->second) +
                                       " of " + Doc->first + ", which is at version " +
                                       std::to_string(Known->Version)}}));
      return;
    }
    if (Error E = Docs.change(Doc->first, Doc->second, *Changes, Features.Encoding)) {
      Out.send(notification(
          "window/logMessage",
          json::Object{{"type", 1}, {"message", "modlint: " + toString(std::move(E))}}));
      return;
    }
  }
  lintLater(Doc->first);
}

void LanguageServer::didClose(const json::Object &P) {
  auto Doc = documentOf(P);
  if (!Doc)
    return;
  {
    // Under the lock: a lint finishing now finds the document gone and
    // publishes nothing after this.
    std::lock_guard<std::mutex> L(M);
    Docs.close(Doc->first);
    if (!Features.PullDiagnostics)
      Out.send(notification("textDocument/publishDiagnostics",
                            json::Object{{"uri", Doc->first}, {"diagnostics", json::Array{}}}));
  }
  Queue.push([this, Uri = Doc->first] { Session->forget(Uri); });
}

void LanguageServer::settingsChanged(const json::Value *New) {
  // A client with nothing of ours to say (a bare `settings: {}`) keeps the
  // settings it gave at initialize; the config files are read again anyway.
  const json::Object *O = New ? New->getAsObject() : nullptr;
  if (O && O->getObject("modlint"))
    O = O->getObject("modlint");
  bool Ours = O && any_of(*O, [](const auto &KV) {
                return StringRef(KV.first).equals("select") ||
                       StringRef(KV.first).equals("ignore") ||
                       StringRef(KV.first).contains_insensitive("unsafe") ||
                       StringRef(KV.first).contains_insensitive("target");
              });
  if (Ours) {
    std::vector<std::string> Problems;
    Settings = readSettings(New, Known, Problems);
    for (const std::string &Problem : Problems)
      showMessage(1, "modlint: " + Problem);
  }
  Queue.push([this, S = Settings] { Session->reconfigure(S); });
  std::vector<std::string> Open;
  {
    std::lock_guard<std::mutex> L(M);
    Open = Docs.uris();
    ErrorsShown.clear();
  }
  if (Features.PullDiagnostics) {
    if (Features.DiagnosticRefresh)
      Out.send(json::Object{{"jsonrpc", "2.0"},
                            {"id", "modlint-refresh"},
                            {"method", "workspace/diagnostic/refresh"}});
    return;
  }
  for (const std::string &Uri : Open)
    lintLater(Uri);
}

void LanguageServer::watchedFilesChanged(const json::Object &P) {
  const json::Array *Changes = P.getArray("changes");
  if (!Changes)
    return;
  bool Config = false;
  for (const json::Value &C : *Changes) {
    const json::Object *O = C.getAsObject();
    auto Uri = O ? O->getString("uri") : None;
    auto Path = Uri ? uriToPath(*Uri) : std::nullopt;
    if (!Path)
      continue;
    StringRef Name = sys::path::filename(*Path);
    if (Name == "pyproject.toml" || Name == "modlint.toml" || Name == ".gitignore")
      Config = true;
    else if (Name.endswith(".py") || Name.endswith(".pyi"))
      Queue.push([this, F = *Path] { Summaries.refresh(F, std::nullopt); });
  }
  if (Config)
    settingsChanged(nullptr);
}

void LanguageServer::lintLater(const std::string &Uri) {
  if (Features.PullDiagnostics)
    return; // the client asks when it wants them
  Queue.push([this, Uri] { lintAndPublish(Uri); }, Uri);
}

void LanguageServer::lintAndPublish(const std::string &Uri) {
  std::optional<Snapshot> S = snapshot(Uri);
  if (!S)
    return;
  auto Result = Session->lint(*S);
  json::Array Items = diagnosticsOf(*Result, Uri);
  std::lock_guard<std::mutex> L(M);
  const Document *Now = Docs.get(Uri);
  if (!Now || Now->Version != S->Version || Now->Text != S->Text)
    return; // closed or changed meanwhile: its own lint is queued
  Out.send(notification(
      "textDocument/publishDiagnostics",
      json::Object{{"uri", Uri}, {"version", S->Version}, {"diagnostics", std::move(Items)}}));
}

json::Array LanguageServer::diagnosticsOf(const LintResult &R, StringRef Uri) {
  json::Array Items;
  std::string Problem = !R.Error.empty() ? R.Error : R.Report.Error;
  if (!Problem.empty()) {
    bool New;
    {
      std::lock_guard<std::mutex> L(M);
      New = ErrorsShown.insert(Problem).second;
    }
    if (New)
      showMessage(1, "modlint: " + Problem);
    return Items;
  }
  for (const Diagnostic &D : R.Report.Diagnostics)
    Items.push_back(toLspDiagnostic(D, R.Report.Diagnostics, *R.Index, Uri));
  return Items;
}

} // namespace modlint::server
