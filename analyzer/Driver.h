#ifndef MODLINT_ANALYZER_DRIVER_H
#define MODLINT_ANALYZER_DRIVER_H

#include "analyzer/Config.h"
#include "analyzer/Rule.h"
#include "analyzer/TargetVersion.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace modlint {

enum class OutputFormat { Text, Concise, Sarif, Json, JsonLines, Github, Gitlab, Junit };
std::optional<OutputFormat> parseOutputFormat(llvm::StringRef Name);

/// What the command line sets. Unset optionals fall back to the closest
/// config file, then to defaults.
struct CheckOptions {
  std::vector<std::string> Paths;
  std::optional<OutputFormat> Format;
  std::optional<TargetVersion> Target;
  std::optional<std::vector<std::string>> Select; ///< codes or prefixes, ALL
  std::vector<std::string> ExtendSelect;
  std::vector<std::string> Ignore;
  std::vector<std::string> PerFileIgnores; ///< "GLOB:CODE,CODE"
  std::optional<std::vector<std::string>> Exclude;
  std::vector<std::string> ExtendExclude;
  bool ForceExclude = false;
  std::optional<bool> RespectGitignore;
  std::optional<std::string> ConfigPath;
  bool Isolated = false;
  bool Fix = false;
  bool UnsafeFixes = false;
  bool Diff = false;
  bool AddNoqa = false;
  bool Statistics = false;
  bool Prefilter = true;
  bool ExitZero = false;
  bool ExitNonZeroOnFix = false;
  unsigned Threads = 0;                  ///< 0: every core
  std::string StdinFilename;             ///< name for `-` (standard input)
  std::optional<std::string> OutputFile; ///< the report goes there, not to stdout
  bool Quiet = false;        ///< findings and errors only: no summary, no "no files" warning
  bool ShowFiles = false;    ///< list the files a check would lint; lint none
  bool ShowSettings = false; ///< print the settings of the first such file
};

/// Exit statuses, as Ruff and flake8 have them.
enum ExitStatus { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

/// Runs a check: discover, lint every file in parallel, fix or diff, emit.
int runCheck(const CheckOptions &Opts, llvm::ArrayRef<const Rule *> AllRules,
             llvm::raw_ostream &Out, llvm::raw_ostream &Err);

/// How `modlint check --force-exclude PATH` would lint the file \p Path (the
/// editor's view of one file; the language server uses it so that the two
/// never disagree): excluded, not linted for a broken config (Error), or
/// the rules and target its config and \p Opts (flags) select. Opts'
/// per-file ignores are not read. A path not on disk gets its directory's
/// config and no exclusion check.
struct FilePlan {
  bool Excluded = false;
  std::string Error;
  std::vector<const Rule *> Rules;
  TargetVersion Target;
};
llvm::Expected<FilePlan> planFile(const CheckOptions &Opts, llvm::ArrayRef<const Rule *> AllRules,
                                  ConfigResolver &Configs, llvm::StringRef Path);

} // namespace modlint

#endif
