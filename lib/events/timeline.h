/*
 * Timelines and lines results: shared by timeline.c, lines.c and the readers.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_EVENTS_TIMELINE_H
#define GIST_EVENTS_TIMELINE_H

#include "lines/lot.h"

struct gist_timeline {
    char *id;
    size_t n, cap;
    uint8_t *kind;
    int32_t *start;
    int32_t *end;
    int16_t *agent;
    double *dose;
    uint8_t *schedule;
    uint8_t *reason;
    uint8_t *value;
    uint8_t *method;
    uint8_t *criteria;
    uint8_t *extent;
    uint32_t *row;
};

struct gist_lines {
    gist_lines_options options;
    char *id;
    gist_pathway *pathway; /* a reference held when audited: findings cite its rules */
    gist_lot lot;
    char **messages; /* one per finding */
};

extern const char *const gist__method_names[GIST_METHOD_COUNT];
extern const char *const gist__criteria_names[GIST_CRITERIA_COUNT];
extern const char *const gist__line_end_names[GIST_LINE_END_END];
extern const char *const gist__finding_names[GIST_FINDING_END];
extern const char *const gist__event_kind_names[GIST_EVENT_KIND_COUNT];

gist_status gist__timeline_push(gist_timeline *t, uint8_t kind, int32_t start, int32_t end, int16_t agent,
                                double dose, uint8_t schedule, uint8_t reason, uint8_t value, uint8_t method,
                                uint8_t criteria, uint8_t extent, uint32_t row);
/* Indexes of the events in analysis order; caller frees with gist__free. */
gist_status gist__timeline_order(const gist_timeline *t, uint32_t **out);
void gist__timeline_cols(const gist_timeline *t, gist_evcols *c);
int gist__kind_rank(uint8_t kind);

/* CSV writing helpers shared by the lines writers. */
void gist__csv_field(gist_sb *sb, const char *s);

#endif
