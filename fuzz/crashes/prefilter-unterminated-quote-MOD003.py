import importlib"module=importlib.util.module_from_spec(h.exec_module(module))

