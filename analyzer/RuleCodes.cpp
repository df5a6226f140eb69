#include "analyzer/RuleCodes.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstdlib>

namespace modlint {

RuleCodes::RuleCodes(llvm::ArrayRef<llvm::StringRef> Codes) {
  Known.push_back("ALL");
  for (llvm::StringRef Code : Codes) {
    // The letters and then digit by digit, as Ruff takes a linter's prefix
    // and its digits (`E`, `E5`, `E50`, `E501`); `M` or `MO` name nothing.
    size_t Letters = std::max<size_t>(1, Code.find_if(llvm::isDigit));
    for (size_t N = std::min(Letters, Code.size()); N <= Code.size(); ++N)
      Known.push_back(Code.take_front(N).str());
  }
  std::sort(Known.begin(), Known.end());
  Known.erase(std::unique(Known.begin(), Known.end()), Known.end());
}

bool RuleCodes::isKnown(llvm::StringRef Selector) const {
  return std::binary_search(Known.begin(), Known.end(), Selector);
}

llvm::StringRef RuleCodes::closest(llvm::StringRef Selector) const {
  llvm::StringRef Best;
  unsigned BestDistance = ~0u;
  size_t BestLength = ~size_t(0);
  for (llvm::StringRef K : Known) {
    unsigned Distance = Selector.edit_distance(K);
    size_t Length = std::labs(long(K.size()) - long(Selector.size()));
    if (Distance < BestDistance || (Distance == BestDistance && Length < BestLength)) {
      Best = K;
      BestDistance = Distance;
      BestLength = Length;
    }
  }
  return Best;
}

std::optional<std::string> RuleCodes::problem(llvm::StringRef Selector,
                                              llvm::StringRef Where) const {
  if (isKnown(Selector))
    return std::nullopt;
  return ("unknown rule code '" + Selector + "' in " + Where + " (the closest is '" +
          closest(Selector) + "')")
      .str();
}

std::optional<std::string> RuleCodes::firstProblem(llvm::ArrayRef<std::string> Selectors,
                                                   llvm::StringRef Where) const {
  for (const std::string &S : Selectors)
    if (auto P = problem(S, Where))
      return P;
  return std::nullopt;
}

} // namespace modlint
