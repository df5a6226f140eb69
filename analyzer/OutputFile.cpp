#include "analyzer/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

using namespace llvm;

namespace modlint {

namespace {
Error cannotWrite(StringRef Path, std::error_code EC) {
  return createStringError(EC, "cannot write output file '%s': %s", Path.str().c_str(),
                           EC.message().c_str());
}
} // namespace

OutputFile::OutputFile(std::string Path, std::string Temp, int FD)
    : Path(std::move(Path)), Temp(std::move(Temp)),
      OS(std::make_unique<raw_fd_ostream>(FD, /*shouldClose=*/true)) {}

Expected<std::unique_ptr<OutputFile>> OutputFile::create(StringRef Path) {
  if (Path.empty())
    return createStringError(std::errc::invalid_argument, "--output-file needs a path");
  if (sys::fs::is_directory(Path))
    return cannotWrite(Path, std::make_error_code(std::errc::is_a_directory));
  SmallString<256> Model(Path);
  Model += ".modlint-%%%%%%.tmp";
  int FD = -1;
  SmallString<256> Temp;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp))
    return cannotWrite(Path, EC);
  sys::RemoveFileOnSignal(Temp);
  return std::unique_ptr<OutputFile>(new OutputFile(Path.str(), Temp.str().str(), FD));
}

OutputFile::~OutputFile() {
  if (Committed)
    return;
  OS.reset();
  sys::fs::remove(Temp);
  sys::DontRemoveFileOnSignal(Temp);
}

Error OutputFile::commit() {
  OS->close();
  std::error_code EC = OS->error();
  OS->clear_error(); // reported here, not by the stream's destructor
  if (!EC)
    EC = sys::fs::rename(Temp, Path);
  if (EC)
    return cannotWrite(Path, EC);
  Committed = true;
  sys::DontRemoveFileOnSignal(Temp);
  return Error::success();
}

} // namespace modlint
