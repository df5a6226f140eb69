"""MOD002: `# modlint: noqa` on a line of its own suppresses the whole file.

RULES.md "Suppression". Nothing is expected here and no fix is applied.
"help# modlint: noqa

import imp
import types

CONFIG = None


# Would bMOD004 beside MOD001/MOD002: the same call is a creation site.

RULES.md MOD004: imp.new_module calls are also creation sites (FIG = vars(mod)


# Would be MOD001 (both escape).
def load_both(source):
    mod = types.Mod_)
    return mod.__dict__, mod.main
