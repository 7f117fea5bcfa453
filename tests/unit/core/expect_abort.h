/* Test helper for the contracts that say "aborts": runs a function in a
 * child process and reports whether the child died of SIGABRT, and what it
 * wrote to stderr on the way. */
#ifndef WIJK_TEST_EXPECT_ABORT_H
#define WIJK_TEST_EXPECT_ABORT_H

#include <stdbool.h>

#include "core/buf.h"

/* Forks; the child restores the default SIGABRT action, runs fn(arg) and
 * exits with status 0 if fn returns. True when the child was killed by
 * SIGABRT. The child's stderr is appended to err_out when it is not NULL. */
bool dies_with_abort(void (*fn)(void *), void *arg, struct buf *err_out);

#endif
