#ifndef MODLINT_ANALYZER_DRIVER_H
#define MODLINT_ANALYZER_DRIVER_H

#include "analyzer/Rule.h"
#include "analyzer/TargetVersion.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace modlint {

enum class OutputFormat { Text, Concise, Sarif };

struct CheckOptions {
  std::vector<std::string> Paths;
  OutputFormat Format = OutputFormat::Text;
  TargetVersion Target;
  std::vector<std::string> Select; ///< codes or prefixes; empty: all
  std::vector<std::string> Ignore;
  bool Fix = false;
  bool UnsafeFixes = false;
  bool Diff = false;
  bool Prefilter = true;
  bool ExitZero = false;
  unsigned Threads = 0; ///< 0: every core
  std::string StdinFilename; ///< name for `-` (standard input)
};

/// Exit statuses, as Ruff and flake8 have them.
enum ExitStatus { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

/// Runs a check: discover, lint every file in parallel, fix or diff, emit.
int runCheck(const CheckOptions &Opts, llvm::ArrayRef<const Rule *> AllRules,
             llvm::raw_ostream &Out, llvm::raw_ostream &Err);

} // namespace modlint

#endif
