#include "analyzer/Noqa.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace modlint {

namespace {

/// The comment node starting at \p Offset, if that is where a comment starts.
bool isCommentAt(const SyntaxTree &Tree, unsigned Offset) {
  unsigned Base = Tree.begin(Tree.root()) - ts_node_start_byte(Tree.root());
  if (Offset < Base)
    return false;
  TSNode N = ts_node_descendant_for_byte_range(Tree.root(), Offset - Base, Offset - Base + 1);
  return !isNull(N) && kind(N) == "comment" && Tree.begin(N) == Offset;
}

/// The first real comment on \p Line: its offset and text.
std::optional<std::pair<unsigned, StringRef>> lineComment(const SourceFile &Source,
                                                          const SyntaxTree &Tree, unsigned Line) {
  StringRef Text = Source.lineText(Line);
  unsigned Start = Source.lineStart(Line);
  for (size_t Hash = Text.find('#'); Hash != StringRef::npos; Hash = Text.find('#', Hash + 1))
    if (isCommentAt(Tree, Start + Hash))
      return std::make_pair(Start + static_cast<unsigned>(Hash), Text.drop_front(Hash));
  return std::nullopt;
}

/// Codes a `# noqa` comment names; empty vector with \p All set for a bare one.
bool parseNoqa(StringRef Comment, bool &All, SmallVectorImpl<StringRef> &Codes) {
  // Ruff's grammar: "# noqa" optionally followed by ":" and codes; the
  // directive may follow other text in the same comment ("# type: x # noqa").
  std::string Lower = Comment.lower();
  size_t At = StringRef(Lower).find("noqa");
  while (At != StringRef::npos) {
    StringRef Before = StringRef(Lower).take_front(At).rtrim();
    if (Before.endswith("#")) {
      StringRef Rest = Comment.drop_front(At + 4);
      StringRef Trimmed = Rest.ltrim(" \t");
      if (!Trimmed.consume_front(":")) {
        All = true;
        return true;
      }
      SmallVector<StringRef, 4> Parts;
      Trimmed.split(Parts, ',', -1, false);
      for (StringRef P : Parts) {
        SmallVector<StringRef, 4> Words;
        P.split(Words, ' ', -1, false);
        for (StringRef W : Words) {
          W = W.trim();
          if (W.empty() || !isAlpha(W.front()) || !isDigit(W.back()))
            break; // codes end at the first non-code word
          Codes.push_back(W);
        }
      }
      All = Codes.empty();
      return true;
    }
    At = StringRef(Lower).find("noqa", At + 4);
  }
  return false;
}

/// Does \p Line end in a backslash that continues the logical line? (A
/// backslash ending a comment is part of it.)
bool continues(const SourceFile &Source, const SyntaxTree &Tree, unsigned Line) {
  return Line < Source.lineCount() && Source.lineText(Line).endswith("\\") &&
         !lineComment(Source, Tree, Line);
}

/// What a file-level comment exempts: everything, or some codes.
struct FileExemption {
  bool All = false;
  SmallVector<StringRef, 4> Codes;
  bool covers(StringRef Code) const {
    return All || any_of(Codes, [&](StringRef C) { return C.equals_insensitive(Code); });
  }
};

/// flake8's directive after `# flake8:`, as Ruff reads it: `noqa` alone
/// exempts the file, `noqa: CODES` those codes; anything else nothing.
void readFlake8Directive(StringRef Directive, FileExemption &E) {
  StringRef Rest = Directive.ltrim();
  if (!Rest.take_front(4).equals_insensitive("noqa"))
    return;
  Rest = Rest.drop_front(4).ltrim();
  if (Rest.empty()) {
    E.All = true;
    return;
  }
  if (!Rest.consume_front(":"))
    return;
  for (Rest = Rest.ltrim(); !Rest.empty(); Rest = Rest.ltrim(", \t")) {
    size_t Letters = Rest.find_if_not([](char C) { return C >= 'A' && C <= 'Z'; });
    StringRef Digits = Rest.drop_front(std::min(Letters, Rest.size()));
    size_t NDigits = Digits.find_if_not(isDigit);
    NDigits = std::min(NDigits, Digits.size());
    if (Letters == 0 || NDigits == 0)
      break;
    E.Codes.push_back(Rest.take_front(Letters + NDigits));
    Rest = Rest.drop_front(Letters + NDigits);
  }
}

/// The file-level exemptions: `# modlint: noqa` and, as Ruff honours it,
/// `# flake8: noqa`, each a comment on a line of its own. (`# ruff: noqa`
/// is Ruff's own, as `# modlint: noqa` is modlint's: it exempts nothing.)
FileExemption fileExemption(const SourceFile &Source, const SyntaxTree &Tree) {
  FileExemption E;
  StringRef Text = Source.text();
  for (StringRef Tool : {"modlint", "flake8"}) {
    for (size_t At = Text.find(Tool); At != StringRef::npos; At = Text.find(Tool, At + 1)) {
      unsigned Line = Source.lineOf(At);
      StringRef L = Source.lineText(Line);
      StringRef Body = L.ltrim(" \t\f");
      if (!Body.startswith("#"))
        continue; // not a comment on a line of its own
      StringRef Directive = Body.drop_front().ltrim();
      if (!Directive.consume_front(Tool))
        continue;
      Directive = Directive.ltrim();
      if (!Directive.consume_front(":"))
        continue;
      if (!isCommentAt(Tree, Source.lineStart(Line) + (L.size() - Body.size())))
        continue;
      if (Tool == "flake8") {
        readFlake8Directive(Directive, E);
      } else if (StringRef(Directive.trim().lower()).startswith("noqa")) {
        E.All = true;
      }
      if (E.All)
        return E;
    }
  }
  return E;
}

} // namespace

unsigned noqaLine(const SourceFile &Source, const SyntaxTree &Tree, unsigned Line) {
  while (continues(Source, Tree, Line))
    ++Line;
  return Line;
}

std::optional<TextEdit> noqaEdit(const SourceFile &Source, const SyntaxTree &Tree, unsigned Line,
                                 ArrayRef<std::string> Codes) {
  unsigned End = Source.lineEnd(Line);
  unsigned Base = Tree.begin(Tree.root()) - ts_node_start_byte(Tree.root());
  if (End > Source.lineStart(Line) && End > Base) {
    // The line's last byte must not sit inside a string that goes on.
    TSNode N = ts_node_descendant_for_byte_range(Tree.root(), End - 1 - Base, End - Base);
    for (; !isNull(N); N = ts_node_parent(N))
      if (kind(N) == "string" || kind(N) == "concatenated_string") {
        if (Tree.end(N) > End)
          return std::nullopt;
        break;
      }
  }
  std::string List;
  for (const std::string &C : Codes)
    List += (List.empty() ? "" : ", ") + C;
  if (auto Comment = lineComment(Source, Tree, Line)) {
    bool All = false;
    SmallVector<StringRef, 4> Existing;
    if (parseNoqa(Comment->second, All, Existing)) {
      if (All)
        return std::nullopt;
      // After the last code of the directive.
      StringRef Last = Existing.back();
      unsigned At = Last.data() - Source.text().data() + Last.size();
      return TextEdit{At, At, ", " + List};
    }
  }
  return TextEdit{End, End, "  # noqa: " + List};
}

void applyNoqa(const SourceFile &Source, const SyntaxTree &Tree, SmallVectorImpl<Diagnostic> &Diags,
               SmallVectorImpl<Diagnostic> *Suppressed) {
  if (Diags.empty())
    return;
  FileExemption Exempt = fileExemption(Source, Tree);
  if (Exempt.All) {
    if (Suppressed)
      Suppressed->append(std::make_move_iterator(Diags.begin()),
                         std::make_move_iterator(Diags.end()));
    Diags.clear();
    return;
  }
  // A suppressed finding is not fixed, so the joint edits its fix shares
  // with others (an import they all stop reading) must not happen either.
  std::vector<TextEdit> Withheld;
  auto WithholdJoint = [&](const Diagnostic &D) {
    if (D.Fix)
      for (const TextEdit &E : D.Fix->Edits)
        if (E.Joint && !is_contained(Withheld, E))
          Withheld.push_back(E);
  };
  auto IsSuppressed = [&](const Diagnostic &D) {
    if (Exempt.covers(D.Code)) {
      WithholdJoint(D);
      return true;
    }
    auto Comment = lineComment(Source, Tree, noqaLine(Source, Tree, Source.lineOf(D.Begin)));
    if (!Comment)
      return false;
    bool All = false;
    SmallVector<StringRef, 4> Codes;
    if (!parseNoqa(Comment->second, All, Codes))
      return false;
    bool Silenced = All || any_of(Codes, [&](StringRef C) { return C.equals_insensitive(D.Code); });
    if (Silenced)
      WithholdJoint(D);
    return Silenced;
  };
  SmallVector<Diagnostic, 0> Kept;
  for (Diagnostic &D : Diags) {
    if (!IsSuppressed(D))
      Kept.push_back(std::move(D));
    else if (Suppressed)
      Suppressed->push_back(std::move(D));
  }
  Diags.clear();
  Diags.append(std::make_move_iterator(Kept.begin()), std::make_move_iterator(Kept.end()));
  if (Withheld.empty())
    return;
  for (Diagnostic &D : Diags)
    if (D.Fix)
      erase_if(D.Fix->Edits,
               [&](const TextEdit &E) { return E.Joint && is_contained(Withheld, E); });
}

} // namespace modlint
