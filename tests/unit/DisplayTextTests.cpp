#include "analyzer/DisplayText.h"

#include <doctest/doctest.h>

using namespace modlint;

TEST_CASE("printable text, tabs and non-ASCII letters are shown as they are") {
  CHECK(displayText("pkg/mod\u00e9.py\tx") == "pkg/mod\u00e9.py\tx");
}

TEST_CASE("C0 controls and DEL show as their control pictures") {
  CHECK(displayText("x\n::error file=README.md::pwned\r\n.py") ==
        "x\u240a::error file=README.md::pwned\u240d\u240a.py");
  CHECK(displayText(std::string("\x1b]0;t\x07\x7f\0", 8)) == "\u241b]0;t\u2407\u2421\u2400");
}

TEST_CASE("C1 controls, bidi controls and U+FFFE/U+FFFF are escaped") {
  CHECK(displayText("a\u202eb\u2066c\u200fd\u0085e\u009bf\ufffeg") ==
        "a\\u{202e}b\\u{2066}c\\u{200f}d\\u{85}e\\u{9b}f\\u{fffe}g");
}

TEST_CASE("bytes that are not UTF-8 are escaped one by one") {
  CHECK(displayText("bad\xff\xc3.py") == "bad\\xff\\xc3.py");
  CHECK(displayText("\xed\xa0\x80") == "\\xed\\xa0\\x80"); // an encoded surrogate
}

TEST_CASE("a displayed line maps each byte to the column it is shown at") {
  DisplayLine L = displayLine("\x1b\u202e\t\u00e9\xffx");
  CHECK(L.Text == "\u241b\\u{202e}       \u00e9\\xffx");
  CHECK(L.Placeholder == ".........\t.....x");
  // ESC; the 3 bytes of U+202E; tab; the 2 bytes of e-acute; 0xFF; x; end.
  CHECK(std::vector<unsigned>(L.Column.begin(), L.Column.end()) ==
        std::vector<unsigned>{0, 1, 1, 1, 9, 10, 10, 11, 15, 16});
}
