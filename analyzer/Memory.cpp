#include "analyzer/Memory.h"

#if MODLINT_MIMALLOC
#include <mimalloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace modlint {

void releaseFreeMemory() {
#if MODLINT_MIMALLOC
  mi_collect(/*force=*/true);
#elif defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void tuneAllocator() {
#if MODLINT_MIMALLOC
  mi_option_set(mi_option_decommit_delay, 1); // MIMALLOC_RESET_DELAY
#endif
}

} // namespace modlint
