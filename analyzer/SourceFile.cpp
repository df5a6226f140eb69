#include "analyzer/SourceFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

using namespace llvm;

namespace modlint {

SourceFile::SourceFile(std::string Path, std::unique_ptr<MemoryBuffer> Buffer)
    : Path(std::move(Path)), Buffer(std::move(Buffer)) {}

namespace {
/// Opens \p Path for reading a Python file: O_NONBLOCK so that a FIFO (or a
/// file replaced by one since discovery) is refused instead of blocking the
/// run; directories and special files are refused. Returns the descriptor,
/// the file's size and its identity.
struct OpenedFile {
  int FD;
  size_t Size;
  FileIdentity Identity;
};
Expected<OpenedFile> openRegularFile(StringRef Path) {
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
  return OpenedFile{
      FD, static_cast<size_t>(St.st_size),
      FileIdentity{static_cast<uint64_t>(St.st_dev), static_cast<uint64_t>(St.st_ino)}};
}
} // namespace

Expected<SourceFile> SourceFile::load(StringRef Path) {
  auto Opened = openRegularFile(Path);
  if (!Opened)
    return Opened.takeError();
  auto [FD, Size, Identity] = *Opened;
  // Read, never mapped: a mapped file truncated by someone else meanwhile
  // is a SIGBUS that kills the run. Up to the size fstat gave (a file that
  // grows is read as it was); one that shrinks while read is an error.
  auto Buf = WritableMemoryBuffer::getNewUninitMemBuffer(Size, Path);
  if (!Buf) {
    ::close(FD);
    return createStringError(std::make_error_code(std::errc::not_enough_memory), "cannot read: %s",
                             std::make_error_code(std::errc::not_enough_memory).message().c_str());
  }
  size_t Have = 0;
  while (Have < Size) {
    ssize_t N = ::pread(FD, Buf->getBufferStart() + Have, Size - Have, Have);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      std::error_code EC(errno, std::generic_category());
      ::close(FD);
      return createStringError(EC, "cannot read: %s", EC.message().c_str());
    }
    if (N == 0) {
      ::close(FD);
      return createStringError(std::make_error_code(std::errc::io_error),
                               "changed while being read: truncated from %zu bytes; not analysed",
                               Size);
    }
    Have += N;
  }
  ::close(FD);
  SourceFile S(Path.str(), std::move(Buf));
  S.Identity = Identity;
  return S;
}

Expected<bool> SourceFile::read(StringRef Path, SmallVectorImpl<char> &Out, size_t MaxBytes,
                                FileIdentity *Identity) {
  auto Opened = openRegularFile(Path);
  if (!Opened)
    return Opened.takeError();
  int FD = Opened->FD;
  if (Identity)
    *Identity = Opened->Identity;
  if (Opened->Size > MaxBytes) {
    ::close(FD);
    return false;
  }
  // The size is a hint: the file may grow or shrink while it is read.
  size_t Have = 0;
  Out.resize_for_overwrite(Opened->Size + 1);
  for (;;) {
    if (Have > MaxBytes) { // grew past the limit while read: load() it instead
      ::close(FD);
      return false;
    }
    if (Have == Out.size())
      Out.resize_for_overwrite(Out.size() * 2);
    ssize_t N = ::read(FD, Out.data() + Have, Out.size() - Have);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      std::error_code EC(errno, std::generic_category());
      ::close(FD);
      return createStringError(EC, "cannot read: %s", EC.message().c_str());
    }
    if (N == 0)
      break;
    Have += N;
    if (Have == Opened->Size)
      break; // the size fstat gave: no second read just to see the end
  }
  Out.truncate(Have);
  ::close(FD);
  return true;
}

SourceFile SourceFile::prefixThrough(unsigned Offset) const {
  unsigned Line = std::max(lineOf(std::min<size_t>(Offset, text().size())), 2u);
  unsigned End = Line >= lineCount() ? text().size() : lineEndWithBreak(Line);
  SourceFile Copy(Path, MemoryBuffer::getMemBufferCopy(text().take_front(End), Path));
  Copy.FullSize = fileSize();
  Copy.Latin1 = isLatin1(); // decided on the whole text
  Copy.Identity = Identity;
  return Copy;
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

unsigned SourceFile::columnStart(unsigned Offset) const {
  // The BOM is not a column.
  return std::max(lineStart(lineOf(Offset)), bomLength());
}

bool SourceFile::isLatin1() const {
  if (!Latin1) {
    // PEP 263: a coding cookie in a comment on line 1 or 2.
    Latin1 = false;
    StringRef T = text().drop_front(bomLength());
    for (unsigned Line = 0; Line < 2 && !T.empty(); ++Line) {
      auto [First, Rest] = T.split('\n');
      StringRef L = First.ltrim(" \t\f");
      if (L.startswith("#")) {
        size_t C = L.find("coding");
        if (C != StringRef::npos && C + 6 < L.size() && (L[C + 6] == ':' || L[C + 6] == '=')) {
          std::string Name = L.drop_front(C + 7)
                                 .ltrim(" \t")
                                 .take_while([](char Ch) {
                                   return isalnum(static_cast<unsigned char>(Ch)) || Ch == '-' ||
                                          Ch == '_' || Ch == '.';
                                 })
                                 .lower();
          std::replace(Name.begin(), Name.end(), '_', '-');
          *Latin1 = Name == "latin-1" || Name == "iso-8859-1" || Name == "iso8859-1" ||
                    Name == "latin1" || Name == "l1" || Name == "iso-latin-1" || Name == "cp819";
          break;
        }
      } else if (!L.empty()) {
        break; // cookies live in comments before any code
      }
      T = Rest;
    }
  }
  return *Latin1;
}

std::string SourceFile::toUtf8(StringRef Bytes) const {
  if (!isLatin1())
    return json::fixUTF8(Bytes);
  std::string Out;
  for (unsigned char C : Bytes) {
    if (C < 0x80) {
      Out += C;
    } else {
      Out += static_cast<char>(0xC0 | (C >> 6));
      Out += static_cast<char>(0x80 | (C & 0x3F));
    }
  }
  return Out;
}

unsigned SourceFile::columnCodePoints(unsigned Offset) const {
  StringRef T = text();
  unsigned Col = 1;
  bool Latin = isLatin1();
  // Count lead bytes only: continuation bytes (10xxxxxx) belong to the
  // previous code point (in latin-1 every byte is one). Invalid UTF-8 still
  // yields a column, never a crash.
  for (unsigned I = columnStart(Offset); I < Offset && I < T.size(); ++I)
    if (Latin || (static_cast<unsigned char>(T[I]) & 0xC0) != 0x80)
      ++Col;
  return Col;
}

unsigned SourceFile::columnUtf16(unsigned Offset) const {
  StringRef T = text();
  unsigned Col = 1;
  bool Latin = isLatin1();
  for (unsigned I = columnStart(Offset); I < Offset && I < T.size(); ++I) {
    unsigned char C = T[I];
    if (Latin) {
      ++Col;
      continue;
    }
    if ((C & 0xC0) == 0x80)
      continue;
    // A four-byte sequence is a surrogate pair in UTF-16.
    Col += (C >= 0xF0 && C <= 0xF4) ? 2 : 1;
  }
  return Col;
}

} // namespace modlint
