#include "analyzer/server/Protocol.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace modlint::server {

StringRef encodingName(PositionEncoding E) {
  return E == PositionEncoding::Utf8 ? "utf-8" : "utf-16";
}

json::Value toJSON(const Position &P) {
  return json::Object{{"line", P.Line}, {"character", P.Character}};
}

json::Value toJSON(const Range &R) {
  return json::Object{{"start", toJSON(R.Start)}, {"end", toJSON(R.End)}};
}

bool fromJSON(const json::Value &V, Position &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  int64_t Line = -1, Character = -1;
  if (!O || !O.map("line", Line) || !O.map("character", Character))
    return false;
  if (Line < 0 || Character < 0 || Line > UINT32_MAX || Character > UINT32_MAX) {
    Path.report("a position is two unsigned integers");
    return false;
  }
  P.Line = static_cast<unsigned>(Line);
  P.Character = static_cast<unsigned>(Character);
  return true;
}

bool fromJSON(const json::Value &V, Range &R, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("start", R.Start) && O.map("end", R.End);
}

std::optional<std::string> uriToPath(StringRef Uri) {
  if (!Uri.consume_front_insensitive("file://"))
    return std::nullopt;
  // An authority (`file://host/p`) other than localhost names another machine.
  size_t Slash = Uri.find('/');
  if (Slash == StringRef::npos)
    return std::nullopt;
  StringRef Host = Uri.take_front(Slash);
  if (!Host.empty() && !Host.equals_insensitive("localhost"))
    return std::nullopt;
  Uri = Uri.drop_front(Slash);
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] != '%') {
      Path += Uri[I];
      continue;
    }
    unsigned Byte;
    if (I + 2 >= Uri.size() || Uri.substr(I + 1, 2).getAsInteger(16, Byte))
      return std::nullopt;
    if (Byte == 0)
      return std::nullopt; // no path holds a NUL
    Path += static_cast<char>(Byte);
    I += 2;
  }
  return Path;
}

ClientFeatures readClientFeatures(const json::Object *Caps) {
  ClientFeatures F;
  if (!Caps)
    return F;
  if (const json::Object *General = Caps->getObject("general"))
    if (const json::Array *Encodings = General->getArray("positionEncodings"))
      for (const json::Value &E : *Encodings)
        if (E.getAsString() == StringRef("utf-8"))
          F.Encoding = PositionEncoding::Utf8;
  if (const json::Object *Doc = Caps->getObject("textDocument"))
    F.PullDiagnostics = Doc->getObject("diagnostic") != nullptr;
  if (const json::Object *Ws = Caps->getObject("workspace")) {
    if (const json::Object *D = Ws->getObject("diagnostics"))
      F.DiagnosticRefresh = D->getBoolean("refreshSupport").getValueOr(false);
    if (const json::Object *W = Ws->getObject("didChangeWatchedFiles"))
      F.WatchedFilesDynamic = W->getBoolean("dynamicRegistration").getValueOr(false);
  }
  return F;
}

json::Value errorResponse(const json::Value &Id, ErrorCode Code, StringRef Message) {
  return json::Object{
      {"jsonrpc", "2.0"},
      {"id", Id},
      {"error", json::Object{{"code", static_cast<int>(Code)}, {"message", Message}}}};
}

json::Value resultResponse(const json::Value &Id, json::Value Result) {
  return json::Object{{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}};
}

json::Value notification(StringRef Method, json::Value Params) {
  return json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}};
}

} // namespace modlint::server
