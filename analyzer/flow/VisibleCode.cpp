#include "analyzer/flow/VisibleCode.h"

#include "analyzer/SemanticModel.h"
#include "analyzer/flow/GlobalReads.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ConvertUTF.h"

#include <algorithm>

using namespace llvm;

namespace modlint {

namespace {

/// Names whose use may bind module names the syntax does not show.
bool bindsOutOfSight(StringRef Name) {
  return StringSwitch<bool>(Name)
      .Cases("globals", "locals", "vars", "exec", "execfile", true)
      .Default(false);
}

struct TreeScan {
  bool TooDeep = false;
  bool BindsOutOfSight = false;
  bool Refused = false; ///< a syntax error tree-sitter-python lets pass
};

/// The indentation before \p Offset, as widths with tabs of 8 and of 1 (the
/// two Python compares), when \p Offset starts its line's text.
std::optional<std::pair<unsigned, unsigned>> indentBefore(StringRef Text, unsigned Offset) {
  unsigned Start = Offset;
  while (Start > 0 &&
         (Text[Start - 1] == ' ' || Text[Start - 1] == '\t' || Text[Start - 1] == '\f'))
    --Start;
  if (Start > 0 && Text[Start - 1] != '\n' && Text[Start - 1] != '\r')
    return std::nullopt;
  unsigned Tab8 = 0, Tab1 = 0;
  for (unsigned P = Start; P < Offset; ++P) {
    if (Text[P] == '\f')
      Tab8 = Tab1 = 0; // the tokenizer restarts the column at a form feed
    else if (Text[P] == '\t')
      Tab8 = (Tab8 / 8 + 1) * 8, ++Tab1;
    else
      ++Tab8, ++Tab1;
  }
  return std::make_pair(Tab8, Tab1);
}

/// tree-sitter-python accepts what Python's tokenizer refuses as an
/// unexpected indent or an unindent matching no outer level (exec raises
/// IndentationError for code left indented): every statement of a block
/// that starts a line must start where the others do, at column 0 at top level.
bool indentIsConsistent(const SyntaxTree &T, TSNode Container) {
  std::optional<std::pair<unsigned, unsigned>> Expected;
  if (kind(Container) == "module")
    Expected = std::make_pair(0u, 0u);
  bool Consistent = true;
  forEachNamedChild(Container, [&](TSNode Statement) {
    if (!Consistent || kind(Statement) == "comment")
      return;
    auto Indent = indentBefore(T.source(), T.begin(Statement));
    if (!Indent)
      return; // not the first statement of its line
    if (!Expected)
      Expected = Indent;
    Consistent = *Indent == *Expected;
  });
  return Consistent;
}

/// tree-sitter-python lets a one-quote string run over a line end, where
/// Python reports an unterminated string. (f-strings are left alone: since
/// 3.12 their expressions may span lines.)
bool runsOverLineEnd(StringRef Text) {
  size_t Q = Text.find_first_of("'\"`");
  if (Q == StringRef::npos || Text[Q] == '`' ||
      Text.take_front(Q).find_first_of("fFtT") != StringRef::npos)
    return false;
  if (Text.size() >= Q + 6 && Text.substr(Q, 3) == std::string(3, Text[Q]))
    return false; // triple-quoted
  for (size_t P = Q + 1; P < Text.size(); ++P) {
    if (Text[P] == '\\')
      P += Text.substr(P + 1, 2) == "\r\n" ? 2 : 1; // what it escapes, a CRLF whole
    else if (Text[P] == '\n' || Text[P] == '\r')
      return true;
  }
  return false;
}

/// One linear pass over the whole tree: its depth, the syntax errors
/// tree-sitter-python lets pass, and out-of-sight binders.
TreeScan scanTree(const SyntaxTree &T) {
  TreeScan Out;
  TSTreeCursor C = ts_tree_cursor_new(T.root());
  unsigned Depth = 0;
  for (bool More = true; More;) {
    TSNode N = ts_tree_cursor_current_node(&C);
    StringRef K = kind(N);
    if (K == "wildcard_import" || K == "exec_statement" ||
        (K == "identifier" && bindsOutOfSight(T.text(N))))
      Out.BindsOutOfSight = true;
    if (((K == "module" || K == "block") && !indentIsConsistent(T, N)) ||
        (K == "string" && runsOverLineEnd(T.text(N)))) {
      Out.Refused = true;
      break;
    }
    if (ts_tree_cursor_goto_first_child(&C)) {
      if (++Depth > VisibleCode::MaxDepth) {
        Out.TooDeep = true;
        break;
      }
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&C)) {
      if (!ts_tree_cursor_goto_parent(&C)) {
        More = false;
        break;
      }
      --Depth;
    }
  }
  ts_tree_cursor_delete(&C);
  return Out;
}

/// A literal whose value is data (VisibleCode::kindOf). Recursion is
/// bounded: the tree is at most MaxDepth deep.
bool isDataLiteral(TSNode N) {
  N = unparenthesize(N);
  if (isNull(N))
    return false;
  StringRef K = kind(N);
  if (K == "integer" || K == "float" || K == "string" || K == "concatenated_string" ||
      K == "true" || K == "false" || K == "none" || K == "ellipsis")
    return true;
  if (K == "unary_operator")
    return isDataLiteral(field(N, "argument"));
  if (K == "binary_operator")
    return isDataLiteral(field(N, "left")) && isDataLiteral(field(N, "right"));
  bool Container = K == "tuple" || K == "list" || K == "set" || K == "expression_list";
  if (!Container && K != "dictionary")
    return false;
  bool All = true;
  forEachNamedChild(N, [&](TSNode E) {
    if (!All || kind(E) == "comment")
      return;
    if (Container)
      All = isDataLiteral(E);
    else
      All = kind(E) == "pair" && isDataLiteral(field(E, "key")) && isDataLiteral(field(E, "value"));
  });
  return All;
}

} // namespace

/// Classifies every module-level binding of a parsed piece of code.
class VisibleCodeBuilder {
public:
  using NameKind = VisibleCode::NameKind;

  explicit VisibleCodeBuilder(const SemanticModel &M) : M(M), T(M.tree()) {
    for (const auto &Entry : M.moduleScope().Bindings) {
      auto &Sorted = ByOffset[Entry.first()];
      for (const Binding &B : Entry.second)
        Sorted.push_back(&B);
      std::stable_sort(Sorted.begin(), Sorted.end(), earlier);
      All.insert(All.end(), Sorted.begin(), Sorted.end());
    }
    std::stable_sort(All.begin(), All.end(), earlier);
  }

  void build(VisibleCode &Out) {
    // In statement order, an alias finds its target's verdict made: no
    // chain of aliases comes near MaxAliases, and none is cut short.
    for (const Binding *B : All)
      classify(*B, 0);
    for (const auto &Entry : M.moduleScope().Bindings) {
      VisibleCode::NameInfo Info;
      const Scope *Code = nullptr;
      bool AnyData = false;
      for (const Binding &B : Entry.second) {
        auto [K, S] = classify(B, 0);
        if (K == NameKind::Data)
          AnyData = true;
        else if (K != NameKind::Unbound)
          std::tie(Info.Kind, Code) = std::make_pair(K, S);
      }
      if (Info.Kind == NameKind::Unbound && AnyData)
        Info.Kind = NameKind::Data;
      if (Info.Kind == NameKind::Unbound)
        continue; // only annotated, never assigned
      if (Code && (Info.Kind == NameKind::Function || Info.Kind == NameKind::Class))
        Info.Reads = readsOf(*Code);
      Out.Names[Entry.first()] = std::move(Info);
    }
  }

private:
  /// Aliases followed before giving up (`a = b; b = a` loops).
  static constexpr unsigned MaxAliases = 16;
  static bool earlier(const Binding *A, const Binding *B) { return A->Offset < B->Offset; }
  using Verdict = std::pair<NameKind, const Scope *>; ///< and the code a function runs

  /// Each binding once: aliases of one binding share its verdict.
  Verdict classify(const Binding &B, unsigned Aliases) {
    auto It = Verdicts.find(&B);
    if (It != Verdicts.end())
      return It->second;
    Verdict V = classifyOnce(B, Aliases);
    Verdicts[&B] = V;
    return V;
  }

  Verdict classifyOnce(const Binding &B, unsigned Aliases) {
    switch (B.K) {
    case Binding::Definition:
      return {kind(B.Value) == "class_definition" ? NameKind::Class : NameKind::Function,
              M.scopeOpenedBy(B.Value)};
    case Binding::Assignment:
    case Binding::Augmented:
    case Binding::ForTarget:
      break;
    default: // imports, with and except targets, match captures
      return {NameKind::OtherHazard, nullptr};
    }
    TSNode V = unparenthesize(B.Value);
    if (isNull(V))
      return {NameKind::Unbound, nullptr}; // `x: int` binds nothing
    if (isDataLiteral(V))
      return {NameKind::Data, nullptr};
    bool Element = B.Unpacked || B.K == Binding::ForTarget;
    if (B.K == Binding::Augmented)
      return {NameKind::OtherHazard, nullptr};
    if (kind(V) == "lambda" && !Element)
      return {NameKind::Function, M.scopeOpenedBy(V)};
    // `g = f` at top level: what the binding of f reaching it is.
    if (kind(V) != "identifier" || Aliases >= MaxAliases || B.ValueScope != &M.moduleScope())
      return {NameKind::OtherHazard, nullptr};
    const Binding *Aliased = reaching(T.text(V), T.begin(V));
    if (!Aliased)
      return {NameKind::OtherHazard, nullptr};
    Verdict Of = classify(*Aliased, Aliases + 1);
    if (Of.first == NameKind::Unbound || (Element && Of.first != NameKind::Data))
      return {NameKind::OtherHazard, nullptr};
    return Of;
  }

  /// The top-level binding a top-level use of \p Name at \p Offset reads:
  /// SemanticModel::lookup's choice, by binary search.
  const Binding *reaching(StringRef Name, unsigned Offset) const {
    auto It = ByOffset.find(Name);
    if (It == ByOffset.end())
      return nullptr;
    const std::vector<const Binding *> &Bs = It->second;
    auto After = std::upper_bound(Bs.begin(), Bs.end(), Offset,
                                  [](unsigned O, const Binding *B) { return O < B->Offset; });
    return After == Bs.begin() ? Bs.front() : *(After - 1);
  }

  const std::vector<std::string> &readsOf(const Scope &Code) {
    auto [It, New] = Reads.try_emplace(&Code);
    if (New)
      It->second = globalsReadWhenRun(M, Code);
    return It->second;
  }

  const SemanticModel &M;
  const SyntaxTree &T;
  DenseMap<const Scope *, std::vector<std::string>> Reads; ///< aliases share their function's
  DenseMap<const Binding *, Verdict> Verdicts;
  StringMap<std::vector<const Binding *>> ByOffset; ///< top-level bindings by offset
  std::vector<const Binding *> All;                 ///< all of them, by offset
};

std::optional<VisibleCode> VisibleCode::parse(StringRef Code) {
  // exec refuses a NUL, and decodes str source with a BOM as an error.
  if (Code.contains('\0') || Code.startswith("\xEF\xBB\xBF"))
    return std::nullopt;
  const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Code.begin());
  if (!isLegalUTF8String(&Begin, reinterpret_cast<const UTF8 *>(Code.end())))
    return std::nullopt;
  SourceFile Source = SourceFile::fromText("<visible code>", Code);
  if (unparseableReason(Source))
    return std::nullopt;
  SyntaxParser Parser;
  SyntaxTree Tree(Parser, Source);
  if (ts_node_has_error(Tree.root()))
    return std::nullopt;
  TreeScan Scan = scanTree(Tree);
  if (Scan.TooDeep || Scan.Refused)
    return std::nullopt;
  SemanticModel Model(Tree);
  VisibleCode Out;
  Out.BindsOutOfSight = Scan.BindsOutOfSight;
  VisibleCodeBuilder(Model).build(Out);
  return Out;
}

VisibleCode::NameKind VisibleCode::kindOf(StringRef Name) const {
  auto It = Names.find(Name);
  if (It != Names.end())
    return It->second.Kind;
  return BindsOutOfSight ? NameKind::OtherHazard : NameKind::Unbound;
}

ArrayRef<std::string> VisibleCode::globalsReadBy(StringRef Name) const {
  auto It = Names.find(Name);
  return It == Names.end() ? ArrayRef<std::string>() : ArrayRef<std::string>(It->second.Reads);
}

} // namespace modlint
