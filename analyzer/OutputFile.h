#ifndef MODLINT_ANALYZER_OUTPUTFILE_H
#define MODLINT_ANALYZER_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace modlint {

/// The file of --output-file: written to a temporary file beside it and
/// renamed over it once complete, so that a reader (a CI job collecting the
/// report) never sees half a report, and a run that stops early leaves the
/// previous one as it was.
class OutputFile {
public:
  /// Creates the temporary file at once, so that a path that cannot be
  /// written is an error before any work is done.
  static llvm::Expected<std::unique_ptr<OutputFile>> create(llvm::StringRef Path);
  ~OutputFile();

  llvm::raw_ostream &stream() { return *OS; }
  /// Flushes, closes and renames the temporary file over the path.
  llvm::Error commit();

private:
  OutputFile(std::string Path, std::string Temp, int FD);
  std::string Path, Temp;
  std::unique_ptr<llvm::raw_fd_ostream> OS;
  bool Committed = false;
};

} // namespace modlint

#endif
