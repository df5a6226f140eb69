#include "analyzer/Driver.h"

#include "analyzer/AnalysisThread.h"
#include "analyzer/Config.h"
#include "analyzer/DisplayText.h"
#include "analyzer/FileDiscovery.h"
#include "analyzer/FileRewrite.h"
#include "analyzer/FixApplier.h"
#include "analyzer/GithubEmitter.h"
#include "analyzer/GitlabEmitter.h"
#include "analyzer/JsonEmitter.h"
#include "analyzer/JunitEmitter.h"
#include "analyzer/Linter.h"
#include "analyzer/OutputFile.h"
#include "analyzer/ProjectRoot.h"
#include "analyzer/RuleCodes.h"
#include "analyzer/SarifEmitter.h"
#include "analyzer/SettingsReport.h"
#include "analyzer/SyntaxErrorDiagnostic.h"
#include "analyzer/TextEmitter.h"
#include "analyzer/UnifiedDiff.h"
#include "analyzer/Version.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Threading.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

using namespace llvm;

namespace modlint {

std::optional<OutputFormat> parseOutputFormat(StringRef Name) {
  return StringSwitch<std::optional<OutputFormat>>(Name)
      .Cases("text", "full", OutputFormat::Text)
      .Case("concise", OutputFormat::Concise)
      .Case("sarif", OutputFormat::Sarif)
      .Case("json", OutputFormat::Json)
      .Case("json-lines", OutputFormat::JsonLines)
      .Case("github", OutputFormat::Github)
      .Case("gitlab", OutputFormat::Gitlab)
      .Case("junit", OutputFormat::Junit)
      .Default(std::nullopt);
}

namespace {

bool matches(StringRef Code, ArrayRef<std::string> Selectors) {
  return any_of(Selectors,
                [&](const std::string &S) { return S == "ALL" || Code.startswith_insensitive(S); });
}

/// The rules and target of one file: the command line over its config over
/// defaults; per-file-ignores last.
class RuleSelection {
public:
  RuleSelection(const CheckOptions &Opts, ArrayRef<const Rule *> All,
                const std::vector<std::pair<PathGlob, std::vector<std::string>>> &CliPerFile)
      : Opts(Opts), All(All), CliPerFile(CliPerFile) {}

  /// Keep what noqa silences (SARIF shows it as suppressed).
  bool KeepSuppressed = false;

  const LintOptions &forFile(StringRef Path, const Settings &S) {
    // Without per-file ignores the answer depends on the settings alone.
    bool PerFile = !S.PerFileIgnores.empty() || !CliPerFile.empty();
    if (!PerFile) {
      auto Known = BySettings.find(&S);
      if (Known != BySettings.end())
        return *Known->second;
    }
    const LintOptions &Result = compute(Path, S);
    if (!PerFile)
      BySettings[&S] = &Result;
    return Result;
  }

private:
  const LintOptions &compute(StringRef Path, const Settings &S) {
    std::vector<std::string> Ignored = Opts.Ignore;
    if (S.Ignore)
      Ignored.insert(Ignored.end(), S.Ignore->begin(), S.Ignore->end());
    SmallString<256> Abs(Path);
    sys::fs::make_absolute(Abs);
    sys::path::remove_dots(Abs, true);
    StringRef Rel = Abs;
    if (!S.Dir.empty() && Rel.startswith(S.Dir + "/"))
      Rel = Rel.drop_front(S.Dir.size() + 1);
    for (const auto &[Glob, Codes] : S.PerFileIgnores)
      if (Glob.matches(Rel))
        Ignored.insert(Ignored.end(), Codes.begin(), Codes.end());
    SmallString<256> CwdRel(Path);
    sys::path::remove_dots(CwdRel, true);
    for (const auto &[Glob, Codes] : CliPerFile)
      if (Glob.matches(CwdRel))
        Ignored.insert(Ignored.end(), Codes.begin(), Codes.end());

    std::vector<std::string> Selected = Opts.Select ? *Opts.Select
                                        : S.Select  ? *S.Select
                                                    : std::vector<std::string>{"ALL"};
    if (S.ExtendSelect)
      Selected.insert(Selected.end(), S.ExtendSelect->begin(), S.ExtendSelect->end());
    Selected.insert(Selected.end(), Opts.ExtendSelect.begin(), Opts.ExtendSelect.end());

    std::vector<const Rule *> Rules;
    std::string Key;
    for (const Rule *R : All) {
      StringRef Code = R->info().Code;
      if (matches(Code, Selected) && !matches(Code, Ignored)) {
        Rules.push_back(R);
        Key += Code.str() + ",";
      }
    }
    TargetVersion Target = Opts.Target ? *Opts.Target : S.Target.value_or(TargetVersion{});
    Key += std::to_string(Target.Major) + "." + std::to_string(Target.Minor);
    auto [It, New] = Cache.try_emplace(Key);
    if (New) {
      It->second.Rules = std::move(Rules);
      It->second.Options =
          LintOptions{Target, It->second.Rules, Opts.Prefilter, Opts.AddNoqa, KeepSuppressed};
    }
    return It->second.Options;
  }

  struct Entry {
    std::vector<const Rule *> Rules;
    LintOptions Options;
  };
  const CheckOptions &Opts;
  ArrayRef<const Rule *> All;
  const std::vector<std::pair<PathGlob, std::vector<std::string>>> &CliPerFile;
  std::map<std::string, Entry> Cache; ///< node-based: LintOptions point into it
  DenseMap<const Settings *, const LintOptions *> BySettings;
};

/// Files discovered but not yet linted: discovery (the producer) waits
/// when it is full, so memory does not grow with the size of the tree.
class FileQueue {
public:
  struct Item {
    DiscoveredFile File;
    const LintOptions *Options;
  };
  /// Called by the one producer. Items are handed over in batches: waking a
  /// worker for each file cost more than most files' whole check.
  void push(Item I) {
    Pending.push_back(std::move(I));
    if (Pending.size() >= Batch)
      flush();
  }
  bool pop(Item &I) {
    std::unique_lock<std::mutex> L(M);
    NotEmpty.wait(L, [&] { return !Q.empty() || Closed; });
    if (Q.empty())
      return false;
    I = std::move(Q.front());
    Q.pop_front();
    NotFull.notify_one();
    return true;
  }
  void close() {
    flush();
    std::lock_guard<std::mutex> L(M);
    Closed = true;
    NotEmpty.notify_all();
  }

private:
  void flush() {
    if (Pending.empty())
      return;
    std::unique_lock<std::mutex> L(M);
    NotFull.wait(L, [&] { return Q.size() < Capacity; });
    for (Item &I : Pending)
      Q.push_back(std::move(I));
    Pending.clear();
    NotEmpty.notify_all();
  }

  static constexpr size_t Capacity = 1024, Batch = 16;
  std::vector<Item> Pending; ///< the producer's, not yet handed over
  std::mutex M;
  std::condition_variable NotEmpty, NotFull;
  std::deque<Item> Q;
  bool Closed = false;
};

/// A report with its place in the output: command-line path, then path.
struct PlacedReport {
  unsigned Root;
  FileReport Report;
};

void sortReports(std::vector<PlacedReport> &All) {
  std::stable_sort(All.begin(), All.end(), [](const PlacedReport &A, const PlacedReport &B) {
    return A.Root != B.Root ? A.Root < B.Root : A.Report.Path < B.Report.Path;
  });
}

/// The last offset a report of \p R reads: findings, notes, fix edits.
unsigned lastReportedOffset(const FileReport &R) {
  unsigned Last = 0;
  for (const Diagnostic &D : concat<const Diagnostic>(R.Diagnostics, R.Suppressed)) {
    Last = std::max({Last, D.Begin, D.End});
    for (const RelatedNote &N : D.Notes)
      Last = std::max({Last, N.Begin, N.End});
    if (D.Fix)
      for (const TextEdit &E : D.Fix->Edits)
        Last = std::max({Last, E.Begin, E.End});
  }
  return Last;
}

/// Workers, one parser each, lint what discovery hands them as it walks;
/// only reports with something in them are kept. Sorting them at the end
/// makes the output independent of scheduling and thread count.
/// \p ReportOnly: findings are only reported (no fix, diff or noqa edits),
/// so a kept report needs its file's text only up to its last finding.
/// \p Linted counts the files linted (read, or failed to read).
/// \p ThreadError: set, and nothing done, when no worker could start.
std::vector<PlacedReport> lintAll(FileQueue &Queue, ArrayRef<std::string> Roots, unsigned Workers,
                                  bool ReportOnly, std::atomic<size_t> &Linted,
                                  std::string &ThreadError, llvm::function_ref<void()> Discover) {
  std::vector<std::vector<PlacedReport>> Kept(Workers);
  auto Work = [&](unsigned W) {
    SyntaxParser Parser;
    FileQueue::Item It;
    while (Queue.pop(It)) {
      FileReport R = lintFile(It.File.Path, *It.Options, Parser);
      if (!R.Error.empty() && It.File.WalkedLink && llvm::sys::fs::is_directory(It.File.Path))
        continue; // a walk does not enter a linked directory, named like Python or not
      ++Linted;
      if (R.Diagnostics.empty() && R.Suppressed.empty() && R.Error.empty() && !R.TooDeepLine)
        continue;
      if (It.File.WalkedLink)
        R.LinkRoot = Roots[It.File.Root];
      if (ReportOnly && R.Source) {
        SourceFile Prefix = R.Source->prefixThrough(lastReportedOffset(R));
        if (Prefix.text().size() * 4 < R.Source->text().size() * 3)
          R.Source.emplace(std::move(Prefix)); // worth the copy
      }
      Kept[W].push_back({It.File.Root, std::move(R)});
    }
  };
  // On explicit stacks: deep files recurse (to fixed limits) whatever
  // `ulimit -s` says. A thread the system refuses (`ulimit -v`, `ulimit -u`)
  // leaves the others to do the work; none at all is an error.
  std::vector<std::unique_ptr<AnalysisThread>> Pool;
  for (unsigned W = 0; W < Workers; ++W) {
    auto T = AnalysisThread::start([&Work, W] { Work(W); });
    if (!T) {
      if (Pool.empty())
        ThreadError = toString(T.takeError());
      else
        consumeError(T.takeError());
      break;
    }
    Pool.push_back(std::move(*T));
  }
  if (Pool.empty())
    return {};
  Discover();
  Queue.close();
  Pool.clear(); // joins
  std::vector<PlacedReport> All;
  for (auto &K : Kept)
    for (auto &E : K)
      All.push_back(std::move(E));
  return All;
}

Expected<std::vector<PathGlob>> globs(ArrayRef<std::string> Texts) {
  std::vector<PathGlob> Out;
  for (const std::string &T : Texts) {
    auto G = makeGlob(T);
    if (!G)
      return createStringError(std::errc::invalid_argument, "bad glob %s: %s", quoteGlob(T).c_str(),
                               toString(G.takeError()).c_str());
    Out.push_back(std::move(*G));
  }
  return Out;
}

/// --diff and --add-noqa print no findings, yet a file that could not be
/// parsed must not pass unnoticed: say so on standard error.
void warnSyntaxErrors(raw_ostream &Err, ArrayRef<FileReport> Reports) {
  for (const FileReport &R : Reports)
    for (const Diagnostic &D : R.Diagnostics)
      if (D.Code == SyntaxErrorCode)
        Err << "modlint: warning: " << shown(R.Path) << ":" << R.Source->lineOf(D.Begin) << ":"
            << R.Source->columnCodePoints(D.Begin) << ": " << shown(D.Message) << "\n";
}

void emitStatistics(raw_ostream &OS, ArrayRef<FileReport> Reports, ArrayRef<const Rule *> Rules) {
  std::map<std::string, std::pair<size_t, bool>> Counts; // code -> count, fixable
  for (const FileReport &R : Reports)
    for (const Diagnostic &D : R.Diagnostics) {
      auto &C = Counts[D.Code];
      ++C.first;
      C.second |= D.Fix.has_value();
    }
  std::vector<std::pair<std::string, std::pair<size_t, bool>>> Rows(Counts.begin(), Counts.end());
  std::stable_sort(Rows.begin(), Rows.end(),
                   [](const auto &A, const auto &B) { return A.second.first > B.second.first; });
  for (const auto &[Code, C] : Rows) {
    StringRef Name = Code == SyntaxErrorCode ? syntaxErrorInfo().Name : "";
    for (const Rule *R : Rules)
      if (R->info().Code == Code)
        Name = R->info().Name;
    OS << right_justify(std::to_string(C.first), 5) << "\t" << Code << "\t"
       << (C.second ? "[*] " : "") << Name << "\n";
  }
}

/// Writes \p R's new \p Text to the file it was read from; false, and why
/// on \p Err, when nothing was written.
bool writeBack(const FileReport &R, StringRef Text, raw_ostream &Err, bool &HadError) {
  const SourceFile &S = *R.Source;
  Expected<bool> Written =
      S.identity() ? rewriteFile({R.Path, *S.identity(), S.text(), R.LinkRoot}, Text)
                   : createStringError(std::errc::invalid_argument, "not read from a file");
  if (!Written) {
    Err << "modlint: error: " << shown(R.Path) << ": " << shown(toString(Written.takeError()))
        << "\n";
    HadError = true;
    return false;
  }
  if (!*Written)
    Err << "modlint: warning: " << shown(R.Path) << ": a symbolic link to a file outside '"
        << shown(R.LinkRoot) << "'; not written\n";
  return *Written;
}

DiscoveryOptions discoveryOptions(const CheckOptions &Opts, ConfigResolver &Configs,
                                  const std::vector<PathGlob> &Exclude,
                                  const std::vector<PathGlob> &ExtendExclude) {
  DiscoveryOptions DO;
  DO.Configs = &Configs;
  DO.RespectGitignore = Opts.RespectGitignore;
  if (Opts.Exclude)
    DO.Exclude = Exclude;
  DO.ExtendExclude = ExtendExclude;
  DO.ForceExclude = Opts.ForceExclude;
  return DO;
}

/// --force-exclude with --stdin-filename: editors pass every buffer, and
/// rely on the excludes (config, command line, .gitignore) to skip some.
bool stdinExcluded(const CheckOptions &Opts, ConfigResolver &Configs,
                   const std::vector<PathGlob> &Exclude,
                   const std::vector<PathGlob> &ExtendExclude) {
  if (!Opts.ForceExclude || Opts.StdinFilename.empty())
    return false;
  return excludedByForce(Opts.StdinFilename,
                         discoveryOptions(Opts, Configs, Exclude, ExtendExclude));
}

/// --show-files and --show-settings: discover as a check would, lint nothing.
int showDiscovered(const CheckOptions &Opts, ConfigResolver &Configs,
                   const std::vector<PathGlob> &Exclude, const std::vector<PathGlob> &ExtendExclude,
                   RuleSelection &Selection, OutputFormat Format, raw_ostream &OS,
                   raw_ostream &Err) {
  std::vector<std::pair<std::string, const Settings *>> Files;
  DiscoveryErrors Found = discoverFiles(
      Opts.Paths, discoveryOptions(Opts, Configs, Exclude, ExtendExclude), [&](DiscoveredFile F) {
        SmallString<256> Abs(F.Path);
        sys::fs::make_absolute(Abs);
        sys::path::remove_dots(Abs, true);
        Files.push_back({Abs.str().str(), F.Config});
      });
  if (!Found.ConfigError.empty()) {
    Err << "modlint: error: " << shown(Found.ConfigError) << "\n";
    return ExitError;
  }
  for (auto &[File, Msg] : Found.Errors)
    Err << "modlint: error: " << shown(File.Path) << ": " << shown(Msg) << "\n";
  llvm::sort(Files);
  if (Files.empty()) {
    if (Opts.ShowSettings) {
      Err << "modlint: error: no Python files found under the given path(s)\n";
      return ExitError;
    }
    if (!Opts.Quiet && Found.Errors.empty())
      Err << "modlint: warning: no Python files found under the given path(s)\n";
  }
  if (Opts.ShowSettings) {
    auto &[Path, S] = Files.front();
    showSettings(OS, Path, *S, Selection.forFile(Path, *S), Opts, Format);
  } else {
    for (const auto &F : Files)
      OS << F.first << "\n";
  }
  return Found.Errors.empty() ? ExitClean : ExitError;
}

} // namespace

/// The check; its report goes to \p ReportFile when there is one, and
/// \p Reported says whether it was made (not for a usage or config error).
static int check(const CheckOptions &Opts, ArrayRef<const Rule *> AllRules, raw_ostream &Out,
                 raw_ostream *ReportFile, raw_ostream &Err, bool &Reported) {
  auto Fail = [&](const Twine &Msg) {
    Err << "modlint: error: " << shown(Msg.str()) << "\n";
    return ExitError;
  };
  std::vector<StringRef> Codes;
  for (const Rule *R : AllRules)
    Codes.push_back(R->info().Code);
  RuleCodes Known(Codes);
  if (Opts.Select)
    if (auto Problem = Known.firstProblem(*Opts.Select, "--select"))
      return Fail(*Problem);
  if (auto Problem = Known.firstProblem(Opts.ExtendSelect, "--extend-select"))
    return Fail(*Problem);
  if (auto Problem = Known.firstProblem(Opts.Ignore, "--ignore"))
    return Fail(*Problem);
  ConfigResolver Configs(Opts.ConfigPath, Opts.Isolated, Known);
  auto CliExclude = globs(Opts.Exclude ? *Opts.Exclude : std::vector<std::string>{});
  auto CliExtendExclude = globs(Opts.ExtendExclude);
  if (!CliExclude)
    return Fail(toString(CliExclude.takeError()));
  if (!CliExtendExclude)
    return Fail(toString(CliExtendExclude.takeError()));
  std::vector<std::pair<PathGlob, std::vector<std::string>>> CliPerFile;
  for (const std::string &Spec : Opts.PerFileIgnores) {
    auto [Pattern, Codes] = StringRef(Spec).rsplit(':');
    auto G = makeGlob(Pattern);
    if (Codes.empty()) {
      consumeError(G.takeError());
      return Fail("--per-file-ignores takes GLOB:CODES, not " + quoteGlob(Spec));
    }
    if (!G)
      return Fail("--per-file-ignores: bad glob " + quoteGlob(Pattern) + ": " +
                  toString(G.takeError()));
    SmallVector<StringRef, 4> Parts;
    Codes.split(Parts, ',', -1, false);
    std::vector<std::string> List;
    for (StringRef P : Parts)
      List.push_back(P.trim().upper());
    if (auto Problem = Known.firstProblem(List, "--per-file-ignores"))
      return Fail(*Problem);
    CliPerFile.push_back({std::move(*G), std::move(List)});
  }
  RuleSelection Selection(Opts, AllRules, CliPerFile);

  // The output format: the command line's, else the config of the directory
  // modlint runs in.
  OutputFormat Format = OutputFormat::Text;
  if (Opts.Format) {
    Format = *Opts.Format;
  } else {
    auto Here = Configs.forDirectory(".");
    if (!Here)
      return Fail(toString(Here.takeError()));
    if (!(*Here)->Error.empty()) // which format the run's reader wants is unknown
      return Fail((*Here)->Error);
    if ((*Here)->OutputFormat)
      Format = *parseOutputFormat(*(*Here)->OutputFormat);
  }
  Selection.KeepSuppressed = Format == OutputFormat::Sarif;
  if (Opts.ShowFiles || Opts.ShowSettings) {
    Reported = true;
    return showDiscovered(Opts, Configs, *CliExclude, *CliExtendExclude, Selection, Format,
                          ReportFile ? *ReportFile : Out, Err);
  }

  bool HadError = false;
  std::vector<FileReport> Reports;
  bool FromStdin = Opts.Paths.size() == 1 && Opts.Paths.front() == "-";
  if (FromStdin) {
    std::string Name = Opts.StdinFilename.empty() ? "-" : Opts.StdinFilename;
    StringRef Dir = sys::path::parent_path(Name);
    auto S = Configs.forDirectory(Dir.empty() ? "." : Dir);
    if (!S)
      return Fail(toString(S.takeError()));
    if (!(*S)->Error.empty())
      return Fail(Name + ": not linted: " + (*S)->Error);
    auto Buf = MemoryBuffer::getSTDIN();
    if (!Buf)
      return Fail(Name + ": cannot read standard input: " + Buf.getError().message());
    if (stdinExcluded(Opts, Configs, *CliExclude, *CliExtendExclude)) {
      // As Ruff: nothing to report, and --fix hands the text back unchanged.
      FileReport R;
      R.Path = Name;
      R.Source.emplace(SourceFile::fromBuffer(Name, std::move(*Buf)));
      Reports.push_back(std::move(R));
    }
    const LintOptions &LO = Selection.forFile(Name, **S);
    // The editor's path gets the workers' stack, not the main thread's.
    if (Reports.empty())
      if (Error E = runOnAnalysisStack([&] {
            SyntaxParser Parser;
            Reports.push_back(
                lintSource(SourceFile::fromBuffer(Name, std::move(*Buf)), LO, Parser));
          }))
        return Fail(toString(std::move(E)));
  } else {
    DiscoveryOptions DO = discoveryOptions(Opts, Configs, *CliExclude, *CliExtendExclude);
    FileQueue Queue;
    DiscoveryErrors Found;
    unsigned Workers = std::max(1u, hardware_concurrency(Opts.Threads).compute_thread_count());
    bool ReportOnly = !Opts.Fix && !Opts.Diff && !Opts.AddNoqa;
    std::atomic<size_t> Linted = 0;
    std::string ThreadError;
    std::vector<PlacedReport> Placed =
        lintAll(Queue, Opts.Paths, Workers, ReportOnly, Linted, ThreadError, [&] {
          Found = discoverFiles(Opts.Paths, DO, [&](DiscoveredFile F) {
            const LintOptions *LO = &Selection.forFile(F.Path, *F.Config);
            Queue.push({std::move(F), LO});
          });
        });
    if (!ThreadError.empty())
      return Fail(ThreadError);
    if (!Found.ConfigError.empty())
      return Fail(Found.ConfigError);
    // Ruff's warning: an empty run is worth a word (a typo, an exclude too
    // wide), unless a path already failed with an error of its own.
    if (Linted == 0 && Found.Errors.empty() && !Opts.Quiet)
      Err << "modlint: warning: no Python files found under the given path(s)\n";
    for (auto &[File, Msg] : Found.Errors) {
      FileReport R;
      R.Path = File.Path;
      R.Error = Msg;
      Placed.push_back({File.Root, std::move(R)});
    }
    sortReports(Placed);
    for (PlacedReport &P : Placed)
      Reports.push_back(std::move(P.Report));
  }
  // One bad file never stops the others: report it and go on.
  for (const FileReport &R : Reports) {
    if (R.TooDeepLine)
      Err << "modlint: warning: " << shown(R.Path) << ":" << R.TooDeepLine << ": nested more than "
          << MaxAnalysedDepth
          << " levels deep; modlint does not analyse deeper, so findings there may be "
             "missing\n";
    if (!R.Error.empty()) {
      Err << "modlint: error: " << shown(R.Path) << ": " << shown(R.Error) << "\n";
      HadError = true;
    }
  }

  if (Opts.AddNoqa || Opts.Diff)
    warnSyntaxErrors(Err, Reports);
  if (Opts.AddNoqa) {
    size_t Added = 0;
    for (const FileReport &R : Reports) {
      if (!R.Source || R.NoqaEdits.empty())
        continue;
      std::string Text;
      unsigned Pos = 0;
      StringRef Old = R.Source->text();
      for (const TextEdit &E : R.NoqaEdits) { // sorted by line
        Text.append(Old.data() + Pos, E.Begin - Pos);
        Text += E.Replacement;
        Pos = E.End;
      }
      Text.append(Old.data() + Pos, Old.size() - Pos);
      if (FromStdin) {
        Out << Text;
      } else if (!writeBack(R, Text, Err, HadError)) {
        continue;
      }
      Added += R.NoqaEdits.size();
    }
    if (!Opts.Quiet)
      Err << "Added " << Added << " noqa directive" << (Added == 1 ? "" : "s") << ".\n";
    Reported = true;
    return HadError ? ExitError : ExitClean;
  }

  // Fixes: --diff shows them, --fix writes them (stdin: prints the text).
  unsigned FixedCount = 0;
  bool WouldChange = false;
  if (Opts.Fix || Opts.Diff) {
    SyntaxParser Parser;
    for (FileReport &R : Reports) {
      if (!R.Source || R.Diagnostics.empty()) {
        if (FromStdin && Opts.Fix && !Opts.Diff && R.Error.empty()) {
          // Unchanged text back to the editor.
          if (R.Source)
            Out << R.Source->text();
        }
        continue;
      }
      FixOutcome F = applyFixes(*R.Source, R.Diagnostics, Opts.UnsafeFixes, Parser);
      if (F.RefusedForSyntax)
        Err << "modlint: warning: " << shown(R.Path) << ": " << F.RefusedForSyntax << " of "
            << F.RefusedForSyntax + F.FixedIndices.size()
            << (F.RefusedForSyntax + F.FixedIndices.size() == 1 ? " fix" : " fixes")
            << " not applied: the result would have more syntax errors\n";
      if (Opts.Diff) {
        if (F.changed()) {
          WouldChange = true;
          (ReportFile ? *ReportFile : Out) << unifiedDiff(R.Path, R.Source->text(), F.Edits);
        }
        continue;
      }
      if (FromStdin) {
        Out << F.Text;
      } else if (F.changed()) {
        if (!writeBack(R, F.Text, Err, HadError))
          continue;
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

  Reported = true;
  if (Opts.Diff) {
    if (HadError)
      return ExitError;
    return WouldChange && !Opts.ExitZero ? ExitFindings : ExitClean;
  }
  // With --fix on standard input, standard output carries the fixed text.
  bool Emit = !(FromStdin && Opts.Fix);
  raw_ostream &Report = ReportFile ? *ReportFile : Emit ? Out : Err;
  if (Opts.Statistics) {
    emitStatistics(Report, Reports, AllRules);
  } else {
    switch (Format) {
    case OutputFormat::Text:
      for (const FileReport &R : Reports)
        emitText(Report, R, !ReportFile && Emit && Out.has_colors());
      if (Opts.Quiet) {
        // Findings only, as Ruff's --quiet.
      } else if (Remaining == 0 && FixedCount == 0 && !HadError) {
        Report << "All checks passed!\n";
      } else {
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
    case OutputFormat::Github:
      for (const FileReport &R : Reports)
        emitGithub(Report, R);
      break;
    case OutputFormat::Json:
      emitJson(Report, Reports);
      break;
    case OutputFormat::JsonLines:
      emitJsonLines(Report, Reports);
      break;
    case OutputFormat::Junit:
      emitJunit(Report, Reports);
      break;
    case OutputFormat::Gitlab:
    case OutputFormat::Sarif: {
      SmallString<256> Cwd;
      sys::fs::current_path(Cwd);
      std::string Root = projectRoot(Cwd);
      if (Format == OutputFormat::Sarif) {
        emitSarif(Report, SarifRun{AllRules, Reports, ToolVersion, Cwd.str().str(), Root});
        break;
      }
      // GitLab names files from the repository's root, which CI says.
      if (const char *CI = getenv("CI_PROJECT_DIR"); CI && *CI)
        Root = CI;
      emitGitlab(Report, Reports, Root, Cwd);
      break;
    }
    }
  }
  if (HadError)
    return ExitError;
  if (Opts.ExitZero)
    return ExitClean;
  if (Remaining > 0 || (Opts.ExitNonZeroOnFix && FixedCount > 0))
    return ExitFindings;
  return ExitClean;
}

int runCheck(const CheckOptions &Opts, ArrayRef<const Rule *> AllRules, raw_ostream &Out,
             raw_ostream &Err) {
  if (!Opts.OutputFile) {
    bool Reported = false;
    return check(Opts, AllRules, Out, nullptr, Err, Reported);
  }
  auto File = OutputFile::create(*Opts.OutputFile);
  if (!File) {
    Err << "modlint: error: " << shown(toString(File.takeError())) << "\n";
    return ExitError;
  }
  bool Reported = false;
  int Status = check(Opts, AllRules, Out, &(*File)->stream(), Err, Reported);
  if (!Reported)
    return Status; // the file stays as it was
  if (Error E = (*File)->commit()) {
    Err << "modlint: error: " << shown(toString(std::move(E))) << "\n";
    return ExitError;
  }
  return Status;
}

Expected<FilePlan> planFile(const CheckOptions &Opts, ArrayRef<const Rule *> AllRules,
                            ConfigResolver &Configs, StringRef Path) {
  FilePlan Plan;
  const Settings *S = nullptr;
  std::optional<DiscoveredFile> Found;
  if (sys::fs::exists(Path)) {
    DiscoveryOptions DO;
    DO.Configs = &Configs;
    DO.RespectGitignore = Opts.RespectGitignore;
    DO.ForceExclude = true;
    DiscoveryErrors Errors =
        discoverFiles({Path.str()}, DO, [&](DiscoveredFile F) { Found = std::move(F); });
    if (!Errors.ConfigError.empty())
      return createStringError(inconvertibleErrorCode(), Errors.ConfigError);
    if (!Errors.Errors.empty()) {
      Plan.Error = Errors.Errors.front().second;
      return Plan;
    }
    if (!Found) {
      Plan.Excluded = true;
      return Plan;
    }
    S = Found->Config;
  } else {
    StringRef Dir = sys::path::parent_path(Path);
    auto Closest = Configs.forDirectory(Dir.empty() ? "." : Dir);
    if (!Closest)
      return Closest.takeError();
    if (!(*Closest)->Error.empty()) {
      Plan.Error = "not linted: " + (*Closest)->Error;
      return Plan;
    }
    S = *Closest;
  }
  std::vector<std::pair<PathGlob, std::vector<std::string>>> NoCliPerFile;
  RuleSelection Selection(Opts, AllRules, NoCliPerFile);
  const LintOptions &LO = Selection.forFile(Path, *S);
  Plan.Rules.assign(LO.Rules.begin(), LO.Rules.end());
  Plan.Target = LO.Target;
  return Plan;
}

} // namespace modlint
