/*
 * A seeded generator of synthetic GIST treatment histories, for tests,
 * benchmarks and notebooks. Not real data: durations are drawn around the
 * trial medians in docs/clinical-basis.md, with interruptions, intolerance,
 * escalations, scheduled off-weeks and data noise (see synth.c).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_SYNTH_H
#define GIST_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include <gist/gist.h>

/* One patient's events, in date order, as columns. */
typedef struct synth_events {
    size_t n, cap;
    int64_t *patient;
    int32_t *date;
    uint8_t *kind;
    int32_t *end;
    int16_t *agent;
    double *dose;
    uint8_t *schedule, *reason, *value, *method, *criteria, *extent;
} synth_events;

typedef struct synth_rng {
    uint64_t s[4];
} synth_rng;

void synth_seed(synth_rng *r, uint64_t seed);
void synth_events_init(synth_events *e);
void synth_events_free(synth_events *e);
/* Append one patient's history to e; returns 0 on allocation failure. */
int synth_patient(synth_rng *r, int64_t patient, synth_events *e);
/* Write events [from, e->n) as CSV rows (no header). */
int synth_write_csv(const synth_events *e, size_t from, FILE *out);
extern const char synth_csv_header[];

#endif
