#include "analyzer/UnifiedDiff.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using modlint::unifiedDiff;

TEST_CASE("equal texts give no diff") { CHECK(unifiedDiff("a.py", "x\n", "x\n").empty()); }

namespace {
modlint::TextEdit edit(unsigned Begin, unsigned End, std::string Replacement) {
  modlint::TextEdit E;
  E.Begin = Begin, E.End = End, E.Replacement = std::move(Replacement);
  return E;
}
std::string lines(int From, int To) {
  std::string S;
  for (int I = From; I <= To; ++I)
    S += "l" + std::to_string(I) + "\n";
  return S;
}
} // namespace

TEST_CASE("an insertion and a replacement far apart make two hunks") {
  std::string Old = lines(1, 20);
  unsigned L15 = Old.find("l15");
  std::vector<modlint::TextEdit> Edits = {edit(0, 0, "import sys\n"), edit(L15, L15 + 1, "L")};
  CHECK(unifiedDiff("a.py", Old, Edits) == "--- a.py\n+++ a.py\n"
                                           "@@ -1,3 +1,4 @@\n+import sys\n l1\n l2\n l3\n"
                                           "@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+L15\n"
                                           " l16\n l17\n l18\n");
}

TEST_CASE("changes up to six lines apart share a hunk; touching lines are one change") {
  std::string Old = lines(1, 12);
  unsigned L2 = Old.find("l2"), L3 = Old.find("l3"), L10 = Old.find("l10");
  std::vector<modlint::TextEdit> Edits = {edit(L2, L2 + 1, "L"), edit(L3, L3 + 1, "L"),
                                          edit(L10, L10 + 1, "L")};
  CHECK(unifiedDiff("a.py", Old, Edits) == "--- a.py\n+++ a.py\n@@ -1,12 +1,12 @@\n l1\n-l2\n-l3\n"
                                           "+L2\n+L3\n l4\n l5\n l6\n l7\n l8\n l9\n-l10\n+L10\n"
                                           " l11\n l12\n");
}

TEST_CASE("an edit that joins two lines shows both; one that changes nothing shows nothing") {
  std::string Old = "a = (\n1)\nb\n";
  CHECK(unifiedDiff("a.py", Old, std::vector<modlint::TextEdit>{edit(5, 6, "")}) ==
        "--- a.py\n+++ a.py\n@@ -1,3 +1,2 @@\n-a = (\n-1)\n+a = (1)\n b\n");
  CHECK(unifiedDiff("a.py", Old, std::vector<modlint::TextEdit>{edit(0, 1, "a")}).empty());
  CHECK(unifiedDiff("a.py", "", std::vector<modlint::TextEdit>{edit(0, 0, "x\n")}) ==
        "--- a.py\n+++ a.py\n@@ -0,0 +1,1 @@\n+x\n");
}

TEST_CASE("CRLF lines keep their breaks, and a CR joined to the next LF joins the lines") {
  CHECK(unifiedDiff("a.py", "a\r\nb\r\n", std::vector<modlint::TextEdit>{edit(0, 1, "A")}) ==
        "--- a.py\n+++ a.py\n@@ -1,2 +1,2 @@\n-a\r\n+A\r\n b\r\n");
  CHECK(unifiedDiff("a.py", "a\n\nc\n", std::vector<modlint::TextEdit>{edit(1, 2, "\r")}) ==
        "--- a.py\n+++ a.py\n@@ -1,3 +1,2 @@\n-a\n-\n+a\r\n c\n");
}

TEST_CASE("two texts differ in one change from the first differing line to the last") {
  CHECK(unifiedDiff("a.py", lines(1, 5), "l1\nL2\nl3\nL4\nl5\n") ==
        "--- a.py\n+++ a.py\n@@ -1,5 +1,5 @@\n l1\n-l2\n-l3\n-l4\n+L2\n+l3\n+L4\n l5\n");
}

TEST_CASE("a missing final newline is marked") {
  CHECK(unifiedDiff("a.py", "x", "y") ==
        "--- a.py\n+++ a.py\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n"
        "+y\n\\ No newline at end of file\n");
}

TEST_CASE("names with line breaks, quotes, backslashes or non-ASCII bytes are quoted as git does") {
  CHECK(unifiedDiff("a b.py", "x\n", "y\n").rfind("--- a b.py\n+++ a b.py\n", 0) == 0);
  CHECK(unifiedDiff("x.py\n+++ evil.py", "x\n", "y\n")
            .rfind("--- \"x.py\\n+++ evil.py\"\n+++ \"x.py\\n+++ evil.py\"\n@@", 0) == 0);
  CHECK(unifiedDiff("q\"\\\t\x1b\x7f\xc3\xa9.py", "x\n", "y\n")
            .rfind("--- \"q\\\"\\\\\\t\\033\\177\\303\\251.py\"\n", 0) == 0);
}
