exec \
code in ns


