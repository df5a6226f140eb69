#ifndef MODLINT_ANALYZER_SETTINGSREPORT_H
#define MODLINT_ANALYZER_SETTINGSREPORT_H

#include "analyzer/Config.h"
#include "analyzer/Driver.h"
#include "analyzer/Linter.h"

#include "llvm/Support/raw_ostream.h"

namespace modlint {

/// --show-settings, as Ruff prints it: the file, its config, then one
/// `key = value` line per setting that applies to it.
void showSettings(llvm::raw_ostream &OS, llvm::StringRef File, const Settings &S,
                  const LintOptions &Lint, const CheckOptions &Opts, OutputFormat Format);

/// The name of \p F as --output-format spells it.
llvm::StringRef outputFormatName(OutputFormat F);

} // namespace modlint

#endif
