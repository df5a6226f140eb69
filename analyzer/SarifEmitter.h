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
  std::string WorkingDirectory; ///< absolute; the %SRCROOT% base of relative URIs
};

/// A SARIF 2.1.0 log with one run: rules, results, related locations,
/// fixes, and notifications for files that could not be read.
void emitSarif(llvm::raw_ostream &OS, const SarifRun &Run);

} // namespace modlint

#endif
