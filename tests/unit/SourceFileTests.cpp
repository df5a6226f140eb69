#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"

#include <doctest/doctest.h>

using modlint::SourceFile;

TEST_CASE("lines end at LF, CRLF and a lone CR") {
  SourceFile S = SourceFile::fromText("t.py", "a\nbb\r\nccc\rdddd");
  CHECK(S.lineCount() == 4);
  CHECK(S.lineText(1) == "a");
  CHECK(S.lineText(2) == "bb");
  CHECK(S.lineText(3) == "ccc");
  CHECK(S.lineText(4) == "dddd");
  CHECK(S.lineOf(0) == 1);
  CHECK(S.lineOf(2) == 2);
  CHECK(S.lineOf(4) == 2); // the CR of CRLF
  CHECK(S.lineOf(6) == 3);
  CHECK(S.lineOf(10) == 4);
  CHECK(S.newline() == "\n");
  CHECK(SourceFile::fromText("t.py", "x\r\ny\r\n").newline() == "\r\n");
}

TEST_CASE("a trailing newline does not open a line") {
  SourceFile S = SourceFile::fromText("t.py", "x = 1\n");
  CHECK(S.lineCount() == 1);
  CHECK(S.lineEndWithBreak(1) == 6);
  CHECK(SourceFile::fromText("t.py", "").lineCount() == 1);
}

TEST_CASE("columns count code points for text and UTF-16 units for SARIF") {
  // "é" is 2 bytes / 1 code point / 1 unit; "😀" is 4 bytes / 1 / 2 units.
  SourceFile S = SourceFile::fromText("t.py", "s = 'é😀'; f()\n");
  unsigned F = S.text().find("f()");
  CHECK(F == 14);
  CHECK(S.columnCodePoints(F) == 11);
  CHECK(S.columnUtf16(F) == 12);
}

TEST_CASE("invalid UTF-8 still yields columns") {
  SourceFile S = SourceFile::fromText("t.py", "x = '\xff\xfe'; y\n");
  CHECK(S.columnCodePoints(9) == 10);
}

TEST_CASE("a UTF-8 BOM is kept and measured") {
  SourceFile S = SourceFile::fromText("t.py", "\xEF\xBB\xBFimport os\n");
  CHECK(S.bomLength() == 3);
  CHECK(S.text().size() == 13);
}

TEST_CASE("loading refuses directories and missing files with a message") {
  auto Dir = SourceFile::load(".");
  REQUIRE(!Dir);
  CHECK(llvm::toString(Dir.takeError()).find("directory") != std::string::npos);
  auto Missing = SourceFile::load("/nonexistent/modlint/x.py");
  REQUIRE(!Missing);
  llvm::consumeError(Missing.takeError());
}

TEST_CASE("files nested deeper than the parser survives are refused, not parsed") {
  std::string Deep = "def f(c):\n";
  for (unsigned I = 1; I <= modlint::MaxBlockNesting + 1; ++I)
    Deep += std::string(I, ' ') + "if x:\n";
  Deep += std::string(modlint::MaxBlockNesting + 2, ' ') + "m = t.M(\"x\")\n";
  auto Reason = modlint::unparseableReason(SourceFile::fromText("t.py", Deep));
  REQUIRE(Reason);
  CHECK(*Reason == "blocks nested more than 250 deep; not analysed");
  // Continuation lines, comments and blank lines at odd indents do not count.
  CHECK(!modlint::unparseableReason(
      SourceFile::fromText("t.py", "x = f(1,\n        2)\n    # c\n\n\ty = 1\n")));
}

TEST_CASE("a prefix keeps what reporting up to an offset reads") {
  SourceFile S = SourceFile::fromText("t.py", "a = 1\nb = 2\nc = 3\nd = 4\n");
  SourceFile P = S.prefixThrough(8); // in line 2
  CHECK(P.text() == "a = 1\nb = 2\n");
  CHECK(P.fileSize() == S.text().size());
  CHECK(P.lineOf(8) == 2);
  CHECK(P.columnCodePoints(8) == 3);
  // At least two lines: a coding cookie may be on the second.
  SourceFile L = SourceFile::fromText("l.py", "x = '\xe9'\n# -*- coding: latin-1 -*-\ny = 1\n");
  SourceFile LP = L.prefixThrough(0);
  CHECK(LP.text().size() == L.text().size() - 6);
  CHECK(LP.toUtf8(LP.lineText(1)) == L.toUtf8(L.lineText(1)));
  // An offset at or past the end keeps everything.
  CHECK(S.prefixThrough(100).text() == S.text());
}
