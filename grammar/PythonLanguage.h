#ifndef MODLINT_GRAMMAR_PYTHONLANGUAGE_H
#define MODLINT_GRAMMAR_PYTHONLANGUAGE_H

#include <tree_sitter/api.h>

namespace modlint {

/// The tree-sitter-python language, checked once against the runtime's ABI.
const TSLanguage *pythonLanguage();

} // namespace modlint

#endif
