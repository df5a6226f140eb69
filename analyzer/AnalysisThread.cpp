#include "analyzer/AnalysisThread.h"

#include <cstring>
#include <system_error>

using namespace llvm;

namespace modlint {

namespace {
void *trampoline(void *Arg) {
  std::unique_ptr<std::function<void()>> Body(static_cast<std::function<void()> *>(Arg));
  (*Body)();
  return nullptr;
}

Error refused(int Code) {
  std::error_code EC(Code, std::generic_category());
  return createStringError(EC, "cannot start a thread with a %zu MiB stack: %s",
                           AnalysisStackBytes >> 20, EC.message().c_str());
}
} // namespace

Expected<std::unique_ptr<AnalysisThread>> AnalysisThread::start(std::function<void()> Body) {
  pthread_attr_t Attr;
  if (int E = ::pthread_attr_init(&Attr))
    return refused(E);
  int E = ::pthread_attr_setstacksize(&Attr, AnalysisStackBytes);
  auto Arg = std::make_unique<std::function<void()>>(std::move(Body));
  pthread_t T;
  if (!E)
    E = ::pthread_create(&T, &Attr, trampoline, Arg.get());
  ::pthread_attr_destroy(&Attr);
  if (E)
    return refused(E);
  Arg.release(); // the thread owns it now
  std::unique_ptr<AnalysisThread> Thread(new AnalysisThread());
  Thread->Handle = T;
  return Thread;
}

AnalysisThread::~AnalysisThread() { ::pthread_join(Handle, nullptr); }

Error runOnAnalysisStack(std::function<void()> Body) {
  auto T = AnalysisThread::start(std::move(Body));
  if (!T)
    return T.takeError();
  return Error::success(); // ~AnalysisThread waits for it
}

} // namespace modlint
