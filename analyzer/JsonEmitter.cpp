#include "analyzer/JsonEmitter.h"

#include "analyzer/SyntaxErrorDiagnostic.h"
#include "analyzer/Version.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace llvm;

namespace modlint {

namespace {

/// A name as a JSON string, losslessly: `%` and each byte that is not UTF-8
/// are written %XX, so two names never share a spelling, and
/// urllib.parse.unquote_to_bytes gives back the name's bytes.
std::string fileName(StringRef Name) {
  std::string Out;
  for (size_t I = 0; I < Name.size();) {
    const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Name.data() + I), *Cursor = Begin;
    UTF32 C;
    if (Name[I] != '%' && convertUTF8Sequence(&Cursor, Begin + (Name.size() - I), &C,
                                              strictConversion) == conversionOK) {
      Out.append(Name.data() + I, Cursor - Begin);
      I += Cursor - Begin;
      continue;
    }
    Out += "%" + utohexstr(static_cast<unsigned char>(Name[I]), /*LowerCase=*/false, 2);
    ++I;
  }
  return Out;
}

json::Object position(const SourceFile &S, unsigned Offset) {
  return json::Object{{"row", S.lineOf(Offset)}, {"column", S.columnCodePoints(Offset)}};
}

json::Object finding(const FileReport &F, const Diagnostic &D) {
  const SourceFile &S = *F.Source;
  json::Value Fix = nullptr;
  if (D.Fix) {
    json::Array Edits;
    for (const TextEdit &E : D.Fix->Edits)
      Edits.push_back(json::Object{{"content", S.toUtf8(E.Replacement)},
                                   {"location", position(S, E.Begin)},
                                   {"end_location", position(S, E.End)}});
    Fix = json::Object{{"applicability", applicabilityName(D.Fix->Safety)},
                       {"message", D.Fix->Title},
                       {"edits", std::move(Edits)}};
  }
  json::Array Related;
  for (const RelatedNote &N : D.Notes)
    Related.push_back(json::Object{{"message", S.toUtf8(N.Message)},
                                   {"location", position(S, N.Begin)},
                                   {"end_location", position(S, N.End)}});
  // No `# noqa` suppresses a syntax error: it has no noqa row (as in Ruff).
  json::Value NoqaRow = nullptr;
  if (D.Code != SyntaxErrorCode)
    NoqaRow = D.NoqaLine ? D.NoqaLine : S.lineOf(D.Begin);
  return json::Object{{"code", D.Code},
                      {"level", levelName(D.Severity)},
                      {"message", S.toUtf8(D.Message)},
                      {"filename", fileName(F.Path)},
                      {"location", position(S, D.Begin)},
                      {"end_location", position(S, D.End)},
                      {"fix", std::move(Fix)},
                      {"noqa_row", NoqaRow},
                      {"related", std::move(Related)},
                      {"url", docUrl(D.Code)}};
}

/// A file that could not be read, shaped as a finding (as Ruff's io-error):
/// at 1:1, with nothing to fix or suppress.
json::Object unreadable(const FileReport &F) {
  json::Object Start{{"row", 1}, {"column", 1}};
  return json::Object{{"code", IoErrorCode},
                      {"level", "error"},
                      {"message", json::fixUTF8(F.Error)},
                      {"filename", fileName(F.Path)},
                      {"location", json::Object(Start)},
                      {"end_location", std::move(Start)},
                      {"fix", nullptr},
                      {"noqa_row", nullptr},
                      {"related", json::Array{}},
                      {"url", docUrl(IoErrorCode)}};
}

/// The entries of one file, unreadable or not, in order.
template <typename Fn> void forEachEntry(ArrayRef<FileReport> Files, Fn Emit) {
  for (const FileReport &F : Files) {
    if (!F.Error.empty())
      Emit(unreadable(F));
    if (F.Source)
      for (const Diagnostic &D : F.Diagnostics)
        Emit(finding(F, D));
  }
}

} // namespace

void emitJson(raw_ostream &OS, ArrayRef<FileReport> Files) {
  json::Array All;
  forEachEntry(Files, [&](json::Object O) { All.push_back(std::move(O)); });
  OS << formatv("{0:2}", json::Value(std::move(All))) << "\n";
}

void emitJsonLines(raw_ostream &OS, ArrayRef<FileReport> Files) {
  forEachEntry(Files, [&](json::Object O) { OS << json::Value(std::move(O)) << "\n"; });
}

} // namespace modlint
