#ifndef MODLINT_ANALYZER_SOURCEFILE_H
#define MODLINT_ANALYZER_SOURCEFILE_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace modlint {

/// Which file was read: device and inode of the descriptor that read it, so
/// that a fix is written to that file or not at all (FileRewrite.h).
struct FileIdentity {
  uint64_t Device = 0, Inode = 0;
  bool operator==(const FileIdentity &O) const { return Device == O.Device && Inode == O.Inode; }
};

/// A Python file's bytes exactly as on disk (BOM, CRLF, cookies kept) and a
/// line index for offset <-> line/column. Lines end at LF, CRLF or a lone CR,
/// as Python's tokenizer has it.
class SourceFile {
public:
  /// Reads \p Path (never maps it: a truncated mapping is a SIGBUS).
  /// Directories, FIFOs and other non-regular files are refused with a clear
  /// error rather than read (a FIFO would block); a file that shrinks while
  /// it is read is an error.
  static llvm::Expected<SourceFile> load(llvm::StringRef Path);
  /// Reads \p Path's bytes into \p Out (its storage reused across files), with
  /// load()'s checks and errors: the prefilter's view of a file.
  /// False, and nothing read, for a file larger than \p MaxBytes.
  static llvm::Expected<bool> read(llvm::StringRef Path, llvm::SmallVectorImpl<char> &Out,
                                   size_t MaxBytes, FileIdentity *Identity = nullptr);
  static SourceFile fromBuffer(llvm::StringRef Path, std::unique_ptr<llvm::MemoryBuffer> Buffer);
  static SourceFile fromText(llvm::StringRef Path, llvm::StringRef Text);

  llvm::StringRef path() const { return Path; }
  /// The file the text was read from; none for text from elsewhere (stdin).
  const std::optional<FileIdentity> &identity() const { return Identity; }
  void setIdentity(FileIdentity Id) { Identity = Id; }
  llvm::StringRef text() const { return Buffer->getBuffer(); }
  const llvm::MemoryBuffer &buffer() const { return *Buffer; }
  std::unique_ptr<llvm::MemoryBuffer> takeBuffer() { return std::move(Buffer); }

  /// Length of a leading UTF-8 byte order mark (0 or 3).
  unsigned bomLength() const;
  /// The newline to write into this file: that of its first line, else "\n".
  llvm::StringRef newline() const;

  unsigned lineCount() const { return lineStarts().size(); }
  /// 1-based line containing \p Offset.
  unsigned lineOf(unsigned Offset) const;
  /// Byte offset where 1-based \p Line begins.
  unsigned lineStart(unsigned Line) const { return lineStarts()[Line - 1]; }
  /// Byte offset just past \p Line's text, before its line break.
  unsigned lineEnd(unsigned Line) const;
  /// Byte offset of the next line's start (or end of file).
  unsigned lineEndWithBreak(unsigned Line) const;
  llvm::StringRef lineText(unsigned Line) const;
  /// 1-based column of \p Offset counted in code points (text output).
  unsigned columnCodePoints(unsigned Offset) const;
  /// 1-based column of \p Offset counted in UTF-16 code units (SARIF).
  unsigned columnUtf16(unsigned Offset) const;
  /// Declared latin-1 by a PEP 263 coding cookie.
  bool isLatin1() const;
  /// Bytes of this file as UTF-8 for JSON and SARIF: decoded with the
  /// file's latin-1 cookie, else invalid sequences replaced.
  std::string toUtf8(llvm::StringRef Bytes) const;

  /// The size of the file on disk; for a prefixThrough() copy, that of the
  /// file it was cut from.
  size_t fileSize() const { return FullSize ? *FullSize : text().size(); }
  /// A copy of the text up to the end of the line holding \p Offset, and at
  /// least the first two lines (where an encoding cookie is): all that
  /// reporting findings located before \p Offset reads, so that a long run
  /// keeps little of each file with findings.
  SourceFile prefixThrough(unsigned Offset) const;

private:
  SourceFile(std::string Path, std::unique_ptr<llvm::MemoryBuffer> Buffer);
  /// Built on first use: most files are prefiltered away and never need it.
  /// A SourceFile is used by one thread at a time.
  const llvm::SmallVector<unsigned, 0> &lineStarts() const;
  unsigned columnStart(unsigned Offset) const;

  std::string Path;
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  mutable llvm::SmallVector<unsigned, 0> LineStarts;
  mutable std::optional<bool> Latin1;
  std::optional<size_t> FullSize;
  std::optional<FileIdentity> Identity;
};

} // namespace modlint

#endif
