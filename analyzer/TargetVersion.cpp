#include "analyzer/TargetVersion.h"

namespace modlint {

std::optional<TargetVersion> TargetVersion::parse(llvm::StringRef S) {
  if (!S.consume_front("py") || S.size() < 2)
    return std::nullopt;
  unsigned Major = S[0] - '0';
  unsigned Minor = 0;
  if (S.drop_front().getAsInteger(10, Minor))
    return std::nullopt;
  if ((Major == 2 && Minor == 7) || (Major == 3 && Minor >= 3 && Minor <= 14))
    return TargetVersion{Major, Minor};
  return std::nullopt;
}

} // namespace modlint
