#ifndef MODLINT_TESTS_SUPPORT_FIXTURESNAPSHOT_H
#define MODLINT_TESTS_SUPPORT_FIXTURESNAPSHOT_H

#include "analyzer/Linter.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace modlint::test {

/// A report as the text of its `<case>.py.snap` (fixtures/README.md), one
/// finding after another in report order:
///   LINE:COL-LINE:COL CODE LEVEL: MESSAGE
///     note LINE:COL-LINE:COL: MESSAGE            (each note, in order)
///     fix (safe|unsafe): TITLE                   (or "no fix")
///       insert LINE:COL: "TEXT"                  (each edit, in order; also
///       replace LINE:COL-LINE:COL: "TEXT"         "delete LINE:COL-LINE:COL")
/// Columns count code points, as the text output does. Empty without findings.
std::string renderSnapshot(const FileReport &Report);

/// Checks \p Got against the snapshot file \p SnapPath: they agree when the
/// file holds exactly \p Got, or when \p Got is empty and there is no file.
/// Returns "" when they agree, else what is wrong (with a unified diff from
/// the file to \p Got). With \p Update, makes the file agree instead (writes
/// it, or removes it when \p Got is empty) and returns "" unless that fails;
/// \p Changed says whether it touched the file.
std::string checkSnapshot(llvm::StringRef SnapPath, llvm::StringRef Got, bool Update,
                          bool *Changed = nullptr);

/// The `.snap`, `.fixed` and `.expect` files under \p Dir whose `.py` is
/// missing (a renamed or deleted fixture). With \p RemoveSnapshots, such
/// `.snap` files are removed and not listed.
std::vector<std::string> orphanedSidecars(llvm::StringRef Dir, bool RemoveSnapshots);

} // namespace modlint::test

#endif
