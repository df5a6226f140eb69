#ifndef MODLINT_TESTS_SUPPORT_LIFETIMEFACTS_H
#define MODLINT_TESTS_SUPPORT_LIFETIMEFACTS_H

#include "analyzer/ModuleLifetime.h"

#include <doctest/doctest.h>

namespace modlint::test {

/// The module-lifetime facts of a text, every body analysed (for unit tests
/// of the flow layer).
struct LifetimeFacts {
  SourceFile Source;
  SyntaxParser Parser;
  SyntaxTree Tree;
  SemanticModel Model;
  ModuleLifetime Lifetime;
  explicit LifetimeFacts(llvm::StringRef Text)
      : Source(SourceFile::fromText("t.py", Text)), Tree(Parser, Source), Model(Tree),
        Lifetime(Model) {}
  const CreationSite &site(size_t I) {
    REQUIRE(I < Lifetime.sites().size());
    return Lifetime.sites()[I];
  }
  const CreationSite &only() {
    REQUIRE(Lifetime.sites().size() == 1);
    return Lifetime.sites()[0];
  }
};

} // namespace modlint::test

#endif
