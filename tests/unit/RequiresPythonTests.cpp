#include "analyzer/RequiresPython.h"

#include <doctest/doctest.h>

using namespace modlint;

namespace {
std::string target(const char *Spec) {
  auto T = targetFromRequiresPython(Spec);
  return T ? "py" + std::to_string(T->Major) + std::to_string(T->Minor) : "none";
}
} // namespace

TEST_CASE("requires-python: the lowest target the specifiers allow, as Ruff infers it") {
  CHECK(target(">=2.7") == "py27");
  CHECK(target(">=3.9,<4") == "py39");
  CHECK(target(" >= 3.9 , < 4 ") == "py39");
  CHECK(target(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*") == "py27");
  CHECK(target(">3.9") == "py39");
  CHECK(target("==3.11.*") == "py311");
  CHECK(target("~=3.8.1") == "py38");
  CHECK(target("===3.12.0") == "py312");
  CHECK(target(">=3.6.2") == "py36");
  CHECK(target(">=3.8,>=3.10") == "py310"); // every clause holds: the greatest bound
  CHECK(target(">=3") == "py33");           // 3.0-3.2 are not targets: the lowest above
  CHECK(target(">=2.6") == "py27");
  CHECK(target(">=3.14") == "py314");
}

TEST_CASE("requires-python: none without a lower bound a target meets") {
  CHECK(target("<3.12") == "none");
  CHECK(target("!=3.5.*") == "none");
  CHECK(target(">=3.15") == "none");
  CHECK(target("") == "none");
  CHECK(target("python>=3.9") == "none");
  CHECK(target(">=three") == "none");
}

TEST_CASE("requires-python is read from [project]") {
  CHECK(requiresPythonOf("[project]\nrequires-python = \">=3.9\"\n") == std::string(">=3.9"));
  CHECK(!requiresPythonOf("[tool.poetry]\nrequires-python = \">=3.9\"\n"));
  CHECK(!requiresPythonOf("[project]\nrequires-python = 3.9\n"));
  CHECK(!requiresPythonOf("[project\n"));
}
