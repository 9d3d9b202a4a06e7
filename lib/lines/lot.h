/*
 * Lines of therapy: the engine shared by single timelines and cohorts.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_LINES_LOT_H
#define GIST_LINES_LOT_H

#include "model/pathway.h"
#include "util/date.h"
#include "util/strbuf.h"

/* Events as columns; any pointer but start may be NULL (a default value). */
typedef struct gist_evcols {
    const uint8_t *kind;     /* gist_event_kind; NULL: all exposures */
    const int32_t *start;    /* date of the event, first day of an exposure */
    const int32_t *end;      /* last day of an exposure; GIST_DATE_NONE: ongoing */
    const int16_t *agent;    /* registry index; < 0: unknown */
    const double *dose;      /* daily mg; 0: not recorded */
    const uint8_t *schedule; /* gist_schedule */
    const uint8_t *reason;   /* gist_stop_reason */
    const uint8_t *value;    /* assessment: response; genotype: genotype; setting: setting */
    const uint8_t *method;   /* gist_method */
    const uint8_t *criteria; /* gist_criteria */
    const uint8_t *extent;   /* gist_extent */
    const uint32_t *row;     /* input row; NULL: index + 1 */
} gist_evcols;

#define EVC_KIND(c, i) ((c)->kind ? (c)->kind[i] : (uint8_t)GIST_EVENT_EXPOSURE)
#define EVC_END(c, i) ((c)->end ? (c)->end[i] : GIST_DATE_NONE)
#define EVC_AGENT(c, i) ((c)->agent ? (c)->agent[i] : (int16_t)-1)
#define EVC_DOSE(c, i) ((c)->dose ? (c)->dose[i] : 0.0)
#define EVC_U8(c, col, i) ((c)->col ? (c)->col[i] : (uint8_t)0)
#define EVC_ROW(c, i) ((c)->row ? (c)->row[i] : (uint32_t)((i) + 1))

/* One patient's events: indexes into the columns, in date order. */
typedef struct gist_evrange {
    const gist_evcols *cols;
    const uint32_t *idx; /* NULL: the events begin .. begin + n - 1 in order */
    size_t begin;
    size_t n;
} gist_evrange;
#define EVR_AT(r, k) ((r)->idx ? (size_t)(r)->idx[k] : (r)->begin + (k))

struct gist_lot_line {
    int64_t patient;
    int32_t number;
    int32_t start;
    int32_t end;
    uint32_t first_step;
    uint32_t nsteps;
    uint8_t setting;
    uint8_t end_reason;
    uint8_t rechallenge;
    uint8_t failed_adjuvant; /* adjuvant line ended by relapse: counted as a failed line */
};

struct gist_lot_step {
    uint32_t line; /* index in the lot */
    int32_t date;
    double dose;
    int16_t agent;
    uint8_t reason;
};

/* INVALID_EVENT sub-reasons, kept in value */
enum { GIST_INV_END_BEFORE_START = 1, GIST_INV_AGENT, GIST_INV_DOSE, GIST_INV_DATE, GIST_INV_VALUE };

struct gist_lot_finding {
    int64_t patient;
    uint32_t line; /* index in the lot, or UINT32_MAX */
    int32_t date;
    uint32_t row;
    int16_t agent;
    int16_t agent2;
    uint8_t code;
    uint8_t severity;
    double value;
    const struct gist_rule *rule;
    const char *const *evidence;
    size_t nevidence;
};

typedef struct gist_lot {
    struct gist_lot_line *lines;
    size_t nlines, caplines;
    struct gist_lot_step *steps;
    size_t nsteps, capsteps;
    struct gist_lot_finding *finds;
    size_t nfinds, capfinds;
    int oom;
} gist_lot;

void gist__lot_init(gist_lot *lot);
void gist__lot_free(gist_lot *lot);
/* Make room for this much output (a hint; failure only means growing later). */
void gist__lot_reserve(gist_lot *lot, size_t lines, size_t steps, size_t finds);

/* Lines (and, with a pathway, audit findings) of one patient appended to lot.
 * Returns GIST_OK or GIST_ENOMEM (lot->oom). */
gist_status gist__lot_patient(gist_lot *lot, const gist_evrange *ev, int64_t patient, const gist_lines_options *opts,
                              const gist_pathway *pw);

/* The patient state at the end of date, from the patient's events and its lines (lot lines
 * [line_begin, line_end)); exposures starting on or after exclude_from are ignored.
 * GIST_ESTATE for a combination on that date. */
gist_status gist__lot_patient_at(gist_patient *p, const gist_evrange *ev, const gist_lot *lot, size_t line_begin,
                                 size_t line_end, int32_t date, int32_t exclude_from, const gist_lines_options *opts);

/* Options: NULL gives the defaults; checks version and ranges. */
gist_status gist__lines_options_resolve(const gist_lines_options *in, gist_lines_options *out);

struct gist_lot_finding *gist__lot_push_finding(gist_lot *lot, int64_t patient, uint32_t line, int32_t date,
                                                uint8_t code, uint8_t severity);

/* Text columns shared by the lines writers and cohort results. */
void gist__lot_agents_text(gist_sb *sb, const gist_lot *lot, size_t i);
void gist__lot_steps_text(gist_sb *sb, const gist_lot *lot, size_t i);
void gist__step_text(gist_sb *sb, int first, int32_t date, int16_t agent, double dose, uint8_t reason);
void gist__lot_evidence_text(gist_sb *sb, const struct gist_lot_finding *f);
int gist__kind_rank(uint8_t kind);

/* Audit findings of one patient whose lines are lot lines [line_begin, end) and findings [find_begin, end). */
void gist__lot_audit(gist_lot *lot, const gist_evrange *ev, int64_t patient, size_t line_begin, size_t find_begin,
                     const gist_lines_options *o, const gist_pathway *pw);

/* Message of a finding. */
void gist__finding_message(gist_sb *sb, const struct gist_lot_finding *f);

#endif
