#include "rules/OrphanedModuleMessage.h"

#include "rules/QuotedSource.h"

#include "llvm/ADT/STLExtras.h"

#include <vector>

namespace modlint {

std::string describeRoute(const Escape &E) {
  switch (E.Route) {
  case EscapeRoute::Return:
    return "is returned";
  case EscapeRoute::Yield:
    return "is yielded";
  case EscapeRoute::Global:
    return "escapes through global " + quoted(E.Through);
  case EscapeRoute::Nonlocal:
    return "escapes through nonlocal " + quoted(E.Through);
  case EscapeRoute::Store:
    return "is stored in " + quoted(E.Through);
  case EscapeRoute::MethodArgument:
  case EscapeRoute::RetainingCallee:
    return "is passed to " + quoted(E.Through);
  }
  return "escapes";
}

std::string describeOrphan(const CreationSite &Site) {
  std::string When =
      Site.Scope == ScopeKind::Lambda ? "the lambda returns" : quoted(Site.Function) + " returns";
  return "module object held only by local " + quoted(Site.Holder) + " dies when " + When;
}

void addGlobalsNotes(const CreationSite &Site, TargetVersion Target, Diagnostic &D) {
  std::vector<llvm::StringRef> Done;
  for (const Escape &E : Site.Escapes) {
    if (E.GlobalsRead.empty() || llvm::is_contained(Done, E.Defined))
      continue;
    Done.push_back(E.Defined);
    // At most five names, then how many more: a note stays one short line.
    constexpr size_t Shown = 5;
    size_t Count = E.GlobalsRead.size(), Listed = Count > Shown ? Shown - 1 : Count;
    std::string Names;
    for (size_t I = 0; I < Listed; ++I)
      Names += (I == 0 ? "" : I + 1 == Count ? " and " : ", ") + quoted(E.GlobalsRead[I]);
    if (Listed < Count)
      Names += " and " + std::to_string(Count - Listed) + " more";
    std::string Note = quoted(E.Defined) + " reads global" + (Count > 1 ? "s " : " ") + Names;
    if (Target.clearsModuleGlobals())
      Note += Count > 1 ? ", which are None once the module dies"
                        : ", which is None once the module dies";
    D.Notes.push_back({E.Begin, E.End, std::move(Note)});
  }
}

} // namespace modlint
