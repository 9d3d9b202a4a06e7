/*
 * Lines of therapy over a synthetic cohort: events per second for the
 * columnar C API on one core and on all cores, beside a plain read of the
 * same columns in the same run (the memory-bandwidth bound), and peak memory.
 * Goal: >= 100 M events/s per core on sorted input.
 *
 * Each figure is measured twice in the same run: first with the C library's
 * default allocator settings, where every run maps its result buffers afresh
 * and unmaps them when freed (what a one-shot process pays: page faults, and
 * on some virtual machines the re-mapping of memory already in use), then
 * with the allocator told to keep freed memory (mallopt), as a long-running
 * analysis process settles into, which leaves the work itself.
 *
 * Usage: bench_lines [patients] [seed]   (default 1 000 000 patients)
 */
#include "bench_util.h"

#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gist/gist.h>

#include "synth.h"

static double max_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* The baseline: read every byte of the columns the engine reads, in a loop the compiler can
 * vectorise (one accumulator per type, no conversions), so that it runs at memory speed. */
static uint64_t plain_read(const synth_events *s)
{
    uint64_t a64 = 0;
    uint32_t a32 = 0, a16 = 0, a8 = 0;
    double ad = 0;
    for (size_t i = 0; i < s->n; i++) {
        a64 += (uint64_t)s->patient[i];
        a32 += (uint32_t)s->date[i] + (uint32_t)s->end[i];
        a16 += (uint16_t)s->agent[i];
        ad += s->dose[i];
        a8 += (uint32_t)(s->kind[i] + s->schedule[i] + s->reason[i] + s->value[i] + s->method[i] + s->criteria[i] +
                         s->extent[i]);
    }
    return a64 + a32 + a16 + a8 + (uint64_t)(ad > 0);
}

static double run(const gist_events *e, const gist_pathway *pw, unsigned threads, size_t *lines)
{
    gist_cohort *c = NULL;
    double t0 = bench_now();
    if (gist_cohort_run(&c, e, pw, NULL, threads) != GIST_OK) {
        fprintf(stderr, "%s\n", gist_error_last()->message);
        exit(1);
    }
    double t = bench_now() - t0;
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    gist_cohort_lines(c, &lt);
    *lines = lt.count;
    gist_cohort_free(c);
    return t;
}

int main(int argc, char **argv)
{
    long patients = argc > 1 ? atol(argv[1]) : 1000000;
    unsigned long long seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    synth_rng r;
    synth_seed(&r, seed);
    synth_events s;
    synth_events_init(&s);
    double g0 = bench_now();
    for (long p = 1; p <= patients; p++)
        if (!synth_patient(&r, p, &s)) {
            fprintf(stderr, "out of memory generating the cohort\n");
            return 1;
        }
    double gen = bench_now() - g0;
    double rss_input = max_rss_mb();
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = s.n;
    e.patient = s.patient;
    e.date = s.date;
    e.kind = s.kind;
    e.end = s.end;
    e.agent = s.agent;
    e.dose_mg = s.dose;
    e.schedule = s.schedule;
    e.reason = s.reason;
    e.value = s.value;
    e.method = s.method;
    e.criteria = s.criteria;
    e.extent = s.extent;
    e.sorted = 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    gist_pathway *pw = NULL;
    gist_pathway_builtin(&pw, "gist-2016");

    printf("bench_lines: %ld synthetic patients, %zu events (%.1f per patient); generated in %.1f s\n", patients,
           s.n, (double)s.n / (double)patients, gen);
    double best = 0;
    for (int regime = 0; regime < 2; regime++) {
        if (regime == 1) {
            /* keep freed memory in the process: no mmap for large blocks, no trimming */
            mallopt(M_MMAP_MAX, 0);
            mallopt(M_TRIM_THRESHOLD, INT_MAX);
        }
        enum { RUNS = 3 };
        double t_read[RUNS], t_one[RUNS], t_all[RUNS], t_audit[RUNS];
        size_t lines = 0;
        for (int k = 0; k < RUNS; k++) {
            double t0 = bench_now();
            bench_keep((uintptr_t)plain_read(&s));
            t_read[k] = bench_now() - t0;
            t_one[k] = run(&e, NULL, 1, &lines);
            t_all[k] = run(&e, NULL, 0, &lines);
            t_audit[k] = run(&e, pw, 0, &lines);
        }
        double read = bench_median(t_read, RUNS), one = bench_median(t_one, RUNS), all = bench_median(t_all, RUNS);
        double audit = bench_median(t_audit, RUNS);
        double n = (double)s.n;
        printf("%s (%zu lines; median of %d)\n",
               regime == 0 ? "default allocator: result memory mapped afresh each run"
                           : "allocator keeps freed memory (mallopt), as in a long-running process",
               lines, RUNS);
        printf("  %-44s %8.1f M events/s  (%.3f s)\n", "baseline: plain read of the columns", n / read / 1e6, read);
        printf("  %-44s %8.1f M events/s  (%.3f s)  %.2fx the plain read\n", "gist_cohort_run lines, 1 thread",
               n / one / 1e6, one, one / read);
        printf("  %-44s %8.1f M events/s  (%.3f s)  %ld cores, %.2fx speed-up\n", "gist_cohort_run lines, all cores",
               n / all / 1e6, all, cores, one / all);
        printf("  %-44s %8.1f M events/s  (%.3f s)  %.2fx the lines run\n",
               "gist_cohort_run audit (gist-2016), all cores", n / audit / 1e6, audit, audit / all);
        if (n / one / 1e6 > best)
            best = n / one / 1e6;
    }
    printf("peak memory: %.0f MB in all, of which the input columns %.0f MB\n", max_rss_mb(), rss_input);
    printf("result: %s\n", best >= 100 ? "at least 100 M events/s on one core"
                                        : "BELOW the 100 M events/s per core goal");
    gist_pathway_free(pw);
    synth_events_free(&s);
    return 0;
}
