#ifndef MODLINT_ANALYZER_SERVER_DOCUMENTS_H
#define MODLINT_ANALYZER_SERVER_DOCUMENTS_H

#include "analyzer/server/Protocol.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <memory>
#include <string>

namespace modlint::server {

/// Byte offsets <-> LSP positions of one text. Lines end at LF, CRLF or a
/// lone CR (LSP and Python agree); a character is counted in UTF-16 code
/// units or UTF-8 bytes.
class LineIndex {
public:
  LineIndex(llvm::StringRef Text, PositionEncoding Encoding);
  Position position(unsigned Offset) const;
  /// The byte offset of \p P: a character past the end of its line is the
  /// line's end, a line past the last is the end of the text (LSP says so);
  /// one inside a UTF-16 surrogate pair or UTF-8 sequence rounds down.
  unsigned offset(Position P) const;

private:
  llvm::StringRef Text;
  PositionEncoding Encoding;
  llvm::SmallVector<unsigned, 0> Starts;
  unsigned lineEnd(unsigned Line) const; ///< before the line break
};

/// An open document: the client's text and version.
struct Document {
  std::string Uri;
  int64_t Version = 0;
  std::shared_ptr<const std::string> Text;
};

/// The open documents, by URI. Not thread-safe: the server locks it.
class DocumentStore {
public:
  void open(llvm::StringRef Uri, int64_t Version, std::string Text);
  void close(llvm::StringRef Uri) { Docs.erase(Uri); }
  const Document *get(llvm::StringRef Uri) const;
  /// Applies `contentChanges` (full text, or ranged edits in order) as
  /// version \p Version. An error leaves the document as it was.
  llvm::Error change(llvm::StringRef Uri, int64_t Version, const llvm::json::Array &Changes,
                     PositionEncoding Encoding);
  std::vector<std::string> uris() const;

private:
  llvm::StringMap<Document> Docs;
};

} // namespace modlint::server

#endif
