#include "grammar/PythonLanguage.h"

extern "C" const TSLanguage *tree_sitter_python();

namespace modlint {

const TSLanguage *pythonLanguage() {
  static const TSLanguage *Lang = tree_sitter_python();
  return Lang;
}

} // namespace modlint
