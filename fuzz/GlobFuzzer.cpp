// libFuzzer target: globs (GlobMatcher), pattern and name both chosen by the
// fuzzer. The input is PATTERN NUL NAME; without a NUL the pattern is matched
// against itself. Run with a small -timeout (fuzz/run: 2 s): a match must
// take time linear in the name whatever the pattern, which is what the
// backtracking matcher used before did not (`**********b`: 49 s).
//
// Invariants, besides sanitizer reports and the timeout:
//  - a glob compiles exactly when LLVM's GlobPattern (the language modlint
//    has always had) accepts it, up to GlobMatcher::MaxBytes, past which
//    every glob is refused;
//  - it matches exactly what GlobPattern matches, checked where GlobPattern
//    is cheap (at most three stars, a name of at most 128 bytes: it
//    backtracks exponentially in the stars).
#include "analyzer/GlobMatcher.h"

#include "llvm/Support/GlobPattern.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace modlint;
using llvm::StringRef;

namespace {

[[noreturn]] void fail(const char *What, StringRef Pattern, StringRef Name) {
  std::fprintf(stderr, "\n==modlint-fuzz== %s: glob '%.*s' (%zu bytes), name '%.*s'\n", What,
               static_cast<int>(std::min<size_t>(Pattern.size(), 200)), Pattern.data(),
               Pattern.size(), static_cast<int>(std::min<size_t>(Name.size(), 200)), Name.data());
  std::abort();
}

void check(const std::string &Pattern, StringRef Name) {
  auto Ours = GlobMatcher::create(Pattern);
  if (Pattern.size() > GlobMatcher::MaxBytes) {
    if (Ours)
      fail("an oversized glob compiled", Pattern, Name);
    llvm::consumeError(Ours.takeError());
    return;
  }
  // GlobPattern keeps StringRefs into its text: Pattern outlives it. (A
  // trailing '\' makes it read the NUL after the text: std::string has one.)
  auto Theirs = llvm::GlobPattern::create(Pattern);
  if (bool(Ours) != bool(Theirs))
    fail(Ours ? "compiled what GlobPattern refuses" : "refused what GlobPattern compiles", Pattern,
         Name);
  if (!Ours) {
    std::string Message = llvm::toString(Ours.takeError());
    llvm::consumeError(Theirs.takeError());
    if (Message.empty())
      fail("an error without a message", Pattern, Name);
    return;
  }
  bool Match = Ours->match(Name);
  // Both matched names are fine; what GlobPattern sees past a trailing '\'
  // (a NUL) is no byte of any path.
  bool Cheap = StringRef(Pattern).count('*') <= 3 && Name.size() <= 128 &&
               !(StringRef(Pattern).endswith("\\") && Name.contains('\0'));
  if (Cheap && Match != Theirs->match(Name))
    fail(Match ? "matched where GlobPattern does not" : "did not match where GlobPattern does",
         Pattern, Name);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  StringRef Input(reinterpret_cast<const char *>(Data), Size);
  auto [Pattern, Name] = Input.split('\0');
  if (Pattern.size() == Input.size())
    Name = Pattern;
  check(Pattern.str(), Name);
  return 0;
}
