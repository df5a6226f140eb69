#include "analyzer/flow/ReachingBindings.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>
#include <string>

using namespace llvm;

namespace modlint {

namespace {

/// Past this many bindings reaching one read, a name stands for all its
/// bindings (null): the sets stay small, so the walk stays linear, and only
/// code that rebinds one name in dozens of optional places loses precision.
constexpr size_t MaxReaching = 32;
using Reaching = SmallVector<const Binding *, 2>;

void add(Reaching &To, const Binding *B) {
  if (!To.empty() && To.front() == nullptr)
    return;
  if (!B || To.size() >= MaxReaching) {
    To.assign(1, nullptr);
    return;
  }
  if (!is_contained(To, B))
    To.push_back(B);
}

/// Per tracked name, the bindings that may hold its value here. A dead state
/// (after return, raise, break, continue) reaches nothing.
struct State {
  std::vector<Reaching> Vars;
  bool Dead = false;

  void join(const State &O) {
    if (O.Dead)
      return;
    if (Dead) {
      *this = O;
      return;
    }
    for (size_t I = 0; I < Vars.size(); ++I)
      for (const Binding *B : O.Vars[I])
        add(Vars[I], B);
  }
};

} // namespace

class ReachingWalk {
public:
  ReachingWalk(ReachingBindings &Out, const SemanticModel &M, ArrayRef<const Scope *> Family,
               const std::function<bool(const Scope &, StringRef)> &Tracked)
      : Out(Out), M(M), T(M.tree()), Family(Family) {
    std::map<std::pair<const Scope *, std::string>, unsigned> Index;
    for (const Scope *S : Family)
      for (const auto &Entry : S->Bindings) {
        if (!S->hasLocal(Entry.getKey()) || !Tracked(*S, Entry.getKey()))
          continue;
        unsigned Var =
            Index.emplace(std::make_pair(S, Entry.getKey().str()), Index.size()).first->second;
        for (const Binding &B : Entry.getValue()) {
          VarOf[&B] = Var;
          ByName[B.Name.id] = &B;
          InOrder.push_back(&B);
        }
      }
    VarCount = Index.size();
    for (auto &[Key, Var] : Index)
      VarIndex[Key] = Var;
    llvm::sort(InOrder, [](const Binding *A, const Binding *B) { return A->Offset < B->Offset; });
  }

  void run(const Scope &Body) {
    if (VarCount == 0)
      return; // nothing to follow: no walk
    State S;
    S.Vars.resize(VarCount);
    Exit = S;
    Exit.Dead = true;
    if (Body.Kind == ScopeKind::Module)
      block(Body.Node, S, &Body, 0);
    else if (Body.Kind == ScopeKind::Lambda)
      expr(field(Body.Node, "body"), S, &Body, 0);
    else
      block(field(Body.Node, "body"), S, &Body, 0);
    Exit.join(S);
    for (auto &[Key, Var] : VarIndex)
      if (!Exit.Dead)
        Out.AtExit[Key] = Exit.Vars[Var];
  }

private:
  static constexpr unsigned MaxDepth = MaxAnalysedDepth;

  /// Every tracked binding made inside \p N, without killing: what reaches a
  /// loop's head through its back edge, or a handler from its `try`.
  void genAllWithin(TSNode N, State &S) const {
    unsigned B = T.begin(N), E = T.end(N);
    auto It = std::lower_bound(InOrder.begin(), InOrder.end(), B,
                               [](const Binding *X, unsigned Off) { return X->Offset < Off; });
    for (; It != InOrder.end() && (*It)->Offset < E; ++It)
      add(S.Vars[VarOf.find(*It)->second], *It);
  }

  /// \p Id binds here: the binding replaces (or, augmented, joins) what was.
  void define(TSNode Id, State &S) {
    auto It = ByName.find(Id.id);
    if (It == ByName.end() || S.Dead)
      return;
    const Binding *B = It->second;
    auto &Cur = S.Vars[VarOf.find(B)->second];
    if (B->K != Binding::Augmented)
      Cur.clear();
    add(Cur, B);
  }

  void read(TSNode Id, State &S, const Scope *In) {
    if (ByName.count(Id.id)) {
      define(Id, S);
      return;
    }
    StringRef Name = T.text(Id);
    const Scope *Where = nullptr;
    if (!M.lookup(Name, *In, T.begin(Id), &Where) || !is_contained(Family, Where))
      return;
    auto It = VarIndex.find({Where, Name.str()});
    if (It == VarIndex.end())
      return;
    auto &Slot = Out.Reads[Id.id];
    if (!S.Dead)
      for (const Binding *B : S.Vars[It->second])
        add(Slot, B);
  }

  void block(TSNode N, State &S, const Scope *In, unsigned Depth) {
    if (isNull(N))
      return;
    forEachNamedChild(N, [&](TSNode C) { statement(C, S, In, Depth + 1); });
  }

  void statement(TSNode N, State &S, const Scope *In, unsigned Depth) {
    if (isNull(N) || Depth > MaxDepth)
      return;
    StringRef K = kind(N);
    if (K == "if_statement")
      return ifStatement(N, S, In, Depth);
    if (K == "for_statement" || K == "while_statement")
      return loop(N, S, In, Depth);
    if (K == "try_statement")
      return tryStatement(N, S, In, Depth);
    if (K == "match_statement")
      return matchStatement(N, S, In, Depth);
    if (K == "block")
      return block(N, S, In, Depth);
    if (K == "with_statement") {
      forEachNamedChild(N, [&](TSNode C) {
        if (kind(C) == "block")
          block(C, S, In, Depth);
        else
          expr(C, S, In, Depth + 1);
      });
      return;
    }
    if (K == "delete_statement") {
      forEachNamedChild(N, [&](TSNode C) { deleted(C, S, In, Depth + 1); });
      return;
    }
    expr(N, S, In, Depth + 1);
    if (K == "return_statement" || K == "raise_statement")
      Exit.join(S);
    if (K == "return_statement" || K == "raise_statement" || K == "continue_statement")
      S.Dead = true;
    else if (K == "break_statement") {
      if (!Breaks.empty())
        Breaks.back().join(S);
      S.Dead = true;
    }
  }

  /// `del x` unbinds x; `del x[k]`, `del x.a` read x.
  void deleted(TSNode Target, State &S, const Scope *In, unsigned Depth) {
    Target = unparenthesize(Target);
    StringRef K = kind(Target);
    if (K == "expression_list" || K == "tuple" || K == "list") {
      forEachNamedChild(Target, [&](TSNode C) { deleted(C, S, In, Depth + 1); });
      return;
    }
    if (K != "identifier" || S.Dead)
      return expr(Target, S, In, Depth);
    const Scope *Where = nullptr;
    StringRef Name = T.text(Target);
    if (M.lookup(Name, *In, T.begin(Target), &Where) && is_contained(Family, Where)) {
      auto It = VarIndex.find({Where, Name.str()});
      if (It != VarIndex.end())
        S.Vars[It->second].clear();
    }
  }

  void ifStatement(TSNode N, State &S, const Scope *In, unsigned Depth) {
    expr(field(N, "condition"), S, In, Depth + 1);
    State Joined = S;
    Joined.Dead = true;
    State Branch = S;
    block(field(N, "consequence"), Branch, In, Depth);
    Joined.join(Branch);
    bool HasElse = false;
    forEachNamedChild(N, [&](TSNode C) {
      if (kind(C) == "elif_clause") {
        expr(field(C, "condition"), S, In, Depth + 1);
        State B = S;
        block(field(C, "consequence"), B, In, Depth);
        Joined.join(B);
      } else if (kind(C) == "else_clause") {
        HasElse = true;
        State B = S;
        block(field(C, "body"), B, In, Depth);
        Joined.join(B);
      }
    });
    if (!HasElse)
      Joined.join(S);
    S = std::move(Joined);
  }

  void loop(TSNode N, State &S, const Scope *In, unsigned Depth) {
    bool IsFor = kind(N) == "for_statement";
    if (IsFor)
      expr(field(N, "right"), S, In, Depth + 1);
    // The head: reached from before the loop and from the end of the body.
    State Head = S;
    if (!Head.Dead)
      genAllWithin(N, Head);
    if (IsFor)
      target(field(N, "left"), Head, In, Depth + 1);
    else
      expr(field(N, "condition"), Head, In, Depth + 1);
    State Body = Head;
    Breaks.push_back(State{});
    Breaks.back().Vars.resize(VarCount);
    Breaks.back().Dead = true;
    block(field(N, "body"), Body, In, Depth);
    State Broke = Breaks.pop_back_val();
    // `while True:` is left only by a break (or a return, raise).
    State After = Head;
    if (!IsFor && isAlwaysTrue(field(N, "condition")))
      After.Dead = true;
    else
      After.join(Body);
    TSNode Else = field(N, "alternative");
    if (!isNull(Else))
      block(field(Else, "body"), After, In, Depth);
    After.join(Broke);
    S = std::move(After);
  }

  bool isAlwaysTrue(TSNode Cond) const {
    Cond = unparenthesize(Cond);
    StringRef K = kind(Cond);
    if (K == "true")
      return true;
    return K == "integer" && T.text(Cond).find_first_not_of("0_") != StringRef::npos;
  }

  void tryStatement(TSNode N, State &S, const Scope *In, unsigned Depth) {
    // A handler may start anywhere in the body: it sees what was bound before
    // the try and anything the body binds.
    State Any = S;
    State Body = S;
    State Joined = S;
    Joined.Dead = true;
    TSNode Else{}, Finally{};
    forEachNamedChild(N, [&](TSNode C) {
      StringRef K = kind(C);
      if (K == "block") {
        block(C, Body, In, Depth);
        if (!Any.Dead)
          genAllWithin(C, Any);
      } else if (K == "except_clause" || K == "except_group_clause") {
        State H = Any;
        forEachNamedChild(C, [&](TSNode X) {
          if (kind(X) == "block")
            block(X, H, In, Depth);
          else
            target(X, H, In, Depth + 1);
        });
        Joined.join(H);
      } else if (K == "else_clause") {
        Else = C;
      } else if (K == "finally_clause") {
        Finally = C;
      }
    });
    if (!isNull(Else))
      block(field(Else, "body"), Body, In, Depth);
    Joined.join(Body);
    if (!isNull(Finally)) {
      // Runs after every path, the abrupt ones included.
      Joined.join(Any);
      if (!Joined.Dead)
        genAllWithin(N, Joined);
      forEachNamedChild(Finally, [&](TSNode X) {
        if (kind(X) == "block")
          block(X, Joined, In, Depth);
      });
    }
    S = std::move(Joined);
  }

  void matchStatement(TSNode N, State &S, const Scope *In, unsigned Depth) {
    expr(field(N, "subject"), S, In, Depth + 1);
    State Joined = S; // no case may match
    TSNode Body = field(N, "body");
    if (isNull(Body))
      return;
    forEachNamedChild(Body, [&](TSNode Case) {
      if (kind(Case) != "case_clause")
        return;
      State C = S;
      forEachNamedChild(Case, [&](TSNode X) {
        if (kind(X) == "block")
          block(X, C, In, Depth);
        else
          expr(X, C, In, Depth + 1);
      });
      Joined.join(C);
    });
    S = std::move(Joined);
  }

  /// An assignment target: names bind, attribute and subscript bases are read.
  void target(TSNode N, State &S, const Scope *In, unsigned Depth) {
    if (isNull(N) || Depth > MaxDepth)
      return;
    StringRef K = kind(N);
    if (K == "identifier")
      return define(N, S);
    if (K == "attribute" || K == "subscript")
      return expr(N, S, In, Depth + 1);
    forEachNamedChild(N, [&](TSNode C) { target(C, S, In, Depth + 1); });
  }

  void expr(TSNode N, State &S, const Scope *In, unsigned Depth) {
    if (isNull(N) || Depth > MaxDepth)
      return;
    StringRef K = kind(N);
    if (K == "identifier")
      return read(N, S, In);
    if (ts_node_named_child_count(N) == 0)
      return;
    if (K == "string") {
      // Only an f-string's interpolations read names (a data table of
      // millions of strings is walked in no time).
      forEachNamedChild(N, [&](TSNode C) {
        if (kind(C) == "interpolation")
          expr(C, S, In, Depth + 1);
      });
      return;
    }
    if (K == "attribute")
      return expr(field(N, "object"), S, In, Depth + 1);
    if (K == "keyword_argument")
      return expr(field(N, "value"), S, In, Depth + 1);
    if (K == "assignment" || K == "augmented_assignment")
      return assignment(N, S, In, Depth);
    if (K == "named_expression") {
      expr(field(N, "value"), S, In, Depth + 1);
      return define(field(N, "name"), S);
    }
    if (K == "decorated_definition" || K == "function_definition" || K == "class_definition" ||
        K == "lambda")
      return definition(N, S, In, Depth);
    if (K == "list_comprehension" || K == "set_comprehension" || K == "dictionary_comprehension" ||
        K == "generator_expression")
      return comprehension(N, S, In, Depth);
    if (K == "for_in_clause") {
      expr(field(N, "right"), S, In, Depth + 1);
      return target(field(N, "left"), S, In, Depth + 1);
    }
    if (K == "with_item") {
      TSNode V = field(N, "value");
      if (!isNull(V) && kind(V) == "as_pattern") {
        expr(ts_node_named_child(V, 0), S, In, Depth + 1);
        return target(field(V, "alias"), S, In, Depth + 1);
      }
    }
    if (K == "global_statement" || K == "nonlocal_statement" || K == "import_statement" ||
        K == "import_from_statement" || K == "future_import_statement")
      return bindAllWithin(N, S);
    if (K == "as_pattern" || K == "keyword_pattern" || K == "case_pattern") {
      // match captures and `except E as e`: bound names are definitions.
      return bindAllWithin(N, S, In, Depth);
    }
    forEachNamedChild(N, [&](TSNode C) { expr(C, S, In, Depth + 1); });
  }

  /// Names bound inside \p N by the model (imports, patterns) bind here;
  /// the other identifiers are read.
  void bindAllWithin(TSNode N, State &S, const Scope *In = nullptr, unsigned Depth = 0) {
    if (Depth > MaxDepth)
      return;
    forEachNamedChild(N, [&](TSNode C) {
      if (ByName.count(C.id))
        define(C, S);
      else if (In && kind(C) == "identifier")
        read(C, S, In);
      else
        bindAllWithin(C, S, In, Depth + 1);
    });
  }

  void assignment(TSNode N, State &S, const Scope *In, unsigned Depth) {
    // The value runs first, then each target of a chain binds.
    TSNode Value = field(N, "right");
    while (!isNull(Value) && kind(Value) == "assignment")
      Value = field(Value, "right");
    expr(Value, S, In, Depth + 1);
    for (TSNode A = N; !isNull(A) && (kind(A) == "assignment" || kind(A) == "augmented_assignment");
         A = field(A, "right")) {
      TSNode Left = field(A, "left");
      if (kind(A) == "augmented_assignment") {
        expr(Left, S, In, Depth + 1); // `x += v` reads x, then (re)binds it
        define(Left, S);
        break;
      }
      target(Left, S, In, Depth + 1);
      TSNode Type = field(A, "type");
      if (!isNull(Type))
        expr(Type, S, In, Depth + 1);
    }
  }

  /// Decorators, defaults and bases run here; the body is another scope
  /// (what it reads of this body is judged by name, RULES.md route 7).
  void definition(TSNode N, State &S, const Scope *In, unsigned Depth) {
    StringRef K = kind(N);
    if (K == "decorated_definition") {
      forEachNamedChild(N, [&](TSNode C) {
        if (kind(C) == "decorator")
          expr(C, S, In, Depth + 1);
      });
      return definition(field(N, "definition"), S, In, Depth + 1);
    }
    TSNode Params = field(N, "parameters");
    if (!isNull(Params))
      forEachNamedChild(Params, [&](TSNode P) {
        TSNode V = field(P, "value");
        if (!isNull(V))
          expr(V, S, In, Depth + 1);
      });
    TSNode Supers = field(N, "superclasses");
    if (!isNull(Supers))
      expr(Supers, S, In, Depth + 1);
    TSNode Name = field(N, "name");
    if (!isNull(Name))
      define(Name, S);
  }

  void comprehension(TSNode N, State &S, const Scope *In, unsigned Depth) {
    const Scope *Inner = M.scopeOpenedBy(N);
    if (!Inner || !is_contained(Family, Inner))
      return; // a comprehension outside this body's family
    // Clauses in order (the first iterable in the enclosing scope), then the body.
    bool First = true;
    forEachNamedChild(N, [&](TSNode C) {
      StringRef K = kind(C);
      if (K == "for_in_clause") {
        expr(field(C, "right"), S, First ? In : Inner, Depth + 1);
        target(field(C, "left"), S, Inner, Depth + 1);
        First = false;
      } else if (K == "if_clause") {
        expr(C, S, Inner, Depth + 1);
      }
    });
    expr(field(N, "body"), S, Inner, Depth + 1);
  }

  ReachingBindings &Out;
  const SemanticModel &M;
  const SyntaxTree &T;
  ArrayRef<const Scope *> Family;
  DenseMap<const Binding *, unsigned> VarOf;
  DenseMap<const void *, const Binding *> ByName;
  std::map<std::pair<const Scope *, std::string>, unsigned> VarIndex;
  std::vector<const Binding *> InOrder;
  unsigned VarCount = 0;
  SmallVector<State, 4> Breaks;
  State Exit; ///< where the body returns or raises, or falls off its end
};

ReachingBindings::ReachingBindings(const SemanticModel &M, const Scope &Body,
                                   ArrayRef<const Scope *> Family,
                                   std::function<bool(const Scope &, StringRef)> Tracked) {
  ReachingWalk W(*this, M, Family, Tracked);
  W.run(Body);
}

std::optional<ArrayRef<const Binding *>> ReachingBindings::atExit(const Scope &S,
                                                                  StringRef Name) const {
  auto It = AtExit.find({&S, Name.str()});
  if (It == AtExit.end())
    return std::nullopt;
  return ArrayRef<const Binding *>(It->second);
}

std::optional<ArrayRef<const Binding *>> ReachingBindings::at(TSNode Id) const {
  auto It = Reads.find(Id.id);
  if (It == Reads.end())
    return std::nullopt;
  return ArrayRef<const Binding *>(It->second);
}

} // namespace modlint
