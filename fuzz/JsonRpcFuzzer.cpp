// libFuzzer target: the language server's JSON-RPC reader (Content-Length
// framing, then JSON), and the document edits that messages carry. The
// input is the byte stream a client sends; its first byte sets the size of
// the reads (1-256 bytes), so frames are cut at every place.
//
// Invariants, besides sanitizer reports and the timeout:
//  - the reader ends: every call consumes input or reports the end, so the
//    calls are at most the input's size plus one;
//  - a parse error says why (a non-empty message);
//  - a message read, framed again and read by a fresh reader, is the same
//    JSON (nothing lost or invented by the framing);
//  - `contentChanges` of any message applied to a document (UTF-16 and
//    UTF-8 positions) keep its text valid UTF-8 (a position never splits a
//    character), and position(offset(p)) round-trips at each line start.
#include "analyzer/server/Documents.h"
#include "analyzer/server/Transport.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace modlint::server;
using llvm::StringRef;

namespace {

[[noreturn]] void fail(const char *What, size_t Size) {
  std::fprintf(stderr, "\n==modlint-fuzz== %s (input of %zu bytes)\n", What, Size);
  std::abort();
}

MessageReader readerOf(StringRef Bytes, size_t Chunk) {
  return MessageReader([Bytes, Chunk, Pos = size_t(0)](char *Buf, size_t Size) mutable -> long {
    size_t N = std::min({Size, Chunk, Bytes.size() - Pos});
    std::memcpy(Buf, Bytes.data() + Pos, N);
    Pos += N;
    return static_cast<long>(N);
  });
}

void checkEdits(const llvm::json::Value &Message, size_t Size) {
  const llvm::json::Object *O = Message.getAsObject();
  const llvm::json::Object *P = O ? O->getObject("params") : nullptr;
  const llvm::json::Array *Changes = P ? P->getArray("contentChanges") : nullptr;
  if (!Changes)
    return;
  for (PositionEncoding E : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
    DocumentStore Docs;
    Docs.open("file:///a.py", 1, "import imp\r\nx = '\xc3\xa9\xf0\x9f\x98\x80'\ry\n");
    llvm::consumeError(Docs.change("file:///a.py", 2, *Changes, E));
    const std::string &Text = *Docs.get("file:///a.py")->Text;
    if (!llvm::json::isUTF8(Text))
      fail("an edit split a character", Size);
    LineIndex Index(Text, E);
    for (unsigned Line = 0;; ++Line) {
      unsigned Start = Index.offset({Line, 0});
      Position Back = Index.position(Start);
      if (Start == Text.size())
        break;
      if (Back.Line != Line || Back.Character != 0)
        fail("a line start does not round-trip", Size);
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  size_t Chunk = size_t(Data[0]) + 1;
  StringRef Bytes(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  MessageReader Reader = readerOf(Bytes, Chunk);
  for (size_t Calls = 0;; ++Calls) {
    if (Calls > Bytes.size() + 1)
      fail("the reader does not end", Size);
    IncomingMessage M = Reader.next();
    if (M.What == IncomingMessage::End)
      break;
    if (M.What == IncomingMessage::ParseError) {
      if (M.Error.empty())
        fail("a parse error without a message", Size);
      continue;
    }
    std::string Framed = frame(M.Body);
    MessageReader Again = readerOf(Framed, Framed.size());
    IncomingMessage Back = Again.next();
    if (Back.What != IncomingMessage::Message || Back.Body != M.Body)
      fail("a message does not survive framing again", Size);
    checkEdits(M.Body, Size);
  }
  return 0;
}
