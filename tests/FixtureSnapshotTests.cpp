// The fixture runner's snapshot comparison itself: that it renders every part
// of a finding and fails when any part of the text changes.
#include "tests/support/FixtureSnapshot.h"
#include "tests/support/LintText.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <doctest/doctest.h>

using namespace modlint;
using namespace llvm;

namespace {

// A hand-made report over a small source, so that these tests keep their
// exact text while the rules' wording changes (the fixtures' snapshots check
// that). Columns count code points: 'é' is two bytes, one column.
const char *const Source = "import imp\n"
                           "\n"
                           "def load(src, é):\n"
                           "    mod = imp.new_module(\"m\")\n"
                           "    exec(src, mod.__dict__)\n"
                           "    return mod.main\n";

unsigned at(StringRef Text, StringRef Needle) {
  size_t Offset = Text.find(Needle);
  REQUIRE(Offset < Text.size());
  return Offset;
}

Diagnostic finding(StringRef Code, Level Severity, unsigned Begin, unsigned End,
                   StringRef Message) {
  Diagnostic D;
  D.Code = Code.str();
  D.Severity = Severity;
  D.Begin = Begin;
  D.End = End;
  D.Message = Message.str();
  return D;
}

FileReport report() {
  FileReport R;
  R.Path = "case.py";
  R.Source = SourceFile::fromText(R.Path, Source);
  StringRef Text = R.Source->text();
  unsigned Call = at(Text, "imp.new_module("), CallEnd = at(Text, ")\n") + 1;
  Diagnostic Member = finding("MOD001", Level::Warning, Call, CallEnd, "module dies");
  Member.Notes.push_back({at(Text, "mod.main"), at(Text, "mod.main") + 8, "escapes here"});
  Member.Fix = Fix{"Register it", Applicability::Unsafe, {}};
  Member.Fix->Edits.push_back({0, 0, "import sys\n"});
  Member.Fix->Edits.push_back({at(Text, "    exec"), at(Text, "    exec"), "\tx = \"\\\"\n"});
  Diagnostic Deprecated = finding("MOD004", Level::Error, Call, Call + 14, "deprecated");
  Deprecated.Fix = Fix{"Replace", Applicability::Safe, {}};
  Deprecated.Fix->Edits.push_back({Call, Call + 14, "types.ModuleType"});
  Deprecated.Fix->Edits.push_back({0, 11, ""});
  Diagnostic Bare =
      finding("MOD005", Level::Warning, at(Text, "src, é"), at(Text, "):"), "no fix here");
  R.Diagnostics = {Member, Deprecated, Bare};
  return R;
}

/// A fresh directory, removed with what it holds when the test ends.
struct ScratchDir {
  SmallString<128> Path;
  ScratchDir() { REQUIRE(!sys::fs::createUniqueDirectory("modlint-snap", Path)); }
  ~ScratchDir() { sys::fs::remove_directories(Path); }
  std::string file(StringRef Name) const { return (Path + "/" + Name).str(); }
};

void write(StringRef Path, StringRef Text) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  REQUIRE(!EC);
  OS << Text;
}

std::string read(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  REQUIRE(Buf);
  return (*Buf)->getBuffer().str();
}

} // namespace

TEST_CASE("a snapshot holds each finding's position, code, level, message, notes and fix") {
  CHECK(test::renderSnapshot(report()) == "4:11-4:30 MOD001 warning: module dies\n"
                                          "  note 6:12-6:20: escapes here\n"
                                          "  fix (unsafe): Register it\n"
                                          "    insert 1:1: \"import sys\\n\"\n"
                                          "    insert 5:1: \"\\tx = \\\"\\\\\\\"\\n\"\n"
                                          "4:11-4:25 MOD004 error: deprecated\n"
                                          "  fix (safe): Replace\n"
                                          "    replace 4:11-4:25: \"types.ModuleType\"\n"
                                          "    delete 1:1-2:1\n"
                                          "3:10-3:16 MOD005 warning: no fix here\n"
                                          "  no fix\n");
  CHECK(test::renderSnapshot(test::lintText("x = 1\n")).empty());
  // The linter's own report renders the same way (its wording is the fixtures' business).
  CHECK(StringRef(test::renderSnapshot(test::lintText(Source)))
            .startswith("4:11-4:30 MOD001 warning: "));
}

TEST_CASE("the snapshot comparison fails when any text of a finding changes") {
  ScratchDir Dir;
  const std::string Snap = Dir.file("case.py.snap");
  FileReport R = report();
  const std::string Original = test::renderSnapshot(R);
  write(Snap, Original);
  CHECK(test::checkSnapshot(Snap, Original, /*Update=*/false) == "");

  SUBCASE("the message") { R.Diagnostics[0].Message += " (changed)"; }
  SUBCASE("a note") { R.Diagnostics[0].Notes[0].Message = "elsewhere"; }
  SUBCASE("a lost note") { R.Diagnostics[0].Notes.clear(); }
  SUBCASE("the fix title") { R.Diagnostics[1].Fix->Title = "Use types.ModuleType"; }
  SUBCASE("the fix safety") { R.Diagnostics[1].Fix->Safety = Applicability::Unsafe; }
  SUBCASE("a lost fix") { R.Diagnostics[1].Fix.reset(); }
  SUBCASE("the level") { R.Diagnostics[2].Severity = Level::Error; }
  SUBCASE("the end of the range") { R.Diagnostics[1].End -= 1; }

  const std::string Changed = test::renderSnapshot(R);
  REQUIRE(Changed != Original);
  std::string Problem = test::checkSnapshot(Snap, Changed, /*Update=*/false);
  CHECK(StringRef(Problem).startswith("the findings differ from " + Snap));
  CHECK(Problem.find("\n@@ ") != std::string::npos); // a unified diff of the two
  CHECK(read(Snap) == Original);                     // comparing never writes

  bool Wrote = false;
  CHECK(test::checkSnapshot(Snap, Changed, /*Update=*/true, &Wrote) == "");
  CHECK(Wrote);
  CHECK(read(Snap) == Changed);
  CHECK(test::checkSnapshot(Snap, Changed, /*Update=*/false) == "");
}

TEST_CASE("a missing snapshot, a stale one, and one without its .py all fail") {
  ScratchDir Dir;
  const std::string Snap = Dir.file("case.py.snap");
  const std::string Got = test::renderSnapshot(report());

  CHECK(test::checkSnapshot(Snap, "", /*Update=*/false) == ""); // no findings, no file
  CHECK(StringRef(test::checkSnapshot(Snap, Got, false)).startswith(Snap + " is missing"));

  write(Snap, "");
  CHECK(test::checkSnapshot(Snap, "", false) ==
        Snap + " exists but the fixture has no findings: remove it");
  bool Removed = false;
  CHECK(test::checkSnapshot(Snap, "", /*Update=*/true, &Removed) == "");
  CHECK(Removed);
  CHECK(!sys::fs::exists(Snap));

  write(Dir.file("kept.py"), "x = 1\n");
  write(Dir.file("kept.py.fixed"), "x = 1\n");
  write(Dir.file("gone.py.snap"), Got);
  write(Dir.file("gone.py.fixed"), "x = 1\n");
  CHECK(test::orphanedSidecars(Dir.Path, /*RemoveSnapshots=*/false) ==
        std::vector<std::string>{Dir.file("gone.py.fixed"), Dir.file("gone.py.snap")});
  CHECK(test::orphanedSidecars(Dir.Path, /*RemoveSnapshots=*/true) ==
        std::vector<std::string>{Dir.file("gone.py.fixed")});
  CHECK(!sys::fs::exists(Dir.file("gone.py.snap")));
}
