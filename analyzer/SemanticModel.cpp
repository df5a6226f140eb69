#include "analyzer/SemanticModel.h"

#include <algorithm>
#include <cctype>
#include <cstring>

using namespace llvm;

namespace modlint {

namespace {
bool opensComprehension(StringRef K) {
  return K == "list_comprehension" || K == "set_comprehension" || K == "dictionary_comprehension" ||
         K == "generator_expression";
}
} // namespace

/// Builds the scope tree and bindings in one walk over the syntax tree.
class ScopeBuilder {
public:
  ScopeBuilder(SemanticModel &M) : M(M), Tree(M.Tree) {}

  void build() {
    Scope &Module = newScope(ScopeKind::Module, Tree.root(), nullptr, "<module>");
    visit(Tree.root(), Module, TSNode{});
  }

private:
  // Deeper nesting is left unanalysed rather than risking the stack; the
  // first place it happens is recorded, for the linter to say so.
  static constexpr unsigned MaxDepth = MaxAnalysedDepth;
  void tooDeep(TSNode N) {
    if (!M.FirstTooDeep)
      M.FirstTooDeep = Tree.begin(N);
  }

  Scope &newScope(ScopeKind K, TSNode N, Scope *Parent, std::string Name) {
    M.Scopes.push_back(
        std::make_unique<Scope>(Scope{K, N, Parent, std::move(Name), {}, {}, {}, {}}));
    Scope *S = M.Scopes.back().get();
    M.ScopeByNode[N.id] = S;
    if (Parent)
      Parent->Children.push_back(S);
    return *S;
  }

  /// Where a binding of \p Name made in \p S lands (`global` / `nonlocal`).
  Scope &targetScope(Scope &S, StringRef Name) {
    if (S.Globals.contains(Name))
      return M.moduleScope();
    if (S.Nonlocals.contains(Name))
      for (Scope *P = S.Parent; P; P = P->Parent)
        if (P->Kind != ScopeKind::Class && P->Bindings.count(Name))
          return *P;
    return S;
  }

  void bind(Scope &S, TSNode NameNode, Binding::Kind K, TSNode Value, TSNode Stmt,
            bool Unpacked = false, std::string Qualified = {}) {
    StringRef Name = Tree.text(NameNode);
    Binding B{K, NameNode, Value, Stmt, Unpacked, std::move(Qualified), Tree.begin(NameNode), &S};
    targetScope(S, Name).Bindings[Name].push_back(std::move(B));
  }

  /// Binds every name in an assignment target.
  void bindTarget(Scope &S, TSNode Target, Binding::Kind K, TSNode Value, TSNode Stmt,
                  bool Unpacked = false, unsigned Depth = 0) {
    if (isNull(Target))
      return;
    if (Depth > MaxDepth)
      return tooDeep(Target); // absurdly nested targets are left unbound, not a stack overflow
    StringRef Kd = kind(Target);
    if (Kd == "identifier") {
      bind(S, Target, K, Value, Stmt, Unpacked);
    } else if (Kd == "pattern_list" || Kd == "tuple_pattern" || Kd == "list_pattern" ||
               Kd == "tuple" || Kd == "list" || Kd == "expression_list") {
      TSNode V = isNull(Value) ? Value : unparenthesize(Value);
      bool Parallel = !isNull(V) && !Unpacked &&
                      (kind(V) == "tuple" || kind(V) == "list" || kind(V) == "expression_list") &&
                      ts_node_named_child_count(V) == ts_node_named_child_count(Target);
      uint32_t N = ts_node_named_child_count(Target);
      for (uint32_t I = 0; I < N; ++I) {
        TSNode Elt = ts_node_named_child(Target, I);
        if (Parallel)
          bindTarget(S, Elt, K, ts_node_named_child(V, I), Stmt, false, Depth + 1);
        else
          bindTarget(S, Elt, K, Value, Stmt, true, Depth + 1);
      }
    } else if (Kd == "parenthesized_expression" || Kd == "list_splat_pattern" ||
               Kd == "list_splat" || Kd == "as_pattern_target") {
      if (ts_node_named_child_count(Target) == 1)
        bindTarget(S, ts_node_named_child(Target, 0), K, Value, Stmt,
                   Unpacked || Kd == "list_splat_pattern" || Kd == "list_splat", Depth + 1);
    }
    // attribute / subscript targets bind nothing.
  }

  void bindParameters(Scope &S, TSNode Params) {
    if (isNull(Params))
      return;
    forEachNamedChild(Params, [&](TSNode P) {
      StringRef K = kind(P);
      TSNode Name = P;
      if (K == "default_parameter" || K == "typed_default_parameter")
        Name = field(P, "name");
      else if (K == "typed_parameter" || K == "list_splat_pattern" ||
               K == "dictionary_splat_pattern")
        Name = ts_node_named_child(P, 0);
      if (!isNull(Name) && kind(Name) == "typed_parameter")
        Name = ts_node_named_child(Name, 0);
      if (!isNull(Name) &&
          (kind(Name) == "list_splat_pattern" || kind(Name) == "dictionary_splat_pattern"))
        Name = ts_node_named_child(Name, 0);
      if (!isNull(Name) && kind(Name) == "identifier")
        bind(S, Name, Binding::Parameter, TSNode{}, P);
      else if (!isNull(Name) && kind(Name) == "tuple_pattern")
        bindTarget(S, Name, Binding::Parameter, TSNode{}, P, true);
    });
  }

  /// Visits parameter defaults and annotations, which are evaluated in the
  /// enclosing scope.
  void visitParameterExpressions(TSNode Params, Scope &Outer, TSNode Stmt, unsigned Depth) {
    if (isNull(Params))
      return;
    forEachNamedChild(Params, [&](TSNode P) {
      for (const char *F : {"value", "type"}) {
        TSNode E = field(P, F);
        if (!isNull(E))
          visit(E, Outer, Stmt, Depth + 1);
      }
    });
  }

  void visitImport(TSNode N, Scope &S) {
    bool From = kind(N) == "import_from_statement";
    std::string Module;
    if (From) {
      TSNode Mod = field(N, "module_name");
      Module = kind(Mod) == "relative_import" ? "." + Tree.text(Mod).str() : Tree.text(Mod).str();
    } else if (kind(N) == "future_import_statement") {
      From = true;
      Module = "__future__";
    }
    uint32_t Count = ts_node_child_count(N);
    for (uint32_t I = 0; I < Count; ++I) {
      const char *F = ts_node_field_name_for_child(N, I);
      if (!F || std::strcmp(F, "name") != 0)
        continue;
      TSNode Item = ts_node_child(N, I);
      TSNode Dotted = Item, Alias{};
      if (kind(Item) == "aliased_import") {
        Dotted = field(Item, "name");
        Alias = field(Item, "alias");
      }
      std::string Full = Tree.text(Dotted).str();
      Full.erase(std::remove_if(Full.begin(), Full.end(), ::isspace), Full.end());
      if (From)
        Full = Module + "." + Full;
      if (!isNull(Alias)) {
        bind(S, Alias, Binding::Import, TSNode{}, N, false, Full);
      } else if (From) {
        bind(S, Dotted, Binding::Import, TSNode{}, N, false, Full);
      } else {
        // `import a.b.c` binds `a` to the package `a`.
        TSNode First = ts_node_named_child(Dotted, 0);
        bind(S, First, Binding::Import, TSNode{}, N, false, Tree.text(First).str());
      }
    }
  }

  void visit(TSNode N, Scope &S, TSNode Stmt, unsigned Depth = 0, StringRef ParentKind = "") {
    // A leaf (a name, a number, a piece of a string: half the nodes) binds
    // nothing and opens nothing.
    if (isNull(N) || ts_node_child_count(N) == 0)
      return;
    if (Depth > MaxDepth)
      return tooDeep(N);
    StringRef K = kind(N);
    if (K.endswith("statement") || K == "function_definition" || K == "class_definition" ||
        K == "decorated_definition")
      Stmt = N;

    if (K == "function_definition") {
      TSNode Name = field(N, "name");
      if (!isNull(Name))
        bind(S, Name, Binding::Definition, N, N);
      TSNode Params = field(N, "parameters");
      visitParameterExpressions(Params, S, N, Depth);
      TSNode Ret = field(N, "return_type");
      if (!isNull(Ret))
        visit(Ret, S, N, Depth + 1);
      Scope &F = newScope(ScopeKind::Function, N, &S, isNull(Name) ? "?" : Tree.text(Name).str());
      bindParameters(F, Params);
      visit(field(N, "body"), F, N, Depth + 1);
      return;
    }
    if (K == "lambda") {
      TSNode Params = field(N, "parameters");
      visitParameterExpressions(Params, S, Stmt, Depth);
      Scope &L = newScope(ScopeKind::Lambda, N, &S, "<lambda>");
      bindParameters(L, Params);
      visit(field(N, "body"), L, Stmt, Depth + 1);
      return;
    }
    if (K == "class_definition") {
      TSNode Name = field(N, "name");
      if (!isNull(Name))
        bind(S, Name, Binding::Definition, N, N);
      TSNode Supers = field(N, "superclasses");
      if (!isNull(Supers))
        visit(Supers, S, N, Depth + 1);
      Scope &C = newScope(ScopeKind::Class, N, &S, isNull(Name) ? "?" : Tree.text(Name).str());
      visit(field(N, "body"), C, N, Depth + 1);
      return;
    }
    if (opensComprehension(K)) {
      Scope &C = newScope(ScopeKind::Comprehension, N, &S, "<comprehension>");
      forEachNamedChild(N, [&](TSNode Child) { visit(Child, C, Stmt, Depth + 1); });
      return;
    }
    if (K == "global_statement" || K == "nonlocal_statement") {
      forEachNamedChild(N, [&](TSNode Id) {
        (K == "global_statement" ? S.Globals : S.Nonlocals).insert(Tree.text(Id));
      });
      return;
    }
    if (K == "import_statement" || K == "import_from_statement" || K == "future_import_statement") {
      visitImport(N, S);
      return;
    }
    if (K == "assignment" && ParentKind != "assignment") {
      // The head of a chain `a = b = v` binds every target once.
      TSNode Value = N;
      while (!isNull(Value) && kind(Value) == "assignment")
        Value = field(Value, "right");
      for (TSNode A = N; !isNull(A) && kind(A) == "assignment"; A = field(A, "right"))
        bindTarget(S, field(A, "left"), Binding::Assignment, Value, Stmt);
    } else if (K == "augmented_assignment") {
      bindTarget(S, field(N, "left"), Binding::Augmented, field(N, "right"), Stmt);
    } else if (K == "for_statement" || K == "for_in_clause") {
      bindTarget(S, field(N, "left"), Binding::ForTarget, field(N, "right"), Stmt, true);
    } else if (K == "with_item") {
      TSNode V = field(N, "value");
      if (!isNull(V) && kind(V) == "as_pattern") {
        TSNode Alias = field(V, "alias");
        bindTarget(S, Alias, Binding::WithTarget, ts_node_named_child(V, 0), Stmt);
      }
    } else if (K == "except_clause") {
      TSNode V = field(N, "value");
      TSNode Alias = field(N, "alias");
      if (!isNull(V) && kind(V) == "as_pattern")
        Alias = field(V, "alias");
      if (!isNull(Alias))
        bindTarget(S, Alias, Binding::Other, TSNode{}, Stmt);
    } else if (K == "named_expression") {
      Scope *T = &S;
      while (T->Kind == ScopeKind::Comprehension && T->Parent)
        T = T->Parent;
      bindTarget(*T, field(N, "name"), Binding::Assignment, field(N, "value"), Stmt);
    }
    forEachNamedChild(N, [&](TSNode Child) { visit(Child, S, Stmt, Depth + 1, K); });
  }

  SemanticModel &M;
  const SyntaxTree &Tree;
};

SemanticModel::SemanticModel(const SyntaxTree &Tree) : Tree(Tree) {
  ScopeBuilder(*this).build();
  // Source order, so that lookup can search a name's bindings by offset.
  for (auto &S : Scopes)
    for (auto &Entry : S->Bindings)
      std::stable_sort(Entry.getValue().begin(), Entry.getValue().end(),
                       [](const Binding &A, const Binding &B) { return A.Offset < B.Offset; });
}

Scope *SemanticModel::scopeOpenedBy(TSNode N) const {
  auto It = ScopeByNode.find(N.id);
  return It == ScopeByNode.end() ? nullptr : It->second;
}

Scope &SemanticModel::scopeOf(TSNode N) const {
  for (TSNode P = ts_node_parent(N); !isNull(P); P = ts_node_parent(P))
    if (Scope *S = scopeOpenedBy(P)) {
      // Parameter defaults, decorators, superclasses and a comprehension's
      // outermost iterable belong to the enclosing scope; the precision lost
      // by ignoring that is harmless for resolution of imports.
      return *S;
    }
  return moduleScope();
}

const Binding *SemanticModel::lookup(StringRef Name, const Scope &S, unsigned Offset,
                                     const Scope **Where) const {
  const Scope *Cur = &S;
  if (S.Globals.contains(Name))
    Cur = &moduleScope();
  for (; Cur; Cur = Cur->Parent) {
    if (Cur != &S && Cur->Kind == ScopeKind::Class)
      continue; // class bodies are invisible to nested scopes
    if (Cur->Nonlocals.contains(Name))
      continue;
    auto It = Cur->Bindings.find(Name);
    if (It == Cur->Bindings.end())
      continue;
    const auto &Bs = It->second;
    const Binding *Pick = &Bs.front();
    if (Cur == &S) {
      // The last binding at or before Offset (bindings are in source order).
      auto After = std::upper_bound(Bs.begin(), Bs.end(), Offset,
                                    [](unsigned Off, const Binding &B) { return Off < B.Offset; });
      if (After != Bs.begin())
        Pick = &*std::prev(After);
    } else {
      Pick = &Bs.back(); // a nested scope runs later: the last binding wins
    }
    if (Where)
      *Where = Cur;
    return Pick;
  }
  return nullptr;
}

std::string SemanticModel::qualifiedName(TSNode Expr, const Scope &S) const {
  return qualifiedName(Expr, S, 0);
}

std::string SemanticModel::qualifiedName(TSNode Expr, const Scope &S, unsigned Depth) const {
  Expr = unparenthesize(Expr);
  if (isNull(Expr) || Depth > 8)
    return {};
  StringRef K = kind(Expr);
  if (K == "identifier") {
    StringRef Name = Tree.text(Expr);
    const Scope *Where = nullptr;
    const Binding *B = lookup(Name, S, Tree.begin(Expr), &Where);
    if (!B)
      return ("builtins." + Name).str();
    if (B->K == Binding::Import)
      return B->Qualified;
    // `MT = types.ModuleType`, `mods = sys.modules`: a single plain alias.
    if (B->K == Binding::Assignment && !B->Unpacked && !isNull(B->Value) &&
        Where->Bindings.find(Name)->second.size() == 1) {
      StringRef VK = kind(unparenthesize(B->Value));
      if (VK == "identifier" || VK == "attribute")
        return qualifiedName(B->Value, *Where, Depth + 1);
    }
    return {};
  }
  if (K == "attribute") {
    std::string Base = qualifiedName(field(Expr, "object"), S, Depth + 1);
    if (Base.empty())
      return {};
    return Base + "." + Tree.text(field(Expr, "attribute")).str();
  }
  return {};
}

SemanticModel::NameState SemanticModel::nameState(StringRef Name, StringRef Module, const Scope &S,
                                                  unsigned Offset) const {
  const Binding *Here = lookup(Name, S, Offset);
  auto Bs = moduleScope().Bindings.find(Name);
  if (!Here && Bs == moduleScope().Bindings.end())
    return NameState::Unbound;
  auto IsModule = [&](const Binding &B) { return B.K == Binding::Import && B.Qualified == Module; };
  if (Here && !IsModule(*Here))
    return NameState::Other;
  if (Bs != moduleScope().Bindings.end())
    for (const Binding &B : Bs->second)
      if (!IsModule(B))
        return NameState::Other;
  return NameState::Module;
}

} // namespace modlint
