#include "analyzer/SourceFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

using namespace llvm;

namespace modlint {

SourceFile::SourceFile(std::string Path, std::unique_ptr<MemoryBuffer> Buffer)
    : Path(std::move(Path)), Buffer(std::move(Buffer)) {}

Expected<SourceFile> SourceFile::load(StringRef Path) {
  // One open, one fstat: O_NONBLOCK so that a FIFO (or a file replaced by
  // one since discovery) is refused instead of blocking the run.
  SmallString<256> P(Path);
  int FD = ::open(P.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (FD < 0) {
    std::error_code EC(errno, std::generic_category());
    if (EC == std::errc::is_a_directory)
      return createStringError(EC, "is a directory, not a Python file");
    return createStringError(EC, "cannot read: %s", EC.message().c_str());
  }
  struct stat St;
  if (::fstat(FD, &St) != 0) {
    std::error_code EC(errno, std::generic_category());
    ::close(FD);
    return createStringError(EC, "cannot read: %s", EC.message().c_str());
  }
  if (S_ISDIR(St.st_mode)) {
    ::close(FD);
    return createStringError(std::make_error_code(std::errc::is_a_directory),
                             "is a directory, not a Python file");
  }
  if (!S_ISREG(St.st_mode)) {
    ::close(FD);
    return createStringError(std::make_error_code(std::errc::invalid_argument),
                             "not a regular file");
  }
  // Mapped when large enough; the descriptor is not needed afterwards.
  auto BufOrErr = MemoryBuffer::getOpenFile(sys::fs::convertFDToNativeFile(FD), Path, St.st_size,
                                            /*RequiresNullTerminator=*/false);
  ::close(FD);
  if (!BufOrErr)
    return createStringError(BufOrErr.getError(), "cannot read: %s",
                             BufOrErr.getError().message().c_str());
  return SourceFile(Path.str(), std::move(*BufOrErr));
}

SourceFile SourceFile::fromBuffer(StringRef Path, std::unique_ptr<MemoryBuffer> Buffer) {
  return SourceFile(Path.str(), std::move(Buffer));
}

SourceFile SourceFile::fromText(StringRef Path, StringRef Text) {
  return SourceFile(Path.str(), MemoryBuffer::getMemBufferCopy(Text, Path));
}

const SmallVector<unsigned, 0> &SourceFile::lineStarts() const {
  if (!LineStarts.empty())
    return LineStarts;
  StringRef T = text();
  LineStarts.push_back(0);
  for (size_t I = 0, N = T.size(); I < N; ++I) {
    char C = T[I];
    if (C == '\n') {
      LineStarts.push_back(I + 1);
    } else if (C == '\r') {
      if (I + 1 < N && T[I + 1] == '\n')
        ++I;
      LineStarts.push_back(I + 1);
    }
  }
  // A trailing line break does not open a line of its own.
  if (LineStarts.size() > 1 && LineStarts.back() == T.size())
    LineStarts.pop_back();
  return LineStarts;
}

unsigned SourceFile::bomLength() const { return text().startswith("\xEF\xBB\xBF") ? 3 : 0; }

StringRef SourceFile::newline() const {
  StringRef T = text();
  size_t I = T.find_first_of("\r\n");
  if (I == StringRef::npos || T[I] == '\n')
    return "\n";
  return (I + 1 < T.size() && T[I + 1] == '\n') ? "\r\n" : "\r";
}

unsigned SourceFile::lineOf(unsigned Offset) const {
  const auto &Starts = lineStarts();
  auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  return It - Starts.begin();
}

unsigned SourceFile::lineEndWithBreak(unsigned Line) const {
  const auto &Starts = lineStarts();
  return Line < Starts.size() ? Starts[Line] : text().size();
}

unsigned SourceFile::lineEnd(unsigned Line) const {
  unsigned E = lineEndWithBreak(Line);
  StringRef T = text();
  unsigned S = lineStart(Line);
  while (E > S && (T[E - 1] == '\n' || T[E - 1] == '\r'))
    --E;
  return E;
}

StringRef SourceFile::lineText(unsigned Line) const {
  unsigned S = lineStart(Line);
  return text().slice(S, lineEnd(Line));
}

unsigned SourceFile::columnCodePoints(unsigned Offset) const {
  StringRef T = text();
  unsigned Col = 1;
  // Count lead bytes only: continuation bytes (10xxxxxx) belong to the
  // previous code point. Invalid UTF-8 still yields a column, never a crash.
  for (unsigned I = lineStart(lineOf(Offset)); I < Offset && I < T.size(); ++I)
    if ((static_cast<unsigned char>(T[I]) & 0xC0) != 0x80)
      ++Col;
  return Col;
}

unsigned SourceFile::columnUtf16(unsigned Offset) const {
  StringRef T = text();
  unsigned Col = 1;
  for (unsigned I = lineStart(lineOf(Offset)); I < Offset && I < T.size(); ++I) {
    unsigned char C = T[I];
    if ((C & 0xC0) == 0x80)
      continue;
    // A four-byte sequence is a surrogate pair in UTF-16.
    Col += (C >= 0xF0 && C <= 0xF4) ? 2 : 1;
  }
  return Col;
}

} // namespace modlint
