// libFuzzer target: the whole per-file pipeline on arbitrary bytes.
//
//   SourceFile -> prefilter -> parse -> semantic model -> module lifetime ->
//   rules -> noqa -> every output format -> --add-noqa edits -> fixes ->
//   re-parse -> lint of the fixed text
//
// Besides sanitizer reports, it aborts (a crash for libFuzzer) when an
// invariant the driver relies on breaks; the message on stderr says which.
//  - findings, notes and edits lie within the text, Begin <= End; findings
//    are sorted; a syntax-error finding comes only with syntax errors, once,
//    without a fix;
//  - the prefilter only skips work: a file it rejects has no findings with
//    the prefilter off, and a file it accepts gets the same findings either way;
//  - --add-noqa edits are in bounds, sorted and disjoint (the driver splices
//    them blindly), and they keep a file that parses cleanly clean;
//  - SyntaxTree::errorCount(), which fix refusal compares, is 0 exactly when
//    tree-sitter reports no error;
//  - applyFixes: applied fixes are real fixes of the findings; the result is
//    the original text when nothing was applied; a result with more syntax
//    errors than the original is never handed out (fixes that would add
//    some are counted in RefusedForSyntax and left out), and
//    fixes keep a file that parses cleanly clean;
//  - the fixed text lints without crashing and meets all the above;
//  - each lint of a text (the input, its --add-noqa and fixed versions:
//    prefilter off, on, every format) takes at most BudgetBaseMs +
//    BudgetPerKBMs per KB, in CPU time of this thread (other processes on
//    the machine do not count): analysis must be linear, and libFuzzer's
//    -timeout, one number for every size, cannot tell a slow large input
//    from a super-linear small one. MODLINT_FUZZ_TIMES=1 prints each lint's
//    time instead, to measure a corpus (fuzz/README.md: the figures).
//
// Target version: a `# fixture-target: pyXY` line (as in fixtures/) picks it;
// otherwise an odd-sized input is linted as py27, an even-sized one as py310.
// The file is "/fuzz/pkg/mod.py" when bit 1 of the size is set, else
// "pkg/mod.py", with "/fuzz" as the working directory.
#include "analyzer/Diagnostic.h"
#include "analyzer/FixApplier.h"
#include "analyzer/GithubEmitter.h"
#include "analyzer/GitlabEmitter.h"
#include "analyzer/JsonEmitter.h"
#include "analyzer/JunitEmitter.h"
#include "analyzer/Linter.h"
#include "analyzer/Prefilter.h"
#include "analyzer/SarifEmitter.h"
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxErrorDiagnostic.h"
#include "analyzer/SyntaxTree.h"
#include "analyzer/TextEmitter.h"
#include "analyzer/UnifiedDiff.h"
#include "analyzer/Version.h"
#include "rules/RuleRegistry.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

using namespace modlint;
using llvm::StringRef;

namespace {

/// The file's name: relative, or absolute under the SARIF working directory
/// (which takes another branch of the emitters), chosen by the input's size.
const char *const WorkingDirectory = "/fuzz";
const char *FuzzPath = "pkg/mod.py";

/// The input being run, and the text being checked: the input, or the text
/// --add-noqa or the fixes made of it.
llvm::StringRef CurrentInput;
const char *Stage = "input";
std::string StageText;

/// Thrown instead of aborting in keep-going mode.
struct InvariantBroken {};

/// With MODLINT_FUZZ_KEEP_GOING=DIR a broken invariant does not stop the
/// run: the input is saved as DIR/<invariant>-<hash> (at most 20 a kind) and
/// the run goes on, so that one known bug does not hide the next. Sanitizer
/// reports still stop it.
const char *keepGoingDir() {
  static const char *Dir = std::getenv("MODLINT_FUZZ_KEEP_GOING");
  return Dir && *Dir ? Dir : nullptr;
}

void saveFinding(const char *Dir, const std::string &Kind) {
  std::string Slug;
  for (char C : Kind)
    if (llvm::isAlnum(C) || !Slug.empty())
      Slug += llvm::isAlnum(C) ? C : '-';
  Slug.resize(std::min<size_t>(Slug.size(), 60));
  std::error_code EC;
  unsigned Same = 0;
  for (llvm::sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC; I.increment(EC))
    Same += llvm::sys::path::filename(I->path()).startswith(Slug + "-");
  if (Same >= 20)
    return;
  uint64_t Hash = 1469598103934665603ull; // FNV-1a
  for (unsigned char C : CurrentInput)
    Hash = (Hash ^ C) * 1099511628211ull;
  std::string Path = std::string(Dir) + "/" + Slug + "-" + llvm::utohexstr(Hash);
  {
    llvm::raw_fd_ostream OS(Path, EC);
    if (!EC)
      OS << CurrentInput;
  }
  if (StringRef(Stage) != "input") { // the derived text that broke it, beside
    llvm::raw_fd_ostream OS(Path + "." + Stage + ".py", EC);
    if (!EC)
      OS << StageText;
  }
}

[[noreturn]] void fail(const char *What, const std::string &Detail = "") {
  std::fprintf(stderr, "\n==modlint-fuzz== invariant broken (in the %s text): %s%s%s\n", Stage,
               What, Detail.empty() ? "" : ": ", Detail.c_str());
  std::fflush(stderr);
  if (const char *Dir = keepGoingDir()) {
    // The kind: the invariant and the rule it concerns, if any.
    std::string Kind = What;
    size_t Code = Detail.find("MOD");
    if (Code != std::string::npos)
      Kind += " " + Detail.substr(Code, 6);
    saveFinding(Dir, Kind);
    throw InvariantBroken{};
  }
  std::abort();
}
#define CHECK(Cond, ...)                                                                           \
  do {                                                                                             \
    if (!(Cond))                                                                                   \
      fail(#Cond, ##__VA_ARGS__);                                                                  \
  } while (0)

std::string at(const Diagnostic &D) {
  return D.Code + " [" + std::to_string(D.Begin) + "," + std::to_string(D.End) + ") " + D.Message;
}

SyntaxParser &parser() {
  static SyntaxParser P;
  return P;
}

TargetVersion chooseTarget(StringRef Text) {
  size_t At = Text.find("# fixture-target:");
  if (At != StringRef::npos) {
    StringRef V =
        Text.drop_front(At + 17).ltrim().take_until([](char C) { return llvm::isSpace(C); });
    if (auto T = TargetVersion::parse(V))
      return *T;
  }
  return Text.size() % 2 ? TargetVersion{2, 7} : TargetVersion{3, 10};
}

void checkRange(unsigned Begin, unsigned End, size_t Size, const char *What, const Diagnostic &D) {
  if (!(Begin <= End && End <= Size))
    fail(What, at(D) + " in a text of " + std::to_string(Size) + " bytes");
}

/// Does tree-sitter see any error in \p Text? Also checks that
/// SyntaxTree::errorCount(), on which fix refusal rests, agrees.
bool hasSyntaxError(StringRef Text) {
  SourceFile S = SourceFile::fromText(FuzzPath, Text);
  SyntaxTree T(parser(), S);
  bool HasError = ts_node_has_error(T.root());
  unsigned Count = T.errorCount();
  if (HasError != (Count > 0))
    fail("SyntaxTree::errorCount() disagrees with ts_node_has_error",
         std::to_string(Count) + " errors counted, has_error " + (HasError ? "true" : "false"));
  return HasError;
}

/// Bounds and order of one report's findings and edits against \p Text.
void checkReport(const FileReport &R, StringRef Text) {
  CHECK(R.Error.empty(), R.Error);
  if (R.Diagnostics.empty())
    return;
  CHECK(R.Source.has_value(), "findings without their source");
  CHECK(R.Source->text() == Text, "the report's source is not the linted text");
  const Diagnostic *Prev = nullptr;
  unsigned SyntaxErrorFindings = 0;
  for (const Diagnostic &D : R.Diagnostics) {
    bool IsSyntaxError = D.Code == SyntaxErrorCode;
    SyntaxErrorFindings += IsSyntaxError;
    CHECK(!D.Code.empty() && (findRule(D.Code) || IsSyntaxError), at(D));
    CHECK(!IsSyntaxError || (R.SyntaxErrors && !D.Fix), at(D));
    CHECK(!D.Message.empty(), at(D));
    checkRange(D.Begin, D.End, Text.size(), "finding out of bounds", D);
    for (const RelatedNote &N : D.Notes) {
      checkRange(N.Begin, N.End, Text.size(), "note out of bounds", D);
      CHECK(!N.Message.empty(), at(D));
    }
    if (D.Fix) {
      CHECK(!D.Fix->Title.empty(), at(D));
      for (const TextEdit &E : D.Fix->Edits)
        checkRange(E.Begin, E.End, Text.size(), "fix edit out of bounds", D);
    }
    if (Prev)
      CHECK(Prev->Begin < D.Begin || (Prev->Begin == D.Begin && Prev->Code <= D.Code),
            "findings not sorted: " + at(*Prev) + " before " + at(D));
    Prev = &D;
  }
  CHECK(SyntaxErrorFindings <= 1, "more than one syntax-error finding");
  // The driver splices --add-noqa edits in order without further checks.
  unsigned Pos = 0;
  for (const TextEdit &E : R.NoqaEdits) {
    CHECK(E.Begin <= E.End && E.End <= Text.size(), "noqa edit out of bounds: [" +
                                                        std::to_string(E.Begin) + "," +
                                                        std::to_string(E.End) + ")");
    CHECK(E.Begin >= Pos, "noqa edits overlap or are unsorted at " + std::to_string(E.Begin));
    Pos = E.End;
  }
}

bool sameFix(const std::optional<Fix> &A, const std::optional<Fix> &B) {
  if (A.has_value() != B.has_value())
    return false;
  if (!A)
    return true;
  return A->Title == B->Title && A->Safety == B->Safety &&
         std::equal(A->Edits.begin(), A->Edits.end(), B->Edits.begin(), B->Edits.end());
}

bool sameDiagnostic(const Diagnostic &A, const Diagnostic &B) {
  if (A.Code != B.Code || A.Severity != B.Severity || A.Begin != B.Begin || A.End != B.End ||
      A.Message != B.Message || A.Notes.size() != B.Notes.size() || !sameFix(A.Fix, B.Fix))
    return false;
  for (size_t I = 0; I < A.Notes.size(); ++I)
    if (A.Notes[I].Begin != B.Notes[I].Begin || A.Notes[I].End != B.Notes[I].End ||
        A.Notes[I].Message != B.Notes[I].Message)
      return false;
  return true;
}

/// Every output format, into a sink: they must not crash on any finding.
void emitAll(const FileReport &R) {
  llvm::raw_null_ostream Null;
  emitText(Null, R, /*Colors=*/false);
  emitText(Null, R, /*Colors=*/true);
  emitConcise(Null, R);
  emitGithub(Null, R);
  llvm::ArrayRef<FileReport> Files(R);
  emitJson(Null, Files);
  emitJsonLines(Null, Files);
  emitJunit(Null, Files);
  emitSarif(Null, SarifRun{allRules(), Files, ToolVersion, WorkingDirectory, WorkingDirectory});
  emitGitlab(Null, Files, WorkingDirectory, WorkingDirectory);
}

/// Applies --add-noqa's edits the way the driver does.
std::string withNoqa(StringRef Old, const std::vector<TextEdit> &Edits) {
  std::string Text;
  unsigned Pos = 0;
  for (const TextEdit &E : Edits) {
    Text.append(Old.data() + Pos, E.Begin - Pos);
    Text += E.Replacement;
    Pos = E.End;
  }
  Text.append(Old.data() + Pos, Old.size() - Pos);
  return Text;
}

/// The time budget of one lint of a text, under ASan+UBSan (fuzz/README.md).
constexpr double BudgetBaseMs = 50, BudgetPerKBMs = 20;
/// Off while LLVMFuzzerInitialize warms up.
bool Budgeted = false;

double threadCpuMs() {
  timespec T;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &T);
  return T.tv_sec * 1e3 + T.tv_nsec / 1e6;
}

/// Lints \p Text with the prefilter off (computing --add-noqa's edits too),
/// checks and renders the report. \p ComparePrefilter: also lint with the
/// prefilter on and compare (a rejected file costs nothing; an accepted one
/// is a second full run). The prefilter's soundness is checked either way.
FileReport lintCheckedOnce(StringRef Text, TargetVersion Target, bool ComparePrefilter,
                           const char *TextStage) {
  Stage = TextStage;
  if (StringRef(Stage) != "input")
    StageText = Text.str();
  LintOptions Off{Target, allRules(), /*Prefilter=*/false, /*AddNoqa=*/true};
  FileReport Full = lintSource(SourceFile::fromText(FuzzPath, Text), Off, parser());
  CHECK(Full.Parsed, "not parsed with the prefilter off");
  checkReport(Full, Text);

  bool Accepted = mayHaveFindings(Text);
  // MODLINT_FUZZ_DUMP=1 (with --repro): what the run saw, for triage.
  static const bool Dump = std::getenv("MODLINT_FUZZ_DUMP") != nullptr;
  if (Dump) {
    llvm::errs() << "==modlint-fuzz== " << Text.size() << " bytes as " << FuzzPath << ", py"
                 << Target.Major << Target.Minor << ", prefilter "
                 << (Accepted ? "accepts" : "rejects") << ", " << Full.SyntaxErrors
                 << " syntax errors\n";
    emitConcise(llvm::errs(), Full);
  }
  // Soundness: what the prefilter skips has nothing to find.
  if (!Accepted && !Full.Diagnostics.empty())
    fail("prefilter rejected a file that has findings", at(Full.Diagnostics.front()));
  if (ComparePrefilter) {
    LintOptions On{Target, allRules(), /*Prefilter=*/true, /*AddNoqa=*/false};
    FileReport Filtered = lintSource(SourceFile::fromText(FuzzPath, Text), On, parser());
    checkReport(Filtered, Text);
    CHECK(Filtered.Parsed == Accepted, "Parsed disagrees with mayHaveFindings");
    if (!Filtered.Parsed) {
      CHECK(Filtered.Diagnostics.empty(), "findings without a parse");
    } else {
      CHECK(Filtered.SyntaxErrors == Full.SyntaxErrors);
      if (Filtered.Diagnostics.size() != Full.Diagnostics.size())
        fail("prefilter on/off: different number of findings",
             std::to_string(Filtered.Diagnostics.size()) + " vs " +
                 std::to_string(Full.Diagnostics.size()));
      for (size_t I = 0; I < Full.Diagnostics.size(); ++I)
        if (!sameDiagnostic(Filtered.Diagnostics[I], Full.Diagnostics[I]))
          fail("prefilter on/off: different findings",
               at(Filtered.Diagnostics[I]) + " vs " + at(Full.Diagnostics[I]));
    }
  }

  emitAll(Full);
  return Full;
}

/// lintCheckedOnce within its time budget. An overrun is timed twice more
/// and fails only if the fastest of the three is over: a one-off cost (ASan
/// recycling its quarantine, a page-fault burst: 222 ms once on a 3.8 KB
/// text that takes 16 ms) does not repeat, a super-linear analysis does.
FileReport lintChecked(StringRef Text, TargetVersion Target, bool ComparePrefilter,
                       const char *TextStage = "input") {
  static const bool Print = std::getenv("MODLINT_FUZZ_TIMES") != nullptr;
  double KB = Text.size() / 1024.0, Budget = BudgetBaseMs + BudgetPerKBMs * KB, Best = 0;
  for (int Attempt = 0;; ++Attempt) {
    double Start = threadCpuMs();
    FileReport R = lintCheckedOnce(Text, Target, ComparePrefilter, TextStage);
    double Ms = threadCpuMs() - Start;
    Best = Attempt ? std::min(Best, Ms) : Ms;
    if (Print)
      std::fprintf(stderr, "==modlint-fuzz== time: %s %zu bytes %.1f ms\n", Stage, Text.size(), Ms);
    if (!Budgeted || Print || Best <= Budget)
      return R;
    if (Attempt == 2) {
      char Detail[160];
      std::snprintf(Detail, sizeof Detail,
                    "%.0f ms CPU at best of 3 for %.1f KB, over the budget of %.0f ms", Best, KB,
                    Budget);
      fail("time budget exceeded", Detail);
    }
  }
}

/// The pipeline on one input; fail() on a broken invariant.
int testOneInput(StringRef Text) {
  Stage = "input";
  FuzzPath = Text.size() & 2 ? "/fuzz/pkg/mod.py" : "pkg/mod.py";
  TargetVersion Target = chooseTarget(Text);
  FileReport R = lintChecked(Text, Target, /*ComparePrefilter=*/true);
  if (R.Diagnostics.empty())
    return 0;
  const SourceFile &Source = *R.Source;
  Stage = "input";
  bool Clean = !hasSyntaxError(Text);

  // --add-noqa: the comments must not break a file that parses cleanly. (In
  // a file with errors, a comment can change tree-sitter's error recovery and
  // so the count of ERROR nodes: not a meaningful test.)
  if (!R.NoqaEdits.empty()) {
    std::string Noqa = withNoqa(Text, R.NoqaEdits);
    lintChecked(Noqa, Target, /*ComparePrefilter=*/false, "noqa");
    if (Clean && hasSyntaxError(Noqa))
      fail("--add-noqa edits break a file that parsed cleanly");
  }

  // --fix --unsafe-fixes, and --diff.
  Stage = "input";
  FixOutcome F = applyFixes(Source, R.Diagnostics, /*Unsafe=*/true, parser());
  unsigned Last = 0;
  for (size_t K = 0; K < F.FixedIndices.size(); ++K) {
    unsigned I = F.FixedIndices[K];
    CHECK(I < R.Diagnostics.size() && R.Diagnostics[I].Fix, "FixedIndices names no fix");
    CHECK(K == 0 || I > Last, "FixedIndices not increasing");
    Last = I;
  }
  if (!F.changed()) {
    CHECK(F.Text == Text, "nothing applied, yet the text changed");
    return 0;
  }
  (void)unifiedDiff(FuzzPath, Text, F.Edits); // what --diff prints
  // The fixed text is a new input like any other; the applier promised it
  // parses no worse than the original.
  FileReport Fixed = lintChecked(F.Text, Target, /*ComparePrefilter=*/false, "fixed");
  if (Fixed.SyntaxErrors > R.SyntaxErrors)
    fail("fixes applied although the result has more syntax errors",
         std::to_string(R.SyntaxErrors) + " -> " + std::to_string(Fixed.SyntaxErrors));
  if (Clean && hasSyntaxError(F.Text))
    fail("fixes break a file that parsed cleanly");
  return 0;
}

} // namespace

/// Builds the parser and runs every rule once, so that no input pays for the
/// first-use set-up against its budget.
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  testOneInput("import types\ndef f():\n    m = types.ModuleType('m')\n    return m.x\n");
  Budgeted = true;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  StringRef Text(reinterpret_cast<const char *>(Data), Size);
  CurrentInput = Text;
  try {
    return testOneInput(Text);
  } catch (const InvariantBroken &) {
    return -1; // saved; keep it out of the corpus
  }
}
