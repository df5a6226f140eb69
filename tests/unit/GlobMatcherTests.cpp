#include "analyzer/Config.h"
#include "analyzer/GlobMatcher.h"

#include "llvm/Support/GlobPattern.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace modlint;

namespace {

bool globMatches(const std::string &Glob, const std::string &Name) {
  auto M = GlobMatcher::create(Glob);
  REQUIRE_MESSAGE(M, Glob);
  return M->match(Name);
}

std::string errorOf(const std::string &Glob) {
  auto M = GlobMatcher::create(Glob);
  return M ? "<compiled>" : llvm::toString(M.takeError());
}

std::string regexOf(const std::string &Glob) {
  auto M = GlobMatcher::create(Glob);
  REQUIRE_MESSAGE(M, Glob);
  return M->regex();
}

} // namespace

TEST_CASE("stars match any bytes, slashes too; the whole name must match") {
  CHECK(globMatches("*.py", "a.py"));
  CHECK(globMatches("*.py", "pkg/sub/a.py"));
  CHECK(globMatches("*.py", ".py"));
  CHECK_FALSE(globMatches("*.py", "a.pyi"));
  CHECK(globMatches("tests/*", "tests/"));
  CHECK(globMatches("tests/*", "tests/a/b.py"));
  CHECK_FALSE(globMatches("tests/*", "src/tests/a.py"));
  CHECK(globMatches("*", ""));
  CHECK(globMatches("a*b*c", "a/x/b/y/c"));
  CHECK(globMatches("a**b", "ab"));
  CHECK(globMatches("**/x.py", "a/b/x.py"));
  CHECK_FALSE(globMatches("**/x.py", "x.py"));
}

TEST_CASE("two or more stars ending a glob need a byte; one star does not") {
  CHECK(globMatches("dir/*", "dir/"));
  CHECK_FALSE(globMatches("dir/**", "dir/"));
  CHECK(globMatches("dir/**", "dir/a"));
  CHECK_FALSE(globMatches("**", ""));
  CHECK(globMatches("**", "a"));
  CHECK(globMatches("a?*", "ab"));
  CHECK_FALSE(globMatches("a?**", "ab"));
  CHECK(regexOf("dir/**") == "dir/.+");
  CHECK(regexOf("a**b*") == "a.*b.*");
}

TEST_CASE("? is any one byte: a slash, a newline, one byte of UTF-8") {
  CHECK(globMatches("a?c", "abc"));
  CHECK(globMatches("a?c", "a/c"));
  CHECK(globMatches("a?c", "a\nc"));
  CHECK_FALSE(globMatches("a?c", "ac"));
  CHECK_FALSE(globMatches("a?c", "a\xc3\xa9"
                                 "c")); // é is two bytes
  CHECK(globMatches("a??c", "a\xc3\xa9"
                            "c"));
  CHECK(globMatches("?", "\xff"));
}

TEST_CASE("brackets: sets, ranges, negation; ] first and - at an end are literal") {
  CHECK(globMatches("[ab].py", "b.py"));
  CHECK_FALSE(globMatches("[ab].py", "c.py"));
  CHECK(globMatches("x[0-9]", "x7"));
  CHECK_FALSE(globMatches("x[0-9]", "xa"));
  CHECK(globMatches("x[!0-9]", "xa"));
  CHECK(globMatches("x[^0-9]", "x/"));
  CHECK_FALSE(globMatches("x[!0-9]", "x5"));
  CHECK(globMatches("[]]", "]"));
  CHECK(globMatches("[]a]", "a"));
  // After [! the set ends at the first ]: [!] is any byte, then a literal ].
  CHECK(globMatches("[!]]", "a]"));
  CHECK_FALSE(globMatches("[!]]", "a"));
  CHECK(globMatches("[a-]", "-"));
  CHECK(globMatches("[-a]", "-"));
  CHECK(globMatches("[a-c-e]", "-"));
  CHECK(globMatches("[a-c-e]", "e"));
  CHECK_FALSE(globMatches("[a-c-e]", "d"));
  // Nothing escapes inside: a backslash is a member, and may end a range.
  CHECK(globMatches("[\\]", "\\"));
  CHECK(globMatches("[*-\\]", "A"));
  // [!] is "not nothing": any byte.
  CHECK(globMatches("[!]", "z"));
  CHECK(globMatches("[\x80-\xff]", "\xe9"));
  CHECK(regexOf("[a-cx]") == "[a-cx]");
  CHECK(regexOf("[!\x01-\xff]") == "\\x00");
  const std::string NoByte("[!\0-\xff]", 6); // a set of no byte
  CHECK(regexOf(NoByte) == "[^\\x00-\\xff]");
  CHECK_FALSE(globMatches(NoByte, std::string(1, '\0')));
  CHECK_FALSE(globMatches(NoByte, "a"));
}

TEST_CASE("a backslash makes the next byte literal; a trailing one matches nothing") {
  CHECK(globMatches("\\*.py", "*.py"));
  CHECK_FALSE(globMatches("\\*.py", "a.py"));
  CHECK(globMatches("a\\?", "a?"));
  CHECK_FALSE(globMatches("a\\?", "ab"));
  CHECK(globMatches("\\[x]", "[x]"));
  CHECK(globMatches("\\a", "a"));
  CHECK_FALSE(globMatches("a\\", "a"));
  CHECK_FALSE(globMatches("a\\", "a\\"));
}

TEST_CASE("regex metacharacters of the glob are plain bytes") {
  for (const char *Meta :
       {".", "+", "(", ")", "|", "{", "}", "^", "$", "{1,2}", "(?i)", "a|b", "$^", "x+", "(a)"}) {
    std::string Glob = std::string("f") + Meta + "g";
    CHECK_MESSAGE(globMatches(Glob, Glob), Glob);
  }
  CHECK(globMatches("f\\\\g", "f\\g")); // an escaped backslash
  CHECK(globMatches("f\\dg", "fdg"));   // \d is d, not a digit
  CHECK_FALSE(globMatches("f\\dg", "f1g"));
  CHECK_FALSE(globMatches("a.py", "axpy"));
  CHECK_FALSE(globMatches("a+", "aa"));
  CHECK_FALSE(globMatches("(a|b)", "a"));
  CHECK_FALSE(globMatches("a{2}", "aa"));
  CHECK_FALSE(globMatches("^a$", "a"));
  CHECK_FALSE(globMatches("(?i)A", "a"));
  CHECK(regexOf("a.b") == "a\\x2eb");
  CHECK(regexOf("(x|y)+") == "\\x28x\\x7cy\\x29\\x2b");
}

TEST_CASE("errors say why, without the glob (callers name it)") {
  CHECK(errorOf("[") == "'[' without a closing ']'");
  CHECK(errorOf("a[]") == "'[' without a closing ']'");
  CHECK(errorOf("[z-a]") == "range 'z-a' is reversed");
  CHECK(errorOf("[!9-0]") == "range '9-0' is reversed");
  CHECK(errorOf(std::string(GlobMatcher::MaxBytes + 1, '*')) == "longer than 4096 bytes");
  CHECK(errorOf(std::string(GlobMatcher::MaxBytes, '*')) == "<compiled>");
  CHECK(errorOf("[]]") == "<compiled>");
}

TEST_CASE("hostile stars compile to one .* and match at once") {
  CHECK(regexOf("**********b") == ".*b");
  CHECK_FALSE(globMatches("**********b", std::string(29, 'a')));
  std::string Stars;
  for (int I = 0; I < 1000; ++I)
    Stars += "*a";
  CHECK_FALSE(globMatches(Stars + "b", std::string(4000, 'a')));
  CHECK(globMatches(std::string(GlobMatcher::MaxBytes, '*'), std::string(100000, 'x')));
}

TEST_CASE("quoteGlob names long globs by their start and length") {
  CHECK(quoteGlob("a*") == "'a*'");
  CHECK(quoteGlob(std::string(64, '*')) == "'" + std::string(64, '*') + "'");
  CHECK(quoteGlob(std::string(200000, '*')) == "'" + std::string(64, '*') + "...' (200000 bytes)");
}

TEST_CASE("makeGlob drops a trailing slash and a leading ./; PathGlob tries names and parents") {
  auto G = makeGlob("./build/");
  REQUIRE(G);
  CHECK(G->matches("build"));
  CHECK(G->matches("build/x.py"));
  CHECK(G->matches("src/build/x.py")); // a parent's name
  CHECK_FALSE(G->matches("build/x.py", /*WithParents=*/false));
  auto Name = makeGlob("*.pyi");
  REQUIRE(Name);
  CHECK(Name->matches("pkg/a.pyi", false));
  auto Bad = makeGlob("[z-a]");
  CHECK(!Bad);
  CHECK(llvm::toString(Bad.takeError()) == "range 'z-a' is reversed");
}

// The language is LLVM's GlobPattern's, which modlint used before: every
// glob of up to four pieces against every short name, outside the globs
// where LLVM backtracks for long.
TEST_CASE("the same answers as LLVM's GlobPattern on every small glob and name") {
  const std::vector<std::string> Pieces = {"a", "/", "*", "?", "[ab]", "[!a]", "\\*", "."};
  const std::vector<char> Bytes = {'a', 'b', '*', '/', '.'};
  std::vector<std::string> Globs = {""}, Names = {""};
  for (size_t Len = 0, From = 0; Len < 4; ++Len) {
    size_t To = Globs.size();
    for (size_t I = From; I < To; ++I)
      for (const std::string &P : Pieces)
        Globs.push_back(Globs[I] + P);
    From = To;
  }
  for (size_t Len = 0, From = 0; Len < 3; ++Len) {
    size_t To = Names.size();
    for (size_t I = From; I < To; ++I)
      for (char B : Bytes)
        Names.push_back(Names[I] + B);
    From = To;
  }
  size_t Differences = 0;
  for (const std::string &Glob : Globs) {
    auto Ours = GlobMatcher::create(Glob);
    auto Theirs = llvm::GlobPattern::create(Glob);
    REQUIRE(Ours);
    REQUIRE(Theirs);
    for (const std::string &Name : Names)
      if (Ours->match(Name) != Theirs->match(Name) && ++Differences <= 10)
        FAIL_CHECK("glob '" << Glob << "' on '" << Name << "': LLVM says " << Theirs->match(Name));
  }
  CHECK(Differences == 0);
  CHECK(Globs.size() == 4681);
}
