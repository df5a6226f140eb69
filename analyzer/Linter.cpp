#include "analyzer/Linter.h"

#include "analyzer/Memory.h"
#include "analyzer/ModuleLifetime.h"
#include "analyzer/Noqa.h"
#include "analyzer/Prefilter.h"
#include "analyzer/SemanticModel.h"
#include "analyzer/SyntaxErrorDiagnostic.h"

#include <algorithm>
#include <map>

namespace modlint {

namespace {
/// Parsed bytes between two returns of free memory to the system.
constexpr size_t ReleaseAfterBytes = 512u << 10;
/// The per-thread read buffer is kept up to this size (98% of the files of
/// the corpus are smaller); a larger file's buffer goes back at once.
constexpr size_t ScratchKeep = 256u << 10;
} // namespace

FileReport lintSource(SourceFile Source, const LintOptions &Opts, SyntaxParser &Parser) {
  FileReport R;
  R.Path = Source.path().str();
  if (Opts.Prefilter && !mayHaveFindings(Source.text()))
    return R;
  if (auto Reason = unparseableReason(Source)) {
    R.Error = std::move(*Reason);
    return R;
  }
  {
    SyntaxTree Tree(Parser, Source);
    R.Parsed = true;
    R.SyntaxErrors = Tree.errorCount();
    ModuleLifetime Lifetime(Tree);
    if (auto At = Lifetime.firstTooDeep())
      R.TooDeepLine = Source.lineOf(*At);
    RuleContext Ctx{Source, Lifetime, Opts.Target};
    for (const Rule *Rule : Opts.Rules)
      Rule->check(Ctx, R.Diagnostics);
    applyNoqa(Source, Tree, R.Diagnostics, Opts.KeepSuppressed ? &R.Suppressed : nullptr);
    for (Diagnostic &D : R.Diagnostics)
      D.NoqaLine = noqaLine(Source, Tree, Source.lineOf(D.Begin));
    if (Opts.AddNoqa) {
      std::map<unsigned, std::vector<std::string>> CodesByLine;
      for (const Diagnostic &D : R.Diagnostics) {
        auto &Codes = CodesByLine[D.NoqaLine];
        if (std::find(Codes.begin(), Codes.end(), D.Code) == Codes.end())
          Codes.push_back(D.Code);
      }
      for (auto &[Line, Codes] : CodesByLine) {
        std::sort(Codes.begin(), Codes.end());
        if (auto E = noqaEdit(Source, Tree, Line, Codes))
          R.NoqaEdits.push_back(std::move(*E));
      }
    }
    // After noqa, which cannot suppress it (nor can --add-noqa): it says that
    // findings may be missing. Only for the prefilter's candidates, whether
    // or not the prefilter ran, so that results never depend on the flag.
    if (R.SyntaxErrors && mayHaveFindings(Source.text()))
      if (auto D = syntaxErrorDiagnostic(Source, Tree, Lifetime.execStatements()))
        R.Diagnostics.push_back(std::move(*D));
  } // the tree goes as soon as the findings exist
  // Trees leave the allocator's memory fragmented, and memory freed inside
  // it stays resident: hand it back now and then, so that peak RSS does not
  // creep up with the number of files parsed.
  thread_local size_t ParsedSinceRelease = 0;
  ParsedSinceRelease += Source.text().size();
  if (ParsedSinceRelease >= ReleaseAfterBytes) {
    releaseFreeMemory();
    ParsedSinceRelease = 0;
  }
  auto ByPlace = [](const Diagnostic &A, const Diagnostic &B) {
    if (A.Begin != B.Begin)
      return A.Begin < B.Begin;
    return A.Code < B.Code;
  };
  std::stable_sort(R.Diagnostics.begin(), R.Diagnostics.end(), ByPlace);
  std::stable_sort(R.Suppressed.begin(), R.Suppressed.end(), ByPlace);
  if (!R.Diagnostics.empty() || !R.Suppressed.empty())
    R.Source.emplace(std::move(Source));
  return R;
}

FileReport lintFile(llvm::StringRef Path, const LintOptions &Opts, SyntaxParser &Parser) {
  if (Opts.Prefilter) {
    // Most files are read, scanned and dropped: into one buffer per thread,
    // reused (no mapping to tear down, no allocation); the few kept are
    // copied. Huge files are read into a buffer of their own instead, below.
    constexpr size_t ScratchLimit = 16u << 20;
    thread_local llvm::SmallVector<char, 0> Scratch;
    FileIdentity Identity;
    llvm::Expected<bool> Read = SourceFile::read(Path, Scratch, ScratchLimit, &Identity);
    if (!Read) {
      FileReport R;
      R.Path = Path.str();
      R.Error = llvm::toString(Read.takeError());
      return R;
    }
    if (*Read) {
      llvm::StringRef Text(Scratch.data(), Scratch.size());
      bool Keep = mayHaveFindings(Text);
      std::unique_ptr<llvm::MemoryBuffer> Copy =
          Keep ? llvm::MemoryBuffer::getMemBufferCopy(Text, Path) : nullptr;
      if (Scratch.capacity() > ScratchKeep)
        Scratch = {}; // a rare large file: do not keep its memory
      if (!Keep) {
        FileReport R;
        R.Path = Path.str();
        return R;
      }
      LintOptions Kept = Opts;
      Kept.Prefilter = false; // passed already
      SourceFile Source = SourceFile::fromBuffer(Path, std::move(Copy));
      Source.setIdentity(Identity);
      return lintSource(std::move(Source), Kept, Parser);
    }
  }
  auto Source = SourceFile::load(Path);
  if (!Source) {
    FileReport R;
    R.Path = Path.str();
    R.Error = llvm::toString(Source.takeError());
    return R;
  }
  return lintSource(std::move(*Source), Opts, Parser);
}

} // namespace modlint
