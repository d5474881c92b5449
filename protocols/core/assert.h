// CONSIM_ASSERT: a state the protocol's own reasoning rules out stops the run
// with a message (STYLE.md 7). Expected inputs (a dropped message, a crash, a
// stale reply) are never asserted on. It stays on in release builds: the
// checks are cheap, and a silent wrong answer from a simulator is worse than a
// crash.
#pragma once

#include <cstdio>
#include <cstdlib>

#ifndef CONSIM_ASSERT
#define CONSIM_ASSERT(cond, what)                                                                \
  do {                                                                                           \
    if (!(cond)) {                                                                               \
      std::fprintf(stderr, "%s:%d: assertion failed: %s: %s\n", __FILE__, __LINE__, #cond, what); \
      std::abort();                                                                              \
    }                                                                                            \
  } while (false)
#endif
