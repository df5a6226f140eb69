execd

