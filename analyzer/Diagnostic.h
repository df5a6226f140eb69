#ifndef MODLINT_ANALYZER_DIAGNOSTIC_H
#define MODLINT_ANALYZER_DIAGNOSTIC_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace modlint {

enum class Level { Error, Warning };
llvm::StringRef levelName(Level L);

/// Ruff's terms: a safe fix keeps the program's meaning; an unsafe one may
/// change it and is applied only with --unsafe-fixes.
enum class Applicability { Safe, Unsafe };
llvm::StringRef applicabilityName(Applicability A);

/// Replace bytes [Begin, End) with Replacement (Begin == End: insert).
struct TextEdit {
  unsigned Begin = 0, End = 0;
  std::string Replacement;
  /// Shared by the fixes of several findings and right only once all of
  /// them are applied (removing an import that each of them stops reading):
  /// the fixer applies it only then, and a suppressed finding withholds it.
  bool Joint = false;
  /// Same change (whether joint or not).
  bool operator==(const TextEdit &O) const {
    return Begin == O.Begin && End == O.End && Replacement == O.Replacement;
  }
};

struct Fix {
  std::string Title; ///< what it does, e.g. "Register the module in sys.modules"
  Applicability Safety = Applicability::Safe;
  llvm::SmallVector<TextEdit, 2> Edits;
};

/// A related place shown with a finding (text notes, SARIF relatedLocations).
struct RelatedNote {
  unsigned Begin = 0, End = 0;
  std::string Message;
};

struct Diagnostic {
  std::string Code;
  Level Severity = Level::Warning;
  unsigned Begin = 0, End = 0; ///< primary location, bytes
  std::string Message;
  llvm::SmallVector<RelatedNote, 1> Notes;
  std::optional<modlint::Fix> Fix;
  /// 1-based line where a `# noqa` for it goes (the end of a backslash
  /// continuation); 0 until the linter sets it.
  unsigned NoqaLine = 0;
};

} // namespace modlint

#endif
