#include "analyzer/Config.h"
#include "analyzer/RuleCodes.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {
const llvm::StringRef Codes[] = {"MOD001", "MOD002", "MOD003", "MOD004", "MOD005"};
} // namespace

TEST_CASE("ALL, the codes and their prefixes from the letters on are known") {
  RuleCodes Known(Codes);
  for (const char *S : {"ALL", "MOD", "MOD0", "MOD00", "MOD001", "MOD005"})
    CHECK_MESSAGE(Known.isKnown(S), S);
  for (const char *S : {"", "M", "MO", "MOD006", "MOD1", "MOD0011", "E501", "all", "MOD 001"})
    CHECK_MESSAGE(!Known.isKnown(S), S);
}

TEST_CASE("the closest known selector by edit distance, then length, then order") {
  RuleCodes Known(Codes);
  CHECK(Known.closest("MOD999") == "MOD001");
  CHECK(Known.closest("MOD006") == "MOD001");
  CHECK(Known.closest("MOD0001") == "MOD001");
  CHECK(Known.closest("MOD1") == "MOD0");
  CHECK(Known.closest("MO") == "MOD");
  CHECK(Known.closest("AL") == "ALL");
  CHECK(Known.closest("E501") == "MOD0");
  CHECK(Known.closest("MDO004") == "MOD004");
}

TEST_CASE("an unknown selector is named with where it is and the closest") {
  RuleCodes Known(Codes);
  CHECK(Known.problem("MOD004", "--select") == std::nullopt);
  CHECK(Known.problem("MOD999", "--select") ==
        "unknown rule code 'MOD999' in --select (the closest is 'MOD001')");
  CHECK(Known.firstProblem({"MOD001", "MOD0X", "MOD9"}, "--ignore") ==
        "unknown rule code 'MOD0X' in --ignore (the closest is 'MOD00')");
  CHECK(Known.firstProblem({"ALL", "MOD00"}, "--ignore") == std::nullopt);
}

TEST_CASE("config keys that take codes name the file, the line and the key") {
  RuleCodes Known(Codes);
  auto Error = [&](llvm::StringRef Text, llvm::StringRef Path = "/p/modlint.toml") {
    auto S = parseConfigText(Text, Path, Known);
    return S ? std::string() : llvm::toString(S.takeError());
  };
  CHECK(Error("select = [\n  \"MOD001\",\n  \"MOD999\",\n]\n") ==
        "/p/modlint.toml:3: unknown rule code 'MOD999' in 'select' (the closest is 'MOD001')");
  CHECK(Error("extend-select = [\"mod00x\"]\n") ==
        "/p/modlint.toml:1: unknown rule code 'MOD00X' in 'extend-select' (the closest is "
        "'MOD001')");
  CHECK(Error("ignore = [\"E501\"]\n") ==
        "/p/modlint.toml:1: unknown rule code 'E501' in 'ignore' (the closest is 'MOD0')");
  CHECK(Error("[tool.modlint.per-file-ignores]\n\"tests/*\" = [\"MOD003\", \"MOD3\"]\n",
              "/p/pyproject.toml") == "/p/pyproject.toml:2: unknown rule code 'MOD3' in "
                                      "'per-file-ignores' (the closest is 'MOD0')");
  CHECK(Error("select = [\"ALL\", \"MOD\", \"mod004\"]\nignore = [\"MOD00\"]\n") == "");
}
