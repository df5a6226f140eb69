#ifndef MODLINT_ANALYZER_SERVER_LANGUAGESERVER_H
#define MODLINT_ANALYZER_SERVER_LANGUAGESERVER_H

#include "analyzer/AnalysisThread.h"
#include "analyzer/server/LintSession.h"
#include "analyzer/server/Transport.h"
#include "analyzer/server/WorkQueue.h"

#include "llvm/ADT/StringSet.h"

#include <functional>
#include <mutex>
#include <optional>

namespace modlint::server {

/// The server's state and handlers. Lifecycle and dispatch (Server.cpp) run
/// on the main thread, which reads messages and keeps the documents;
/// document sync and publishing (DocumentSync.cpp) hand lints to the one
/// worker, which publishes a result only while its version is still the
/// document's.
class LanguageServer {
public:
  LanguageServer(llvm::ArrayRef<const Rule *> AllRules, int OutFD)
      : AllRules(AllRules), Known(codes(AllRules)), Out(OutFD) {}
  ~LanguageServer() { stopWorker(); }
  /// Handles one message; the exit status once `exit` came.
  std::optional<int> handle(const llvm::json::Value &Message);
  void parseError(llvm::StringRef Why) {
    Out.send(errorResponse(nullptr, ErrorCode::ParseError, Why));
  }
  bool shutdownRequested() const { return ShutdownRequested; }

private:
  static RuleCodes codes(llvm::ArrayRef<const Rule *> Rules) {
    std::vector<llvm::StringRef> C;
    for (const Rule *R : Rules)
      C.push_back(R->info().Code);
    return RuleCodes(C);
  }
  void request(const llvm::json::Value &Id, llvm::StringRef Method,
               const llvm::json::Value *Params);
  void notify(llvm::StringRef Method, const llvm::json::Value *Params);
  llvm::json::Value initialize(const llvm::json::Object &Params);
  void didOpen(const llvm::json::Object &Params);
  void didChange(const llvm::json::Object &Params);
  void didClose(const llvm::json::Object &Params);
  void settingsChanged(const llvm::json::Value *Settings);
  void watchedFilesChanged(const llvm::json::Object &Params);
  void lintLater(const std::string &Uri);
  void lintAndPublish(const std::string &Uri);
  /// On the worker: \p Answer's result, unless the request was cancelled.
  void answerLater(const llvm::json::Value &Id, std::function<llvm::json::Value()> Answer);
  std::optional<Snapshot> snapshot(llvm::StringRef Uri);
  llvm::json::Array diagnosticsOf(const LintResult &R, llvm::StringRef Uri);
  void showMessage(int Type, const std::string &Text);
  void stopWorker();

  llvm::ArrayRef<const Rule *> AllRules;
  RuleCodes Known;
  MessageWriter Out;
  bool Initialized = false, ShutdownRequested = false;
  ClientFeatures Features;
  NoWorkspaceSummaries Summaries;
  std::unique_ptr<LintSession> Session; ///< the worker's, once initialized
  ServerSettings Settings;              ///< the latest, as the main thread knows them
  WorkQueue Queue;
  std::unique_ptr<AnalysisThread> Worker;

  std::mutex M; ///< guards what follows: both threads read it
  DocumentStore Docs;
  llvm::StringSet<> Waiting;     ///< ids of requests queued for the worker
  llvm::StringSet<> Cancelled;   ///< those of them the client cancelled
  llvm::StringSet<> ErrorsShown; ///< a config error is said once
};

/// A JSON-RPC id as a set key.
std::string idKey(const llvm::json::Value &Id);

} // namespace modlint::server

#endif
