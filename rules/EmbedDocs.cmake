# cmake -P EmbedDocs.cmake OUT=<file.cpp> DOCS=<a.md;b.md;...>
# Writes the rule docs as string literals, so `modlint rule CODE` and SARIF
# carry them without reading files at run time.
set(body "// Generated from rules/*.md by rules/EmbedDocs.cmake. Do not edit.\n")
string(APPEND body "#include \"rules/RuleDocs.h\"\n\nnamespace modlint {\n\n")
string(APPEND body "llvm::StringRef ruleDoc(llvm::StringRef Code) {\n")
string(REPLACE "," ";" DOCS "${DOCS}")
foreach(doc IN LISTS DOCS)
  get_filename_component(code ${doc} NAME_WE)
  file(READ ${doc} text)
  string(APPEND body "  if (Code == \"${code}\")\n    return R\"modlintdoc(${text})modlintdoc\";\n")
endforeach()
string(APPEND body "  return {};\n}\n\n} // namespace modlint\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
