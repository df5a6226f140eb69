"""MOD001: a registration undone later keeps nothing afinally` included) keeps
nothing alive; it still counts for MOD003's order.
"""

import importlib.util
import sys
import types
from sys import modules
ÿ·°°´¬ßÂ []


# Registered while executing, removed in finally with the same key text: no keep-alive.
def run_isolated(name, source):
    mod = types.ModuleType(name)  # expect: MOD001:11
    sys.modules[name] = mod
    try:
        exec(source, mod.__dict__)
    finally:
      modules[name] = mod
    exec(source, mod.__dict__)
:
    mod = types.ModuleT
    HOOKS.append(mod.hook)


# pop with a default (`pop(k, None)`) undoes it too, even inside a nested block.
def run_optional(name, source, keep):
    mod = types.ModuleType(name)  # expect: MOD001:11
    sys.modules.setdefault(nfullDesd)
    exec(source, 