#include "analyzer/RequiresPython.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <toml++/toml.h>

using namespace llvm;

namespace modlint {

std::optional<TargetVersion> targetFromRequiresPython(StringRef Specifiers) {
  SmallVector<StringRef, 4> Clauses;
  Specifiers.split(Clauses, ',');
  std::optional<std::pair<unsigned, unsigned>> Lower;
  for (StringRef Clause : Clauses) {
    Clause = Clause.trim();
    StringRef Op;
    for (StringRef Candidate : {"===", "==", "~=", ">=", "<=", "!=", ">", "<"})
      if (Clause.startswith(Candidate)) {
        Op = Candidate;
        break;
      }
    if (Op.empty())
      return std::nullopt;
    StringRef Version = Clause.drop_front(Op.size()).trim();
    StringRef MajorText = Version.take_while(isDigit);
    Version = Version.drop_front(MajorText.size());
    StringRef MinorText = Version.consume_front(".") ? Version.take_while(isDigit) : "";
    unsigned Major = 0, Minor = 0;
    if (MajorText.getAsInteger(10, Major) ||
        (!MinorText.empty() && MinorText.getAsInteger(10, Minor)))
      return std::nullopt;
    if (Op == "<" || Op == "<=" || Op == "!=")
      continue; // an upper bound or a hole: no lower bound
    Lower = std::max(Lower.value_or(std::make_pair(0u, 0u)), std::make_pair(Major, Minor));
  }
  if (!Lower)
    return std::nullopt;
  if (*Lower <= std::make_pair(2u, 7u))
    return TargetVersion{2, 7};
  for (unsigned Minor = 3; Minor <= 14; ++Minor)
    if (*Lower <= std::make_pair(3u, Minor))
      return TargetVersion{3, Minor};
  return std::nullopt;
}

std::optional<std::string> requiresPythonOf(StringRef Toml) {
  try {
    toml::table Doc = toml::parse(std::string_view(Toml.data(), Toml.size()));
    if (auto S = Doc["project"]["requires-python"].value<std::string>())
      return *S;
  } catch (const toml::parse_error &) {
  }
  return std::nullopt;
}

} // namespace modlint
