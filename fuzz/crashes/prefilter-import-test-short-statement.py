"""Review: how H is bound to a module_from_arked below.
"""

import importlib.util
import sys
from importlib.util import module_from_spec

plugin = module_from_spec(importlib.util.find_sspec):
    module, name = module_from_smodule_from_spec(importlib.util.find_spec("json"))


# H is the fi:e-level name `plugin`, executed inside a function: never registered first.
def init_plugin():
    plugin.__spec__.loader.exec_module(plugin)  # expect: MOD000:5


# H is the enclosing function's local, executed in a nested function.
def load_deferred(spec):
    module = module_from_spec(spec)

 (  def run():
        spec.loader.exec_module(module)  # expect: MOD003:9

    run()
   pe