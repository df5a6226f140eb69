#include "analyzer/flow/GlobalReads.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace modlint {

namespace {

/// How an identifier met in this position is used.
enum class Use {
  Load,   ///< an expression: identifiers here are reads
  Store,  ///< an assignment target: identifiers bind, subscripts and attributes read
  Params, ///< a parameter list: only defaults and annotations are expressions
  Param,  ///< one parameter
  Skip,   ///< nothing below is a read (names of imports, `global`, match patterns)
};

struct Item {
  TSNode Node;
  const Scope *In; ///< the scope it is evaluated in
  Use U;
  const Scope *Outer = nullptr; ///< for a comprehension's first `for`: where its iterable runs
};

bool opensComprehension(StringRef K) {
  return K == "list_comprehension" || K == "set_comprehension" || K == "dictionary_comprehension" ||
         K == "generator_expression";
}

/// Target shapes whose identifiers are bound, not read.
bool isTargetShape(StringRef K) {
  return StringSwitch<bool>(K)
      .Cases("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", true)
      .Cases("parenthesized_expression", "list_splat", "list_splat_pattern", true)
      .Cases("expression_list", "as_pattern_target", true)
      .Default(false);
}

bool hidesNames(StringRef K) {
  return StringSwitch<bool>(K)
      .Cases("import_statement", "import_from_statement", "future_import_statement", true)
      .Cases("global_statement", "nonlocal_statement", "case_pattern", true)
      .Case("type_parameter", true)
      .Default(false);
}

/// Walks code top-down (an explicit stack: nesting depth costs no native
/// stack), knowing each node's scope and use from its parent.
class ReadCollector {
public:
  explicit ReadCollector(const SemanticModel &M) : M(M), T(M.tree()) {}

  void collect(TSNode Body, const Scope &S) {
    if (isNull(Body))
      return;
    Stack.push_back({Body, &S, Use::Load});
    while (!Stack.empty()) {
      Item I = Stack.back();
      Stack.pop_back();
      if (kind(I.Node) == "identifier") {
        if (I.U == Use::Load)
          record(I.Node, *I.In);
        continue;
      }
      expand(I);
    }
  }

  std::vector<std::string> take() { return std::move(Names); }

private:
  void record(TSNode Id, const Scope &S) {
    StringRef Name = T.text(Id);
    // Which scope a name resolves to in S does not depend on where in S it
    // is read: one lookup per scope and name, however often it is read.
    auto [It, New] = Resolved[&S].try_emplace(Name, false);
    if (New) {
      const Scope *Where = nullptr;
      It->second = M.lookup(Name, S, T.begin(Id), &Where) && Where == &M.moduleScope();
    }
    if (It->second && Seen.insert(Name).second)
      Names.push_back(Name.str());
  }

  /// Pushes \p P's children, last first, so they pop in document order.
  void expand(const Item &P) {
    SmallVector<Item, 8> Children;
    TSTreeCursor &C = CursorPool::acquire(P.Node);
    bool FirstFor = true;
    if (ts_tree_cursor_goto_first_child(&C)) {
      do {
        TSNode Child = ts_tree_cursor_current_node(&C);
        if (!ts_node_is_named(Child))
          continue;
        const char *F = ts_tree_cursor_current_field_name(&C);
        Item I = childOf(P, Child, F ? StringRef(F) : StringRef(), FirstFor);
        if (I.U != Use::Skip)
          Children.push_back(I);
      } while (ts_tree_cursor_goto_next_sibling(&C));
    }
    CursorPool::release();
    Stack.insert(Stack.end(), Children.rbegin(), Children.rend());
  }

  Item childOf(const Item &P, TSNode Child, StringRef Field, bool &FirstFor) const {
    StringRef K = kind(P.Node);
    const Scope *S = P.In;
    auto Make = [&](Use U, const Scope *In = nullptr) { return Item{Child, In ? In : S, U}; };
    auto Inner = [&](Use U) { // the body of what opens a scope
      const Scope *In = M.scopeOpenedBy(P.Node);
      return In ? Make(U, In) : Make(Use::Skip);
    };
    switch (P.U) {
    case Use::Params:
      return Make(Use::Param);
    case Use::Param:
      return Make(Field == "value" || Field == "type" ? Use::Load : Use::Skip);
    case Use::Store:
      if (K == "attribute")
        return Make(Field == "attribute" ? Use::Skip : Use::Load);
      return Make(isTargetShape(K) ? Use::Store : Use::Load);
    default:
      break;
    }
    if (hidesNames(K))
      return Make(Use::Skip);
    if (K == "attribute")
      return Make(Field == "attribute" ? Use::Skip : Use::Load);
    if (K == "keyword_argument")
      return Make(Field == "name" ? Use::Skip : Use::Load);
    if (K == "function_definition" || K == "class_definition" || K == "lambda") {
      if (Field == "name" || Field == "type_parameters")
        return Make(Use::Skip);
      if (Field == "parameters")
        return Make(Use::Params);
      return Field == "body" ? Inner(Use::Load) : Make(Use::Load);
    }
    if (opensComprehension(K)) {
      // The first iterable runs where the comprehension stands.
      Item I = Inner(Use::Load);
      if (kind(Child) == "for_in_clause" && FirstFor) {
        FirstFor = false;
        I.Outer = S;
      }
      return I;
    }
    if (K == "for_in_clause") {
      if (Field == "right" && P.Outer)
        return Make(Use::Load, P.Outer);
      return Make(Field == "left" ? Use::Store : Use::Load);
    }
    if (K == "assignment" || K == "for_statement")
      return Make(Field == "left" ? Use::Store : Use::Load);
    if (K == "named_expression")
      return Make(Field == "name" ? Use::Skip : Use::Load);
    if (K == "as_pattern" || K == "except_clause")
      return Make(Field == "alias" ? Use::Store : Use::Load);
    if (K == "delete_statement")
      return Make(Use::Store); // deleting a name is no read of it
    return Make(Use::Load);
  }

  const SemanticModel &M;
  const SyntaxTree &T;
  std::vector<Item> Stack;
  std::vector<std::string> Names;
  StringSet<> Seen;
  DenseMap<const Scope *, StringMap<bool>> Resolved; ///< reads the module's binding
};

/// The function and lambda scopes whose code runs after \p Class is made:
/// its methods, and those of classes nested in it.
std::vector<const Scope *> methodsOf(const Scope &Class) {
  std::vector<const Scope *> Out, Work{&Class};
  while (!Work.empty()) {
    const Scope *S = Work.back();
    Work.pop_back();
    if (S->Kind == ScopeKind::Function || S->Kind == ScopeKind::Lambda) {
      Out.push_back(S);
      continue;
    }
    // Reversed: the work stack pops them in document order.
    Work.insert(Work.end(), S->Children.rbegin(), S->Children.rend());
  }
  return Out;
}

} // namespace

std::vector<std::string> globalsReadWhenRun(const SemanticModel &M, const Scope &Root) {
  ReadCollector Reads(M);
  if (Root.Kind == ScopeKind::Function || Root.Kind == ScopeKind::Lambda) {
    Reads.collect(field(Root.Node, "body"), Root);
  } else if (Root.Kind == ScopeKind::Class) {
    for (const Scope *Method : methodsOf(Root))
      Reads.collect(field(Method->Node, "body"), *Method);
  }
  return Reads.take();
}

} // namespace modlint
