// libFuzzer target: the config parser (parseConfigText, which loadConfig
// uses) on arbitrary bytes, as a pyproject.toml and as a modlint.toml. Errors
// are fine; crashes, sanitizer reports and hangs are not. The globs a config
// yields are matched against a few paths, as file discovery does.
#include "analyzer/Config.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace modlint;

namespace {

void use(const Settings &S) {
  static const char *const Paths[] = {"pkg/mod.py", "a/b/c/__init__.py", "setup.py",
                                      ".venv/lib/x.pyi"};
  auto Match = [](const PathGlob &G) {
    for (const char *P : Paths)
      (void)G.matches(P);
  };
  if (S.Exclude)
    for (const PathGlob &G : *S.Exclude)
      Match(G);
  for (const PathGlob &G : S.ExtendExclude)
    Match(G);
  for (const auto &[G, Codes] : S.PerFileIgnores)
    Match(G);
  if (S.Dir != "/fuzz") {
    std::fprintf(stderr, "==modlint-fuzz== config dir is '%s', not /fuzz\n", S.Dir.c_str());
    std::abort();
  }
}

void parseAs(llvm::StringRef Text, const char *Path) {
  // Config.cpp is compiled in alone, without the rules: two codes stand in.
  static const llvm::StringRef Codes[] = {"MOD001", "MOD005"};
  static const RuleCodes Known(Codes);
  auto S = parseConfigText(Text, Path, Known);
  if (!S) {
    std::string Message = llvm::toString(S.takeError());
    if (Message.rfind(Path, 0) != 0) { // errors name the file
      std::fprintf(stderr, "==modlint-fuzz== error does not name %s: %s\n", Path, Message.c_str());
      std::abort();
    }
    return;
  }
  if (*S)
    use(**S);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  parseAs(Text, "/fuzz/pyproject.toml");
  parseAs(Text, "/fuzz/modlint.toml");
  return 0;
}
