/*
 * The out-of-memory harness shared by the OOM suites: an allocator that
 * fails the N-th allocation (of libgist's hook, or of jansson's with
 * fail_jansson set) and counts the blocks still live, and oom_loop(), which
 * runs an operation with allocation 0, 1, 2, ... failing until it succeeds.
 * Each failure must return GIST_ENOMEM (any clean error when jansson's
 * allocation fails: jansson reports some as syntax errors), set the last
 * error, and leave nothing allocated.
 *
 * Include it once, after cmocka.h and gist/gist.h; install the allocator
 * with oom_install() in the suite's setup and oom_uninstall() in its
 * teardown.
 */
#ifndef GIST_TEST_OOM_HARNESS_H
#define GIST_TEST_OOM_HARNESS_H

#include <jansson.h>
#include <stdlib.h>

static long countdown = -1; /* allocations left before failing; -1: never fail */
static long live;           /* blocks allocated and not yet freed */
static int fail_jansson;    /* 0: fail libgist's allocations; 1: fail jansson's */

static int should_fail(void)
{
    if (countdown < 0)
        return 0;
    if (countdown == 0)
        return 1;
    countdown--;
    return 0;
}

static void *t_malloc(size_t n, void *ud)
{
    (void)ud;
    if (!fail_jansson && should_fail())
        return NULL;
    void *p = malloc(n);
    if (p)
        live++;
    return p;
}

static void *t_realloc(void *ptr, size_t n, void *ud)
{
    (void)ud;
    if (!fail_jansson && should_fail())
        return NULL;
    void *p = realloc(ptr, n);
    if (p && !ptr)
        live++;
    return p;
}

static void t_free(void *ptr, void *ud)
{
    (void)ud;
    if (ptr) {
        live--;
        free(ptr);
    }
}

static void *j_malloc(size_t n)
{
    if (fail_jansson && should_fail())
        return NULL;
    void *p = malloc(n);
    if (p)
        live++;
    return p;
}

static void j_free(void *p) { t_free(p, NULL); }

/* Route libgist's and jansson's allocations through the counting allocator. */
static int oom_install(void)
{
    gist_allocator a;
    gist_allocator_init(&a);
    a.malloc_fn = t_malloc;
    a.realloc_fn = t_realloc;
    a.free_fn = t_free;
    json_set_alloc_funcs(j_malloc, j_free);
    return gist_allocator_set(&a) == GIST_OK ? 0 : -1;
}

static void oom_uninstall(void)
{
    gist_allocator_set(NULL);
    json_set_alloc_funcs(malloc, free);
}

/* One operation: returns its status and frees whatever it made on success. */
typedef gist_status (*op_fn)(void);

static void oom_loop(const char *name, op_fn op)
{
    long n;
    for (n = 0; n < 100000; n++) {
        live = 0;
        countdown = n;
        gist_status st = op();
        countdown = -1;
        if (live != 0)
            fail_msg("%s: %ld block(s) leaked with allocation %ld failing (status %s)", name, live, n,
                     gist_status_name(st));
        if (st == GIST_OK)
            break;
        if (!fail_jansson && st != GIST_ENOMEM)
            fail_msg("%s: allocation %ld failing gave %s, not GIST_ENOMEM: %s", name, n, gist_status_name(st),
                     gist_error_last()->message);
        assert_int_equal(gist_error_last()->status, st);
        assert_true(gist_error_last()->message[0] != '\0');
    }
    assert_true(n > 0); /* the operation allocates, so the loop tested something */
    assert_true(n < 100000);
}

#endif
