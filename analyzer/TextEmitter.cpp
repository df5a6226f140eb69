#include "analyzer/TextEmitter.h"

#include "analyzer/DisplayText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

namespace {

/// Rendering into a string, in colour when the real output is.
class ColorStringStream : public raw_string_ostream {
public:
  ColorStringStream(std::string &S, bool Colors) : raw_string_ostream(S), Colors(Colors) {
    enable_colors(Colors);
  }
  bool has_colors() const override { return Colors; }

private:
  bool Colors;
};

class FileRenderer {
public:
  FileRenderer(raw_ostream &OS, const SourceFile &Source, bool Colors)
      : OS(OS), Source(Source), Colors(Colors) {}

  void render(const Diagnostic &D) {
    SmallVector<const TextEdit *, 2> OnLine, Elsewhere;
    unsigned Line = Source.lineOf(D.Begin);
    if (D.Fix)
      for (const TextEdit &E : D.Fix->Edits)
        (fitsLine(E, Line) ? OnLine : Elsewhere).push_back(&E);
    print(D.Begin, D.End, D.Severity == Level::Error ? SourceMgr::DK_Error : SourceMgr::DK_Warning,
          D.Message + " [" + D.Code + "]", OnLine);
    for (const RelatedNote &N : D.Notes)
      print(N.Begin, N.End, SourceMgr::DK_Note, N.Message, {});
    if (!D.Fix)
      return;
    std::string Note = D.Fix->Safety == Applicability::Safe
                           ? "fix available (--fix): " + D.Fix->Title
                           : "unsafe fix available (--fix --unsafe-fixes): " + D.Fix->Title;
    // A deletion shows as nothing under the source: say it in words.
    for (const TextEdit *E : OnLine)
      if (E->Replacement.empty())
        Note += describe(*E);
    if (Elsewhere.empty()) {
      print(D.Begin, D.Begin, SourceMgr::DK_Note, Note, {}, /*ShowSource=*/false);
      return;
    }
    // Show the fix at its last insertion elsewhere (else its last edit
    // there); mention the others by line.
    const TextEdit *Shown = Elsewhere.back();
    for (const TextEdit *E : Elsewhere)
      if (E->Begin == E->End)
        Shown = E;
    for (const TextEdit *E : Elsewhere)
      if (E != Shown || E->Begin != E->End)
        Note += describe(*E);
    print(Shown->Begin, Shown->Begin, SourceMgr::DK_Note, Note, {Shown});
  }

private:
  /// "; also inserts 'import sys' at line 1", "; also removes 'import imp'
  /// at line 3", "; also replaces 'import imp' with 'pass' at line 4".
  std::string describe(const TextEdit &E) const {
    std::string Where = " at line " + std::to_string(Source.lineOf(E.Begin));
    std::string New = quote(E.Replacement);
    if (E.Begin == E.End)
      return "; also inserts " + New + Where;
    std::string Old = quote(Source.text().slice(E.Begin, E.End));
    if (E.Replacement.empty())
      return "; also removes " + Old + Where;
    return "; also replaces " + Old + " with " + New + Where;
  }

  /// Text on one line: blanks and line breaks collapsed, cut past 60 characters.
  static std::string quote(StringRef Text) {
    std::string One;
    Text = Text.trim();
    for (size_t I = 0; I < Text.size(); ++I) {
      char C = Text[I];
      bool Continuation = C == '\\' && Text.substr(I + 1).ltrim("\r").startswith("\n");
      if (!Continuation && !isSpace(C))
        One += C;
      else if (!One.empty() && One.back() != ' ')
        One += ' ';
    }
    if (One.size() > 60)
      One = One.substr(0, 57) + "...";
    return "'" + One + "'";
  }

  bool fitsLine(const TextEdit &E, unsigned Line) const {
    return Source.lineOf(E.Begin) == Line && Source.lineOf(E.End) == Line &&
           E.End <= Source.lineEnd(Line) &&
           StringRef(E.Replacement).find_first_of("\r\n") == StringRef::npos;
  }

  void print(unsigned Begin, unsigned End, SourceMgr::DiagKind Kind, const std::string &Msg,
             ArrayRef<const TextEdit *> Edits, bool ShowSource = true) {
    unsigned Line = Source.lineOf(Begin);
    unsigned LineStart = Source.lineStart(Line);
    StringRef LineText = Source.lineText(Line);
    // A finding at the very end of a file ending in a newline sits on the
    // line after the last: show the last line's end instead.
    if (Begin > LineStart + LineText.size())
      Begin = End = LineStart + LineText.size();
    unsigned Col = Source.columnCodePoints(Begin);
    std::string Rendered;
    ColorStringStream S(Rendered, Colors);
    {
      WithColor Where(S, raw_ostream::SAVEDCOLOR, true, false,
                      Colors ? ColorMode::Enable : ColorMode::Disable);
      // As SMDiagnostic names standard input.
      Where << (Source.path() == "-" ? "<stdin>" : displayText(Source.path())) << ":" << Line << ":"
            << Col << ": ";
    }
    if (!ShowSource) {
      // SMDiagnostic always shows a source line once it has a position.
      S << "note: " << displayText(Msg) << "\n";
      OS << S.str();
      return;
    }
    // SMDiagnostic measures columns in bytes and shows no caret under a line
    // that is not ASCII: it measures the ASCII placeholder of the line as
    // shown, which is then put in its place.
    DisplayLine Shown = displayLine(LineText);
    auto At = [&](unsigned Offset) {
      Offset = std::clamp<unsigned>(Offset, LineStart, LineStart + LineText.size());
      return Shown.Column[Offset - LineStart];
    };
    const char *Base = Shown.Placeholder.data();
    SmallVector<std::pair<unsigned, unsigned>, 1> Ranges;
    if (At(End) > At(Begin))
      Ranges.push_back({At(Begin), At(End)});
    SmallVector<SMFixIt, 2> FixIts;
    for (const TextEdit *E : Edits) {
      StringRef Replacement = StringRef(E->Replacement).rtrim("\r\n");
      if (Replacement.find_first_of("\r\n") != StringRef::npos)
        continue;
      FixIts.push_back(SMFixIt(SMRange(SMLoc::getFromPointer(Base + At(E->Begin)),
                                       SMLoc::getFromPointer(Base + At(E->End))),
                               displayText(Replacement)));
    }
    SMDiagnostic(SM, SMLoc::getFromPointer(Base + At(Begin)), /*FN=*/"", Line, At(Begin), Kind,
                 displayText(Msg), Shown.Placeholder, Ranges, FixIts)
        .print(nullptr, S, Colors, /*ShowKindLabel=*/true);
    std::string Printed = expandTabs(Shown.Placeholder) + "\n";
    size_t Header = Rendered.find('\n');
    size_t SourceLine = Rendered.find(Printed, Header + 1);
    if (Header != std::string::npos && SourceLine != std::string::npos)
      Rendered.replace(SourceLine, Printed.size(), Shown.Text + "\n");
    OS << Rendered;
  }

  /// As SMDiagnostic prints a line: a tab is spaces to the next multiple of 8.
  static std::string expandTabs(StringRef Line) {
    std::string Out;
    for (char C : Line) {
      if (C != '\t') {
        Out += C;
        continue;
      }
      do
        Out += ' ';
      while (Out.size() % 8 != 0);
    }
    return Out;
  }

  raw_ostream &OS;
  const SourceFile &Source;
  bool Colors;
  SourceMgr SM; ///< SMDiagnostic wants one; it reads no buffer of it
};

} // namespace

void emitText(raw_ostream &OS, const FileReport &File, bool Colors) {
  if (!File.Source)
    return;
  FileRenderer R(OS, *File.Source, Colors);
  for (const Diagnostic &D : File.Diagnostics)
    R.render(D);
}

void emitConcise(raw_ostream &OS, const FileReport &File) {
  if (!File.Source)
    return;
  for (const Diagnostic &D : File.Diagnostics) {
    // One line a finding, whatever a message holds (rules quote source
    // through rules/QuotedSource.h; this is the backstop).
    std::string Message = D.Message;
    std::replace_if(
        Message.begin(), Message.end(), [](char C) { return C == '\n' || C == '\r'; }, ' ');
    OS << shown(File.Path) << ":" << File.Source->lineOf(D.Begin) << ":"
       << File.Source->columnCodePoints(D.Begin) << ": " << levelName(D.Severity) << ": "
       << shown(Message) << " [" << D.Code << "]\n";
  }
}

} // namespace modlint
