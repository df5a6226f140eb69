import imp
mod = imp.new_module("m") if x else \
    None


