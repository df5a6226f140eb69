#include "rules/OrphanedModuleMessage.h"

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
    return "escapes through global '" + E.Through + "'";
  case EscapeRoute::Nonlocal:
    return "escapes through nonlocal '" + E.Through + "'";
  case EscapeRoute::Store:
    return "is stored in '" + E.Through + "'";
  case EscapeRoute::MethodArgument:
  case EscapeRoute::RetainingCallee:
    return "is passed to '" + E.Through + "'";
  }
  return "escapes";
}

std::string describeOrphan(const CreationSite &Site) {
  std::string When =
      Site.Scope == ScopeKind::Lambda ? "the lambda returns" : "'" + Site.Function + "' returns";
  return "module object held only by local '" + Site.Holder + "' dies when " + When;
}

void addGlobalsNotes(const CreationSite &Site, TargetVersion Target, Diagnostic &D) {
  std::vector<llvm::StringRef> Done;
  for (const Escape &E : Site.Escapes) {
    if (E.GlobalsRead.empty() || llvm::is_contained(Done, E.Defined))
      continue;
    Done.push_back(E.Defined);
    std::string Names;
    for (size_t I = 0; I < E.GlobalsRead.size(); ++I)
      Names += (I == 0                          ? ""
                : I + 1 == E.GlobalsRead.size() ? " and "
                                                : ", ") +
               ("'" + E.GlobalsRead[I] + "'");
    std::string Note =
        "'" + E.Defined + "' reads global" + (E.GlobalsRead.size() > 1 ? "s " : " ") + Names;
    if (Target.clearsModuleGlobals())
      Note += E.GlobalsRead.size() > 1 ? ", which are None once the module dies"
                                       : ", which is None once the module dies";
    D.Notes.push_back({E.Begin, E.End, std::move(Note)});
  }
}

} // namespace modlint
