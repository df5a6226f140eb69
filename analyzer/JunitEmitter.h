#ifndef MODLINT_ANALYZER_JUNITEMITTER_H
#define MODLINT_ANALYZER_JUNITEMITTER_H

#include "analyzer/Linter.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace modlint {

/// JUnit XML, as CI dashboards read it: one test suite a file with findings,
/// one failed test case a finding.
void emitJunit(llvm::raw_ostream &OS, llvm::ArrayRef<FileReport> Files);

} // namespace modlint

#endif
