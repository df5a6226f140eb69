#include "analyzer/server/ServerSettings.h"

using namespace llvm;

namespace modlint::server {

namespace {

/// A list of codes: a JSON array of strings (or one comma-separated string).
std::optional<std::vector<std::string>> codeList(const json::Value &V) {
  std::vector<std::string> Out;
  auto Add = [&](StringRef Text) {
    SmallVector<StringRef, 4> Parts;
    Text.split(Parts, ',', -1, false);
    for (StringRef P : Parts)
      if (!P.trim().empty())
        Out.push_back(P.trim().upper());
  };
  if (auto S = V.getAsString()) {
    Add(*S);
    return Out;
  }
  const json::Array *A = V.getAsArray();
  if (!A)
    return std::nullopt;
  for (const json::Value &E : *A) {
    auto S = E.getAsString();
    if (!S)
      return std::nullopt;
    Add(*S);
  }
  return Out;
}

/// The value of \p Key, spelled kebab-case or camelCase.
const json::Value *lookup(const json::Object &O, StringRef Kebab, StringRef Camel) {
  if (const json::Value *V = O.get(Kebab))
    return V;
  return O.get(Camel);
}

} // namespace

ServerSettings readSettings(const json::Value *V, const RuleCodes &Known,
                            std::vector<std::string> &Problems) {
  ServerSettings S;
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (O && O->getObject("modlint"))
    O = O->getObject("modlint");
  if (!O)
    return S;
  auto Codes = [&](StringRef Key) -> std::optional<std::vector<std::string>> {
    const json::Value *Value = O->get(Key);
    if (!Value)
      return std::nullopt;
    auto List = codeList(*Value);
    if (!List) {
      Problems.push_back(("setting '" + Key + "' must be a list of rule codes").str());
      return std::nullopt;
    }
    if (auto Problem = Known.firstProblem(*List, ("setting '" + Key + "'").str())) {
      Problems.push_back(*Problem);
      return std::nullopt;
    }
    return List;
  };
  S.Check.Select = Codes("select");
  if (auto Ignore = Codes("ignore"))
    S.Check.Ignore = std::move(*Ignore);
  if (const json::Value *U = lookup(*O, "unsafe-fixes", "unsafeFixes")) {
    if (auto B = U->getAsBoolean())
      S.UnsafeFixes = *B;
    else
      Problems.push_back("setting 'unsafe-fixes' must be true or false");
  }
  if (const json::Value *T = lookup(*O, "target-version", "targetVersion")) {
    auto Spelling = T->getAsString();
    auto Version = Spelling ? TargetVersion::parse(*Spelling) : std::nullopt;
    if (Version)
      S.Check.Target = *Version;
    else
      Problems.push_back("setting 'target-version' must be one of py27, py33 ... py314");
  }
  return S;
}

} // namespace modlint::server
