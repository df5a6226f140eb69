#include "analyzer/FileRewrite.h"
#include "analyzer/FixApplier.h"
#include "tests/support/LintText.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {
Diagnostic withFix(std::vector<TextEdit> Edits, Applicability A = Applicability::Safe) {
  Diagnostic D;
  D.Code = "MOD999";
  Fix F;
  F.Safety = A;
  for (auto &E : Edits)
    F.Edits.push_back(E);
  D.Fix = F;
  return D;
}
} // namespace

TEST_CASE("identical edits from two fixes apply once") {
  SourceFile S = SourceFile::fromText("t.py", "x = 1\ny = 2\n");
  SyntaxParser P;
  std::vector<Diagnostic> Ds{withFix({{0, 0, "import sys\n"}, {6, 6, "a = 0\n"}}),
                             withFix({{0, 0, "import sys\n"}, {12, 12, "b = 0\n"}})};
  FixOutcome O = applyFixes(S, Ds, true, P);
  CHECK(O.Text == "import sys\nx = 1\na = 0\ny = 2\nb = 0\n");
  CHECK(O.FixedIndices.size() == 2);
}

TEST_CASE("a fix overlapping an accepted one is left whole for a later run") {
  SourceFile S = SourceFile::fromText("t.py", "abcdef\n");
  SyntaxParser P;
  std::vector<Diagnostic> Ds{withFix({{0, 3, "x"}}), withFix({{2, 4, "y"}, {5, 5, "z"}})};
  FixOutcome O = applyFixes(S, Ds, true, P);
  CHECK(O.Text == "xdef\n");
  CHECK(O.FixedIndices.size() == 1);
}

TEST_CASE("unsafe fixes need --unsafe-fixes") {
  SourceFile S = SourceFile::fromText("t.py", "x = 1\n");
  SyntaxParser P;
  std::vector<Diagnostic> Ds{withFix({{0, 1, "y"}}, Applicability::Unsafe)};
  CHECK(applyFixes(S, Ds, false, P).Text == "x = 1\n");
  CHECK(applyFixes(S, Ds, true, P).Text == "y = 1\n");
}

TEST_CASE("a fix that adds syntax errors is refused") {
  SourceFile S = SourceFile::fromText("t.py", "x = f(1)\n");
  SyntaxParser P;
  std::vector<Diagnostic> Ds{withFix({{7, 8, ""}})}; // drops the ')'
  FixOutcome O = applyFixes(S, Ds, true, P);
  CHECK(O.RefusedForSyntax == 1);
  CHECK(O.Text == "x = f(1)\n");
  CHECK(O.FixedIndices.empty());
}

TEST_CASE("writing is atomic and keeps the file's mode") {
  llvm::SmallString<128> Path;
  REQUIRE(!llvm::sys::fs::createTemporaryFile("modlint-fix", "py", Path));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << "old\n";
  }
  REQUIRE(!llvm::sys::fs::setPermissions(Path, llvm::sys::fs::perms(0750)));
  auto Read = SourceFile::load(Path);
  REQUIRE(Read);
  REQUIRE(Read->identity());
  // Bytes other than those read: the file changed since, nothing is written.
  auto Stale = rewriteFile({Path, *Read->identity(), "older\n", ""}, "new\n");
  REQUIRE(!Stale);
  CHECK(llvm::toString(Stale.takeError()) == "changed while modlint was fixing it; not written");
  auto Written = rewriteFile({Path, *Read->identity(), Read->text(), ""}, "new\n");
  REQUIRE(Written);
  CHECK(*Written);
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  REQUIRE(Buf);
  CHECK((*Buf)->getBuffer() == "new\n");
  llvm::sys::fs::file_status St;
  REQUIRE(!llvm::sys::fs::status(Path, St));
  CHECK(St.permissions() == llvm::sys::fs::perms(0750));
  llvm::sys::fs::remove(Path);
}

// Found by the lint fuzzer: when the fixes together parse worse, those that
// do not are still applied one at a time; the outcome counts the others
// (the driver's warning said none were applied).
TEST_CASE("fixes that parse worse are left out one by one, and counted") {
  SourceFile S = SourceFile::fromText("t.py", "x = f(1)\ny = 2\n");
  SyntaxParser P;
  std::vector<Diagnostic> Ds{withFix({{7, 8, ""}}), withFix({{9, 10, "z"}})};
  FixOutcome O = applyFixes(S, Ds, true, P);
  CHECK(O.RefusedForSyntax == 1);
  CHECK(O.Text == "x = f(1)\nz = 2\n");
  CHECK(O.FixedIndices.size() == 1);
  CHECK(O.FixedIndices[0] == 1);
}

namespace {
TextEdit joint(unsigned Begin, unsigned End, std::string Replacement) {
  TextEdit E{Begin, End, std::move(Replacement)};
  E.Joint = true;
  return E;
}
} // namespace

// Removing an import that two fixed calls read (MOD004): right only when
// both are fixed.
TEST_CASE("a joint edit applies once when every fix that carries it applies") {
  SourceFile S = SourceFile::fromText("t.py", "import a\nx = a.f()\ny = a.f()\n");
  SyntaxParser P;
  std::vector<Diagnostic> Ds{withFix({joint(0, 9, ""), {13, 16, "g"}}),
                             withFix({joint(0, 9, ""), {23, 26, "g"}})};
  FixOutcome O = applyFixes(S, Ds, true, P);
  CHECK(O.Text == "x = g()\ny = g()\n");
  CHECK(O.FixedIndices.size() == 2);
}

TEST_CASE("a joint edit waits for a fix that is not applied") {
  SourceFile S = SourceFile::fromText("t.py", "import a\nx = a.f()\ny = a.f()\n");
  SyntaxParser P;
  // The second fix is unsafe: without --unsafe-fixes the first applies alone.
  std::vector<Diagnostic> Ds{withFix({joint(0, 9, ""), {13, 16, "g"}}),
                             withFix({joint(0, 9, ""), {23, 26, "g"}}, Applicability::Unsafe)};
  FixOutcome O = applyFixes(S, Ds, false, P);
  CHECK(O.Text == "import a\nx = g()\ny = a.f()\n");
  REQUIRE(O.FixedIndices.size() == 1);
  CHECK(O.FixedIndices[0] == 0);
  // The second one overlaps an accepted edit: left for a later run, and so is the joint edit.
  Ds[1] = withFix({joint(0, 9, ""), {12, 18, "g()"}});
  O = applyFixes(S, Ds, true, P);
  CHECK(O.Text == "import a\nx = g()\ny = a.f()\n");
  CHECK(O.FixedIndices.size() == 1);
}

TEST_CASE("fixes kept one at a time get their joint edits only when all carriers are kept") {
  SourceFile S = SourceFile::fromText("t.py", "import a\nx = a.f(1)\ny = a.f()\n");
  SyntaxParser P;
  // The second fix drops a ')' and is refused: the import must stay.
  std::vector<Diagnostic> Ds{withFix({joint(0, 9, ""), {13, 16, "g"}}),
                             withFix({joint(0, 9, ""), {18, 19, ""}})};
  FixOutcome O = applyFixes(S, Ds, true, P);
  CHECK(O.RefusedForSyntax == 1);
  CHECK(O.Text == "import a\nx = g(1)\ny = a.f()\n");
  // Both carriers kept although a third fix is refused: the joint edit applies.
  Ds[1] = withFix({joint(0, 9, ""), {24, 27, "g"}});
  Ds.push_back(withFix({{18, 19, ""}}));
  O = applyFixes(S, Ds, true, P);
  CHECK(O.RefusedForSyntax == 1);
  CHECK(O.Text == "x = g(1)\ny = g()\n");
}
