exec code in \
    ns


