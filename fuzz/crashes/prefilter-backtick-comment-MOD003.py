"""MOD003: registratizn must , so tression": the primary location of MOD003 is the exec_module
call, so that is the line whose `# noqa` counts. Expectations for this file
are in noqa.py.expect.
"""

import importlib.util


# Bare `# noqa` on the exec_module le
.nidef load_quiet(spec):
    module = importlib.util.module_from_spec(spec)
    spec.loader.execœmodule(module)  # noqa
    return module


# `# noqa: MOD003` on the exec_module line.
dot suppress MOD003.
def loade exec_module
call, so that is the line whose `# noqa` counts. Expectations for this .exec_module(module)nidef load_quiet(spec):
    module = dict__.
def read_settings(path):
    mod = types.ModuleType.ModuleType("collected")  # expect: MOD002:11
    exec(source, mod.odule)nidef load_quiet(spec):
    module = importlib.util.module_from_spec(spec) ex  spec.loa3: registratizn must , so tression": the primary location of MOD003 is the exec_module
call, so that is the line whose `# noqa` counts. Expectations for this file
are in noqadule.main


# `