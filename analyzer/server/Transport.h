#ifndef MODLINT_ANALYZER_SERVER_TRANSPORT_H
#define MODLINT_ANALYZER_SERVER_TRANSPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace modlint::server {

/// What MessageReader::next() found on the stream.
struct IncomingMessage {
  enum Kind {
    Message,    ///< Body holds the parsed JSON
    ParseError, ///< a malformed frame or body; Error says what; reading goes on
    End         ///< the stream ended
  } What = End;
  llvm::json::Value Body = nullptr;
  std::string Error;
};

/// Reads the LSP base protocol: `Content-Length: N\r\n` (other headers are
/// skipped) `\r\n`, then N bytes of JSON. A malformed frame is reported once
/// and the reader resynchronises at the next `Content-Length:` header, so
/// one bad message never ends the session.
class MessageReader {
public:
  /// Reads up to the size given into the buffer: the count read, 0 at the
  /// end of the stream, negative for an error (treated as the end).
  using ReadFn = std::function<long(char *, size_t)>;
  explicit MessageReader(ReadFn Read) : Read(std::move(Read)) {}
  IncomingMessage next();

  /// Bodies larger than this are refused (and skipped unread): 64 MiB is
  /// far above any source file an editor sends.
  static constexpr size_t MaxBodyBytes = size_t(64) << 20;
  /// A header block longer than this is not a header.
  static constexpr size_t MaxHeaderBytes = 8192;

private:
  bool fill();
  /// Drops bytes up to the next `Content-Length:`; false
  /// when the stream ended first.
  bool resync();
  IncomingMessage error(std::string Why);

  ReadFn Read;
  std::string Buffer;
  size_t Pos = 0;
  size_t Skip = 0;        ///< body bytes of a refused message still to drop
  bool Resyncing = false; ///< after an error: skip to the next header quietly
  bool Ended = false;
};

/// Writes framed messages to a file descriptor; several threads may send.
class MessageWriter {
public:
  explicit MessageWriter(int FD) : FD(FD) {}
  void send(const llvm::json::Value &Message);

private:
  std::mutex M;
  int FD;
  bool Broken = false; ///< the client went away: drop the rest
};

/// The bytes of one framed message (for the writer and tests).
std::string frame(const llvm::json::Value &Message);

} // namespace modlint::server

#endif
