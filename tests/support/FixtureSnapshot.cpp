#include "tests/support/FixtureSnapshot.h"

#include "analyzer/UnifiedDiff.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace llvm;

namespace modlint::test {

namespace {

std::string position(const SourceFile &S, unsigned Offset) {
  return std::to_string(S.lineOf(Offset)) + ":" + std::to_string(S.columnCodePoints(Offset));
}

std::string range(const SourceFile &S, unsigned Begin, unsigned End) {
  return position(S, Begin) + "-" + position(S, End);
}

/// Inserted text in double quotes, its line breaks and control bytes escaped
/// so that every edit stays on one line of the snapshot.
std::string quoted(StringRef Text) {
  std::string Out = "\"";
  for (unsigned char C : Text) {
    if (C == '\n')
      Out += "\\n";
    else if (C == '\r')
      Out += "\\r";
    else if (C == '\t')
      Out += "\\t";
    else if (C == '\\' || C == '"')
      Out += std::string("\\") + char(C);
    else if (C < 0x20 || C == 0x7f)
      Out += "\\x" + utohexstr(C, /*LowerCase=*/true, /*Width=*/2);
    else
      Out += char(C);
  }
  return Out + "\"";
}

void renderFix(raw_ostream &OS, const SourceFile &S, const Diagnostic &D) {
  if (!D.Fix) {
    OS << "  no fix\n";
    return;
  }
  OS << "  fix (" << applicabilityName(D.Fix->Safety) << "): " << D.Fix->Title << "\n";
  for (const TextEdit &E : D.Fix->Edits) {
    if (E.Begin == E.End)
      OS << "    insert " << position(S, E.Begin) << ": " << quoted(E.Replacement) << "\n";
    else if (E.Replacement.empty())
      OS << "    delete " << range(S, E.Begin, E.End) << "\n";
    else
      OS << "    replace " << range(S, E.Begin, E.End) << ": " << quoted(E.Replacement) << "\n";
  }
}

bool writeText(StringRef Path, StringRef Text, std::string &Problem) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  if (!EC) {
    OS << Text;
    OS.close();
    EC = OS.error();
    OS.clear_error();
  }
  if (EC)
    Problem = "cannot write " + Path.str() + ": " + EC.message();
  return !EC;
}

} // namespace

std::string renderSnapshot(const FileReport &Report) {
  std::string Out;
  raw_string_ostream OS(Out);
  if (!Report.Error.empty())
    OS << "error: " << Report.Error << "\n";
  if (Report.Diagnostics.empty() || !Report.Source)
    return Out;
  const SourceFile &S = *Report.Source;
  for (const Diagnostic &D : Report.Diagnostics) {
    OS << range(S, D.Begin, D.End) << " " << D.Code << " " << levelName(D.Severity) << ": "
       << D.Message << "\n";
    for (const RelatedNote &N : D.Notes)
      OS << "  note " << range(S, N.Begin, N.End) << ": " << N.Message << "\n";
    renderFix(OS, S, D);
  }
  return Out;
}

std::string checkSnapshot(StringRef SnapPath, StringRef Got, bool Update, bool *Changed) {
  if (Changed)
    *Changed = false;
  auto Buf = MemoryBuffer::getFile(SnapPath, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  bool Exists = sys::fs::exists(SnapPath);
  if (Exists && !Buf)
    return "cannot read " + SnapPath.str() + ": " + Buf.getError().message();
  StringRef Want = Exists ? (*Buf)->getBuffer() : StringRef();
  if (Exists == !Got.empty() && Want == Got)
    return "";
  std::string Problem;
  if (Update) {
    if (Got.empty()) {
      if (std::error_code EC = sys::fs::remove(SnapPath))
        return "cannot remove " + SnapPath.str() + ": " + EC.message();
    } else if (!writeText(SnapPath, Got, Problem)) {
      return Problem;
    }
    if (Changed)
      *Changed = true;
    return "";
  }
  if (Got.empty())
    return SnapPath.str() + " exists but the fixture has no findings: remove it";
  if (!Exists)
    Problem = SnapPath.str() + " is missing; the findings are:\n" + Got.str();
  else
    Problem = "the findings differ from " + SnapPath.str() + " (- snapshot, + now):\n" +
              unifiedDiff(SnapPath, Want, Got);
  return Problem + "(after reviewing the change, MODLINT_UPDATE_SNAPSHOTS=1 rewrites the "
                   "snapshots)\n";
}

std::vector<std::string> orphanedSidecars(StringRef Dir, bool RemoveSnapshots) {
  std::vector<std::string> Orphans;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    StringRef Path = It->path();
    for (StringRef Ext : {".snap", ".fixed", ".expect"}) {
      if (!Path.endswith(Ext) || sys::fs::exists(Path.drop_back(Ext.size())))
        continue;
      if (Ext == ".snap" && RemoveSnapshots && !sys::fs::remove(Path))
        continue;
      Orphans.push_back(Path.str());
    }
  }
  std::sort(Orphans.begin(), Orphans.end());
  return Orphans;
}

} // namespace modlint::test
