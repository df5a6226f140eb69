#ifndef MODLINT_ANALYZER_SERVER_WORKSPACESUMMARIES_H
#define MODLINT_ANALYZER_SERVER_WORKSPACESUMMARIES_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace modlint::server {

/// The server's seam for project-wide factory summaries (DESIGN.md
/// "project summaries"; not in the linter yet). The server calls these at
/// the points where summaries must be built or refreshed, all on its lint
/// worker, so an implementation needs no locking of its own: once the
/// linter takes summaries, one implementation builds them per workspace
/// folder and hands them to each lint, and nothing else in the server
/// changes.
class WorkspaceSummaries {
public:
  virtual ~WorkspaceSummaries() = default;
  /// A workspace folder, before the first lint (initialize, or a folder
  /// added later).
  virtual void addRoot(llvm::StringRef Dir) = 0;
  /// \p Path changed: on disk (\p Text none) or in an open buffer.
  virtual void refresh(llvm::StringRef Path, std::optional<llvm::StringRef> Text) = 0;
  /// The configuration changed (package roots may have): rebuild on demand.
  virtual void invalidate() = 0;
};

/// What the server uses until the linter reads summaries: nothing to keep.
class NoWorkspaceSummaries final : public WorkspaceSummaries {
public:
  void addRoot(llvm::StringRef) override {}
  void refresh(llvm::StringRef, std::optional<llvm::StringRef>) override {}
  void invalidate() override {}
};

} // namespace modlint::server

#endif
