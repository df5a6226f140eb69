#include "analyzer/FixApplier.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

namespace {
bool overlaps(const TextEdit &A, const TextEdit &B) {
  return A.Begin < B.End && B.Begin < A.End;
}
} // namespace

FixOutcome applyFixes(const SourceFile &Source, ArrayRef<Diagnostic> Diags, bool Unsafe,
                      SyntaxParser &Parser) {
  FixOutcome Out;
  std::vector<TextEdit> Accepted;
  for (unsigned I = 0; I < Diags.size(); ++I) {
    const auto &F = Diags[I].Fix;
    if (!F || (F->Safety == Applicability::Unsafe && !Unsafe) || F->Edits.empty())
      continue;
    bool Clash = false;
    for (const TextEdit &E : F->Edits)
      for (const TextEdit &A : Accepted)
        Clash |= !(E == A) && overlaps(E, A);
    if (Clash)
      continue; // left for a later run; never half-applied
    for (const TextEdit &E : F->Edits)
      if (std::find(Accepted.begin(), Accepted.end(), E) == Accepted.end())
        Accepted.push_back(E);
    Out.FixedIndices.push_back(I);
  }
  StringRef Text = Source.text();
  if (Accepted.empty()) {
    Out.Text = Text.str();
    return Out;
  }
  std::stable_sort(Accepted.begin(), Accepted.end(), [](const TextEdit &A, const TextEdit &B) {
    return A.Begin != B.Begin ? A.Begin < B.Begin : A.End < B.End;
  });
  std::string New;
  New.reserve(Text.size() + 256);
  unsigned Pos = 0;
  for (const TextEdit &E : Accepted) {
    New.append(Text.data() + Pos, E.Begin - Pos);
    New += E.Replacement;
    Pos = std::max(Pos, E.End);
  }
  New.append(Text.data() + Pos, Text.size() - Pos);

  SyntaxTree Before(Parser, Source);
  SourceFile Fixed = SourceFile::fromText(Source.path(), New);
  SyntaxTree After(Parser, Fixed);
  if (After.errorCount() > Before.errorCount()) {
    Out.Text = Text.str();
    Out.FixedIndices.clear();
    Out.RefusedForSyntax = true;
    return Out;
  }
  Out.Text = std::move(New);
  return Out;
}

Error writeFileAtomically(StringRef Path, StringRef Text) {
  sys::fs::file_status Status;
  if (std::error_code EC = sys::fs::status(Path, Status))
    return createStringError(EC, "cannot stat: %s", EC.message().c_str());
  SmallString<256> Model(sys::path::parent_path(Path));
  sys::path::append(Model, ".modlint-%%%%%%%%.tmp");
  int FD = -1;
  SmallString<256> Tmp;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Tmp))
    return createStringError(EC, "cannot create a temporary file beside it: %s",
                             EC.message().c_str());
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close(); // a full disk may only show at close
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Tmp);
      return createStringError(EC, "cannot write the fixed file: %s", EC.message().c_str());
    }
  }
  if (std::error_code EC = sys::fs::setPermissions(Tmp, Status.permissions())) {
    sys::fs::remove(Tmp);
    return createStringError(EC, "cannot keep the file's mode: %s", EC.message().c_str());
  }
  if (std::error_code EC = sys::fs::rename(Tmp, Path)) {
    sys::fs::remove(Tmp);
    return createStringError(EC, "cannot replace the file: %s", EC.message().c_str());
  }
  return Error::success();
}

} // namespace modlint
