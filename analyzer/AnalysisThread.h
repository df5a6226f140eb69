#ifndef MODLINT_ANALYZER_ANALYSISTHREAD_H
#define MODLINT_ANALYZER_ANALYSISTHREAD_H

#include "llvm/Support/Error.h"

#include <pthread.h>

#include <functional>
#include <memory>

namespace modlint {

/// The stack files are analysed on. Every recursive walk of a tree stops at
/// an explicit depth (VisibleCode::MaxDepth and the walks' own limits), so
/// the deepest input needs about 1 MiB (measured on a release build with
/// 10,000-deep brackets, calls and parentheses); 16 MiB leaves room for
/// sanitizer builds. It is address space reserved per thread, small enough
/// for `ulimit -v`, and does not depend on `ulimit -s`.
constexpr size_t AnalysisStackBytes = 16u << 20;

/// A thread running one function on an AnalysisStackBytes stack; joined
/// when destroyed.
class AnalysisThread {
public:
  /// Starts \p Body, or says why the system refused the thread.
  static llvm::Expected<std::unique_ptr<AnalysisThread>> start(std::function<void()> Body);
  ~AnalysisThread();
  AnalysisThread(const AnalysisThread &) = delete;
  AnalysisThread &operator=(const AnalysisThread &) = delete;

private:
  AnalysisThread() = default;
  pthread_t Handle;
};

/// Runs \p Body on an AnalysisThread and waits for it.
llvm::Error runOnAnalysisStack(std::function<void()> Body);

} // namespace modlint

#endif
