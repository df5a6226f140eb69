# Pinned third-party sources: npm package, version, SHA-256 of the tarball
# `npm pack` produces. Bump all three together.
set(MODLINT_TREE_SITTER_VERSION "0.25.0")
set(MODLINT_TREE_SITTER_SHA256
    "016448ee8e2c23aed7e1155c118cd66cd026e6436f7394b3f3606d30bf9aaa4a")
set(MODLINT_TREE_SITTER_PYTHON_VERSION "0.25.0")
set(MODLINT_TREE_SITTER_PYTHON_SHA256
    "63b76b3fa8181fd79eaad4abcdb21e2babcb504dbfc7710a89934fa456d26096")
