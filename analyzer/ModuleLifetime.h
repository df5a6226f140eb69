#ifndef MODLINT_ANALYZER_MODULELIFETIME_H
#define MODLINT_ANALYZER_MODULELIFETIME_H

#include "analyzer/ExecStatement.h"
#include "analyzer/SemanticModel.h"
#include "analyzer/flow/ImportRemoval.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace modlint {

/// How a creation site makes its module.
enum class CreationKind {
  TypesModuleType, ///< types.ModuleType(...)
  ImpNewModule,    ///< imp.new_module(...)
  NewModule,       ///< new.module(...) (Python 2)
  ModuleFromSpec,  ///< importlib.util.module_from_spec(...)
  TypeOfModule,    ///< type(sys)(...)
  ModuleSubclass,  ///< a class of the file deriving from types.ModuleType
  Factory,         ///< a function of the file returning a new module
};

/// How a value leaves the function that made the module (RULES.md "Escape").
enum class EscapeRoute {
  Return,          ///< return V
  Yield,           ///< yield V / yield from V
  Global,          ///< assigned to a `global` name
  Nonlocal,        ///< assigned to a `nonlocal` name
  Store,           ///< assigned to an attribute or item of a non-local object
  MethodArgument,  ///< passed to a method of a non-local object
  RetainingCallee, ///< passed to atexit.register, threading.Thread(target=...), ...
};

/// A derived or namespace value escaping its function.
struct Escape {
  unsigned Begin = 0, End = 0; ///< the escaping expression where it escapes
  EscapeRoute Route;
  bool IsNamespace = false; ///< a namespace value (else a derived value)
  std::string Value;        ///< its source text
  std::string Through;      ///< global / nonlocal name, store target or callee
  /// When the module's code is visible (RULES.md "Visible code"): the name
  /// it defines that the value is (or is an instance of), and the module's
  /// globals that its code reads when it runs.
  std::string Defined;
  std::vector<std::string> GlobalsRead;
};

/// Where to put a new line of code: at Offset (a line start), indented.
struct LineInsertion {
  unsigned Offset = 0;
  std::string Indent;
  bool NeedsNewlineBefore = false; ///< at the end of a file without a line break, or mid-line
  bool ContinueLine = false;       ///< mid-line: indent what follows on the new line
  /// On a compound statement's header line (`if c: mod = f()`), where a new
  /// line would fall into another block: joined with `;` instead, after the
  /// statement (Offset at its end) or before it (Offset at its start).
  enum { OwnLine, JoinAfter, JoinBefore } Join = OwnLine;
};

/// One call that makes a new module object, with the lifetime facts of
/// RULES.md for it.
struct CreationSite {
  unsigned Begin = 0, End = 0;             ///< the call
  unsigned CalleeBegin = 0, CalleeEnd = 0; ///< the callee expression
  std::string Callee;                      ///< resolved, e.g. "imp.new_module"
  CreationKind Kind;
  ScopeKind Scope;      ///< scope the call is evaluated in (comprehensions: their function's)
  std::string Function; ///< that function's name
  std::string Holder;   ///< first local holding the module; empty if none
  bool Populated = false;
  bool KeptAlive = false;
  /// A module_from_spec module not yet executed (directly, or returned so by
  /// a factory): what MOD003 is about.
  bool FromSpec = false;
  std::vector<Escape> Escapes; ///< derived and namespace values that escape
  /// Where `sys.modules[H.__name__] = H` goes (after the holder's binding);
  /// empty when there is no safe place.
  std::optional<LineInsertion> RegisterAfter;
  SemanticModel::NameState SysState = SemanticModel::NameState::Unbound;
  SemanticModel::NameState TypesState = SemanticModel::NameState::Unbound;
  /// imp.new_module only: the import its callee reads, when only such
  /// callees read it (ImportUses).
  std::optional<ImportRemoval> RemoveImport;

  bool inFunction() const { return Scope == ScopeKind::Function || Scope == ScopeKind::Lambda; }
};

/// `<loader>.exec_module(H)` on a module made by module_from_spec.
struct ExecModuleCall {
  unsigned Begin = 0, End = 0;   ///< the call
  std::string Holder;            ///< H as written
  unsigned Site = 0;             ///< index into ModuleLifetime::sites()
  bool RegisteredBefore = false; ///< a registration of H precedes it in its body
  /// Where `sys.modules[H.__name__] = H` goes: before the statement holding
  /// the call; empty when there is no safe place.
  std::optional<LineInsertion> RegisterBefore;
  SemanticModel::NameState SysState = SemanticModel::NameState::Unbound;
};

/// The module-lifetime facts of one file, computed once; rules only read them.
class ModuleLifetime {
public:
  /// Builds the semantic model only when some call could make a module.
  explicit ModuleLifetime(const SyntaxTree &Tree);
  /// With a model already built (always analyses every body).
  explicit ModuleLifetime(const SemanticModel &Model);
  ~ModuleLifetime();

  const std::vector<CreationSite> &sites() const { return Sites; }
  const std::vector<ExecStatement> &execStatements() const { return Execs; }
  const std::vector<ExecModuleCall> &execModuleCalls() const { return ExecModules; }
  /// Where a new top-level import goes: after the docstring, comments and
  /// `from __future__` imports.
  const LineInsertion &importInsertion() const { return ImportAt; }
  /// Where the file nests deeper than the analysis goes (SemanticModel).
  std::optional<unsigned> firstTooDeep() const { return FirstTooDeep; }

private:
  std::unique_ptr<SemanticModel> OwnedModel;
  std::vector<CreationSite> Sites;
  std::vector<ExecStatement> Execs;
  std::vector<ExecModuleCall> ExecModules;
  LineInsertion ImportAt;
  std::optional<unsigned> FirstTooDeep;
  friend class FlowAnalysis;
};

} // namespace modlint

#endif
