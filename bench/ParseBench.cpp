// The floor modlint's parse stage stands on: parse every file of a list with
// tree-sitter-python on one thread, nothing else, and report the time.
// Usage: modlint_parse_bench LIST_FILE
#include "analyzer/SourceFile.h"
#include "analyzer/SyntaxTree.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace modlint;

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: modlint_parse_bench LIST_FILE\n";
    return 2;
  }
  auto List = llvm::MemoryBuffer::getFile(argv[1]);
  if (!List) {
    llvm::errs() << argv[1] << ": " << List.getError().message() << "\n";
    return 2;
  }
  llvm::SmallVector<llvm::StringRef, 0> Paths;
  (*List)->getBuffer().split(Paths, '\n', -1, false);
  SyntaxParser Parser;
  size_t Bytes = 0, Files = 0;
  auto Start = std::chrono::steady_clock::now();
  for (llvm::StringRef P : Paths) {
    auto S = SourceFile::load(P);
    if (!S) {
      llvm::consumeError(S.takeError());
      continue;
    }
    SyntaxTree T(Parser, *S);
    Bytes += S->text().size();
    ++Files;
  }
  double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  llvm::outs() << Files << " files, " << Bytes << " bytes, " << llvm::format("%.2f", Secs)
               << " s, " << llvm::format("%.2f", Bytes / Secs / 1e6) << " MB/s\n";
  return 0;
}
