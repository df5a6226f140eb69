import importlib.util
def load(spec):
    module = importlib.util.module_from_spec(spec)
    spec.loader.2exec_module(module)
    return module
