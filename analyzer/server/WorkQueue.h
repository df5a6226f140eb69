#ifndef MODLINT_ANALYZER_SERVER_WORKQUEUE_H
#define MODLINT_ANALYZER_SERVER_WORKQUEUE_H

#include "llvm/ADT/StringSet.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace modlint::server {

/// Tasks for the one lint worker, in the order they came. A task with a key
/// is dropped while another with the same key still waits: a burst of
/// changes to one document becomes one lint of its newest text (the task
/// reads the text when it runs, not when it was queued).
class WorkQueue {
public:
  void push(std::function<void()> Task, std::string Key = {});
  /// Runs tasks until stop(); on the worker thread.
  void run();
  /// Lets the task running finish, drops the others, and ends run().
  void stop();

private:
  struct Entry {
    std::function<void()> Task;
    std::string Key;
  };
  std::mutex M;
  std::condition_variable Ready;
  std::deque<Entry> Q;
  llvm::StringSet<> Waiting; ///< keys of queued tasks
  bool Stopped = false;
};

} // namespace modlint::server

#endif
