#ifndef MODLINT_ANALYZER_SARIFEMITTER_H
#define MODLINT_ANALYZER_SARIFEMITTER_H

#include "analyzer/Linter.h"
#include "analyzer/Rule.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace modlint {

struct SarifRun {
  llvm::ArrayRef<const Rule *> Rules; ///< every rule, for tool.driver.rules
  llvm::ArrayRef<FileReport> Files;
  std::string ToolVersion;
  std::string WorkingDirectory; ///< absolute; relative paths are resolved against it
  /// Absolute; %SRCROOT%, the base of relative URIs: the project (git) root,
  /// so that a file has one URI wherever modlint runs.
  std::string SourceRoot;
};

/// A SARIF 2.1.0 log with one run: rules, results, related locations,
/// fixes, what noqa silenced (as suppressed results), and notifications for
/// files that could not be read.
void emitSarif(llvm::raw_ostream &OS, const SarifRun &Run);

} // namespace modlint

#endif
