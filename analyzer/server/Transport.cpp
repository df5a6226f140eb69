#include "analyzer/server/Transport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <optional>
#include <unistd.h>

using namespace llvm;

namespace modlint::server {

bool MessageReader::fill() {
  if (Ended)
    return false;
  // Compact: what is consumed is never read again.
  if (Pos > 65536 && Pos * 2 > Buffer.size()) {
    Buffer.erase(0, Pos);
    Pos = 0;
  }
  char Chunk[65536];
  long N = Read(Chunk, sizeof(Chunk));
  if (N <= 0) {
    Ended = true;
    return false;
  }
  Buffer.append(Chunk, static_cast<size_t>(N));
  return true;
}

IncomingMessage MessageReader::error(std::string Why) {
  Resyncing = true;
  IncomingMessage M;
  M.What = IncomingMessage::ParseError;
  M.Error = std::move(Why);
  return M;
}

bool MessageReader::resync() {
  static constexpr StringLiteral Header = "content-length:";
  while (true) {
    StringRef Rest = StringRef(Buffer).drop_front(Pos);
    // Anywhere, not only at a line start: a junk body need not end its line.
    for (size_t I = 0; I + Header.size() <= Rest.size(); ++I)
      if (Rest.substr(I, Header.size()).equals_insensitive(Header)) {
        Pos += I;
        Resyncing = false;
        return true;
      }
    // Keep a tail that may be the start of a header cut by the read.
    if (Rest.size() > Header.size())
      Pos += Rest.size() - Header.size();
    if (!fill())
      return false;
  }
}

IncomingMessage MessageReader::next() {
  while (Skip) { // the body of a refused message, dropped as it arrives
    size_t Have = std::min(Skip, Buffer.size() - Pos);
    Pos += Have;
    Skip -= Have;
    if (Skip && !fill())
      return {};
  }
  if (Resyncing && !resync())
    return {};
  // Blank lines between messages are tolerated.
  while (true) {
    while (Pos < Buffer.size() && (Buffer[Pos] == '\r' || Buffer[Pos] == '\n'))
      ++Pos;
    if (Pos < Buffer.size())
      break;
    if (!fill())
      return {};
  }
  size_t HeaderEnd;
  while ((HeaderEnd = Buffer.find("\r\n\r\n", Pos)) == std::string::npos) {
    if (Buffer.size() - Pos > MaxHeaderBytes)
      return error("no end of header within " + std::to_string(MaxHeaderBytes) + " bytes");
    if (!fill()) {
      Pos = Buffer.size();
      return error("the input ended inside a message header");
    }
  }
  StringRef Headers = StringRef(Buffer).slice(Pos, HeaderEnd);
  Pos = HeaderEnd + 4;
  std::optional<size_t> Length;
  SmallVector<StringRef, 4> Lines;
  Headers.split(Lines, "\r\n");
  for (StringRef Line : Lines) {
    auto [Name, Value] = Line.split(':');
    if (!Line.contains(':'))
      return error("malformed header line '" + Line.take_front(80).str() + "'");
    if (!Name.trim().equals_insensitive("content-length"))
      continue; // Content-Type: only utf-8 JSON exists in practice
    unsigned long long N;
    if (Value.trim().getAsInteger(10, N))
      return error("bad Content-Length '" + Value.trim().take_front(40).str() + "'");
    Length = N;
  }
  if (!Length)
    return error("a message header without Content-Length");
  if (*Length > MaxBodyBytes) {
    Skip = *Length;
    IncomingMessage M = error("a message of " + std::to_string(*Length) + " bytes is too large");
    Resyncing = false; // the length is known: skip exactly the body
    return M;
  }
  while (Buffer.size() - Pos < *Length)
    if (!fill()) {
      Pos = Buffer.size();
      return error("the input ended inside a message body");
    }
  StringRef Body = StringRef(Buffer).substr(Pos, *Length);
  Pos += *Length;
  Expected<json::Value> V = json::parse(Body);
  if (!V) {
    IncomingMessage M = error("invalid JSON: " + toString(V.takeError()));
    Resyncing = false; // the frame was sound: the next one follows
    return M;
  }
  IncomingMessage M;
  M.What = IncomingMessage::Message;
  M.Body = std::move(*V);
  return M;
}

std::string frame(const json::Value &Message) {
  std::string Body;
  raw_string_ostream(Body) << Message;
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

void MessageWriter::send(const json::Value &Message) {
  std::string Bytes = frame(Message);
  std::lock_guard<std::mutex> L(M);
  size_t Done = 0;
  while (!Broken && Done < Bytes.size()) {
    ssize_t N = ::write(FD, Bytes.data() + Done, Bytes.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      Broken = true;
    else
      Done += static_cast<size_t>(N);
  }
}

} // namespace modlint::server
