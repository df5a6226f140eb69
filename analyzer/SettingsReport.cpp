#include "analyzer/SettingsReport.h"

using namespace llvm;

namespace modlint {

StringRef outputFormatName(OutputFormat F) {
  switch (F) {
  case OutputFormat::Text:
    return "text";
  case OutputFormat::Concise:
    return "concise";
  case OutputFormat::Sarif:
    return "sarif";
  case OutputFormat::Json:
    return "json";
  case OutputFormat::JsonLines:
    return "json-lines";
  case OutputFormat::Github:
    return "github";
  case OutputFormat::Gitlab:
    return "gitlab";
  case OutputFormat::Junit:
    return "junit";
  }
  return "text";
}

void showSettings(raw_ostream &OS, StringRef File, const Settings &S, const LintOptions &Lint,
                  const CheckOptions &Opts, OutputFormat Format) {
  auto Bool = [](bool B) { return B ? "true" : "false"; };
  OS << "Resolved settings for: \"" << File << "\"\n";
  if (!S.Path.empty())
    OS << "Settings path: \"" << S.Path << "\"\n";
  OS << "\n# Linter Settings\n";
  OS << "linter.rules.enabled = [\n";
  for (const Rule *R : Lint.Rules)
    OS << "\t" << R->info().Name << " (" << R->info().Code << "),\n";
  OS << "]\n";
  OS << "linter.target_version = py" << Lint.Target.Major << Lint.Target.Minor;
  if (Opts.Target)
    OS << " (--target-version)";
  else if (!S.TargetFrom.empty())
    OS << " (project.requires-python of \"" << S.TargetFrom << "\")";
  else if (S.Target)
    OS << " (target-version of \"" << S.Path << "\")";
  else
    OS << " (default)";
  OS << "\n";
  OS << "linter.respect_gitignore = "
     << Bool(Opts.RespectGitignore.value_or(S.RespectGitignore.value_or(true))) << "\n";
  OS << "linter.force_exclude = " << Bool(Opts.ForceExclude) << "\n";
  OS << "linter.prefilter = " << Bool(Lint.Prefilter) << "\n";
  OS << "\n# Output Settings\n";
  OS << "output_format = " << outputFormatName(Format) << "\n";
  OS << "fix = " << Bool(Opts.Fix) << "\n";
  OS << "unsafe_fixes = " << Bool(Opts.UnsafeFixes) << "\n";
}

} // namespace modlint
