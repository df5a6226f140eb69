#ifndef MODLINT_ANALYZER_GLOBMATCHER_H
#define MODLINT_ANALYZER_GLOBMATCHER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace re2 {
class RE2;
}

namespace modlint {

/// A glob compiled to RE2, so that matching takes time linear in the name
/// whatever the pattern (LLVM's backtracking GlobPattern, used before, took
/// minutes on `**********b`). The glob language is the one modlint has always
/// had (LLVM's), byte for byte:
///  - `*` matches any bytes, `/` included (`**` is no different), except that
///    two or more stars ending the pattern need at least one byte;
///  - `?` matches any one byte;
///  - `[abc]`, `[a-z]`, `[!a-z]`, `[^a-z]` match one byte of (not of) the
///    set; a `]` right after `[` is literal (not after `[!`: `[!]` is any
///    byte), so is a `-` first or last; nothing inside escapes; `[]` and a
///    reversed range `[z-a]` are errors;
///  - `\x` is the byte x (a trailing `\` matches nothing);
///  - anything else, regex metacharacters included, is itself.
/// The whole name must match.
class GlobMatcher {
public:
  /// Longer globs are refused: no path needs one, and a hostile one would cost
  /// memory to compile.
  static constexpr size_t MaxBytes = 4096;

  /// Compiles \p Glob; an invalid or oversized one is an error saying why
  /// (without repeating the glob: callers name it).
  static llvm::Expected<GlobMatcher> create(llvm::StringRef Glob);

  bool match(llvm::StringRef Name) const;

  /// The RE2 pattern (Latin-1, `.` matching newlines) this glob became.
  const std::string &regex() const;

private:
  std::shared_ptr<const re2::RE2> Re; // RE2 is not copyable; matching is thread-safe
  /// Exact name, `name*` or `*suffix` (one trailing star may match nothing):
  /// compared directly.
  enum { Regex, Exact, Prefix, Suffix } Shape = Regex;
  std::string Fixed;
};

/// \p Glob as error messages name it: quoted, and cut to its first 64 bytes
/// (saying how long it is) when longer.
std::string quoteGlob(llvm::StringRef Glob);

} // namespace modlint

#endif
