#include "analyzer/GithubEmitter.h"

#include "analyzer/DisplayText.h"

namespace modlint {

namespace {

/// Workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
std::string escape(llvm::StringRef S, bool Property) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    case ':':
      Out += Property ? "%3A" : ":";
      break;
    case ',':
      Out += Property ? "%2C" : ",";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

} // namespace

void emitGithub(llvm::raw_ostream &OS, const FileReport &File) {
  // The message is read by people: shown as to them (DisplayText.h); the
  // file property stays the real name, escaped, so the annotation finds it.
  std::string Shown = displayText(File.Path);
  if (!File.Error.empty())
    OS << "::error title=" << escape((llvm::Twine("modlint (") + IoErrorCode + ")").str(), true)
       << ",file=" << escape(File.Path, true) << "::" << escape(Shown, false) << ": " << IoErrorCode
       << " " << escape(displayText(File.Error), false) << "\n";
  if (!File.Source)
    return;
  const SourceFile &S = *File.Source;
  for (const Diagnostic &D : File.Diagnostics) {
    unsigned Line = S.lineOf(D.Begin), Col = S.columnCodePoints(D.Begin);
    OS << "::" << levelName(D.Severity) << " title=" << escape("modlint (" + D.Code + ")", true)
       << ",file=" << escape(File.Path, true) << ",line=" << Line << ",col=" << Col
       << ",endLine=" << S.lineOf(D.End) << ",endColumn=" << S.columnCodePoints(D.End)
       << "::" << escape(Shown, false) << ":" << Line << ":" << Col << ": " << D.Code << " "
       << escape(displayText(D.Message), false) << "\n";
  }
}

} // namespace modlint
