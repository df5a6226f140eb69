#include "analyzer/JunitEmitter.h"

#include "analyzer/DisplayText.h"

namespace modlint {

namespace {

/// Text as XML 1.0 character data or attribute value. Shown as to a person
/// first (DisplayText.h): what XML forbids even escaped (C0 controls,
/// U+FFFE, U+FFFF, bytes that are not UTF-8) becomes visible characters.
std::string xmlEscape(llvm::StringRef Raw) {
  std::string Out;
  for (char C : displayText(Raw)) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&apos;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

} // namespace

void emitJunit(llvm::raw_ostream &OS, llvm::ArrayRef<FileReport> Files) {
  size_t Failures = 0, Errors = 0;
  for (const FileReport &F : Files) {
    Failures += F.Source ? F.Diagnostics.size() : 0;
    Errors += !F.Error.empty();
  }
  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     << "<testsuites name=\"modlint\" tests=\"" << Failures + Errors << "\" failures=\"" << Failures
     << "\" errors=\"" << Errors << "\">\n";
  for (const FileReport &F : Files) {
    bool Unreadable = !F.Error.empty();
    size_t Findings = F.Source ? F.Diagnostics.size() : 0;
    if (!Unreadable && Findings == 0)
      continue;
    std::string Path = xmlEscape(F.Path);
    OS << "  <testsuite name=\"" << Path << "\" tests=\"" << Findings + Unreadable
       << "\" failures=\"" << Findings << "\" errors=\"" << Unreadable << "\">\n";
    if (Unreadable) {
      // A test that could not run is an error, not a failure.
      std::string Message = xmlEscape(F.Error);
      OS << "    <testcase name=\"org.modlint." << IoErrorCode << "\" classname=\"" << Path
         << "\" file=\"" << Path << "\">\n"
         << "      <error message=\"" << Message << "\">" << Message << "</error>\n"
         << "    </testcase>\n";
    }
    for (const Diagnostic &D : F.Diagnostics) {
      if (!F.Source)
        break;
      unsigned Line = F.Source->lineOf(D.Begin), Col = F.Source->columnCodePoints(D.Begin);
      OS << "    <testcase name=\"org.modlint." << D.Code << "\" classname=\"" << Path
         << "\" file=\"" << Path << "\" line=\"" << Line << "\">\n"
         << "      <failure message=\"" << xmlEscape(D.Message) << "\">line " << Line << ", col "
         << Col << ", " << xmlEscape(D.Message) << "</failure>\n"
         << "    </testcase>\n";
    }
    OS << "  </testsuite>\n";
  }
  OS << "</testsuites>\n";
}

} // namespace modlint
