#include "analyzer/server/WorkQueue.h"

namespace modlint::server {

void WorkQueue::push(std::function<void()> Task, std::string Key) {
  std::lock_guard<std::mutex> L(M);
  if (Stopped)
    return;
  if (!Key.empty() && !Waiting.insert(Key).second)
    return; // the one waiting will see the newest state
  Q.push_back({std::move(Task), std::move(Key)});
  Ready.notify_one();
}

void WorkQueue::run() {
  while (true) {
    Entry E;
    {
      std::unique_lock<std::mutex> L(M);
      Ready.wait(L, [&] { return Stopped || !Q.empty(); });
      if (Stopped)
        return;
      E = std::move(Q.front());
      Q.pop_front();
      if (!E.Key.empty())
        Waiting.erase(E.Key);
    }
    E.Task();
  }
}

void WorkQueue::stop() {
  std::lock_guard<std::mutex> L(M);
  Stopped = true;
  Q.clear();
  Waiting.clear();
  Ready.notify_all();
}

} // namespace modlint::server
