# Sanitizer and fuzzing instrumentation for every target of the build,
# third-party C included (tree-sitter: its bugs are ours to find too).
# Included by the top-level CMakeLists.txt before any target exists.
#
#   MODLINT_SANITIZE=ON  AddressSanitizer + UBSan (clang or GCC): the test
#                        suite under sanitizers (fuzz/run --sanitized-tests).
#   MODLINT_FUZZ=ON      the same plus libFuzzer coverage instrumentation
#                        (clang only), and the fuzz/ targets.
#   MODLINT_SANITIZERS   which sanitizers (default address,undefined).
#
# Any UB report aborts (-fno-sanitize-recover), so a test or a fuzz run fails
# on it instead of printing and going on.
if(NOT (MODLINT_FUZZ OR MODLINT_SANITIZE))
  return()
endif()
if(MODLINT_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MODLINT_FUZZ needs clang: -DCMAKE_C_COMPILER=clang-14 "
                      "-DCMAKE_CXX_COMPILER=clang++-14 (Debian: clang-14 libclang-rt-14-dev)")
endif()
# A long fuzzing campaign trades ASan's checks for ~4x the runs a second:
# fuzz/run --campaign builds with MODLINT_SANITIZERS=undefined, and replays
# what it finds under ASan.
set(MODLINT_SANITIZERS "address,undefined" CACHE STRING "Sanitizers of the instrumented build")
set(_modlint_sanitize
    "-fsanitize=${MODLINT_SANITIZERS} -fno-sanitize-recover=all -fno-omit-frame-pointer")
if(MODLINT_FUZZ)
  string(APPEND _modlint_sanitize " -fsanitize=fuzzer-no-link")
endif()
# CMAKE_<LANG>_FLAGS reach both compile and link lines of every target.
string(APPEND CMAKE_C_FLAGS " ${_modlint_sanitize}")
string(APPEND CMAKE_CXX_FLAGS " ${_modlint_sanitize}")
message(STATUS "modlint: instrumenting every target with: ${_modlint_sanitize}")
