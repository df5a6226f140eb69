#include "rules/OrphanedModuleMessage.h"

#include "rules/QuotedSource.h"

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

} // namespace modlint
