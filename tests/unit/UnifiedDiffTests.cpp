#include "analyzer/UnifiedDiff.h"

#include <doctest/doctest.h>

using modlint::unifiedDiff;

TEST_CASE("equal texts give no diff") { CHECK(unifiedDiff("a.py", "x\n", "x\n").empty()); }

TEST_CASE("an insertion and a replacement far apart make two hunks") {
  std::string Old, New;
  for (int I = 1; I <= 20; ++I) {
    Old += "l" + std::to_string(I) + "\n";
    if (I == 1)
      New += "import sys\n";
    New += (I == 15 ? std::string("L15") : "l" + std::to_string(I)) + "\n";
  }
  CHECK(unifiedDiff("a.py", Old, New) == "--- a.py\n+++ a.py\n"
                                         "@@ -1,3 +1,4 @@\n+import sys\n l1\n l2\n l3\n"
                                         "@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+L15\n"
                                         " l16\n l17\n l18\n");
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
