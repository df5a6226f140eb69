#include "analyzer/flow/Dedent.h"

#include <doctest/doctest.h>


using namespace modlint;

// Every expected string is CPython 3.11's output for the same input
// (python3 -c 'import textwrap, inspect; print(repr(textwrap.dedent(...))))').

TEST_CASE("dedent is textwrap.dedent (outputs of CPython 3.11)") {
  CHECK(dedent("  a\n    b\n  c\n") == "a\n  b\nc\n");
  CHECK(dedent("\ta\n  b\n") == "\ta\n  b\n");
  CHECK(dedent("\t  a\n\t b\n") == " a\nb\n");
  CHECK(dedent(" \t a\n \t\tb\n \t  c") == " a\n\tb\n  c");
  CHECK(dedent("  a\n   \n\t\n  b") == "a\n\n\nb");
  CHECK(dedent("    a\n  \n    b\n") == "a\n\nb\n");
  CHECK(dedent("a\n  b\n") == "a\n  b\n");
  CHECK(dedent("\n    x = 1\n    def f():\n        return x\n") ==
        "\nx = 1\ndef f():\n    return x\n");
  CHECK(dedent("  a\r\n  b\r\n") == "a\r\nb\r\n");
  CHECK(dedent("  \fa\n  b") == "\fa\nb");
  CHECK(dedent("  a\n  ") == "a\n");
  CHECK(dedent("   \n") == "\n");
  CHECK(dedent("") == "");
  CHECK(dedent("\u3000a\n\u3000b") == "\u3000a\n\u3000b");
}

TEST_CASE("cleandoc is inspect.cleandoc (outputs of CPython 3.11)") {
  CHECK(cleandoc("  First\n    a\n      b\n    c\n") == "First\na\n  b\nc");
  CHECK(cleandoc("\n\n    a\n    b\n\n\n") == "a\nb");
  CHECK(cleandoc("x\n\ta\n        b\n") == "x\na\nb");
  CHECK(cleandoc("x\n  a\tb\n  c") == "x\na     b\nc");
  CHECK(cleandoc("x\n    a\n  \n    b") == "x\na\n\nb");
  CHECK(cleandoc("x\n    a\n      \n    b") == "x\na\n  \nb");
  CHECK(cleandoc("   \n  a\n  b") == "a\nb");
  CHECK(cleandoc("x\n\u3000\u3000a\n\u3000b") == "x\n\u3000a\nb");
  CHECK(cleandoc("\ta") == "a");
  CHECK(cleandoc("x\n  a\r\n  b") == "x\na\r\nb");
  CHECK(cleandoc("") == "");
  CHECK(cleandoc("x\n  a\n   ") == "x\na\n ");
  CHECK(cleandoc("\xC3\xA9\tx\n\t\xC3\xA9\tb\n  c") ==
        "\xC3\xA9       x\n      \xC3\xA9       b\nc");
  CHECK(cleandoc("  \n  \n") == "  ");
}

TEST_CASE("dedent and cleandoc on hostile text") {
  // A margin that shrinks one space per line, and a line of tabs.
  std::string Text;
  for (unsigned I = 2000; I > 0; --I)
    Text += std::string(I, ' ') + "x\n";
  std::string D = dedent(Text);
  CHECK(D.substr(D.size() - 3) == "\nx\n");
  CHECK(D.substr(0, 1999) == std::string(1999, ' '));
  std::string C = cleandoc("x\n" + Text);
  CHECK(C.substr(C.size() - 2) == "\nx");
  CHECK(cleandoc(std::string(1 << 20, '\t')).empty());
  CHECK(cleandoc("x\n" + std::string(1 << 20, '\t') + "y") == "x\ny");
}
