// The language server's lifecycle and dispatch (LanguageServer.h).
#include "analyzer/server/Server.h"

#include "analyzer/Version.h"
#include "analyzer/server/CodeActions.h"
#include "analyzer/server/LanguageServer.h"
#include "analyzer/server/LspDiagnostics.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace llvm;

namespace modlint::server {

std::string idKey(const json::Value &Id) {
  std::string K;
  raw_string_ostream(K) << Id;
  return K;
}

std::optional<int> LanguageServer::handle(const json::Value &Message) {
  const json::Object *O = Message.getAsObject();
  const json::Value *Id = O ? O->get("id") : nullptr;
  auto Method = O ? O->getString("method") : None;
  if (!O || (!Method && !(Id && (O->get("result") || O->get("error"))))) {
    Out.send(errorResponse(Id ? *Id : nullptr, ErrorCode::InvalidRequest,
                           "not a JSON-RPC request, notification or response"));
    return std::nullopt;
  }
  if (!Method)
    return std::nullopt; // an answer to one of our requests (registerCapability)
  const json::Value *Params = O->get("params");
  if (!Id) {
    if (*Method == "exit")
      return ShutdownRequested ? 0 : 1;
    if (Initialized && !ShutdownRequested)
      notify(*Method, Params);
    return std::nullopt;
  }
  if (Id->kind() != json::Value::Number && Id->kind() != json::Value::String) {
    Out.send(errorResponse(nullptr, ErrorCode::InvalidRequest, "an id is a number or a string"));
    return std::nullopt;
  }
  if (!Initialized && *Method != "initialize") {
    Out.send(errorResponse(*Id, ErrorCode::ServerNotInitialized, "the server is not initialized"));
    return std::nullopt;
  }
  if (ShutdownRequested) {
    Out.send(errorResponse(*Id, ErrorCode::InvalidRequest, "the server is shutting down"));
    return std::nullopt;
  }
  request(*Id, *Method, Params);
  return std::nullopt;
}

void LanguageServer::request(const json::Value &Id, StringRef Method, const json::Value *Params) {
  const json::Object *P = Params ? Params->getAsObject() : nullptr;
  if (Method == "initialize") {
    if (Initialized)
      return Out.send(errorResponse(Id, ErrorCode::InvalidRequest, "initialize was sent twice"));
    static const json::Object NoParams;
    return Out.send(resultResponse(Id, initialize(P ? *P : NoParams)));
  }
  if (Method == "shutdown") {
    ShutdownRequested = true;
    return Out.send(resultResponse(Id, nullptr));
  }
  bool Actions = Method == "textDocument/codeAction";
  if (Actions || Method == "textDocument/diagnostic") {
    const json::Object *Doc = P ? P->getObject("textDocument") : nullptr;
    auto Uri = Doc ? Doc->getString("uri") : None;
    Range R;
    json::Path::Root Root;
    if (!Uri || (Actions && (!P->get("range") || !fromJSON(*P->get("range"), R, Root))))
      return Out.send(errorResponse(Id, ErrorCode::InvalidParams, "no textDocument.uri or range"));
    std::optional<Snapshot> S = snapshot(*Uri);
    std::optional<json::Array> Only, Given;
    if (const json::Object *Ctx = P->getObject("context")) {
      if (const json::Array *A = Ctx->getArray("only"))
        Only = *A;
      if (const json::Array *A = Ctx->getArray("diagnostics"))
        Given = *A;
    }
    std::optional<std::string> Previous;
    if (auto Prev = P->getString("previousResultId"))
      Previous = Prev->str();
    return answerLater(
        Id, [this, Actions, S, R, Only, Given, Previous, U = Uri->str()]() -> json::Value {
          if (!S)
            return Actions ? json::Value(json::Array{})
                           : json::Object{{"kind", "full"}, {"items", json::Array{}}};
          auto Result = Session->lint(*S);
          if (Actions)
            return codeActions({U, Result->Report, *Result->Index, Session->settings().UnsafeFixes},
                               R, Given ? &*Given : nullptr, Only ? &*Only : nullptr,
                               Session->parser());
          std::string ResultId =
              std::to_string(Session->generation()) + ":" + std::to_string(S->Version);
          if (Previous == ResultId)
            return json::Object{{"kind", "unchanged"}, {"resultId", ResultId}};
          return json::Object{
              {"kind", "full"}, {"resultId", ResultId}, {"items", diagnosticsOf(*Result, U)}};
        });
  }
  Out.send(errorResponse(Id, ErrorCode::MethodNotFound, ("no method " + Method).str()));
}

void LanguageServer::notify(StringRef Method, const json::Value *Params) {
  const json::Object *P = Params ? Params->getAsObject() : nullptr;
  if (Method == "$/cancelRequest") {
    if (const json::Value *Id = P ? P->get("id") : nullptr) {
      std::lock_guard<std::mutex> L(M);
      if (Waiting.count(idKey(*Id))) // one answered already needs nothing
        Cancelled.insert(idKey(*Id));
    }
  } else if (Method == "initialized") {
    if (Features.WatchedFilesDynamic) {
      json::Array Watchers;
      for (const char *Glob : {"**/pyproject.toml", "**/modlint.toml", "**/.gitignore"})
        Watchers.push_back(json::Object{{"globPattern", Glob}});
      json::Object Registration{
          {"id", "modlint-config-files"},
          {"method", "workspace/didChangeWatchedFiles"},
          {"registerOptions", json::Object{{"watchers", std::move(Watchers)}}}};
      Out.send(json::Object{
          {"jsonrpc", "2.0"},
          {"id", "modlint-register-watchers"},
          {"method", "client/registerCapability"},
          {"params", json::Object{{"registrations", json::Array{std::move(Registration)}}}}});
    }
  } else if (!P) {
    return; // every other notification we know has params
  } else if (Method == "textDocument/didOpen") {
    didOpen(*P);
  } else if (Method == "textDocument/didChange") {
    didChange(*P);
  } else if (Method == "textDocument/didClose") {
    didClose(*P);
  } else if (Method == "workspace/didChangeConfiguration") {
    settingsChanged(P->get("settings"));
  } else if (Method == "workspace/didChangeWatchedFiles") {
    watchedFilesChanged(*P);
  }
  // Other notifications (didSave, $/setTrace...) need nothing.
}

json::Value LanguageServer::initialize(const json::Object &Params) {
  Initialized = true;
  Features = readClientFeatures(Params.getObject("capabilities"));
  std::vector<std::string> Problems;
  Settings = readSettings(Params.get("initializationOptions"), Known, Problems);
  for (const std::string &Problem : Problems)
    showMessage(1, "modlint: " + Problem);
  Session = std::make_unique<LintSession>(AllRules, Known, Features.Encoding, Summaries);
  Session->reconfigure(Settings);
  if (const json::Array *Folders = Params.getArray("workspaceFolders"))
    for (const json::Value &F : *Folders)
      if (const json::Object *FO = F.getAsObject())
        if (auto Uri = FO->getString("uri"))
          if (auto Dir = uriToPath(*Uri))
            Summaries.addRoot(*Dir);
  auto Thread = AnalysisThread::start([this] { Queue.run(); });
  if (!Thread)
    showMessage(1, "modlint: cannot start the lint worker: " + toString(Thread.takeError()));
  else
    Worker = std::move(*Thread);

  json::Object Capabilities{
      {"positionEncoding", encodingName(Features.Encoding)},
      {"textDocumentSync", json::Object{{"openClose", true}, {"change", 2}}},
      {"codeActionProvider", json::Object{{"codeActionKinds", json::Array{"quickfix", FixAllKind}},
                                          {"resolveProvider", false}}},
  };
  if (Features.PullDiagnostics)
    Capabilities["diagnosticProvider"] = json::Object{{"identifier", "modlint"},
                                                      {"interFileDependencies", false},
                                                      {"workspaceDiagnostics", false}};
  return json::Object{{"capabilities", std::move(Capabilities)},
                      {"serverInfo", json::Object{{"name", "modlint"}, {"version", ToolVersion}}}};
}

void LanguageServer::stopWorker() {
  Queue.stop();
  Worker.reset(); // joins: the lint under way finishes
}

void LanguageServer::showMessage(int Type, const std::string &Text) {
  Out.send(notification("window/showMessage",
                        json::Object{{"type", Type}, {"message", jsonText(Text)}}));
}

std::optional<Snapshot> LanguageServer::snapshot(StringRef Uri) {
  std::lock_guard<std::mutex> L(M);
  const Document *D = Docs.get(Uri);
  if (!D)
    return std::nullopt;
  return Snapshot{D->Uri, D->Version, D->Text};
}

void LanguageServer::answerLater(const json::Value &Id, std::function<json::Value()> Answer) {
  {
    std::lock_guard<std::mutex> L(M);
    Waiting.insert(idKey(Id));
  }
  Queue.push([this, Id, Answer = std::move(Answer)] {
    {
      std::lock_guard<std::mutex> L(M);
      Waiting.erase(idKey(Id));
      if (Cancelled.erase(idKey(Id)))
        return Out.send(errorResponse(Id, ErrorCode::RequestCancelled, "cancelled"));
    }
    Out.send(resultResponse(Id, Answer()));
  });
}

int runServer(ArrayRef<const Rule *> AllRules, int InFD, int OutFD) {
  std::signal(SIGPIPE, SIG_IGN); // a client gone is a failed write, not a death
  LanguageServer S(AllRules, OutFD);
  MessageReader Reader([InFD](char *Buf, size_t Size) -> long {
    while (true) {
      ssize_t N = ::read(InFD, Buf, Size);
      if (N >= 0 || errno != EINTR)
        return N;
    }
  });
  while (true) {
    IncomingMessage In = Reader.next();
    if (In.What == IncomingMessage::End)
      return S.shutdownRequested() ? 0 : 1;
    if (In.What == IncomingMessage::ParseError) {
      S.parseError(In.Error);
      continue;
    }
    if (std::optional<int> Status = S.handle(In.Body))
      return *Status;
  }
}

} // namespace modlint::server
