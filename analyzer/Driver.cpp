#include "analyzer/Driver.h"

#include "analyzer/FileDiscovery.h"
#include "analyzer/FixApplier.h"
#include "analyzer/Linter.h"
#include "analyzer/SarifEmitter.h"
#include "analyzer/TextEmitter.h"
#include "analyzer/UnifiedDiff.h"
#include "analyzer/Version.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <memory>

using namespace llvm;

namespace modlint {

namespace {

bool matches(StringRef Code, ArrayRef<std::string> Selectors) {
  return any_of(Selectors, [&](const std::string &S) {
    return S == "ALL" || Code.startswith_insensitive(S);
  });
}

std::vector<const Rule *> enabledRules(const CheckOptions &Opts, ArrayRef<const Rule *> All) {
  std::vector<const Rule *> Out;
  for (const Rule *R : All) {
    StringRef Code = R->info().Code;
    if (!Opts.Select.empty() && !matches(Code, Opts.Select))
      continue;
    if (matches(Code, Opts.Ignore))
      continue;
    Out.push_back(R);
  }
  return Out;
}

/// Lints every file on a pool of workers, one parser each; results land in
/// their file's slot, so the order never depends on scheduling.
std::vector<FileReport> lintAll(const std::vector<std::string> &Files, const LintOptions &LO,
                                unsigned Threads) {
  std::vector<FileReport> Reports(Files.size());
  auto Work = [&](size_t I) {
    thread_local std::unique_ptr<SyntaxParser> Parser;
    if (!Parser)
      Parser = std::make_unique<SyntaxParser>();
    Reports[I] = lintFile(Files[I], LO, *Parser);
  };
  ThreadPoolStrategy Strategy = hardware_concurrency(Threads);
  unsigned Workers = std::min<size_t>(Strategy.compute_thread_count(), Files.size());
  if (Workers <= 1) {
    for (size_t I = 0; I < Files.size(); ++I)
      Work(I);
    return Reports;
  }
  ThreadPool Pool(hardware_concurrency(Workers));
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async(Work, I);
  Pool.wait();
  return Reports;
}

} // namespace

int runCheck(const CheckOptions &Opts, ArrayRef<const Rule *> AllRules, raw_ostream &Out,
             raw_ostream &Err) {
  std::vector<const Rule *> Rules = enabledRules(Opts, AllRules);
  LintOptions LO{Opts.Target, Rules, Opts.Prefilter};
  bool HadError = false;
  std::vector<FileReport> Reports;

  bool FromStdin = Opts.Paths.size() == 1 && Opts.Paths.front() == "-";
  if (FromStdin) {
    auto Buf = MemoryBuffer::getSTDIN();
    std::string Name = Opts.StdinFilename.empty() ? "-" : Opts.StdinFilename;
    if (!Buf) {
      Err << "modlint: error: " << Name << ": cannot read standard input: "
          << Buf.getError().message() << "\n";
      return ExitError;
    }
    SyntaxParser Parser;
    Reports.push_back(lintSource(SourceFile::fromBuffer(Name, std::move(*Buf)), LO, Parser));
  } else {
    DiscoveredFiles Found = discoverFiles(Opts.Paths);
    Reports = lintAll(Found.Files, LO, Opts.Threads);
    for (auto &[Path, Msg] : Found.Errors) {
      FileReport R;
      R.Path = Path;
      R.Error = Msg;
      Reports.push_back(std::move(R));
    }
  }
  // One bad file never stops the others: report it and go on.
  for (const FileReport &R : Reports)
    if (!R.Error.empty()) {
      Err << "modlint: error: " << R.Path << ": " << R.Error << "\n";
      HadError = true;
    }

  // Fixes: --diff shows them, --fix writes them (stdin: prints the text).
  unsigned FixedCount = 0;
  bool WouldChange = false;
  if (Opts.Fix || Opts.Diff) {
    SyntaxParser Parser;
    for (FileReport &R : Reports) {
      if (!R.Source || R.Diagnostics.empty()) {
        if (FromStdin && Opts.Fix && !Opts.Diff && R.Source)
          Out << R.Source->text();
        continue;
      }
      FixOutcome F = applyFixes(*R.Source, R.Diagnostics, Opts.UnsafeFixes, Parser);
      if (F.RefusedForSyntax)
        Err << "modlint: warning: " << R.Path
            << ": fixes not applied: the result would have more syntax errors\n";
      if (Opts.Diff) {
        if (F.changed()) {
          WouldChange = true;
          Out << unifiedDiff(R.Path, R.Source->text(), F.Text);
        }
        continue;
      }
      if (FromStdin) {
        Out << F.Text;
      } else if (F.changed()) {
        if (Error E = writeFileAtomically(R.Path, F.Text)) {
          Err << "modlint: error: " << R.Path << ": " << toString(std::move(E)) << "\n";
          HadError = true;
          continue;
        }
      }
      FixedCount += F.FixedIndices.size();
      for (unsigned I : reverse(F.FixedIndices))
        R.Diagnostics.erase(R.Diagnostics.begin() + I);
    }
  }

  size_t Remaining = 0, Fixable = 0, UnsafeFixable = 0;
  for (const FileReport &R : Reports)
    for (const Diagnostic &D : R.Diagnostics) {
      ++Remaining;
      if (D.Fix)
        ++(D.Fix->Safety == Applicability::Safe ? Fixable : UnsafeFixable);
    }

  if (Opts.Diff) {
    if (HadError)
      return ExitError;
    return WouldChange && !Opts.ExitZero ? ExitFindings : ExitClean;
  }
  // With --fix on standard input, standard output carries the fixed text.
  bool Emit = !(FromStdin && Opts.Fix);
  raw_ostream &Report = Emit ? Out : Err;
  switch (Opts.Format) {
  case OutputFormat::Text:
    for (const FileReport &R : Reports)
      emitText(Report, R, Emit && Out.has_colors());
    if (Remaining == 0 && FixedCount == 0 && !HadError)
      Report << "All checks passed!\n";
    else {
      if (Remaining + FixedCount > 0) {
        Report << "Found " << Remaining + FixedCount << " finding"
               << (Remaining + FixedCount == 1 ? "" : "s");
        if (Opts.Fix)
          Report << " (" << FixedCount << " fixed, " << Remaining << " remaining)";
        Report << ".\n";
      }
      if (Fixable)
        Report << Fixable << " fixable with the --fix option.\n";
      if (UnsafeFixable)
        Report << UnsafeFixable << " more fixable with --fix --unsafe-fixes.\n";
    }
    break;
  case OutputFormat::Concise:
    for (const FileReport &R : Reports)
      emitConcise(Report, R);
    break;
  case OutputFormat::Sarif: {
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    emitSarif(Report, SarifRun{AllRules, Reports, ToolVersion, Cwd.str().str()});
    break;
  }
  }
  if (HadError)
    return ExitError;
  if (Remaining > 0 && !Opts.ExitZero)
    return ExitFindings;
  return ExitClean;
}

} // namespace modlint
