import imp import sys
m = imp.new_module("m")


