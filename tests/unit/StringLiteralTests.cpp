#include "analyzer/flow/StringLiteral.h"

#include <doctest/doctest.h>


using namespace modlint;

namespace {

/// The value of the string literal \p Expr (as written in a file), or
/// "<refused>"; \p Bytes says whether it is a bytes literal.
std::string value(llvm::StringRef Expr, bool *Bytes = nullptr) {
  std::string Text = "x = " + Expr.str() + "\n";
  SourceFile S = SourceFile::fromText("t.py", Text);
  SyntaxParser P;
  SyntaxTree T(P, S);
  TSNode Assign = ts_node_named_child(ts_node_named_child(T.root(), 0), 0);
  REQUIRE(kind(Assign) == "assignment");
  std::optional<std::string> V = evaluateStringLiteral(T, field(Assign, "right"), Bytes);
  return V ? *V : "<refused>";
}

} // namespace

TEST_CASE("every escape sequence of a str literal is decoded") {
  CHECK(value(R"('a\nb')") == "a\nb");
  CHECK(value(R"('\t\\\'\"')") == "\t\\'\"");
  CHECK(value(R"('\a\b\f\r\v')") == "\a\b\f\r\v");
  CHECK(value(R"('\x41\xe9')") == "A\xC3\xA9");
  CHECK(value(R"('\101\1234\0')") == std::string("AS4\0", 4));
  CHECK(value(R"('\1\12\08')") == std::string("\1\n\0"
                                              "8",
                                              4));
  CHECK(value(R"('\u00e9\U0001F600')") == "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(value(R"('\q\8\9')") == "\\q\\8\\9"); // unknown escapes stay as written
  CHECK(value(R"('\'')") == "'");
  CHECK(value(R"("\"")") == "\"");
  CHECK(value(R"(u'\u00e9')") == "\xC3\xA9");
  CHECK(value(R"(U'\x7e')") == "~");
  CHECK(value("'\xC3\xA9\\xe9'") == "\xC3\xA9\xC3\xA9");
}

TEST_CASE("escapes whose value is unknown or version-dependent are refused") {
  CHECK(value(R"('\N{EM DASH}')") == "<refused>");
  CHECK(value(R"('\777')") == "<refused>");
  CHECK(value(R"('\x4')") == "<refused>");
  CHECK(value(R"('\u12')") == "<refused>");
  CHECK(value(R"('\ud800')") == "<refused>");
  CHECK(value(R"('\U00110000')") == "<refused>");
  CHECK(value(R"(ur'x')") == "<refused>");
  CHECK(value("`y`") == "<refused>");
}

TEST_CASE("raw strings keep backslashes") {
  CHECK(value(R"(r'\n\'')") == "\\n\\'");
  CHECK(value(R"(R'\x41\\')") == "\\x41\\\\");
  CHECK(value("r'''a\\\nb'''") == "a\\\nb");
}

TEST_CASE("bytes literals give their bytes") {
  bool Bytes = false;
  CHECK(value(R"(b'\x41\xff\u00e9\N{DASH}\101')", &Bytes) == "A\xFF\\u00e9\\N{DASH}A");
  CHECK(Bytes);
  CHECK(value(R"(rb'\n')", &Bytes) == "\\n");
  CHECK(value(R"(BR'\n')", &Bytes) == "\\n");
  CHECK(Bytes);
  CHECK(value("'x'", &Bytes) == "x");
  CHECK(!Bytes);
  CHECK(value("b'\xC3\xA9'") == "<refused>"); // only ASCII is allowed in bytes
}

TEST_CASE("implicit concatenation joins the parts") {
  bool Bytes = true;
  CHECK(value(R"('a' "b" '''c''')", &Bytes) == "abc");
  CHECK(!Bytes);
  CHECK(value("('a'  # one\n 'b')") == "ab");
  CHECK(value("(('a'))") == "a");
  CHECK(value("b'a' b'b'", &Bytes) == "ab");
  CHECK(Bytes);
  CHECK(value("'a' b'b'") == "<refused>");
  CHECK(value("'a' f'{x}'") == "<refused>");
  CHECK(value("'a' '\\N{DASH}'") == "<refused>");
}

TEST_CASE("f-strings and t-strings are refused, whatever they hold") {
  CHECK(value("f'x'") == "<refused>");
  CHECK(value("f'{x}'") == "<refused>");
  CHECK(value("rf'x'") == "<refused>");
  CHECK(value("t'x'") == "<refused>");
}

TEST_CASE("triple quotes, continuations and line ends") {
  CHECK(value("'''a\n  b'''") == "a\n  b");
  CHECK(value(R"("""x"y""")") == "x\"y");
  CHECK(value("''") == "");
  CHECK(value("''''''") == "");
  CHECK(value(R"("""""")") == "");
  CHECK(value("'a\\\nb'") == "ab");
  CHECK(value("'''a\\\n\\\nb'''") == "ab");
  CHECK(value("'a\\\r\nb'") == "ab");
  CHECK(value("'''a\r\nb\rc'''") == "a\nb\nc");
  CHECK(value("r'''a\r\nb'''") == "a\nb");
  CHECK(value("r'a\\\nb'") == "a\\\nb");
  CHECK(value("r'a\\\r\nb'") == "a\\\nb");
  // A line end inside one quote is an unterminated string to Python.
  // (tree-sitter-python takes these without an error.)
  CHECK(value("'\n'") == "<refused>");
  CHECK(value("(u'\n\\7')") == "<refused>");
  CHECK(value("r'\r'") == "<refused>");
}

TEST_CASE("what is not a string literal has no value") {
  CHECK(value("1") == "<refused>");
  CHECK(value("name") == "<refused>");
  CHECK(value("'a' + 'b'") == "<refused>");
}

TEST_CASE("a huge literal is decoded whole") {
  std::string Big(1 << 20, 'a');
  for (size_t I = 0; I < Big.size(); I += 8)
    Big.replace(I, 4, "\\x41");
  std::string V = value("'" + Big + "'");
  CHECK(V.size() == Big.size() / 8 * 5);
  CHECK(V.substr(0, 10) == "AaaaaAaaaa");
  CHECK(value("'''" + Big + "\n" + Big + "'''").size() == Big.size() / 8 * 10 + 1);
}
