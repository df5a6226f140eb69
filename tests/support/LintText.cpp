#include "tests/support/LintText.h"

#include "analyzer/FixApplier.h"
#include "rules/RuleRegistry.h"

namespace modlint::test {

FileReport lintText(llvm::StringRef Text, llvm::StringRef Target, bool Prefilter) {
  static SyntaxParser Parser;
  LintOptions Opts{*TargetVersion::parse(Target), allRules(), Prefilter};
  return lintSource(SourceFile::fromText("test.py", Text), Opts, Parser);
}

std::vector<std::string> findings(llvm::StringRef Text, llvm::StringRef Target) {
  FileReport R = lintText(Text, Target);
  std::vector<std::string> Out;
  for (const Diagnostic &D : R.Diagnostics)
    Out.push_back(D.Code + " " + std::to_string(R.Source->lineOf(D.Begin)) + ":" +
                  std::to_string(R.Source->columnCodePoints(D.Begin)));
  return Out;
}

std::string fixed(llvm::StringRef Text, llvm::StringRef Target) {
  FileReport R = lintText(Text, Target);
  if (!R.Source)
    return Text.str();
  static SyntaxParser Parser;
  return applyFixes(*R.Source, R.Diagnostics, /*Unsafe=*/true, Parser).Text;
}

} // namespace modlint::test
