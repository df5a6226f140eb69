#include "analyzer/flow/ImportUses.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace modlint {

namespace {

bool isImport(StringRef K) { return K == "import_statement" || K == "import_from_statement"; }

/// The outermost of the parentheses around \p N (N itself when there are none).
TSNode outerParens(TSNode N) {
  for (TSNode P = ts_node_parent(N); !isNull(P) && kind(P) == "parenthesized_expression";
       P = ts_node_parent(P))
    N = P;
  return N;
}

/// An identifier that names something without reading a binding: an
/// attribute (`x.imp`), a keyword argument (`f(imp=1)`), a def or class name.
bool namesWithoutReading(TSNode Id) {
  TSNode P = ts_node_parent(Id);
  if (isNull(P))
    return false;
  StringRef K = kind(P);
  if (K == "attribute")
    return sameNode(field(P, "attribute"), Id);
  if (K == "keyword_argument" || K == "function_definition" || K == "class_definition")
    return sameNode(field(P, "name"), Id);
  return false;
}

/// What a plain string literal spells (`"imp"`, `u'imp'`, `"""imp"""`).
StringRef stringValue(StringRef Literal) {
  Literal = Literal.drop_while([](char C) { return isAlpha(C); });
  size_t Quote = Literal.startswith("\"\"\"") || Literal.startswith("'''") ? 3 : 1;
  if (Literal.size() < 2 * Quote)
    return {};
  return Literal.drop_front(Quote).drop_back(Quote);
}

/// \p Name as a whole word somewhere in \p Text.
bool spells(StringRef Text, StringRef Name) {
  auto NameChar = [](char C) { return isAlnum(C) || C == '_'; };
  for (size_t At = Text.find(Name); At != StringRef::npos; At = Text.find(Name, At + 1))
    if ((At == 0 || !NameChar(Text[At - 1])) &&
        (At + Name.size() == Text.size() || !NameChar(Text[At + Name.size()])))
      return true;
  return false;
}

} // namespace

std::optional<ImportRemoval> ImportUses::removalFor(TSNode Callee) {
  TSNode Root = unparenthesize(Callee);
  bool ThroughModule = kind(Root) == "attribute";
  if (ThroughModule)
    Root = unparenthesize(field(Root, "object"));
  if (isNull(Root) || kind(Root) != "identifier")
    return std::nullopt;
  const Scope *Where = nullptr;
  const Binding *B = M.lookup(T.text(Root), M.scopeOf(Root), T.begin(Root), &Where);
  if (!B || B->K != Binding::Import || B->Qualified != (ThroughModule ? "imp" : "imp.new_module"))
    return std::nullopt;
  if (auto It = Known.find(B); It != Known.end())
    return It->second;
  std::optional<ImportRemoval> R = compute(*B, *Where);
  Known[B] = R;
  return R;
}

std::optional<ImportRemoval> ImportUses::compute(const Binding &B, const Scope &Where) {
  StringRef Name = T.text(B.Name);
  // Another binding of the name in the same scope (`imp = None` in an
  // except clause, a second import) leaves which one a read sees to the
  // order the code runs in: keep the import.
  if (Where.Bindings.find(Name)->second.size() != 1)
    return std::nullopt;
  // What the parser could not make sense of may read the name too.
  for (auto [Begin, End] : T.errorRegions())
    if (spells(T.source().slice(Begin, End), Name))
      return std::nullopt;
  indexReads();
  auto It = Reads.find(&B);
  if (It == Reads.end() || Quoted.contains(Name))
    return std::nullopt;
  for (TSNode Id : It->second)
    if (!isNewModuleCallee(Id, B.Qualified == "imp"))
      return std::nullopt;
  std::optional<ImportRemoval> R = importRemovalEdit(T, B.Statement, B.Name);
  if (R)
    R->Readers = It->second.size();
  return R;
}

/// One walk over the tree: every identifier spelled like a name that an
/// import of `imp` or `imp.new_module` binds, grouped by the binding it
/// reads, and the string literals that spell such a name (`__all__ =
/// ["imp"]`, `globals()["imp"]`: reads by name that the tree does not show).
void ImportUses::indexReads() {
  if (Indexed)
    return;
  Indexed = true;
  StringSet<> Names;
  for (const auto &S : M.scopes())
    for (const auto &Entry : S->Bindings)
      for (const Binding &B : Entry.getValue())
        if (B.K == Binding::Import && (B.Qualified == "imp" || B.Qualified == "imp.new_module"))
          Names.insert(Entry.getKey());
  if (Names.empty())
    return;
  TSTreeCursor C = ts_tree_cursor_new(T.root());
  for (bool Down = true;;) {
    TSNode N = ts_tree_cursor_current_node(&C);
    StringRef K = kind(N);
    if (Down && K == "identifier" && Names.contains(T.text(N)) && !namesWithoutReading(N)) {
      const Binding *B = M.lookup(T.text(N), M.scopeOf(N), T.begin(N));
      if (B && B->K == Binding::Import)
        Reads[B].push_back(N);
    }
    if (Down && K == "string" && Names.contains(stringValue(T.text(N))))
      Quoted.insert(stringValue(T.text(N)));
    // The names an import statement spells are what it binds, not reads.
    if (Down && !isImport(K) && K != "future_import_statement" &&
        ts_tree_cursor_goto_first_child(&C))
      continue;
    if (ts_tree_cursor_goto_next_sibling(&C)) {
      Down = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&C))
      break;
    Down = false;
  }
  ts_tree_cursor_delete(&C);
}

/// \p Id is the name the callee of an `imp.new_module(...)` call starts
/// from: `Id.new_module(...)` for a binding of the module, `Id(...)` for one
/// of the function (parentheses allowed anywhere).
bool ImportUses::isNewModuleCallee(TSNode Id, bool ModuleBinding) const {
  TSNode X = outerParens(Id);
  if (ModuleBinding) {
    TSNode Attr = ts_node_parent(X);
    if (isNull(Attr) || kind(Attr) != "attribute" || !sameNode(field(Attr, "object"), X) ||
        T.text(field(Attr, "attribute")) != "new_module")
      return false;
    X = outerParens(Attr);
  }
  TSNode Call = ts_node_parent(X);
  return !isNull(Call) && kind(Call) == "call" && sameNode(field(Call, "function"), X);
}

} // namespace modlint
