#include "analyzer/flow/VisibleCode.h"

#include "llvm/ADT/StringExtras.h"

#include <doctest/doctest.h>


using namespace modlint;
using Kind = VisibleCode::NameKind;

namespace {

const char *name(Kind K) {
  switch (K) {
  case Kind::Unbound:
    return "Unbound";
  case Kind::Data:
    return "Data";
  case Kind::Function:
    return "Function";
  case Kind::Class:
    return "Class";
  case Kind::OtherHazard:
    return "OtherHazard";
  }
  return "?";
}

/// kindOf(\p Name) in \p Code, or "<unparsed>".
std::string kindIn(llvm::StringRef Code, llvm::StringRef Name) {
  std::optional<VisibleCode> V = VisibleCode::parse(Code);
  return V ? name(V->kindOf(Name)) : "<unparsed>";
}

/// globalsReadBy(\p Name) in \p Code, space-separated, or "<unparsed>".
std::string readsIn(llvm::StringRef Code, llvm::StringRef Name) {
  std::optional<VisibleCode> V = VisibleCode::parse(Code);
  return V ? llvm::join(V->globalsReadBy(Name), " ") : "<unparsed>";
}

} // namespace

TEST_CASE("names bound only to literals are data") {
  const char *Code = "a = 42\n"
                     "s = 'x' 'y'\n"
                     "by = b'x'\n"
                     "n = None\n"
                     "t = (1, -2, [3.0, {'k': {1, 2}}], True, False, ...)\n"
                     "HOUR = 60 * 60\n"
                     "d = {}\n"
                     "fs = f'{a}'\n"
                     "u, v = 1, 'two'\n"
                     "p, q = 'pq'\n"
                     "for i in (1, 2):\n    pass\n"
                     "c = 1\nc += 1\n"
                     "alias = HOUR\n"
                     "def setup():\n    global G\n    G = 1\n";
  for (const char *Name :
       {"a", "s", "by", "n", "t", "HOUR", "d", "fs", "u", "v", "p", "q", "i", "c", "alias", "G"})
    CHECK_MESSAGE(kindIn(Code, Name) == "Data", Name);
}

TEST_CASE("a name never bound at top level is unbound") {
  const char *Code = "def f():\n    inner = 1\n"
                     "class K:\n    attr = 1\n"
                     "ann: int\n"
                     "[c for c in 'ab']\n";
  CHECK(kindIn(Code, "missing") == "Unbound");
  CHECK(kindIn(Code, "inner") == "Unbound");
  CHECK(kindIn(Code, "attr") == "Unbound");
  CHECK(kindIn(Code, "ann") == "Unbound");
  CHECK(kindIn(Code, "c") == "Unbound");
  CHECK(kindIn(Code, "f") == "Function");
  CHECK(kindIn(Code, "K") == "Class");
}

TEST_CASE("functions, lambdas and classes carry the hazard") {
  CHECK(kindIn("def f():\n    pass\n", "f") == "Function");
  CHECK(kindIn("@deco\ndef f():\n    pass\n", "f") == "Function");
  CHECK(kindIn("f = lambda: 1\n", "f") == "Function");
  CHECK(kindIn("def f():\n    pass\ng = f\n", "g") == "Function");
  CHECK(kindIn("class K(object):\n    pass\n", "K") == "Class");
  CHECK(kindIn("@deco\nclass K:\n    pass\n", "K") == "Class");
  CHECK(kindIn("class K:\n    pass\nAlias = K\n", "Alias") == "Class");
}

TEST_CASE("a name bound to data and to something else is a hazard of the last other kind") {
  CHECK(kindIn("f = 1\ndef f():\n    pass\n", "f") == "Function");
  CHECK(kindIn("def f():\n    pass\nf = 1\n", "f") == "Function");
  CHECK(kindIn("class f:\n    pass\ndef f():\n    pass\nf = None\n", "f") == "Function");
  CHECK(kindIn("def f():\n    pass\nimport f\nf = 2\n", "f") == "OtherHazard");
  // The binding of f that reaches `g = f` is the data one.
  CHECK(kindIn("f = 1\ng = f\ndef f():\n    pass\n", "g") == "Data");
}

TEST_CASE("imports, calls and other expressions are other hazards") {
  CHECK(kindIn("import os\n", "os") == "OtherHazard");
  CHECK(kindIn("import os.path\n", "os") == "OtherHazard");
  CHECK(kindIn("from os import path as p\n", "p") == "OtherHazard");
  CHECK(kindIn("class Tool:\n    pass\ntool = Tool()\n", "tool") == "OtherHazard");
  CHECK(kindIn("x = len\n", "x") == "OtherHazard");
  CHECK(kindIn("x = y\n", "x") == "OtherHazard");
  CHECK(kindIn("a, b = pair\n", "a") == "OtherHazard");
  CHECK(kindIn("T = (1, 2)\na, b = T\n", "a") == "Data");
  CHECK(kindIn("def f():\n    pass\na, b = f\n", "a") == "OtherHazard");
  CHECK(kindIn("x = [1]\nx += [f]\n", "x") == "OtherHazard");
  CHECK(kindIn("x = [f]\n", "x") == "OtherHazard");
  CHECK(kindIn("x = {1: f}\n", "x") == "OtherHazard");
  CHECK(kindIn("x = 1 + f\n", "x") == "OtherHazard");
  CHECK(kindIn("for x in items():\n    pass\n", "x") == "OtherHazard");
  CHECK(kindIn("with open(p) as fh:\n    pass\n", "fh") == "OtherHazard");
  CHECK(kindIn("try:\n    pass\nexcept E as err:\n    pass\n", "err") == "OtherHazard");
  CHECK(kindIn("def setup():\n    global G\n    G = make()\n", "G") == "OtherHazard");
  CHECK(kindIn("a = b\nb = a\n", "a") == "OtherHazard");
  std::string Chain = "def f():\n    pass\na0 = f\n";
  for (unsigned I = 1; I <= 100; ++I)
    Chain += "a" + std::to_string(I) + " = a" + std::to_string(I - 1) + "\n";
  for (const char *Name : {"a1", "a17", "a50", "a100"})
    CHECK_MESSAGE(kindIn(Chain, Name) == "Function", Name);
}

TEST_CASE("code that binds names out of sight makes every unseen name a hazard") {
  CHECK(kindIn("from m import *\n", "anything") == "OtherHazard");
  CHECK(kindIn("globals()['x'] = f\n", "x") == "OtherHazard");
  CHECK(kindIn("exec 'x = f'\n", "x") == "OtherHazard");
  CHECK(kindIn("exec('x = f')\n", "x") == "OtherHazard");
  CHECK(kindIn("from m import *\na = 1\n", "a") == "Data");
  CHECK(kindIn("a = 1\n", "anything") == "Unbound");
}

TEST_CASE("the classic Python 2 module: a print statement reading a global") {
  const char *Code = "a = 42\ndef func():\n    print a\n";
  CHECK(kindIn(Code, "a") == "Data");
  CHECK(kindIn(Code, "func") == "Function");
  CHECK(readsIn(Code, "func") == "a");
  CHECK(readsIn(Code, "a") == "");
}

TEST_CASE("code that cannot be trusted is not parsed") {
  CHECK(kindIn("def (:\n", "x") == "<unparsed>");
  CHECK(kindIn("x = 1\nif x\n", "x") == "<unparsed>");
  CHECK(kindIn(llvm::StringRef("x = 1\0", 6), "x") == "<unparsed>");
  CHECK(kindIn("x = '\xFF'\n", "x") == "<unparsed>");
  CHECK(kindIn("\xEF\xBB\xBFx = 1\n", "x") == "<unparsed>");
  // tree-sitter-python takes these; Python's tokenizer raises IndentationError.
  CHECK(kindIn("a = 1\n  b = 2\n", "a") == "<unparsed>");
  CHECK(kindIn("\n    a = 1\n", "a") == "<unparsed>");
  CHECK(kindIn("\f  a = 1\n", "a") == "<unparsed>");
  CHECK(kindIn("if x:\n    a = 1\n      b = 2\n", "a") == "<unparsed>");
  CHECK(kindIn("if x:\n    a = 1\n  b = 2\n", "a") == "<unparsed>");
  CHECK(kindIn("if x:\n\ta = 1\n        b = 2\n", "a") == "<unparsed>");
  // Nor these: Python reads an unterminated string.
  CHECK(kindIn("x = '\n'\n", "x") == "<unparsed>");
  CHECK(kindIn("x = r'\\\r\n\r'\n", "x") == "<unparsed>");
  // What Python accepts is parsed.
  CHECK(kindIn("x = 'a\\\nb'\n", "x") == "Data");
  CHECK(kindIn("x = r'a\\\r\nb'\r\n", "x") == "Data");
  CHECK(kindIn("x = '''\n'''\n", "x") == "Data");
  CHECK(kindIn("x = f'{1}\\n'\n", "x") == "Data");
  CHECK(kindIn("if x:\n  a = 1; b = 2\n", "b") == "Data");
  CHECK(kindIn("if x: a = 1\n", "a") == "Data");
  CHECK(kindIn("if x:\n    a = 1\n  # c\n    b = 2\n", "b") == "Data");
  CHECK(kindIn("  \fa = 1\n", "a") == "Data");
  CHECK(kindIn("if x:\n\ta = 1\n\tb = (1,\n  2)\n", "b") == "Data");
  std::string Blocks;
  for (unsigned I = 0; I <= MaxBlockNesting; ++I)
    Blocks += std::string(I, ' ') + "if x:\n";
  Blocks += std::string(MaxBlockNesting + 1, ' ') + "y = 1\n";
  CHECK(kindIn(Blocks, "y") == "<unparsed>");
  unsigned Deep = VisibleCode::MaxDepth + 10;
  CHECK(kindIn("x = " + std::string(Deep, '(') + "1" + std::string(Deep, ')') + "\n", "x") ==
        "<unparsed>");
  std::string Sum = "x = 1";
  for (unsigned I = 0; I < Deep; ++I)
    Sum += " + 1";
  CHECK(kindIn(Sum + "\n", "x") == "<unparsed>");
  // Within the limits, nesting is fine.
  CHECK(kindIn("x = " + std::string(100, '(') + "1" + std::string(100, ')') + "\n", "x") == "Data");
}

TEST_CASE("large code: every name and read is kept") {
  std::string Code;
  for (unsigned I = 0; I < 5000; ++I)
    Code += "v" + std::to_string(I) + " = " + std::to_string(I) + "\ndef f" + std::to_string(I) +
            "():\n    return v" + std::to_string(I) + " + v0\n";
  std::optional<VisibleCode> V = VisibleCode::parse(Code);
  REQUIRE(V);
  CHECK(V->kindOf("v4999") == Kind::Data);
  CHECK(llvm::join(V->globalsReadBy("f4999"), " ") == "v4999 v0");
}

TEST_CASE("a name bound and read many times") {
  std::string Code = "big = [";
  for (unsigned I = 0; I < 20000; ++I)
    Code += "1, ";
  Code += "]\n";
  for (unsigned I = 0; I < 10000; ++I)
    Code += "x = big\n";
  Code += "def f():\n";
  for (unsigned I = 0; I < 10000; ++I)
    Code += "    y = 1\n    z = x + y\n";
  std::optional<VisibleCode> V = VisibleCode::parse(Code);
  REQUIRE(V);
  CHECK(V->kindOf("x") == Kind::Data);
  CHECK(llvm::join(V->globalsReadBy("f"), " ") == "x");
}

TEST_CASE("a function reads the globals its body loads, in first-read order") {
  CHECK(readsIn("a = 42\nb = 1\ndef func():\n    return b + a + a\n", "func") == "b a");
  // Builtins and names the code never binds are no globals of the code.
  CHECK(readsIn("a = 1\ndef f():\n    return len(a) + undefined\n", "f") == "a");
  // Attribute names and keyword names are not names.
  CHECK(readsIn("os = 1\nname = 2\nkey = 3\ndef f():\n    return g(os.name, key=1)\ng = 0\n",
                "f") == "g os");
  // Defaults, annotations and decorators run when the function is defined.
  CHECK(readsIn("d = 1\nT = 2\ndeco = 3\n@deco\ndef f(x=d, y: T = 2) -> T:\n    return x\n", "f") ==
        "");
  CHECK(readsIn("a = 1\ndef f():\n    pass\n", "f") == "");
  CHECK(readsIn("a = 1\n", "a") == "");
  CHECK(readsIn("a = 1\n", "missing") == "");
}

TEST_CASE("locals and parameters shadow globals") {
  CHECK(readsIn("a = 1\ndef f():\n    a = 2\n    return a\n", "f") == "");
  CHECK(readsIn("a = 1\ndef f(a):\n    return a\n", "f") == "");
  CHECK(readsIn("a = 1\ndef f(*a, **b):\n    return a, b\nb = 2\n", "f") == "");
  CHECK(readsIn("a = 1\ndef f():\n    for a in range(3):\n        pass\n    return a\n", "f") ==
        "");
  CHECK(readsIn("a = 1\nc = []\ndef f():\n    a, b = 1, 2\n    c[0] = a\n", "f") == "c");
  CHECK(readsIn("a = 1\nb = 2\ndef f():\n    import a\n    from x import b\n    return a, b\n",
                "f") == "");
  CHECK(readsIn("e = 1\ndef f():\n    try:\n        pass\n    except E as e:\n        return e\n",
                "f") == "");
}

TEST_CASE("global declarations: writing a global is no read, reading it is") {
  CHECK(readsIn("x = 0\ndef f():\n    global x\n    x = 1\n", "f") == "");
  CHECK(readsIn("x = 0\ndef f():\n    global x\n    x += 1\n", "f") == "x");
  CHECK(readsIn("def f():\n    global y\n    y = 1\n    return y\n", "f") == "y");
  CHECK(readsIn("x = 0\ndef f():\n    global x\n    del x\n", "f") == "");
}

TEST_CASE("nested functions and classes run when their function runs") {
  CHECK(readsIn("a = 1\nb = 2\ndef outer():\n    def inner(x=b):\n        return a\n"
                "    return inner\n",
                "outer") == "b a");
  CHECK(readsIn("a = 1\ndef f():\n    class K:\n        x = a\n    return K\n", "f") == "a");
  CHECK(readsIn("a = 1\ndef f():\n    return lambda: a\n", "f") == "a");
  CHECK(readsIn("a = 1\ndef f():\n    def g(a):\n        return a\n    return g\n", "f") == "");
  CHECK(readsIn("a = 1\ndef f():\n    return lambda a=a: a\n", "f") == "a");
  CHECK(readsIn("a = 1\ndef f():\n    x = 2\n    def g():\n        return x, a\n    return g\n",
                "f") == "a");
}

TEST_CASE("comprehension variables are local to the comprehension") {
  CHECK(readsIn("n = 3\nitems = [1]\ni = 0\ndef f():\n    return [n * i for i in items if i]\n",
                "f") == "n items");
  CHECK(readsIn("i = 5\nn = 2\ndef f():\n    return [i for i in range(n)]\n", "f") == "n");
  CHECK(readsIn("xs = []\nx = 1\ndef f():\n    return sum(x for x in xs)\n", "f") == "xs");
  CHECK(readsIn("d = {}\nk = 1\ndef f():\n    return {k: v for k, v in d.items()}\n", "f") == "d");
  // The first iterable runs in the function: there x is the global, not the loop's.
  CHECK(readsIn("x = [1]\ndef f():\n    return [x for x in x]\n", "f") == "x");
  CHECK(readsIn("x = [1]\ndef f():\n    return [y for y in [1] for x in x]\n", "f") == "");
  CHECK(readsIn("xs = []\ndef f(xs):\n    return [x for x in xs]\n", "f") == "");
}

TEST_CASE("a lambda bound at top level reads what its body loads") {
  const char *Code = "k = 2\ndflt = 1\nf = lambda x=dflt: x * k\n";
  CHECK(kindIn(Code, "f") == "Function");
  CHECK(readsIn(Code, "f") == "k");
}

TEST_CASE("a class reads what its methods read, not what its body reads") {
  const char *Code = "A = 1\nB = 2\nC = 3\nBase = object\n"
                     "class K(Base):\n"
                     "    attr = C\n"
                     "    names = [C for _ in A]\n"
                     "    def m(self, x=C):\n        return A\n"
                     "    def n(self):\n        return B, A, K\n"
                     "    class Inner:\n        def i(self):\n            return C\n"
                     "    handler = lambda self: Base\n";
  CHECK(readsIn(Code, "K") == "A B K C Base");
}

TEST_CASE("an alias reads what its function reads; data names read nothing") {
  CHECK(readsIn("a = 1\ndef f():\n    return a\ng = f\n", "g") == "a");
  CHECK(readsIn("a = 1\ndef f():\n    return a\nf = 2\n", "f") == "a");
  CHECK(readsIn("a = 1\nx = [a]\n", "x") == "");
}

TEST_CASE("visible code from a literal: dedent, then parse") {
  std::string File = "CODE = '''\n    a = 42\n    def func():\n        print a\n    '''\n";
  SourceFile S = SourceFile::fromText("t.py", File);
  SyntaxParser P;
  SyntaxTree T(P, S);
  TSNode Assign = ts_node_named_child(ts_node_named_child(T.root(), 0), 0);
  std::optional<std::string> Code = evaluateStringLiteral(T, field(Assign, "right"));
  REQUIRE(Code);
  CHECK(dedent(*Code) == "\na = 42\ndef func():\n    print a\n");
  std::optional<VisibleCode> V = VisibleCode::parse(dedent(*Code));
  REQUIRE(V);
  CHECK(V->kindOf("func") == Kind::Function);
  CHECK(llvm::join(V->globalsReadBy("func"), " ") == "a");
  // Undedented, the indented code is a syntax error.
  CHECK(!VisibleCode::parse(*Code));
}
