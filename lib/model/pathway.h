/*
 * A loaded pathway: rules, conditions, options and alerts, immutable once loaded.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_PATHWAY_H
#define GIST_MODEL_PATHWAY_H

#include <stdatomic.h>

#include "model/facts.h"
#include "util/arena.h"

/* The format a pathway file declares. */
#define GIST__PATHWAY_FORMAT "gist-pathway/1"
/* What a condition takes when its fact is unknown, by GIST_FALSE, GIST_TRUE, GIST_UNKNOWN. */
extern const char *const gist__unknown_policy_names[3];

enum gist_pred_op { GIST_OP_IN, GIST_OP_RANGE, GIST_OP_HAS_ALL, GIST_OP_HAS_ANY, GIST_OP_HAS_NONE };
/* Three-valued results; the numbers are used directly by the engine. */
enum { GIST_FALSE = 0, GIST_TRUE = 1, GIST_UNKNOWN = 2 };
struct gist_pred {
    uint8_t fact;
    uint8_t op;
    uint8_t if_unknown; /* GIST_FALSE, GIST_TRUE or GIST_UNKNOWN */
    uint8_t negated;    /* written as not_in (mask holds the allowed values either way) */
    uint64_t mask;      /* IN: allowed values; HAS_*: agent set */
    double lo, hi;      /* RANGE, inclusive */
    const char *text;   /* readable form */
};
struct gist_option {
    gist_action action;
    int agent; /* index or -1 */
    double dose_mg;
    gist_schedule schedule;
    int line;
    const char *dose_text;
    const char *summary;
    const char *rationale;
    const char **evidence;
    size_t evidence_count;
};
struct gist_alert {
    const char *id;
    gist_severity severity;
    const char *text;
    const char **evidence;
    size_t evidence_count;
};
struct gist_rule {
    const char *id;
    gist_rule_kind kind;
    const char *title;
    const char *rationale;
    const char *notes;
    const char **evidence;
    size_t evidence_count;
    struct gist_pred *preds;
    size_t pred_count;
    struct gist_option *options;
    size_t option_count;
    const gist_alert **alerts;
    size_t alert_count;
};
struct gist_pathway {
    atomic_size_t refs;
    gist_arena arena;
    const char *id, *version, *title, *description, *source;
    const char **evidence_ids;
    const char **evidence_texts;
    size_t evidence_count;
    struct gist_alert *alerts; /* the alert table */
    size_t alert_table_count;
    const char *hints[GIST_FACT_COUNT];
    struct gist_rule *rules;
    size_t rule_count;
    size_t max_alerts; /* most alerts one advice can carry */
};
/* Take a reference: returns the same pathway, which the caller later releases with gist_pathway_free(). */
gist_pathway *gist__pathway_retain(const gist_pathway *pw);
/* The interned evidence id of the pathway equal to id, or NULL. */
const char *gist__pathway_evidence_find(const gist_pathway *pw, const char *id);

#endif
