#include "analyzer/server/Documents.h"

#include "llvm/Support/ConvertUTF.h"

using namespace llvm;

namespace modlint::server {

LineIndex::LineIndex(StringRef Text, PositionEncoding Encoding) : Text(Text), Encoding(Encoding) {
  Starts.push_back(0);
  for (unsigned I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n')
      ++I;
    if (Text[I] == '\n' || Text[I] == '\r')
      Starts.push_back(I + 1);
  }
}

unsigned LineIndex::lineEnd(unsigned Line) const {
  unsigned End = Line + 1 < Starts.size() ? Starts[Line + 1] : Text.size();
  while (End > Starts[Line] && (Text[End - 1] == '\n' || Text[End - 1] == '\r'))
    --End;
  return End;
}

namespace {
/// Length of the UTF-8 sequence led by \p C (1 for a stray byte).
unsigned sequenceLength(unsigned char C) {
  if (C >= 0xF0 && C < 0xF8)
    return 4;
  if (C >= 0xE0)
    return C < 0xF0 ? 3 : 1;
  if (C >= 0xC0)
    return 2;
  return 1;
}
} // namespace

Position LineIndex::position(unsigned Offset) const {
  Offset = std::min<unsigned>(Offset, Text.size());
  unsigned Line = std::upper_bound(Starts.begin(), Starts.end(), Offset) - Starts.begin() - 1;
  unsigned Start = Starts[Line];
  if (Encoding == PositionEncoding::Utf8)
    return {Line, Offset - Start};
  unsigned Units = 0;
  for (unsigned I = Start; I < Offset;) {
    unsigned Len = sequenceLength(Text[I]);
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return {Line, Units};
}

unsigned LineIndex::offset(Position P) const {
  if (P.Line >= Starts.size())
    return Text.size();
  unsigned Start = Starts[P.Line], End = lineEnd(P.Line);
  if (Encoding == PositionEncoding::Utf8) {
    unsigned O = std::min(Start + P.Character, End);
    while (O > Start && O < End && (static_cast<unsigned char>(Text[O]) & 0xC0) == 0x80)
      --O; // not inside a sequence
    return O;
  }
  unsigned I = Start, Units = 0;
  while (I < End) {
    unsigned Len = sequenceLength(Text[I]);
    unsigned Width = Len == 4 ? 2 : 1;
    if (Units + Width > P.Character)
      break;
    Units += Width;
    I = std::min(I + Len, End);
  }
  return I;
}

void DocumentStore::open(StringRef Uri, int64_t Version, std::string Text) {
  Docs[Uri] = Document{Uri.str(), Version, std::make_shared<const std::string>(std::move(Text))};
}

const Document *DocumentStore::get(StringRef Uri) const {
  auto It = Docs.find(Uri);
  return It == Docs.end() ? nullptr : &It->second;
}

std::vector<std::string> DocumentStore::uris() const {
  std::vector<std::string> Out;
  for (const auto &E : Docs)
    Out.push_back(E.getKey().str());
  return Out;
}

Error DocumentStore::change(StringRef Uri, int64_t Version, const json::Array &Changes,
                            PositionEncoding Encoding) {
  auto It = Docs.find(Uri);
  if (It == Docs.end())
    return createStringError(inconvertibleErrorCode(), "document not open: %s", Uri.str().c_str());
  std::string Text = *It->second.Text;
  for (const json::Value &C : Changes) {
    const json::Object *O = C.getAsObject();
    auto NewText = O ? O->getString("text") : None;
    if (!NewText)
      return createStringError(inconvertibleErrorCode(), "a content change without text");
    const json::Value *RangeValue = O->get("range");
    if (!RangeValue) {
      Text = NewText->str();
      continue;
    }
    Range R;
    json::Path::Root Root;
    if (!fromJSON(*RangeValue, R, Root))
      return createStringError(inconvertibleErrorCode(), "a content change with a bad range");
    LineIndex Index(Text, Encoding);
    unsigned Begin = Index.offset(R.Start), End = Index.offset(R.End);
    if (End < Begin)
      return createStringError(inconvertibleErrorCode(),
                               "a content change whose range ends before it starts");
    Text.replace(Begin, End - Begin, NewText->str());
  }
  It->second.Version = Version;
  It->second.Text = std::make_shared<const std::string>(std::move(Text));
  return Error::success();
}

} // namespace modlint::server
