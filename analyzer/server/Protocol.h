#ifndef MODLINT_ANALYZER_SERVER_PROTOCOL_H
#define MODLINT_ANALYZER_SERVER_PROTOCOL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>

namespace modlint::server {

/// JSON-RPC and LSP error codes (LSP 3.17, "ResponseError").
enum class ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
};

/// How the `character` of a position counts: UTF-16 code units unless the
/// client offers UTF-8 (`general.positionEncodings`).
enum class PositionEncoding { Utf16, Utf8 };
llvm::StringRef encodingName(PositionEncoding E);

/// A zero-based line and character, as LSP has it.
struct Position {
  unsigned Line = 0, Character = 0;
};
struct Range {
  Position Start, End;
};
llvm::json::Value toJSON(const Position &P);
llvm::json::Value toJSON(const Range &R);
bool fromJSON(const llvm::json::Value &V, Position &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, Range &R, llvm::json::Path Path);

/// The local path of a `file:` URI (percent-decoded), or none for another
/// scheme (`untitled:`) or a malformed one.
std::optional<std::string> uriToPath(llvm::StringRef Uri);

/// What the client said it can do, as far as the server cares.
struct ClientFeatures {
  PositionEncoding Encoding = PositionEncoding::Utf16;
  bool PullDiagnostics = false;     ///< textDocument.diagnostic
  bool DiagnosticRefresh = false;   ///< workspace.diagnostics.refreshSupport
  bool WatchedFilesDynamic = false; ///< workspace.didChangeWatchedFiles.dynamicRegistration
};
ClientFeatures readClientFeatures(const llvm::json::Object *Capabilities);

/// A JSON-RPC error response.
llvm::json::Value errorResponse(const llvm::json::Value &Id, ErrorCode Code,
                                llvm::StringRef Message);
llvm::json::Value resultResponse(const llvm::json::Value &Id, llvm::json::Value Result);
llvm::json::Value notification(llvm::StringRef Method, llvm::json::Value Params);

} // namespace modlint::server

#endif
