// Runs every fixtures/**/<case>.py: its findings must be exactly those its
// `# expect: CODE:COL` comments (or a <case>.py.expect sidecar of
// `LINE:COL CODE` lines) name; their full text (messages, notes, fixes) must
// be <case>.py.snap exactly (no .snap when there are none), the same with the
// prefilter off; and --fix --unsafe-fixes must give <case>.py.fixed exactly
// (or change nothing when there is no .fixed), after which no fixable finding
// is left. MODLINT_UPDATE_SNAPSHOTS=1 rewrites the .snap files instead of
// comparing them (fixtures/README.md).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "analyzer/FixApplier.h"
#include "analyzer/Linter.h"
#include "analyzer/UnifiedDiff.h"
#include "rules/RuleRegistry.h"
#include "tests/support/FixtureSnapshot.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

using namespace modlint;
using namespace llvm;

namespace {

std::vector<std::string> fixtureFiles() {
  std::vector<std::string> Files;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(MODLINT_FIXTURES_DIR, EC), End; It != End && !EC;
       It.increment(EC))
    if (StringRef(It->path()).endswith(".py"))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end());
  return Files;
}

std::optional<std::string> readFile(const Twine &Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return std::nullopt;
  return (*Buf)->getBuffer().str();
}

std::vector<std::string> expectations(const std::string &Path, StringRef Text) {
  std::vector<std::string> Out;
  if (auto Sidecar = readFile(Path + ".expect")) {
    SmallVector<StringRef, 8> Lines;
    StringRef(*Sidecar).split(Lines, '\n', -1, false);
    for (StringRef L : Lines)
      if (!L.trim().empty())
        Out.push_back(L.trim().str());
  } else {
    SmallVector<StringRef, 64> Lines;
    Text.split(Lines, '\n');
    for (size_t I = 0; I < Lines.size(); ++I) {
      size_t At = Lines[I].find("# expect:");
      if (At == StringRef::npos)
        continue;
      SmallVector<StringRef, 4> Items;
      Lines[I].drop_front(At + 9).split(Items, ' ', -1, false);
      for (StringRef Item : Items) {
        auto [Code, Col] = Item.trim().split(':');
        Out.push_back(std::to_string(I + 1) + ":" + Col.str() + " " + Code.str());
      }
    }
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

TargetVersion targetOf(StringRef Text) {
  size_t At = Text.find("# fixture-target:");
  if (At == StringRef::npos)
    return TargetVersion{};
  StringRef V = Text.drop_front(At + 17).ltrim().take_until([](char C) { return isSpace(C); });
  auto T = TargetVersion::parse(V);
  REQUIRE_MESSAGE(T, "bad fixture-target " << V.str());
  return *T;
}

std::vector<std::string> actual(const FileReport &R) {
  std::vector<std::string> Out;
  for (const Diagnostic &D : R.Diagnostics)
    Out.push_back(std::to_string(R.Source->lineOf(D.Begin)) + ":" +
                  std::to_string(R.Source->columnCodePoints(D.Begin)) + " " + D.Code);
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::string join(const std::vector<std::string> &V) {
  std::string S;
  for (const auto &X : V)
    S += "  " + X + "\n";
  return S.empty() ? "  (none)\n" : S;
}

bool updatingSnapshots() {
  const char *V = std::getenv("MODLINT_UPDATE_SNAPSHOTS");
  return V && StringRef(V) == "1";
}

void checkFixes(const std::string &Path, const std::string &Text, const FileReport &R,
                const LintOptions &Opts, SyntaxParser &Parser) {
  std::string Fixed = Text;
  if (R.Source)
    Fixed = applyFixes(*R.Source, R.Diagnostics, /*Unsafe=*/true, Parser).Text;
  if (auto Expected = readFile(Path + ".fixed")) {
    CHECK_MESSAGE(Fixed == *Expected, "fixed text differs; got:\n" << Fixed);
  } else {
    CHECK_MESSAGE(Fixed == Text, "fixes changed a file that has no .fixed:\n" << Fixed);
  }
  FileReport Again = lintSource(SourceFile::fromText(Path, Fixed), Opts, Parser);
  for (const Diagnostic &D : Again.Diagnostics)
    CHECK_MESSAGE(!D.Fix, "fixes did not converge: " << D.Code << " remains fixable at "
                                                     << Again.Source->lineOf(D.Begin));
}

} // namespace

TEST_CASE("fixtures") {
  std::vector<std::string> Files = fixtureFiles();
  REQUIRE(Files.size() > 0);
  const bool Update = updatingSnapshots();
  for (const std::string &Orphan : test::orphanedSidecars(MODLINT_FIXTURES_DIR, Update))
    FAIL_CHECK(Orphan << " has no .py beside it: remove or rename it with its fixture");
  SyntaxParser Parser;
  unsigned Updated = 0;
  for (const std::string &Path : Files) {
    CAPTURE(Path);
    auto Text = readFile(Path);
    REQUIRE(Text);
    LintOptions Opts{targetOf(*Text), allRules(), true};
    FileReport R = lintSource(SourceFile::fromText(Path, *Text), Opts, Parser);
    std::vector<std::string> Want = expectations(Path, *Text), Got = actual(R);
    CHECK_MESSAGE(Got == Want, "expected:\n" << join(Want) << "got:\n" << join(Got));

    std::string Snapshot = test::renderSnapshot(R);
    bool Changed = false;
    std::string Problem = test::checkSnapshot(Path + ".snap", Snapshot, Update, &Changed);
    CHECK_MESSAGE(Problem.empty(), Problem);
    Updated += Changed;

    Opts.Prefilter = false;
    FileReport Unfiltered = lintSource(SourceFile::fromText(Path, *Text), Opts, Parser);
    std::string UnfilteredSnapshot = test::renderSnapshot(Unfiltered);
    CHECK_MESSAGE(UnfilteredSnapshot == Snapshot,
                  "the prefilter changed the findings:\n"
                      << unifiedDiff(Path + ".snap", Snapshot, UnfilteredSnapshot));

    checkFixes(Path, *Text, R, Opts, Parser);
  }
  if (Update)
    MESSAGE("MODLINT_UPDATE_SNAPSHOTS=1: " << Updated << " snapshot(s) written or removed");
}
