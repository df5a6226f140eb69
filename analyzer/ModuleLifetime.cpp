#include "analyzer/ModuleLifetime.h"
#include "analyzer/flow/ImportUses.h"

#include "analyzer/flow/ReachingBindings.h"
#include "analyzer/flow/VisibleCode.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <cstring>
#include <map>

using namespace llvm;

namespace modlint {

namespace {

/// A fact about a value: it is (or contains) the module of a site, a
/// namespace of it, or something its executed code defined.
/// A derived value of a site whose code is visible also names what the code
/// defined (an index into FlowAnalysis::DefinedNames, plus one), for the
/// notes that say which globals it reads.
enum class TagKind : unsigned { Holder = 0, Namespace = 1, Derived = 2 };
using Tag = uint64_t;
/// The site sits in the low bits: DenseMap hashes a 64-bit key to its low 32
/// bits (times 37), so sites in the high half all collided, and a set of N
/// sites took N^2.
Tag makeTag(unsigned Site, TagKind K, unsigned Name = 0) {
  return (Tag(Name) << 34) | (Tag(Site) << 2) | static_cast<unsigned>(K);
}
unsigned tagSite(Tag T) { return unsigned((T >> 2) & 0xffffffffu); }
TagKind tagKind(Tag T) { return static_cast<TagKind>(T & 3); }
unsigned tagName(Tag T) { return unsigned(T >> 34); }
using Tags = SmallDenseSet<Tag, 4>;

void addAll(Tags &To, const Tags &From) { To.insert(From.begin(), From.end()); }
Tags only(const Tags &From, TagKind K) {
  Tags R;
  for (Tag T : From)
    if (tagKind(T) == K)
      R.insert(T);
  return R;
}
/// What an element of (or a value computed from) a container of these is.
Tags asDerived(const Tags &From) {
  Tags R;
  for (Tag T : From)
    if (tagKind(T) == TagKind::Derived)
      R.insert(T);
    else if (tagKind(T) == TagKind::Namespace)
      R.insert(makeTag(tagSite(T), TagKind::Derived));
  return R;
}

/// An identifier (ASCII): what `eval` looks up rather than computes.
bool isPlainName(StringRef Name) {
  return !Name.empty() && !isdigit(static_cast<unsigned char>(Name[0])) &&
         Name.find_if_not([](char C) {
           return isalnum(static_cast<unsigned char>(C)) || C == '_';
         }) == StringRef::npos;
}

/// Data names outlive their module harmlessly (RULES.md "Data names").
bool isDataName(StringRef Name) {
  if (!isPlainName(Name))
    return false; // not a plain name: an expression is evaluated, not looked up
  if (Name.size() > 4 && Name.startswith("__") && Name.endswith("__"))
    return true;
  bool HasUpper = false;
  for (char C : Name) {
    if (C >= 'a' && C <= 'z')
      return false;
    HasUpper |= C >= 'A' && C <= 'Z';
  }
  return HasUpper;
}

/// The literal text of a plain string node, or nullopt.
std::optional<StringRef> stringLiteral(const SyntaxTree &T, TSNode N) {
  N = unparenthesize(N);
  if (isNull(N) || kind(N) != "string")
    return std::nullopt;
  StringRef Content;
  unsigned Parts = 0;
  forEachNamedChild(N, [&](TSNode C) {
    if (kind(C) == "string_content") {
      Content = T.text(C);
      ++Parts;
    } else if (kind(C) == "interpolation" || kind(C) == "escape_sequence") {
      Parts += 2;
    }
  });
  if (Parts > 1)
    return std::nullopt;
  return Content;
}

/// Callees that keep their function argument (RULES.md route 5).
bool isRetainingCallee(StringRef Q) {
  return Q == "atexit.register" || Q == "sys.settrace" || Q == "sys.setprofile";
}

/// Methods that keep nothing they are given, on any receiver (RULES.md route
/// 4): unittest's checks, logging, writing and formatting.
bool isNonRetainingMethod(StringRef Method) {
  return Method.startswith("assert") || Method.startswith("fail") || Method == "subTest" ||
         StringSwitch<bool>(Method)
             .Cases("debug", "info", "warning", "warn", "error", "exception", "critical", "log",
                    true)
             .Cases("write", "writelines", "format", "join", true)
             .Default(false);
}

bool isNonRetainingBuiltin(StringRef Q) {
  return StringSwitch<bool>(Q)
      .Cases("builtins.exec", "builtins.eval", "builtins.execfile", "builtins.compile", true)
      .Cases("builtins.getattr", "builtins.hasattr", "builtins.vars", "builtins.dir", true)
      .Cases("builtins.id", "builtins.type", "builtins.isinstance", "builtins.issubclass", true)
      .Cases("builtins.repr", "builtins.str", "builtins.print", "builtins.len", true)
      .Cases("builtins.callable", "builtins.iter", "inspect.getmembers", true)
      .Default(false);
}

} // namespace

static LineInsertion findImportInsertion(const SyntaxTree &T) {
  LineInsertion At;
  TSNode Root = T.root();
  const StringRef Text = T.source();
  TSNode Anchor{};
  bool SeenStatement = false;
  unsigned AfterLast = T.begin(Root);
  uint32_t Count = ts_node_named_child_count(Root);
  for (uint32_t I = 0; I < Count; ++I) {
    TSNode C = ts_node_named_child(Root, I);
    StringRef K = kind(C);
    if (K == "comment")
      continue;
    bool Docstring = !SeenStatement && K == "expression_statement" &&
                     ts_node_named_child_count(C) == 1 &&
                     kind(ts_node_named_child(C, 0)) == "string";
    SeenStatement = true;
    if (Docstring || K == "future_import_statement") {
      AfterLast = T.end(C);
      continue;
    }
    Anchor = C;
    break;
  }
  if (!isNull(Anchor)) {
    unsigned B = T.begin(Anchor);
    unsigned Floor = T.begin(Root) - ts_node_start_byte(Root); // after a BOM
    while (B > Floor && Text[B - 1] != '\n' && Text[B - 1] != '\r')
      --B;
    At.Offset = B;
    return At;
  }
  // Only a docstring / future imports (or nothing): after the last of them.
  unsigned E = AfterLast;
  while (E < Text.size() && Text[E] != '\n' && Text[E] != '\r')
    ++E;
  if (E >= Text.size()) {
    At.Offset = Text.size();
    At.NeedsNewlineBefore = !Text.empty() && Text.back() != '\n' && Text.back() != '\r';
  } else {
    At.Offset = E + ((Text[E] == '\r' && E + 1 < Text.size() && Text[E + 1] == '\n') ? 2 : 1);
  }
  return At;
}

/// Does \p Text hold `T(M)(` for T one of \p Callees (`type` and the names
/// bound to it), M a dotted name, maybe parenthesized: the shape in which
/// `type` makes a module? Any whitespace between the tokens: looser than the
/// parser.
static bool hasTypeCallShape(StringRef Text, ArrayRef<std::string> Callees) {
  auto IsName = [](char C) {
    return isalnum(static_cast<unsigned char>(C)) || C == '_' ||
           static_cast<unsigned char>(C) >= 0x80;
  };
  for (StringRef Callee : Callees)
    for (size_t At = Callee.empty() ? StringRef::npos : Text.find(Callee); At != StringRef::npos;
         At = Text.find(Callee, At + Callee.size())) {
      if (At > 0 && IsName(Text[At - 1]))
        continue;
      size_t P = At + Callee.size();
      auto Skip = [&](char Also) {
        while (P < Text.size() &&
               (isspace(static_cast<unsigned char>(Text[P])) || Text[P] == '\\' || Text[P] == Also))
          ++P;
      };
      Skip(' ');
      if (P >= Text.size() || Text[P++] != '(')
        continue;
      Skip('(');
      size_t NameStart = P;
      while (P < Text.size() && (IsName(Text[P]) || Text[P] == '.'))
        ++P;
      if (P == NameStart)
        continue;
      Skip(' ');
      if (P >= Text.size() || Text[P] != ')')
        continue;
      Skip(')');
      if (P < Text.size() && Text[P] == '(')
        return true;
    }
  return false;
}

/// Could any call of this file make a module? Every creation site needs one
/// of these names as an identifier somewhere (the callee, an import or an
/// alias of it, a base class, or inside a factory): a few lookups over the
/// text settle it for most files without building the semantic model.
static bool mayCreateModules(const SyntaxTree &T) {
  StringRef Text = T.source();
  unsigned Base = T.begin(T.root()) - ts_node_start_byte(T.root());
  auto IsNameChar = [](char C) { return isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  // A digit before a name may end a number token (`.2exec_module(`).
  auto IsWord = [&](size_t At, size_t Len) {
    return !(At > 0 && IsNameChar(Text[At - 1]) &&
             !isdigit(static_cast<unsigned char>(Text[At - 1]))) &&
           !(At + Len < Text.size() && IsNameChar(Text[At + Len]));
  };
  auto IsIdentifier = [&](size_t At, size_t Len) {
    TSNode N = ts_node_descendant_for_byte_range(T.root(), At - Base, At + Len - Base);
    return !isNull(N) && kind(N) == "identifier" && T.begin(N) == At && T.end(N) == At + Len;
  };
  /// `type` makes a module as `type(M)(`, or through a name bound to it
  /// (`T = type`); a call `type(x)` alone does not.
  auto TypeMayCreate = [&](size_t At) {
    size_t P = At + 4;
    while (P < Text.size() && (isspace(static_cast<unsigned char>(Text[P])) || Text[P] == '\\'))
      ++P;
    if (P >= Text.size() || Text[P] != '(')
      return true;
    return hasTypeCallShape(Text.slice(At, std::min<size_t>(Text.size(), At + 1024)), {"type"});
  };
  // `new.module` needs Python 2's `new` imported.
  bool ImportsNew = false;
  for (StringRef Imp : {"import new", "from new import"})
    for (size_t At = Text.find(Imp); At != StringRef::npos && !ImportsNew;
         At = Text.find(Imp, At + 1))
      ImportsNew = IsWord(At, Imp.size());
  for (StringRef Word : {"ModuleType", "new_module", "module_from_spec", "module", "type"}) {
    if (Word == "module" && !ImportsNew)
      continue;
    for (size_t At = Text.find(Word); At != StringRef::npos; At = Text.find(Word, At + 1)) {
      if (!IsWord(At, Word.size()) || (Word == "type" && !TypeMayCreate(At)))
        continue;
      if (IsIdentifier(At, Word.size()))
        return true;
    }
  }
  return false;
}

/// Computes ModuleLifetime for one file: one pass per body (module, class,
/// function, lambda) with comprehensions folded into their body.
class FlowAnalysis {
public:
  FlowAnalysis(const SemanticModel &M, ModuleLifetime &Out) : M(M), T(M.tree()), Out(Out) {}

  void run() {
    findModuleSubclasses();
    collectCreationWords();
    // Factory summaries to a fixed point: a factory may call a factory. Most
    // files settle in one round (no factory at all).
    for (unsigned Round = 0; Round < 8; ++Round) {
      Out.Sites.clear();
      Out.ExecModules.clear();
      SpecHolders.clear();
      Visible.clear();
      std::vector<std::string> Words = CreationWords;
      for (const auto &F : Factories)
        Words.push_back(F.first->Name);
      DenseMap<const Scope *, FactorySummary> Found;
      for (const auto &S : M.scopes())
        if (S->Kind != ScopeKind::Comprehension && mayHoldSites(*S, Words)) {
          Body B(*this, *S);
          B.analyze();
          if (auto F = B.factorySummary())
            Found[S.get()] = *F;
        }
      if (Found == Factories)
        break;
      Factories = std::move(Found);
    }
  }

  /// The words without which a function's text can hold no creation site
  /// and no exec_module call: the callees' last names (ModuleType,
  /// module_from_spec, new_module, `module` of Python 2's `new`), the names
  /// the file binds to them (`import ... as`, `MT = types.ModuleType`, to a
  /// fixed point), the file's module subclasses, and exec_module. Factories
  /// are added per round.
  void collectCreationWords() {
    CreationWords = {"ModuleType", "new_module", "module_from_spec", "exec_module"};
    TypeWords = {"type"};
    auto Known = [&](StringRef W) { return llvm::is_contained(CreationWords, W); };
    auto Mentions = [](ArrayRef<std::string> Words, StringRef Text) {
      return llvm::any_of(Words, [&](const std::string &W) { return Text.contains(W); });
    };
    for (const auto &S : M.scopes())
      for (const auto &Entry : S->Bindings)
        for (const Binding &B : Entry.getValue())
          if (B.K == Binding::Import &&
              (B.Qualified == "new" || StringRef(B.Qualified).startswith("new.")) &&
              !Known("module"))
            CreationWords.push_back("module");
    // Names bound to a word of \p Words (import as, plain alias), to a
    // fixed point.
    auto AddAliases = [&](std::vector<std::string> &Words) {
      for (bool Changed = true; Changed;) {
        Changed = false;
        for (const auto &S : M.scopes())
          for (const auto &Entry : S->Bindings) {
            StringRef Name = Entry.getKey();
            if (Name.empty() || llvm::is_contained(Words, Name))
              continue; // (a broken tree can bind an empty name)
            for (const Binding &B : Entry.getValue()) {
              bool Alias = false;
              if (B.K == Binding::Import)
                Alias = Mentions(Words, B.Qualified);
              else if (B.K == Binding::Assignment && !isNull(B.Value)) {
                // Only a plain alias resolves (SemanticModel::qualifiedName).
                TSNode V = unparenthesize(B.Value);
                StringRef VK = kind(V);
                Alias = (VK == "identifier" || VK == "attribute") && Mentions(Words, T.text(V));
              }
              if (Alias) {
                Words.push_back(Name.str());
                Changed = true;
                break;
              }
            }
          }
      }
    };
    AddAliases(CreationWords);
    AddAliases(TypeWords);
    for (const auto &S : M.scopes())
      if (S->Kind == ScopeKind::Class && ModuleSubclasses.contains(S->Node.id) && !Known(S->Name))
        CreationWords.push_back(S->Name);
    TypeCalls = hasTypeCallShape(T.source(), TypeWords);
  }

  /// Could the body of \p S hold a creation site or an exec_module call?
  /// Module and class bodies are always walked (they stop at nested defs);
  /// a function or lambda only when its text names one of \p Words.
  bool mayHoldSites(const Scope &S, ArrayRef<std::string> Words) const {
    if (S.Kind != ScopeKind::Function && S.Kind != ScopeKind::Lambda)
      return true;
    StringRef Text = T.text(S.Node);
    if (llvm::any_of(Words, [&](const std::string &W) {
          return memmem(Text.data(), Text.size(), W.data(), W.size()) != nullptr;
        }))
      return true;
    return TypeCalls && hasTypeCallShape(Text, TypeWords);
  }

  struct FactorySummary {
    bool Populates = false;      ///< what it returns has had code executed in it
    bool UnexecutedSpec = false; ///< it returns a module_from_spec module not yet executed
    bool operator==(const FactorySummary &O) const {
      return Populates == O.Populates && UnexecutedSpec == O.UnexecutedSpec;
    }
  };

private:
  // ---------------------------------------------------------------- a body
  struct Body {
    FlowAnalysis &A;
    const Scope &F;
    std::vector<const Scope *> Family; ///< F and the comprehensions inside it
    /// What each local name may hold, all its bindings together: the first,
    /// coarse round, which also picks the names worth following binding by
    /// binding.
    std::map<std::pair<const Scope *, std::string>, Tags> Vars;
    /// The second round (RULES.md "Bindings, not names"): what each binding
    /// holds, a read seeing only the bindings that reach it.
    std::unique_ptr<ReachingBindings> Reach;
    DenseMap<const Binding *, Tags> BindingTags;
    /// Per name, all its bindings' tags together (kept as they grow).
    std::map<std::pair<const Scope *, std::string>, Tags> NameTags;
    /// Local names bound to one another (`view = box`): one object.
    mutable std::optional<std::map<std::pair<const Scope *, std::string>, unsigned>> AliasGroups;
    mutable std::vector<std::vector<std::pair<const Scope *, std::string>>> AliasMembers;
    /// isAssignedLocal's answer per name, asked once per store or call.
    mutable std::map<std::pair<const Scope *, std::string>, bool> LocalValues;
    mutable DenseMap<const void *, Tags> RegisteredTags;
    std::map<std::string, Tags> DeclaredVars; ///< global / nonlocal names assigned here
    DenseMap<const void *, unsigned> SiteOfCall;
    std::vector<unsigned> MySites;

    // Events collected in one walk, judged after the fixed point.
    struct ValueEvent {
      TSNode Value;
      const Scope *In;
      EscapeRoute Route;
      StringRef Through;                 ///< source text: events are many, findings few
      bool HolderIsRegistration = false; ///< judged as a Registration instead
      TSNode Shown{};                    ///< what to name in messages, if not Value (a def's name)
    };
    std::vector<ValueEvent> Escapes;
    struct Store {
      const Scope *In;
      TSNode Root; ///< identifier of the local container that receives Value
      TSNode Value;
    };
    std::vector<Store> ContainerStores;
    std::vector<std::pair<TSNode, const Scope *>> HolderArgsUnknownCall;
    /// exec/eval/execfile namespace arguments (a namespace value populates)
    /// and exec_module arguments (a holder does).
    struct Population {
      TSNode Namespace, Code; ///< Code is null where it is a file (execfile)
      const Scope *In;
    };
    std::vector<Population> Populations;
    std::vector<std::pair<TSNode, const Scope *>> ModulePopulations;
    struct Registration {
      TSNode Value;
      const Scope *In;
      std::string Key;
      unsigned Offset;
    };
    std::vector<Registration> Registrations;
    std::vector<std::pair<std::string, unsigned>> Unregistrations;
    std::vector<std::pair<TSNode, const Scope *>> Captures; ///< nested def/lambda/genexp
    struct ExecModule {
      TSNode Call, Arg;
      const Scope *In;
    };
    std::vector<ExecModule> ExecModules;
    bool HasBareReturn = false, HasYield = false;

    Body(FlowAnalysis &A, const Scope &F) : A(A), F(F) { collectFamily(F); }

    void collectFamily(const Scope &S) {
      Family.push_back(&S);
      for (const Scope *C : S.Children)
        if (C->Kind == ScopeKind::Comprehension)
          collectFamily(*C);
    }
    bool inFamily(const Scope *S) const {
      return std::find(Family.begin(), Family.end(), S) != Family.end();
    }
    bool isFunctionBody() const {
      return F.Kind == ScopeKind::Function || F.Kind == ScopeKind::Lambda;
    }

    // -------------------------------------------------- values and tags
    /// The family scope and name a local identifier refers to, if any.
    std::optional<std::pair<const Scope *, std::string>> local(TSNode Id, const Scope &In) const {
      // Module and class names never die with a call, but MOD003 follows
      // holders there too; the orphan rules look at function sites only.
      StringRef Name = A.T.text(Id);
      const Scope *Where = nullptr;
      const Binding *B = A.M.lookup(Name, In, A.T.begin(Id), &Where);
      if (!B || !inFamily(Where) || !Where->hasLocal(Name))
        return std::nullopt;
      return std::make_pair(Where, Name.str());
    }
    /// Is \p Id a local, non-escaping value of this body (RULES.md routes 3,
    /// 4, 6): a name every binding of which makes a new object here (a
    /// literal, a comprehension, a call) or aliases such a name. A name bound
    /// to a parameter, to `self.registry` or to a global list is an alias of
    /// something outside: storing into it escapes.
    bool isAssignedLocal(TSNode Id, const Scope &In) const {
      auto L = local(Id, In);
      if (!L)
        return false;
      auto [It, New] = LocalValues.try_emplace(*L, false);
      if (New) {
        SmallVector<std::pair<const Scope *, std::string>, 4> Seen;
        It->second = isLocalValue(*L, Seen);
      }
      return It->second;
    }
    bool isLocalValue(const std::pair<const Scope *, std::string> &Name,
                      SmallVectorImpl<std::pair<const Scope *, std::string>> &Seen) const {
      if (std::find(Seen.begin(), Seen.end(), Name) != Seen.end())
        return true; // a cycle of aliases adds nothing from outside
      Seen.push_back(Name);
      for (const Binding &B : Name.first->Bindings.find(Name.second)->second) {
        if (B.K == Binding::Parameter)
          return false;
        if (isNull(B.Value))
          continue;
        if (!isFreshValue(B.Value, valueScope(B), Seen))
          return false;
      }
      return true;
    }
    bool isFreshValue(TSNode V, const Scope &In,
                      SmallVectorImpl<std::pair<const Scope *, std::string>> &Seen) const {
      V = unparenthesize(V);
      StringRef K = kind(V);
      if (K == "identifier") {
        auto L = local(V, In);
        return L && isLocalValue(*L, Seen);
      }
      if (K == "attribute" || K == "subscript") {
        TSNode Root = rootOf(V);
        if (isNull(Root))
          return false;
        auto L = local(Root, In);
        return L && isLocalValue(*L, Seen);
      }
      if (K == "conditional_expression" || K == "boolean_operator") {
        bool Fresh = true;
        forEachNamedChild(V, [&](TSNode C) { Fresh = Fresh && isFreshValue(C, In, Seen); });
        return Fresh;
      }
      return K != "await" && K != "yield";
    }
    Tags tagsOf(TSNode Id, const Scope &In) const {
      auto L = local(Id, In);
      if (!L) {
        // A global or nonlocal name this body assigns: not a holder, but
        // MOD003 still follows it (order, not lifetime).
        auto G = DeclaredVars.find(A.T.text(Id).str());
        return G == DeclaredVars.end() ? Tags{} : G->second;
      }
      if (Reach)
        if (auto Bs = Reach->at(Id); Bs && !llvm::is_contained(*Bs, nullptr)) {
          Tags R;
          for (const Binding *B : *Bs)
            addAll(R, bindingTags(B));
          return R;
        }
      return tagsOfName(*L);
    }
    /// What any binding of a local name may hold: for a read the reaching
    /// walk did not see (inside a nested function, which runs later).
    Tags tagsOfName(const std::pair<const Scope *, std::string> &L) const {
      const auto &Map = Reach ? NameTags : Vars;
      auto It = Map.find(L);
      return It == Map.end() ? Tags{} : It->second;
    }
    Tags bindingTags(const Binding *B) const {
      auto It = BindingTags.find(B);
      return It == BindingTags.end() ? Tags{} : It->second;
    }

    /// The leftmost identifier of `a.b[c].d(...)`, or null.
    static TSNode rootOf(TSNode N) {
      for (;;) {
        N = unparenthesize(N);
        StringRef K = kind(N);
        if (K == "attribute")
          N = field(N, "object");
        else if (K == "subscript")
          N = field(N, "value");
        else if (K == "call")
          N = field(N, "function");
        else
          return K == "identifier" ? N : TSNode{};
      }
    }

    /// The scope a binding's value is evaluated in (recorded when bound).
    const Scope &valueScope(const Binding &B) const {
      return B.ValueScope && inFamily(B.ValueScope) ? *B.ValueScope : F;
    }

    const Scope &scopeFor(TSNode N) const {
      // Comprehension bodies are evaluated in their own scope.
      for (TSNode P = ts_node_parent(N); !isNull(P); P = ts_node_parent(P)) {
        if (Scope *S = A.M.scopeOpenedBy(P))
          return inFamily(S) ? *S : F;
      }
      return F;
    }

    std::vector<TSNode> positionalArgs(TSNode Call) const {
      std::vector<TSNode> R;
      TSNode Args = field(Call, "arguments");
      if (isNull(Args) || kind(Args) != "argument_list")
        return R;
      forEachNamedChild(Args, [&](TSNode C) {
        StringRef K = kind(C);
        if (K != "keyword_argument" && K != "comment" && K != "list_splat" &&
            K != "dictionary_splat")
          R.push_back(C);
      });
      return R;
    }
    TSNode keywordArg(TSNode Call, StringRef Name) const {
      TSNode Args = field(Call, "arguments");
      TSNode Found{};
      if (isNull(Args) || kind(Args) != "argument_list")
        return Found;
      forEachNamedChild(Args, [&](TSNode C) {
        if (kind(C) == "keyword_argument" && A.T.text(field(C, "name")) == Name)
          Found = field(C, "value");
      });
      return Found;
    }

    /// Adds to \p R what reading the member \p Name (a literal; none when
    /// computed) of what \p Tg stands for gives: from a module or its
    /// namespace, what its code defined, unless the name is data (RULES.md
    /// "Data names") or, for visible code, data or never bound there; from a
    /// derived value, a part of it.
    void member(Tags &R, Tag Tg, std::optional<StringRef> Name) const {
      if (tagKind(Tg) == TagKind::Derived) {
        if (!Name || !isDataName(*Name))
          R.insert(Tg);
        return;
      }
      unsigned Site = tagSite(Tg);
      if (Name && Reach && A.Visible.count(Site)) {
        VisibleCode::NameKind K = A.visibleKind(Site, *Name);
        if (K != VisibleCode::NameKind::Unbound && K != VisibleCode::NameKind::Data)
          R.insert(makeTag(Site, TagKind::Derived, A.nameId(*Name)));
        return;
      }
      if (!Name || !isDataName(*Name))
        R.insert(makeTag(Site, TagKind::Derived));
    }

    Tags classify(TSNode E, const Scope &In, unsigned Depth = 0) const {
      Tags R;
      E = unparenthesize(E);
      if (isNull(E) || Depth > 200)
        return R;
      StringRef K = kind(E);
      if (K == "identifier")
        return tagsOf(E, In);
      if (K == "call") {
        auto Site = SiteOfCall.find(E.id);
        if (Site != SiteOfCall.end()) {
          // The first, by-name round only asks which names hold anything:
          // one stand-in site keeps its sets small however many sites there are.
          R.insert(makeTag(Reach ? Site->second : 0, TagKind::Holder));
          return R;
        }
        TSNode Fn = unparenthesize(field(E, "function"));
        std::string Q = A.M.qualifiedName(Fn, In);
        auto Args = positionalArgs(E);
        auto Arg = [&](size_t I) {
          return I < Args.size() ? classify(Args[I], In, Depth + 1) : Tags{};
        };
        if (Q == "builtins.vars" && !Args.empty()) {
          for (Tag Tg : Arg(0))
            if (tagKind(Tg) == TagKind::Holder)
              R.insert(makeTag(tagSite(Tg), TagKind::Namespace));
          return R;
        }
        if (Q == "builtins.getattr" && Args.size() >= 2) {
          Tags Obj = Arg(0);
          auto Name = stringLiteral(A.T, Args[1]);
          if (Name && *Name == "__dict__") {
            for (Tag Tg : only(Obj, TagKind::Holder))
              R.insert(makeTag(tagSite(Tg), TagKind::Namespace));
            return R;
          }
          for (Tag Tg : Obj)
            member(R, Tg, Name);
          return R;
        }
        if (Q == "builtins.eval" && Args.size() >= 2) {
          // `eval("name", N)` reads one name; any other code computes a value.
          auto Src = stringLiteral(A.T, Args[0]);
          std::optional<StringRef> Name;
          if (Src && isPlainName(Src->trim()))
            Name = Src->trim();
          for (Tag Tg : only(Arg(1), TagKind::Namespace))
            member(R, Tg, Name);
          return R;
        }
        if (Q == "functools.partial" && !Args.empty())
          return only(Arg(0), TagKind::Derived);
        if (Q == "inspect.getmembers" && !Args.empty()) {
          // (name, member) pairs of the module's namespace.
          for (Tag Tg : Arg(0))
            R.insert(makeTag(tagSite(Tg), TagKind::Derived));
          return R;
        }
        if (StringSwitch<bool>(Q)
                .Cases("builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset",
                       true)
                .Cases("builtins.sorted", "builtins.reversed", "builtins.dict", "builtins.iter",
                       true)
                .Case("builtins.next", true)
                .Default(false)) {
          for (size_t I = 0; I < Args.size(); ++I)
            addAll(R, asDerived(Arg(I)));
          return R;
        }
        if (kind(Fn) == "attribute") {
          StringRef Method = A.T.text(field(Fn, "attribute"));
          Tags Recv = classify(field(Fn, "object"), In, Depth + 1);
          Tags Ns = only(Recv, TagKind::Namespace);
          if (!Ns.empty()) {
            if (Method == "get" && !Args.empty()) {
              auto Key = stringLiteral(A.T, Args[0]);
              for (Tag Tg : Ns)
                member(R, Tg, Key);
              return R;
            }
            if (Method == "items" || Method == "values" || Method == "copy")
              return asDerived(Ns);
          }
        }
        // The result of a call is not derived, except an instance of a class
        // the visible code defines.
        for (Tag Tg : classify(Fn, In, Depth + 1))
          if (tagKind(Tg) == TagKind::Derived && tagName(Tg) &&
              A.visibleKind(tagSite(Tg), A.DefinedNames[tagName(Tg) - 1]) ==
                  VisibleCode::NameKind::Class)
            R.insert(Tg);
        return R;
      }
      if (K == "attribute") {
        StringRef Name = A.T.text(field(E, "attribute"));
        Tags Obj = classify(field(E, "object"), In, Depth + 1);
        for (Tag Tg : Obj) {
          if (tagKind(Tg) == TagKind::Holder && Name == "__dict__")
            R.insert(makeTag(tagSite(Tg), TagKind::Namespace));
          else if (tagKind(Tg) != TagKind::Namespace)
            member(R, Tg, Name);
        }
        return R;
      }
      if (K == "subscript") {
        Tags Obj = classify(field(E, "value"), In, Depth + 1);
        auto Key = stringLiteral(A.T, field(E, "subscript"));
        for (Tag Tg : Obj)
          if (tagKind(Tg) != TagKind::Holder)
            member(R, Tg, Key);
        return R;
      }
      if (K == "list_comprehension" || K == "set_comprehension" || K == "generator_expression") {
        const Scope *C = A.M.scopeOpenedBy(E);
        R = classify(field(E, "body"), C ? *C : In, Depth + 1);
        // A generator is lazy: it carries what it reads, like a closure.
        if (K == "generator_expression")
          addAll(R, capturedValues(E, In));
        return R;
      }
      if (K == "dictionary_comprehension") {
        const Scope *C = A.M.scopeOpenedBy(E);
        TSNode Pair = field(E, "body");
        return classify(field(Pair, "value"), C ? *C : In, Depth + 1);
      }
      if (K == "lambda" || K == "function_definition")
        return capturedValues(E, In);
      if (K == "list" || K == "tuple" || K == "set" || K == "expression_list" ||
          K == "dictionary" || K == "pair" || K == "conditional_expression" ||
          K == "boolean_operator" || K == "list_splat" || K == "await" || K == "named_expression") {
        if (K == "named_expression")
          return classify(field(E, "value"), In, Depth + 1);
        forEachNamedChild(E, [&](TSNode C) {
          // A condition decides, it is not part of the value.
          if (K == "conditional_expression" && ts_node_named_child_count(E) == 3 &&
              sameNode(C, ts_node_named_child(E, 1)))
            return;
          addAll(R, classify(C, In, Depth + 1));
        });
        return R;
      }
      return R;
    }

    /// Derived and namespace values a nested def or lambda reads from this
    /// body: it carries them wherever it goes (route 7).
    Tags capturedValues(TSNode Nested, const Scope &In) const {
      Tags R;
      // Default values are kept in __defaults__, like partial's arguments.
      TSNode Params = field(Nested, "parameters");
      if (!isNull(Params))
        forEachNamedChild(Params, [&](TSNode P) {
          TSNode V = field(P, "value");
          if (!isNull(V))
            for (Tag Tg : classify(V, In))
              if (tagKind(Tg) != TagKind::Holder)
                R.insert(Tg);
        });
      forEachCapturedName(Nested, [&](TSNode Id, const Scope &In) {
        for (Tag Tg : tagsOfFree(Id, In))
          if (tagKind(Tg) != TagKind::Holder)
            R.insert(Tg); // a captured namespace stays a namespace (MOD002)
      });
      return R;
    }
    /// Tags of a name read inside a nested scope that refers to this body.
    Tags tagsOfFree(TSNode Id, const Scope &In) const {
      StringRef Name = A.T.text(Id);
      const Scope *Where = nullptr;
      const Binding *B = A.M.lookup(Name, In, A.T.begin(Id), &Where);
      if (!B || !inFamily(Where) || !Where->hasLocal(Name))
        return {};
      if (Reach)
        if (auto Bs = Reach->atExit(*Where, Name); Bs && !llvm::is_contained(*Bs, nullptr)) {
          // A nested function runs later: it sees what the body leaves.
          Tags R;
          for (const Binding *X : *Bs)
            addAll(R, bindingTags(X));
          return R;
        }
      return tagsOfName({Where, Name.str()});
    }
    template <typename Fn> void forEachCapturedName(TSNode Nested, Fn Visit) const {
      // Iterative walk that tracks the scope as it descends (asking the model
      // for each identifier's scope would climb the tree every time).
      const Scope *Start = A.M.scopeOpenedBy(Nested);
      if (!Start)
        return;
      SmallVector<std::pair<TSNode, const Scope *>, 32> Stack;
      bool SkipFirstIterable = kind(Nested) == "generator_expression";
      forEachNamedChild(Nested, [&](TSNode C) {
        if (kind(C) == "parameters" || kind(C) == "lambda_parameters")
          return; // defaults run where the function is made, not when it runs
        if (SkipFirstIterable && kind(C) == "for_in_clause") {
          // The outermost iterable runs where the generator is made.
          SkipFirstIterable = false;
          Stack.push_back({field(C, "left"), Start});
          return;
        }
        Stack.push_back({C, Start});
      });
      while (!Stack.empty()) {
        auto Top = Stack.pop_back_val();
        TSNode N = Top.first;
        const Scope *S = Top.second; // not a structured binding: captured below
        if (kind(N) == "identifier") {
          Visit(N, *S);
          continue;
        }
        const Scope *Inner = A.M.scopeOpenedBy(N);
        forEachNamedChild(N, [&](TSNode C) { Stack.push_back({C, Inner ? Inner : S}); });
      }
    }

    /// The key of `for k, v in N.items()` / `inspect.getmembers(H)`.
    bool isPairKey(const Binding &B) const {
      TSNode Parent = ts_node_parent(B.Name);
      if (isNull(Parent) || ts_node_named_child_count(Parent) != 2 ||
          !sameNode(ts_node_named_child(Parent, 0), B.Name))
        return false;
      StringRef PK = kind(Parent);
      if (PK != "pattern_list" && PK != "tuple_pattern" && PK != "list_pattern")
        return false;
      TSNode Iter = unparenthesize(B.Value);
      if (kind(Iter) != "call")
        return false;
      TSNode Fn = unparenthesize(field(Iter, "function"));
      if (kind(Fn) == "attribute" && A.T.text(field(Fn, "attribute")) == "items")
        return true;
      return A.M.qualifiedName(Fn, A.M.scopeOf(Iter)) == "inspect.getmembers";
    }

    // ------------------------------------------------------- the walk
    void analyze() {
      walk(bodyOf(F), F, 0);
      fixedPoint();
      if (!MySites.empty()) {
        // Again, binding by binding, for the names the first round found
        // holding anything (a handful: the rest hold nothing either way).
        // At file level and in class bodies nothing dies with a call: only
        // MOD003's order there needs bindings followed one by one (and a
        // file that is one huge data table is not walked again for nothing).
        bool Follow = isFunctionBody() || !ExecModules.empty();
        Reach =
            std::make_unique<ReachingBindings>(A.M, F, Family, [&](const Scope &S, StringRef Name) {
              auto It = Vars.find({&S, Name.str()});
              return Follow && It != Vars.end() && !It->second.empty();
            });
        DeclaredVars.clear();
        fixedPoint();
        if (findVisibleCode()) {
          // What the visible code defines narrows what is derived.
          BindingTags.clear();
          NameTags.clear();
          DeclaredVars.clear();
          fixedPoint();
        }
      }
      judge();
      if (!ExecModules.empty())
        judgeExecModules();
    }

    TSNode bodyOf(const Scope &S) const {
      if (S.Kind == ScopeKind::Module)
        return S.Node;
      return field(S.Node, "body");
    }

    void walk(TSNode N, const Scope &In, unsigned Depth, StringRef ParentKind = "") {
      // A leaf (a name, a number, a piece of a string) is no event.
      if (isNull(N) || Depth > MaxAnalysedDepth || ts_node_child_count(N) == 0)
        return;
      StringRef K = kind(N);
      if (K == "decorated_definition")
        visitDecorators(N, In);
      if (K == "function_definition" || K == "class_definition") {
        // Decorators, defaults and bases run here; the body is another body.
        if (K == "function_definition") {
          Captures.push_back({N, &In});
          TSNode Params = field(N, "parameters");
          if (!isNull(Params))
            forEachNamedChild(Params, [&](TSNode P) {
              TSNode V = field(P, "value");
              if (!isNull(V))
                walk(V, In, Depth + 1);
            });
        } else {
          TSNode Supers = field(N, "superclasses");
          if (!isNull(Supers))
            walk(Supers, In, Depth + 1);
        }
        return;
      }
      if (K == "lambda") {
        Captures.push_back({N, &In});
        TSNode Params = field(N, "parameters");
        if (!isNull(Params))
          forEachNamedChild(Params, [&](TSNode P) { walk(field(P, "value"), In, Depth + 1); });
        return;
      }
      const Scope *Inner = &In;
      if (Scope *S = A.M.scopeOpenedBy(N)) {
        if (K == "generator_expression")
          Captures.push_back({N, &In});
        Inner = S;
      }
      if (K == "call")
        visitCall(N, *Inner);
      else if (K == "return_statement") {
        HasBareReturn |= ts_node_named_child_count(N) == 0;
        forEachNamedChild(N, [&](TSNode V) {
          Escapes.push_back({V, Inner, EscapeRoute::Return, ""});
        });
      } else if (K == "yield") {
        HasYield = true;
        forEachNamedChild(N, [&](TSNode V) {
          Escapes.push_back({V, Inner, EscapeRoute::Yield, ""});
        });
      } else if ((K == "assignment" || K == "augmented_assignment") && ParentKind != "assignment")
        visitAssignment(N, *Inner); // a chain's head covers every target
      else if (K == "named_expression")
        visitTarget(field(N, "name"), field(N, "value"), *Inner);
      else if (K == "delete_statement")
        visitDelete(N, *Inner);
      forEachNamedChild(N, [&](TSNode C) { walk(C, *Inner, Depth + 1, K); });
    }

    /// `@atexit.register` / `@registry.add` on a nested def: the decorator is
    /// called with the function, which carries what it captured.
    void visitDecorators(TSNode N, const Scope &In) {
      TSNode Def = field(N, "definition");
      if (isNull(Def) || kind(Def) != "function_definition")
        return;
      forEachNamedChild(N, [&](TSNode D) {
        if (kind(D) != "decorator" || ts_node_named_child_count(D) != 1)
          return;
        TSNode E = unparenthesize(ts_node_named_child(D, 0));
        if (kind(E) == "call")
          return; // the function goes to what the call returns
        std::string Q = A.M.qualifiedName(E, In);
        ValueEvent Ev{Def,         &In,   EscapeRoute::RetainingCallee,
                      A.T.text(E), false, field(Def, "name")};
        if (isRetainingCallee(Q)) {
          Escapes.push_back(Ev);
        } else if (kind(E) == "attribute" && !isNonRetainingBuiltin(Q) &&
                   !isNonRetainingMethod(A.T.text(field(E, "attribute"))) &&
                   !A.isModulePath(field(E, "object"), In)) {
          TSNode Root = rootOf(field(E, "object"));
          if (isNull(Root) || !isAssignedLocal(Root, In)) {
            Ev.Route = EscapeRoute::MethodArgument;
            Escapes.push_back(Ev);
          }
        }
      });
    }

    void visitAssignment(TSNode N, const Scope &In) {
      TSNode Value = kind(N) == "augmented_assignment" ? field(N, "right") : N;
      while (!isNull(Value) && kind(Value) == "assignment")
        Value = field(Value, "right");
      if (isNull(Value))
        return;
      for (TSNode As = N;
           !isNull(As) && (kind(As) == "assignment" || kind(As) == "augmented_assignment");
           As = field(As, "right")) {
        visitTarget(field(As, "left"), Value, In);
        if (kind(As) == "augmented_assignment")
          break;
      }
    }

    void visitTarget(TSNode Target, TSNode Value, const Scope &In, unsigned Depth = 0) {
      if (Depth > 200)
        return;
      Target = unparenthesize(Target);
      StringRef K = kind(Target);
      if (K == "identifier") {
        StringRef Name = A.T.text(Target);
        if (F.Globals.contains(Name) && isFunctionBody())
          Escapes.push_back({Value, &In, EscapeRoute::Global, Name});
        else if (F.Nonlocals.contains(Name))
          Escapes.push_back({Value, &In, EscapeRoute::Nonlocal, Name});
        return;
      }
      if (K == "pattern_list" || K == "tuple_pattern" || K == "list_pattern" || K == "tuple" ||
          K == "list") {
        // `a.x, b.y = f, g` stores f in a.x and g in b.y.
        TSNode V = unparenthesize(Value);
        StringRef VK = kind(V);
        SmallVector<TSNode, 8> Values;
        if (VK == "expression_list" || VK == "tuple" || VK == "list")
          forEachNamedChild(V, [&](TSNode C) { Values.push_back(C); });
        bool Parallel = Values.size() == ts_node_named_child_count(Target);
        size_t I = 0;
        forEachNamedChild(Target, [&](TSNode C) {
          visitTarget(C, Parallel ? Values[I++] : Value, In, Depth + 1);
        });
        return;
      }
      if (K == "attribute" || K == "subscript") {
        TSNode Base = field(Target, K == "attribute" ? "object" : "value");
        if (K == "subscript" && A.M.qualifiedName(Base, In) == "sys.modules") {
          Registrations.push_back(
              {Value, &In, A.T.text(field(Target, "subscript")).str(), A.T.begin(Target)});
          Escapes.push_back({Value, &In, EscapeRoute::Store, A.T.text(Target), true});
          return;
        }
        TSNode Root = rootOf(Base);
        if (!isNull(Root) && isAssignedLocal(Root, In)) {
          ContainerStores.push_back({&In, Root, Value});
          return;
        }
        Escapes.push_back({Value, &In, EscapeRoute::Store, A.T.text(Target)});
      }
    }

    /// `{k: H, ...}` given to sys.modules: one registration a pair, keyed by
    /// the key's text so that a later `del sys.modules[k]` can undo it.
    void registerMapping(TSNode Mapping, const Scope &In, unsigned Offset) {
      TSNode D = unparenthesize(Mapping);
      if (kind(D) != "dictionary") {
        Registrations.push_back({Mapping, &In, "", Offset});
        return;
      }
      forEachNamedChild(D, [&](TSNode P) {
        if (kind(P) == "pair")
          Registrations.push_back(
              {field(P, "value"), &In, A.T.text(field(P, "key")).str(), Offset});
        else
          Registrations.push_back({P, &In, "", Offset});
      });
    }

    /// `del sys.modules[k]` / `sys.modules.pop(k)`: undoes a registration of
    /// the same key, except in importlib's own failure idiom, a handler that
    /// ends by raising (`except: del sys.modules[k]; raise`): after it nothing
    /// of the module reaches the caller.
    void unregister(TSNode At, StringRef Key) {
      for (TSNode P = ts_node_parent(At); !isNull(P); P = ts_node_parent(P)) {
        StringRef K = kind(P);
        if (K == "function_definition" || K == "lambda" || K == "class_definition")
          break;
        if (K != "except_clause" && K != "except_group_clause")
          continue;
        bool Raises = false;
        forEachNamedChild(P, [&](TSNode C) { Raises |= kind(C) == "block" && endsByRaising(C); });
        if (Raises)
          return;
        break;
      }
      Unregistrations.push_back({Key.str(), A.T.begin(At)});
    }

    /// Does every path through \p Block end in a `raise` (its last statement
    /// is one, or an `if` whose every arm, `else` included, ends so)?
    static bool endsByRaising(TSNode Block, unsigned Depth = 0) {
      TSNode Last{};
      forEachNamedChild(Block, [&](TSNode St) {
        if (kind(St) != "comment")
          Last = St;
      });
      if (isNull(Last) || Depth > 50)
        return false;
      if (kind(Last) == "raise_statement")
        return true;
      if (kind(Last) != "if_statement")
        return false;
      bool All = endsByRaising(field(Last, "consequence"), Depth + 1), HasElse = false;
      forEachNamedChild(Last, [&](TSNode C) {
        if (kind(C) == "elif_clause")
          All = All && endsByRaising(field(C, "consequence"), Depth + 1);
        else if (kind(C) == "else_clause") {
          HasElse = true;
          All = All && endsByRaising(field(C, "body"), Depth + 1);
        }
      });
      return All && HasElse;
    }

    void visitDelete(TSNode N, const Scope &In) {
      forEachNamedChild(N, [&](TSNode Target) {
        auto Visit = [&](TSNode X) {
          X = unparenthesize(X);
          if (kind(X) == "subscript" && A.M.qualifiedName(field(X, "value"), In) == "sys.modules")
            unregister(X, A.T.text(field(X, "subscript")));
        };
        if (kind(Target) == "expression_list")
          forEachNamedChild(Target, Visit);
        else
          Visit(Target);
      });
    }

    void visitCall(TSNode Call, const Scope &In) {
      // A call the parser pieced together around an error (`imp.new_module
      // junk (x)`) is no evidence of anything: findings stand on calls it
      // read cleanly (the calls inside it are still visited).
      if (ts_node_has_error(Call))
        return;
      TSNode Fn = unparenthesize(field(Call, "function"));
      std::string Q = A.M.qualifiedName(Fn, In);
      if (auto Kind = A.creationKind(Call, Fn, Q, In)) {
        unsigned Idx = A.addSite(Call, Fn, Q, *Kind, F, In);
        SiteOfCall[Call.id] = Idx;
        MySites.push_back(Idx);
        CreationSite &Site = A.Out.Sites[Idx];
        Site.FromSpec = *Kind == CreationKind::ModuleFromSpec;
        if (*Kind == CreationKind::Factory) {
          const FactorySummary &Sum = A.Factories.find(A.calledFunction(Fn, In))->second;
          Site.Populated = Sum.Populates;
          Site.FromSpec = Sum.UnexecutedSpec;
        }
        return;
      }
      auto Args = positionalArgs(Call);
      // Population.
      bool RunsText = Q == "builtins.exec" || Q == "builtins.eval";
      if ((RunsText || Q == "builtins.execfile") && Args.size() >= 2)
        Populations.push_back({Args[1], RunsText ? Args[0] : TSNode{}, &In});
      if (RunsText && Args.size() < 2) {
        TSNode G = keywordArg(Call, "globals");
        TSNode Src = Args.empty() ? keywordArg(Call, "source") : Args[0];
        if (!isNull(G))
          Populations.push_back({G, Src, &In});
      }
      bool IsAttr = kind(Fn) == "attribute";
      StringRef Method = IsAttr ? A.T.text(field(Fn, "attribute")) : StringRef();
      if (IsAttr && Method == "exec_module" && !Args.empty()) {
        ModulePopulations.push_back({Args[0], &In});
        ExecModules.push_back({Call, Args[0], &In});
      }

      // Registration in a test double of sys.modules: patch.dict(sys.modules,
      // {k: H}), monkeypatch.setitem(sys.modules, k, H).
      if (IsAttr && !Args.empty() && A.M.qualifiedName(Args[0], In) == "sys.modules") {
        if (Method == "dict" && Args.size() >= 2)
          registerMapping(Args[1], In, A.T.begin(Call));
        else if (Method == "setitem" && Args.size() >= 3)
          Registrations.push_back({Args[2], &In, A.T.text(Args[1]).str(), A.T.begin(Call)});
      }

      // Registration through sys.modules methods; undoing it by pop.
      if (IsAttr && A.M.qualifiedName(field(Fn, "object"), In) == "sys.modules") {
        if (Method == "setdefault" && Args.size() >= 2) {
          Registrations.push_back({Args[1], &In, A.T.text(Args[0]).str(), A.T.begin(Call)});
          return;
        }
        if (Method == "update" && !Args.empty()) {
          registerMapping(Args[0], In, A.T.begin(Call));
          return;
        }
        if (Method == "pop" && !Args.empty())
          unregister(Call, A.T.text(Args[0]));
      }

      // Retaining callees.
      auto Retain = [&](TSNode V) {
        if (!isNull(V))
          Escapes.push_back({V, &In, EscapeRoute::RetainingCallee, A.T.text(Fn)});
      };
      if (Q == "atexit.register" || Q == "sys.settrace" || Q == "sys.setprofile") {
        if (!Args.empty())
          Retain(Args[0]);
      } else if (Q == "signal.signal" || Q == "weakref.finalize") {
        if (Args.size() >= 2)
          Retain(Args[1]);
      } else if (Q == "threading.Thread") {
        Retain(keywordArg(Call, "target"));
        if (Args.size() >= 2)
          Retain(Args[1]);
      } else if (Q == "threading.Timer") {
        Retain(Args.size() >= 2 ? Args[1] : keywordArg(Call, "function"));
      } else if (Q == "builtins.setattr" && Args.size() >= 3) {
        Tags Obj = classify(Args[0], In);
        TSNode Root = rootOf(Args[0]);
        if (!isNull(Root) && isAssignedLocal(Root, In))
          ContainerStores.push_back({&In, Root, Args[2]});
        else if (only(Obj, TagKind::Holder).empty())
          Retain(Args[2]);
      } else if (IsAttr && !isNonRetainingBuiltin(Q) && Method != "exec_module" &&
                 !isNonRetainingMethod(Method) && !A.isModulePath(field(Fn, "object"), In)) {
        // A method of something that is not ours may keep what it is given
        // (a function reached through modules is a plain call: route 5).
        TSNode Root = rootOf(field(Fn, "object"));
        bool LocalReceiver = !isNull(Root) && isAssignedLocal(Root, In);
        TSNode ArgsNode = field(Call, "arguments");
        if (!isNull(ArgsNode) && kind(ArgsNode) == "argument_list")
          forEachNamedChild(ArgsNode, [&](TSNode V) {
            if (kind(V) == "keyword_argument")
              V = field(V, "value");
            if (LocalReceiver)
              ContainerStores.push_back({&In, Root, V});
            else
              Escapes.push_back({V, &In, EscapeRoute::MethodArgument, A.T.text(Fn)});
          });
      }

      // A holder handed to a call that may keep it keeps the module alive.
      bool KnownNonRetaining =
          isNonRetainingBuiltin(Q) ||
          (IsAttr && (Method == "exec_module" || isNonRetainingMethod(Method)));
      if (Q == "builtins.setattr") {
        // setattr(H, name, v) only writes into H; the value it stores is kept.
        if (Args.size() >= 3)
          HolderArgsUnknownCall.push_back({Args[2], &In});
      } else if (!KnownNonRetaining) {
        TSNode ArgsNode = field(Call, "arguments");
        if (!isNull(ArgsNode))
          forEachNamedChild(ArgsNode, [&](TSNode V) {
            if (kind(V) == "keyword_argument")
              V = field(V, "value");
            HolderArgsUnknownCall.push_back({V, &In});
          });
      }
    }

    // ------------------------------------------------- fixed point
    void fixedPoint() {
      if (MySites.empty())
        return;
      for (unsigned Round = 0; Round < 32; ++Round) {
        bool Changed = false;
        auto MergeInto = [&](Tags &Cur, const Tags &New) {
          size_t Before = Cur.size();
          addAll(Cur, New);
          Changed |= Cur.size() != Before;
        };
        // Into one binding (second round) or its name (first round).
        auto MergeBinding = [&](const Scope *S, StringRef Name, const Binding &B, const Tags &New) {
          if (New.empty())
            return;
          MergeInto(Reach ? BindingTags[&B] : Vars[{S, Name.str()}], New);
          if (Reach)
            addAll(NameTags[{S, Name.str()}], New);
        };
        // Into every binding of a name: a container is one object whichever
        // binding of its name reaches a store into it.
        auto Merge = [&](const Scope *S, StringRef Name, const Tags &New) {
          if (New.empty())
            return;
          if (!Reach)
            return MergeInto(Vars[{S, Name.str()}], New);
          for (const Binding &B : S->Bindings.find(Name)->second)
            MergeInto(BindingTags[&B], New);
          addAll(NameTags[{S, Name.str()}], New);
        };
        for (const Scope *S : Family) {
          for (const auto &Entry : S->Bindings) {
            if (!S->hasLocal(Entry.getKey()))
              continue;
            for (const Binding &B : Entry.getValue()) {
              if (isNull(B.Value))
                continue;
              const Scope &In = valueScope(B);
              Tags V;
              switch (B.K) {
              case Binding::Definition:
                if (kind(B.Value) == "function_definition")
                  V = capturedValues(B.Value, In);
                break;
              case Binding::ForTarget:
                if (isPairKey(B))
                  break; // `for name, obj in ns.items()`: name is a string
                V = asDerived(classify(B.Value, In));
                break;
              case Binding::Assignment:
              case Binding::WithTarget:
              case Binding::Augmented:
                V = classify(B.Value, In);
                if (B.Unpacked)
                  V = asDerived(V);
                break;
              default:
                break;
              }
              MergeBinding(S, Entry.getKey(), B, V);
            }
          }
        }
        for (const ValueEvent &E : Escapes)
          if (E.Route == EscapeRoute::Global || E.Route == EscapeRoute::Nonlocal) {
            Tags &Cur = DeclaredVars[E.Through.str()];
            size_t Before = Cur.size();
            addAll(Cur, classify(E.Value, *E.In));
            Changed |= Cur.size() != Before;
          }
        for (const Store &St : ContainerStores) {
          auto L = local(St.Root, *St.In);
          if (!L)
            continue;
          Tags V = classify(St.Value, *St.In);
          // Into the container and every local name that aliases it.
          for (const auto &Alias : aliasesOf(*L))
            Merge(Alias.first, Alias.second, V);
        }
        if (!Changed)
          break;
      }
    }
    /// \p Name and the local names bound to it or it to them (`view = box`):
    /// one object under several names.
    using LocalName = std::pair<const Scope *, std::string>;
    std::vector<LocalName> aliasesOf(const LocalName &Name) const {
      if (!AliasGroups)
        groupAliases();
      auto It = AliasGroups->find(Name);
      return It == AliasGroups->end() ? std::vector<LocalName>{Name} : AliasMembers[It->second];
    }
    /// Union-find over the plain aliases (`view = box`) of the family, once.
    void groupAliases() const {
      AliasGroups.emplace();
      std::vector<unsigned> Parent;
      auto Id = [&](const LocalName &N) {
        auto [It, New] = AliasGroups->try_emplace(N, Parent.size());
        if (New)
          Parent.push_back(Parent.size());
        return It->second;
      };
      auto Find = [&](unsigned X) {
        while (Parent[X] != X)
          X = Parent[X] = Parent[Parent[X]];
        return X;
      };
      for (const Scope *S : Family)
        for (const auto &Entry : S->Bindings) {
          if (!S->hasLocal(Entry.getKey()))
            continue;
          for (const Binding &B : Entry.getValue()) {
            if (B.K != Binding::Assignment || B.Unpacked || isNull(B.Value) ||
                kind(unparenthesize(B.Value)) != "identifier")
              continue;
            auto Target = local(unparenthesize(B.Value), valueScope(B));
            if (!Target)
              continue;
            unsigned Me = Id({S, Entry.getKey().str()}), To = Id(*Target);
            Parent[Find(Me)] = Find(To);
          }
        }
      std::map<unsigned, unsigned> Index; // root -> group
      for (auto &[Name, I] : *AliasGroups) {
        auto [It, New] = Index.try_emplace(Find(I), AliasMembers.size());
        if (New)
          AliasMembers.emplace_back();
        AliasMembers[It->second].push_back(Name);
        I = It->second;
      }
    }

    /// The part of a tuple, list, set, dict or conditional value that carries
    /// \p Tg (`return first, m.run`: 'm.run'), for messages and notes.
    TSNode carrier(TSNode V, const Scope &In, Tag Tg, unsigned Depth = 0) const {
      V = unparenthesize(V);
      StringRef K = kind(V);
      if (Depth > 50 || !(K == "expression_list" || K == "tuple" || K == "list" || K == "set" ||
                          K == "dictionary" || K == "pair" || K == "conditional_expression" ||
                          K == "boolean_operator"))
        return V;
      TSNode Found{};
      forEachNamedChild(V, [&](TSNode C) {
        if (isNull(Found) && kind(C) != "comment" && classify(C, In).count(Tg))
          Found = C;
      });
      return isNull(Found) ? V : carrier(Found, In, Tg, Depth + 1);
    }

    // ------------------------------------------------- visible code
    /// RULES.md: exec/eval/execfile populate a namespace value (the module
    /// itself as globals is a TypeError); exec_module populates a holder.
    /// \p Visit(Site, Code, In) for each, Code null where the code is no
    /// expression of this file (a file, a loader).
    template <typename Fn> void forEachPopulation(Fn Visit) const {
      for (const Population &P : Populations)
        for (Tag Tg : classify(P.Namespace, *P.In))
          if (tagKind(Tg) == TagKind::Namespace)
            Visit(tagSite(Tg), P.Code, *P.In);
      for (auto &[V, In] : ModulePopulations)
        for (Tag Tg : classify(V, *In))
          if (tagKind(Tg) == TagKind::Holder)
            Visit(tagSite(Tg), TSNode{}, *In);
      for (const ExecStatement &E : A.Out.Execs) {
        if (!E.HasNamespace)
          continue;
        TSNode Ns = A.nodeAt(E.NamespaceBegin, E.End);
        if (isNull(Ns) || !A.within(Ns, F))
          continue;
        const Scope &In = scopeFor(Ns);
        TSNode Code = A.nodeAt(E.CodeBegin, E.CodeEnd);
        if (!isNull(Code) && (A.T.begin(Code) != E.CodeBegin || A.T.end(Code) != E.CodeEnd))
          Code = TSNode{};
        for (Tag Tg : classify(Ns, In))
          if (tagKind(Tg) == TagKind::Namespace)
            Visit(tagSite(Tg), Code, In);
      }
    }

    /// The sites of this body all of whose populations run code visible in
    /// the file (RULES.md "Visible code"), parsed into A.Visible. False when
    /// there is none.
    bool findVisibleCode() {
      std::map<unsigned, std::vector<std::pair<TSNode, const Scope *>>> Codes;
      DenseSet<unsigned> Opaque;
      for (unsigned Idx : MySites) {
        const CreationSite &S = A.Out.Sites[Idx];
        if (S.Kind == CreationKind::Factory && S.Populated)
          Opaque.insert(Idx); // the factory ran code this body does not see
      }
      forEachPopulation([&](unsigned Idx, TSNode Code, const Scope &In) {
        if (isNull(Code))
          Opaque.insert(Idx);
        else
          Codes[Idx].push_back({Code, &In});
      });
      bool Any = false;
      for (auto &[Idx, List] : Codes) {
        if (Opaque.contains(Idx))
          continue;
        std::vector<VisibleCode> Parsed;
        for (auto &[Code, In] : List) {
          auto Text = A.visibleText(Code, *In, F);
          auto Summary = Text ? VisibleCode::parse(*Text) : std::nullopt;
          if (!Summary)
            break;
          Parsed.push_back(std::move(*Summary));
        }
        if (Parsed.size() != List.size())
          continue;
        A.Visible[Idx] = std::move(Parsed);
        Any = true;
      }
      return Any;
    }

    // ------------------------------------------------------ verdicts
    void judge() {
      if (MySites.empty())
        return;
      std::vector<CreationSite> &Sites = A.Out.Sites;
      auto Site = [&](Tag Tg) -> CreationSite & { return Sites[tagSite(Tg)]; };

      // Holders: locals that hold the module itself.
      // (A binding whose value is the module: not a container it was put in.)
      std::map<unsigned, const Binding *> FirstHolder;
      for (auto &[B, TagSet] : BindingTags) {
        if (isNull(B->Value) || only(TagSet, TagKind::Holder).empty())
          continue;
        for (Tag Tg : only(classify(B->Value, valueScope(*B)), TagKind::Holder)) {
          const Binding *&Cur = FirstHolder[tagSite(Tg)];
          if (!Cur || B->Offset < Cur->Offset)
            Cur = B;
        }
      }
      for (auto &[Idx, B] : FirstHolder) {
        CreationSite &S = Sites[Idx];
        S.Holder = A.T.text(B->Name).str();
        S.RegisterAfter = A.insertionAfter(B->Statement);
        if (S.RegisterAfter)
          S.SysState = A.M.nameState("sys", "sys", A.M.scopeOf(B->Name), S.RegisterAfter->Offset);
      }

      // RULES.md: exec/eval/execfile populate a namespace value (the module
      // itself as globals is a TypeError); exec_module populates a holder.
      forEachPopulation([&](unsigned Idx, TSNode, const Scope &) { Sites[Idx].Populated = true; });

      for (const ValueEvent &E : Escapes)
        for (Tag Tg : classify(E.Value, *E.In)) {
          CreationSite &S = Site(Tg);
          if (tagKind(Tg) == TagKind::Holder) {
            S.KeptAlive |= !E.HolderIsRegistration;
            continue;
          }
          TSNode Shown = isNull(E.Shown) ? carrier(E.Value, *E.In, Tg) : E.Shown;
          Escape Esc;
          Esc.Begin = A.T.begin(Shown);
          Esc.End = A.T.end(Shown);
          Esc.Route = E.Route;
          Esc.IsNamespace = tagKind(Tg) == TagKind::Namespace;
          Esc.Value = A.T.text(Shown).str();
          Esc.Through = E.Through.str();
          if (unsigned Name = tagName(Tg)) {
            Esc.Defined = A.DefinedNames[Name - 1];
            Esc.GlobalsRead = A.globalsRead(tagSite(Tg), Esc.Defined);
          }
          auto Old = llvm::find_if(S.Escapes, [&](const Escape &O) {
            return O.Begin == Esc.Begin && O.End == Esc.End && O.IsNamespace == Esc.IsNamespace;
          });
          if (Old == S.Escapes.end())
            S.Escapes.push_back(std::move(Esc));
          else if (Old->Defined.empty())
            *Old = std::move(Esc); // the tag that knows what the value is
        }
      for (auto &[V, In] : HolderArgsUnknownCall)
        for (Tag Tg : only(classify(V, *In), TagKind::Holder))
          Site(Tg).KeptAlive = true;
      StringMap<unsigned> LastRemoval; // key text -> offset of its last removal
      for (auto &[Key, Off] : Unregistrations) {
        unsigned &Last = LastRemoval[Key];
        Last = std::max(Last, Off);
      }
      for (const Registration &R : Registrations) {
        auto Removed = LastRemoval.find(R.Key);
        if (!R.Key.empty() && Removed != LastRemoval.end() && Removed->second > R.Offset)
          continue; // undone later in the body
        for (Tag Tg : only(classify(R.Value, *R.In), TagKind::Holder))
          Site(Tg).KeptAlive = true;
      }
      for (auto &[Nested, In] : Captures)
        forEachCapturedName(Nested, [&](TSNode Id, const Scope &S) {
          for (Tag Tg : only(tagsOfFree(Id, S), TagKind::Holder))
            Site(Tg).KeptAlive = true;
        });

      // Names of this body holding unexecuted module_from_spec modules, for
      // exec_module calls in the bodies nested in it.
      for (auto &Entry : Vars)
        for (Tag Tg : only(tagsOfName(Entry.first), TagKind::Holder))
          if (Site(Tg).FromSpec)
            A.SpecHolders[Entry.first].push_back(tagSite(Tg));
    }

    void judgeExecModules() {
      std::vector<CreationSite> &Sites = A.Out.Sites;
      auto Site = [&](Tag Tg) -> CreationSite & { return Sites[tagSite(Tg)]; };
      // MOD003's order: was H registered before its code runs? An undone
      // registration still counts here.
      for (const ExecModule &E : ExecModules) {
        TSNode Arg = unparenthesize(E.Arg);
        if (kind(Arg) != "identifier")
          continue;
        Tags Held = only(classify(Arg, *E.In), TagKind::Holder);
        bool Outer = Held.empty();
        if (Outer) {
          // H bound in an enclosing body (file level, an outer function).
          const Scope *Where = nullptr;
          if (A.M.lookup(A.T.text(Arg), *E.In, A.T.begin(Arg), &Where) && !inFamily(Where)) {
            auto It = A.SpecHolders.find({Where, A.T.text(Arg).str()});
            if (It != A.SpecHolders.end())
              for (unsigned Idx : It->second)
                Held.insert(makeTag(Idx, TagKind::Holder));
          }
        }
        // One finding per call, whatever number of sites reach it: about the
        // first site whose module is not registered before the call.
        SmallVector<Tag, 4> Reaching;
        for (Tag Tg : Held)
          if (Site(Tg).FromSpec)
            Reaching.push_back(Tg);
        if (Reaching.empty())
          continue;
        llvm::sort(Reaching);
        ExecModuleCall C;
        C.Begin = A.T.begin(E.Call);
        C.End = A.T.end(E.Call);
        C.Holder = A.T.text(Arg).str();
        C.Site = tagSite(Reaching.front());
        C.RegisteredBefore = true;
        for (Tag Tg : Reaching) {
          // A registration concerns the binding it registers, made since that
          // binding last ran (in a loop, registering the previous module says
          // nothing about the next); one of an outer body's name is known
          // only by that name.
          unsigned BoundAt = boundAt(Arg, *E.In, Tg);
          bool Registered = false;
          for (const Registration &R : Registrations) {
            if (R.Offset >= C.Begin || R.Offset < BoundAt)
              continue;
            TSNode V = unparenthesize(R.Value);
            bool SameName = Outer && kind(V) == "identifier" && A.T.text(V) == C.Holder;
            Registered = SameName || registeredSites(R).count(Tg);
            if (Registered)
              break;
          }
          if (!Registered && C.RegisteredBefore) {
            C.RegisteredBefore = false;
            C.Site = tagSite(Tg);
          }
        }
        C.RegisterBefore = A.insertionBefore(A.statementOf(E.Call));
        if (C.RegisterBefore)
          C.SysState = A.M.nameState("sys", "sys", *E.In, C.Begin);
        A.Out.ExecModules.push_back(std::move(C));
      }
    }

    /// The holder tags a registration registers, classified once.
    const Tags &registeredSites(const Registration &R) const {
      auto [It, New] = RegisteredTags.try_emplace(&R);
      if (New)
        It->second = only(classify(R.Value, *R.In), TagKind::Holder);
      return It->second;
    }

    /// Where the first statement binding \p Id to the module of \p Tg
    /// starts, among the bindings that reach \p Id; 0 when unknown.
    unsigned boundAt(TSNode Id, const Scope &In, Tag Tg) const {
      if (!Reach || !local(Id, In))
        return 0;
      auto Bs = Reach->at(Id);
      if (!Bs || llvm::is_contained(*Bs, nullptr))
        return 0;
      unsigned At = ~0u;
      for (const Binding *B : *Bs)
        if (bindingTags(B).count(Tg))
          At = std::min(At, isNull(B->Statement) ? B->Offset : A.T.begin(B->Statement));
      return At == ~0u ? 0 : At;
    }

    /// This body as a factory: every return value is one of its creation
    /// sites or a holder of one.
    std::optional<FactorySummary> factorySummary() const {
      if (F.Kind != ScopeKind::Function || HasBareReturn || HasYield || MySites.empty())
        return std::nullopt;
      FactorySummary Sum;
      bool Any = false;
      for (const ValueEvent &E : Escapes) {
        if (E.Route != EscapeRoute::Return)
          continue;
        TSNode V = unparenthesize(E.Value);
        StringRef K = kind(V);
        Tags Held = only(classify(V, *E.In), TagKind::Holder);
        if ((K != "identifier" && K != "call") || Held.size() != 1)
          return std::nullopt;
        const CreationSite &S = A.Out.Sites[tagSite(*Held.begin())];
        Sum.Populates |= S.Populated;
        Sum.UnexecutedSpec |= S.FromSpec && !S.Populated;
        Any = true;
      }
      if (!Any)
        return std::nullopt;
      return Sum;
    }
  };

  // ------------------------------------------------------------ helpers
  /// What the visible code of \p Site binds \p Name to, all its
  /// populations together: a hazard if any binds it so, a class if any makes
  /// it one (so that calling it makes an instance).
  VisibleCode::NameKind visibleKind(unsigned Site, StringRef Name) const {
    using K = VisibleCode::NameKind;
    auto It = Visible.find(Site);
    if (It == Visible.end())
      return K::OtherHazard;
    K Best = K::Unbound;
    auto Rank = [](K X) { return X == K::Unbound ? 0 : X == K::Data ? 1 : X == K::Class ? 3 : 2; };
    for (const VisibleCode &C : It->second)
      if (Rank(C.kindOf(Name)) > Rank(Best))
        Best = C.kindOf(Name);
    return Best;
  }
  std::vector<std::string> globalsRead(unsigned Site, StringRef Name) const {
    std::vector<std::string> Out;
    auto It = Visible.find(Site);
    if (It != Visible.end())
      for (const VisibleCode &C : It->second)
        for (const std::string &G : C.globalsReadBy(Name))
          if (!llvm::is_contained(Out, G))
            Out.push_back(G);
    return Out;
  }
  unsigned nameId(StringRef Name) const {
    auto [It, New] = NameIds.try_emplace(Name, DefinedNames.size() + 1);
    if (New)
      DefinedNames.push_back(Name.str());
    return It->second;
  }

  /// The text of code visible in the file (RULES.md "Visible code"): a
  /// string literal, `textwrap.dedent` / `inspect.cleandoc` of one, or a
  /// name bound exactly once, at file level or in \p F, to one.
  std::optional<std::string> visibleText(TSNode Code, const Scope &In, const Scope &F,
                                         unsigned Depth = 0) const {
    Code = unparenthesize(Code);
    if (isNull(Code) || Depth > 4)
      return std::nullopt;
    StringRef K = kind(Code);
    if (K == "string" || K == "concatenated_string")
      return evaluateStringLiteral(T, Code);
    if (K == "call") {
      std::string Q = M.qualifiedName(field(Code, "function"), In);
      TSNode Args = field(Code, "arguments");
      if ((Q != "textwrap.dedent" && Q != "inspect.cleandoc") || isNull(Args) ||
          kind(Args) != "argument_list" || ts_node_named_child_count(Args) != 1)
        return std::nullopt;
      auto Text = visibleText(ts_node_named_child(Args, 0), In, F, Depth + 1);
      if (!Text)
        return std::nullopt;
      return Q == "textwrap.dedent" ? dedent(*Text) : cleandoc(*Text);
    }
    if (K != "identifier")
      return std::nullopt;
    const Scope *Where = nullptr;
    const Binding *B = M.lookup(T.text(Code), In, T.begin(Code), &Where);
    if (!B || (Where != &M.moduleScope() && Where != &F) ||
        Where->Bindings.find(T.text(Code))->second.size() != 1 || B->K != Binding::Assignment ||
        B->Unpacked || isNull(B->Value))
      return std::nullopt;
    return visibleText(B->Value, B->ValueScope ? *B->ValueScope : *Where, F, Depth + 1);
  }

  /// Is \p Expr a module: a name bound by `import M` (or by `from P import
  /// M` of a known module), or an attribute path through modules that the
  /// file imports as such (`import os.path`) or `os.path`? A call through a
  /// module is a plain call, not a method of a non-local receiver (route 4).
  bool isModulePath(TSNode Expr, const Scope &In) const {
    Expr = unparenthesize(Expr);
    StringRef K = kind(Expr);
    if (K == "identifier") {
      const Binding *B = M.lookup(T.text(Expr), In, T.begin(Expr));
      return B && B->K == Binding::Import &&
             (kind(B->Statement) == "import_statement" || modulePaths().contains(B->Qualified));
    }
    return K == "attribute" && isModulePath(field(Expr, "object"), In) &&
           modulePaths().contains(M.qualifiedName(Expr, In));
  }
  /// Every dotted module name `import` statements of the file name, and
  /// their prefixes.
  const StringSet<> &modulePaths() const {
    if (ModulePaths)
      return *ModulePaths;
    ModulePaths.emplace();
    ModulePaths->insert("os.path");
    for (const auto &S : M.scopes())
      for (const auto &Entry : S->Bindings)
        for (const Binding &B : Entry.getValue()) {
          if (B.K != Binding::Import || kind(B.Statement) != "import_statement")
            continue;
          forEachNamedChild(B.Statement, [&](TSNode Item) {
            TSNode Dotted = kind(Item) == "aliased_import" ? field(Item, "name") : Item;
            std::string Full = T.text(Dotted).str();
            llvm::erase_if(Full, [](char C) { return isspace(static_cast<unsigned char>(C)); });
            for (size_t Dot = Full.find('.'); Dot != std::string::npos;
                 Dot = Full.find('.', Dot + 1))
              ModulePaths->insert(Full.substr(0, Dot));
            ModulePaths->insert(Full);
          });
        }
    return *ModulePaths;
  }

  std::optional<CreationKind> creationKind(TSNode Call, TSNode Fn, StringRef Q,
                                           const Scope &In) const {
    if (Q == "types.ModuleType")
      return CreationKind::TypesModuleType;
    if (Q == "imp.new_module")
      return CreationKind::ImpNewModule;
    if (Q == "new.module")
      return CreationKind::NewModule;
    if (Q == "importlib.util.module_from_spec")
      return CreationKind::ModuleFromSpec;
    (void)Call;
    if (const Scope *Fn_ = calledFunction(Fn, In); Fn_ && Factories.count(Fn_))
      return CreationKind::Factory;
    if (kind(Fn) == "identifier") {
      const Binding *B = M.lookup(T.text(Fn), In, T.begin(Fn));
      if (B && B->K == Binding::Definition && !isNull(B->Value) &&
          ModuleSubclasses.contains(B->Value.id))
        return CreationKind::ModuleSubclass;
    }
    // type(M)(...) with M an imported module.
    if (kind(Fn) == "call" && M.qualifiedName(field(Fn, "function"), In) == "builtins.type") {
      TSNode Args = field(Fn, "arguments");
      if (!isNull(Args) && ts_node_named_child_count(Args) == 1) {
        TSNode Arg = unparenthesize(ts_node_named_child(Args, 0));
        if (kind(Arg) == "identifier") {
          const Binding *B = M.lookup(T.text(Arg), In, T.begin(Arg));
          if (B && B->K == Binding::Import && kind(B->Statement) == "import_statement")
            return CreationKind::TypeOfModule;
        }
      }
    }
    return std::nullopt;
  }

  /// The function of this file a call's callee names statically: a plain
  /// name, `self.f` / `cls.f` in a method of f's class, `C.f` for a static or
  /// class method of class C.
  const Scope *calledFunction(TSNode Fn, const Scope &In) const {
    auto FunctionOf = [&](const Binding *B) -> const Scope * {
      if (!B || B->K != Binding::Definition || isNull(B->Value) ||
          kind(B->Value) != "function_definition")
        return nullptr;
      return M.scopeOpenedBy(B->Value);
    };
    if (kind(Fn) == "identifier")
      return FunctionOf(M.lookup(T.text(Fn), In, T.begin(Fn)));
    if (kind(Fn) != "attribute")
      return nullptr;
    TSNode Obj = unparenthesize(field(Fn, "object"));
    if (kind(Obj) != "identifier")
      return nullptr;
    StringRef Name = T.text(field(Fn, "attribute"));
    StringRef ObjName = T.text(Obj);
    if (ObjName == "self" || ObjName == "cls") {
      // The method's own class: the scope enclosing the current function.
      const Scope *S = &In;
      while (S && S->Kind != ScopeKind::Function)
        S = S->Parent;
      if (!S || !S->Parent || S->Parent->Kind != ScopeKind::Class)
        return nullptr;
      auto It = S->Parent->Bindings.find(Name);
      return It == S->Parent->Bindings.end() ? nullptr : FunctionOf(&It->second.back());
    }
    const Binding *C = M.lookup(ObjName, In, T.begin(Obj));
    if (!C || C->K != Binding::Definition || isNull(C->Value) ||
        kind(C->Value) != "class_definition")
      return nullptr;
    const Scope *Class = M.scopeOpenedBy(C->Value);
    auto It = Class ? Class->Bindings.find(Name) : decltype(Class->Bindings.end()){};
    if (!Class || It == Class->Bindings.end())
      return nullptr;
    const Binding &B = It->second.back();
    const Scope *Target = FunctionOf(&B);
    if (!Target)
      return nullptr;
    TSNode Parent = ts_node_parent(B.Value);
    bool StaticOrClass = false;
    if (!isNull(Parent) && kind(Parent) == "decorated_definition")
      forEachNamedChild(Parent, [&](TSNode D) {
        if (kind(D) == "decorator") {
          StringRef Text = T.text(D);
          StaticOrClass |= Text.contains("staticmethod") || Text.contains("classmethod");
        }
      });
    return StaticOrClass ? Target : nullptr;
  }

  /// Classes of the file deriving from types.ModuleType, directly or through
  /// other classes of the file.
  void findModuleSubclasses() {
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &S : M.scopes()) {
        if (S->Kind != ScopeKind::Class || ModuleSubclasses.contains(S->Node.id))
          continue;
        TSNode Bases = field(S->Node, "superclasses");
        if (isNull(Bases))
          continue;
        const Scope &Outer = *S->Parent;
        bool IsModule = false;
        forEachNamedChild(Bases, [&](TSNode Base) {
          if (M.qualifiedName(Base, Outer) == "types.ModuleType") {
            IsModule = true;
          } else if (kind(Base) == "identifier") {
            const Binding *B = M.lookup(T.text(Base), Outer, T.begin(Base));
            IsModule |= B && B->K == Binding::Definition && !isNull(B->Value) &&
                        ModuleSubclasses.contains(B->Value.id);
          }
        });
        if (IsModule) {
          ModuleSubclasses.insert(S->Node.id);
          Changed = true;
        }
      }
    }
  }

  /// The innermost statement holding \p N.
  TSNode statementOf(TSNode N) const {
    for (TSNode P = N; !isNull(P); P = ts_node_parent(P))
      if (kind(P).endswith("statement"))
        return P;
    return TSNode{};
  }

  /// Where the line holding the simple statement \p Stmt starts and its
  /// indentation, when that line begins with \p Stmt or with statements of
  /// the same block before it (`a = 1; mod = f()`); none inside a compound
  /// statement's header line (`if x: mod = f()`), where a new line would
  /// land in another block.
  struct StatementLine {
    unsigned Begin;
    std::string Indent;
    bool StartsLine; ///< \p Stmt itself begins the line
  };
  std::optional<StatementLine> statementLine(TSNode Stmt) const {
    if (isNull(Stmt))
      return std::nullopt;
    const StringRef Text = T.source();
    TSNode First = Stmt;
    unsigned LineOfStmt = T.begin(Stmt);
    while (LineOfStmt > 0 && Text[LineOfStmt - 1] != '\n' && Text[LineOfStmt - 1] != '\r')
      --LineOfStmt;
    // Only text before it on its line can be statements sharing the line (and
    // tree-sitter finds a previous sibling in time linear in its position).
    bool Alone =
        Text.slice(LineOfStmt, T.begin(Stmt)).find_first_not_of(" \t\f") == StringRef::npos;
    for (TSNode Prev = Alone ? TSNode{} : ts_node_prev_named_sibling(Stmt); !isNull(Prev);
         Prev = ts_node_prev_named_sibling(Prev)) {
      if (T.end(Prev) <= T.begin(First) &&
          Text.slice(T.end(Prev), T.begin(First)).find_first_of("\r\n") == StringRef::npos &&
          kind(Prev) != "comment")
        First = Prev;
      else
        break;
    }
    unsigned B = T.begin(First);
    unsigned LineB = B;
    while (LineB > 0 && Text[LineB - 1] != '\n' && Text[LineB - 1] != '\r')
      --LineB;
    StringRef Indent = Text.slice(LineB, B);
    if (Indent.find_first_not_of(" \t\f") != StringRef::npos)
      return std::nullopt;
    return StatementLine{LineB, Indent.str(), sameNode(First, Stmt)};
  }

  static bool isSimpleStatement(TSNode N) {
    StringRef K = kind(N);
    return K.endswith("statement") && K != "if_statement" && K != "for_statement" &&
           K != "while_statement" && K != "try_statement" && K != "with_statement" &&
           K != "match_statement";
  }

  /// `;`-joined to a simple statement on a compound statement's header line.
  std::optional<LineInsertion> joined(TSNode Stmt, decltype(LineInsertion::Join) How) const {
    if (isNull(Stmt) || !isSimpleStatement(Stmt))
      return std::nullopt;
    LineInsertion L;
    L.Join = How;
    L.Offset = How == LineInsertion::JoinAfter ? T.end(Stmt) : T.begin(Stmt);
    return L;
  }

  /// Before the simple statement \p Stmt, with its indentation. When other
  /// statements share its line, the line is split just before it.
  std::optional<LineInsertion> insertionBefore(TSNode Stmt) const {
    auto Line = statementLine(Stmt);
    if (!Line)
      return joined(Stmt, LineInsertion::JoinBefore);
    if (Line->StartsLine)
      return LineInsertion{Line->Begin, Line->Indent, false, false};
    return LineInsertion{T.begin(Stmt), Line->Indent, true, true};
  }

  unsigned addSite(TSNode Call, TSNode Fn, StringRef Q, CreationKind K, const Scope &Owner,
                   const Scope &In) {
    CreationSite S;
    S.Begin = T.begin(Call);
    S.End = T.end(Call);
    S.CalleeBegin = T.begin(Fn);
    S.CalleeEnd = T.end(Fn);
    S.Callee = Q.str();
    S.Kind = K;
    S.Scope = Owner.Kind;
    S.Function = Owner.Name;
    S.TypesState = M.nameState("types", "types", In, S.Begin);
    if (K == CreationKind::ImpNewModule)
      S.RemoveImport = ImpImports.removalFor(Fn);
    Out.Sites.push_back(std::move(S));
    return Out.Sites.size() - 1;
  }

  TSNode nodeAt(unsigned Begin, unsigned End) const {
    unsigned Base = T.begin(T.root()) - ts_node_start_byte(T.root());
    TSNode N = ts_node_named_descendant_for_byte_range(T.root(), Begin - Base, Begin - Base);
    // Widen to the largest expression that starts here and fits the statement.
    while (!isNull(N)) {
      TSNode P = ts_node_parent(N);
      if (isNull(P) || T.begin(P) != Begin || T.end(P) > End || kind(P).endswith("statement"))
        break;
      N = P;
    }
    return N;
  }

  bool within(TSNode N, const Scope &S) const {
    // The innermost non-comprehension scope of N is S.
    const Scope *C = &M.scopeOf(N);
    while (C->Kind == ScopeKind::Comprehension && C->Parent)
      C = C->Parent;
    return C == &S;
  }

  /// After the statement \p Stmt: the next line, with the indentation of
  /// Stmt's line.
  std::optional<LineInsertion> insertionAfter(TSNode Stmt) const {
    if (!isNull(Stmt) && (kind(Stmt) == "with_statement" || kind(Stmt) == "if_statement" ||
                          kind(Stmt) == "while_statement")) {
      // `with make() as mod:` or `if (mod := make()):` binds in the header:
      // register as the first line of the body.
      TSNode Body = field(Stmt, kind(Stmt) == "if_statement" ? "consequence" : "body");
      TSNode First{};
      if (!isNull(Body))
        forEachNamedChild(Body, [&](TSNode C) {
          if (isNull(First) && kind(C) != "comment")
            First = C;
        });
      return isNull(First) ? std::nullopt : insertionBefore(First);
    }
    if (isNull(Stmt) || !isSimpleStatement(Stmt))
      return std::nullopt;
    auto Line = statementLine(Stmt);
    if (!Line)
      return joined(Stmt, LineInsertion::JoinAfter);
    const StringRef Text = T.source();
    StringRef Indent = Line->Indent;
    unsigned E = T.end(Stmt);
    while (E < Text.size() && Text[E] != '\n' && Text[E] != '\r')
      ++E;
    LineInsertion L;
    L.Indent = Indent.str();
    if (E >= Text.size()) {
      L.Offset = Text.size();
      L.NeedsNewlineBefore = true;
    } else {
      L.Offset = E + ((Text[E] == '\r' && E + 1 < Text.size() && Text[E + 1] == '\n') ? 2 : 1);
    }
    return L;
  }

  const SemanticModel &M;
  const SyntaxTree &T;
  ModuleLifetime &Out;
  DenseSet<const void *> ModuleSubclasses;
  mutable std::optional<StringSet<>> ModulePaths;
  /// Sites whose code is visible, with what each population defines.
  std::map<unsigned, std::vector<VisibleCode>> Visible;
  /// Names of what visible code defines, for the tags of derived values.
  mutable StringMap<unsigned> NameIds;
  mutable std::vector<std::string> DefinedNames;
  std::vector<std::string> CreationWords, TypeWords;
  bool TypeCalls = false;
  DenseMap<const Scope *, FactorySummary> Factories;
  ImportUses ImpImports{M};
  /// (scope, name) -> module_from_spec sites it holds unexecuted; bodies run
  /// outer first, so an inner body sees its enclosing bodies' names.
  std::map<std::pair<const Scope *, std::string>, std::vector<unsigned>> SpecHolders;
};

ModuleLifetime::ModuleLifetime(const SemanticModel &Model)
    : Execs(findExecStatements(Model.tree())), ImportAt(findImportInsertion(Model.tree())),
      FirstTooDeep(Model.firstTooDeep()) {
  FlowAnalysis(Model, *this).run();
}

ModuleLifetime::ModuleLifetime(const SyntaxTree &Tree)
    : Execs(findExecStatements(Tree)), ImportAt(findImportInsertion(Tree)) {
  if (!mayCreateModules(Tree))
    return; // no creation site possible: no model needed
  OwnedModel = std::make_unique<SemanticModel>(Tree);
  FirstTooDeep = OwnedModel->firstTooDeep();
  FlowAnalysis(*OwnedModel, *this).run();
}

ModuleLifetime::~ModuleLifetime() = default;

} // namespace modlint
