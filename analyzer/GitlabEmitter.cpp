#include "analyzer/GitlabEmitter.h"

#include "analyzer/ProjectRoot.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SHA1.h"

using namespace llvm;

namespace modlint {

namespace {

/// A fingerprint unused so far in this report (GitLab keys issues by it).
std::string fingerprint(StringRef Code, StringRef Path, StringRef Flagged, StringRef Line,
                        StringSet<> &Used) {
  std::string Salt;
  while (true) {
    SHA1 Hash;
    Hash.update(Salt);
    Hash.update(Code);
    Hash.update(StringRef("\0", 1));
    Hash.update(Path);
    Hash.update(StringRef("\0", 1));
    Hash.update(Flagged);
    Hash.update(StringRef("\0", 1));
    Hash.update(Line);
    std::string Hex = StringRef(toHex(Hash.final())).lower();
    if (Used.insert(Hex).second)
      return Hex;
    Salt = Hex;
  }
}

/// Strings are copied: a json::Value made from a StringRef only points.
json::Object issue(StringRef Code, StringRef Description, StringRef Fingerprint, Level Severity,
                   StringRef Path, unsigned Begin, unsigned End) {
  return json::Object{
      {"check_name", Code.str()},
      {"description", json::fixUTF8(Description)},
      {"fingerprint", Fingerprint.str()},
      {"severity", Severity == Level::Error ? "major" : "minor"},
      {"location", json::Object{{"path", json::fixUTF8(Path)},
                                {"lines", json::Object{{"begin", Begin}, {"end", End}}}}}};
}

} // namespace

void emitGitlab(raw_ostream &OS, ArrayRef<FileReport> Files, StringRef Root,
                StringRef WorkingDirectory) {
  json::Array Issues;
  StringSet<> Used;
  for (const FileReport &F : Files) {
    std::string Path = pathUnderRoot(F.Path, WorkingDirectory, Root);
    if (!F.Error.empty()) {
      std::string Message = F.Path + ": " + F.Error;
      Issues.push_back(issue(IoErrorCode, Message, fingerprint(IoErrorCode, Path, "", "", Used),
                             Level::Error, Path, 1, 1));
      continue;
    }
    for (const Diagnostic &D : F.Diagnostics) {
      const SourceFile &S = *F.Source;
      unsigned Line = S.lineOf(D.Begin);
      std::string Print =
          fingerprint(D.Code, Path, S.text().slice(D.Begin, D.End), S.lineText(Line).trim(), Used);
      Issues.push_back(issue(D.Code, S.toUtf8(D.Message), Print, D.Severity, Path, Line,
                             S.lineOf(std::max(D.Begin, D.End))));
    }
  }
  OS << formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
}

} // namespace modlint
