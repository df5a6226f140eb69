#ifndef MODLINT_ANALYZER_COMMANDLINE_H
#define MODLINT_ANALYZER_COMMANDLINE_H

#include "analyzer/Driver.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace modlint {

/// What the command line asks for.
struct Invocation {
  enum Action { RunCheck, ShowRule, ListRules, Help, Version, Server } What = RunCheck;
  CheckOptions Check;
  std::string RuleCode;
  std::string Error; ///< a usage error; exit 2
};

/// Parses argv (without argv[0]). Both Ruff's `modlint check [options] PATH`
/// and flake8's `modlint [options] PATH` are accepted; `modlint rule CODE` and
/// `modlint rule --all` print rule docs; `modlint server` runs the language
/// server. Flags take `--flag=value` or
/// `--flag value`; list values are comma-separated.
Invocation parseCommandLine(llvm::ArrayRef<std::string> Args);

/// The text of --help.
const char *helpText();

} // namespace modlint

#endif
