/*
 * Small timing helpers shared by the C benchmarks.
 */
#ifndef GIST_BENCH_UTIL_H
#define GIST_BENCH_UTIL_H

#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of n samples (sorts them). */
static inline double bench_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, bench_cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Keep a value alive so the compiler cannot drop the work that made it. */
static inline void bench_keep(uintptr_t x)
{
    static volatile uintptr_t sink;
    sink ^= x;
}

#endif
