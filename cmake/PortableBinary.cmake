# A modlint binary that runs on any x86_64 Linux with this glibc: `ldd` shows
# glibc and nothing else. LLVM Support's own dependencies (terminfo for
# colours, zlib) come from their static archives (Debian ships both); LLVM's
# other exported dependencies (z3, libxml2) are never referenced by Support,
# and the linker's --as-needed (Debian's default) drops them.
#
# Included before anything finds a library, in place of find_package(LLVM).

# LLVMConfig finds Terminfo and ZLIB with find_library: make that find the
# archives. Set in the cache, so that an old build tree's shared-library
# answers cannot survive a re-configure.
find_library(MODLINT_TINFO_ARCHIVE NAMES libtinfo.a REQUIRED
             DOC "static terminfo (Debian libncurses-dev) for LLVM Support")
find_library(MODLINT_ZLIB_ARCHIVE NAMES libz.a REQUIRED
             DOC "static zlib (Debian zlib1g-dev) for LLVM Support")
set(Terminfo_LIBRARIES "${MODLINT_TINFO_ARCHIVE}" CACHE FILEPATH "" FORCE)
set(ZLIB_LIBRARY_RELEASE "${MODLINT_ZLIB_ARCHIVE}" CACHE FILEPATH "" FORCE)
set(ZLIB_LIBRARY "${MODLINT_ZLIB_ARCHIVE}" CACHE FILEPATH "" FORCE)

find_package(LLVM 14 REQUIRED CONFIG)

# The C++ runtime too: a newer g++ than the target machine's libstdc++ would
# otherwise need symbol versions it lacks. Not under the sanitizers, whose
# runtimes expect the shared C++ library.
function(modlint_portable_binary target)
  if(NOT MODLINT_SANITIZE AND NOT MODLINT_FUZZ)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
