#ifndef MODLINT_ANALYZER_SERVER_LINTSESSION_H
#define MODLINT_ANALYZER_SERVER_LINTSESSION_H

#include "analyzer/Config.h"
#include "analyzer/Linter.h"
#include "analyzer/server/Documents.h"
#include "analyzer/server/ServerSettings.h"
#include "analyzer/server/WorkspaceSummaries.h"

#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>

namespace modlint::server {

/// The text of a document at one version, as the worker lints it.
struct Snapshot {
  std::string Uri;
  int64_t Version = 0;
  std::shared_ptr<const std::string> Text;
};

/// One lint of a snapshot.
struct LintResult {
  int64_t Version = 0;
  std::shared_ptr<const std::string> Text;
  /// Not linted: excluded by the config, or its config is broken (Error).
  bool Excluded = false;
  std::string Error;
  FileReport Report;
  std::optional<LineIndex> Index; ///< over *Text
};

/// The worker's side of the server: configuration found as the command line
/// finds it (per file, cached per path until a config or setting changes),
/// the last lint of each document, one parser. Used by the worker alone.
class LintSession {
public:
  LintSession(llvm::ArrayRef<const Rule *> AllRules, const RuleCodes &Known,
              PositionEncoding Encoding, WorkspaceSummaries &Summaries);
  /// The lint of \p S: the last one when it is of the same version.
  std::shared_ptr<const LintResult> lint(const Snapshot &S);
  /// New settings, or a config file changed: every plan is stale.
  void reconfigure(ServerSettings NewSettings);
  void forget(llvm::StringRef Uri) { Results.erase(Uri); }
  const ServerSettings &settings() const { return Settings; }
  /// Bumped by reconfigure(): a pull diagnostic's resultId includes it.
  unsigned generation() const { return Generation; }
  SyntaxParser &parser() { return Parser; }

private:
  const FilePlan &planFor(llvm::StringRef Path);

  llvm::ArrayRef<const Rule *> AllRules;
  const RuleCodes &Known;
  PositionEncoding Encoding;
  WorkspaceSummaries &Summaries;
  ServerSettings Settings;
  unsigned Generation = 0;
  std::unique_ptr<ConfigResolver> Configs;
  llvm::StringMap<FilePlan> Plans;
  llvm::StringMap<std::shared_ptr<const LintResult>> Results;
  SyntaxParser Parser;
};

} // namespace modlint::server

#endif
