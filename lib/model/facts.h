/*
 * The facts pathways reason over, and one patient's values of them.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_FACTS_H
#define GIST_MODEL_FACTS_H

#include "util/base.h"

enum gist_fact_id {
    GIST_FACT_SETTING,
    GIST_FACT_GENOTYPE,
    GIST_FACT_AGENT,
    GIST_FACT_DOSE,
    GIST_FACT_SCHEDULE,
    GIST_FACT_LINE,
    GIST_FACT_RESPONSE,
    GIST_FACT_CONFIRMED_BY,
    GIST_FACT_EXTENT,
    GIST_FACT_TOLERANCE,
    GIST_FACT_INTERRUPTED,
    GIST_FACT_REFERRED,
    GIST_FACT_FAILED_LINES,
    GIST_FACT_PRIOR_AGENTS,
    GIST_FACT_COUNT
};
enum gist_fact_type {
    GIST_FT_ENUM,   /* value: index into names; predicate: membership */
    GIST_FT_BOOL,   /* value: 0 or 1 */
    GIST_FT_AGENT,  /* value: 0 = none, agent index + 1 */
    GIST_FT_NUMBER, /* value: num */
    GIST_FT_AGENTS  /* value: bit set of agent indexes */
};
struct gist_fact_def {
    const char *name;
    enum gist_fact_type type;
    const char *const *names; /* GIST_FT_ENUM: value names, index 0 is "unknown" */
    int name_count;
    const char *hint;         /* how to establish it, unless the pathway says better */
};
extern const struct gist_fact_def gist__facts[GIST_FACT_COUNT];
int gist__fact_index(const char *name);
/* Every value a known fact can take, as a mask of value bits (enum, bool and agent facts). */
uint64_t gist__fact_full_mask(int fact);

/* The facts of one patient, refreshed after every change. */
typedef struct gist_facts {
    uint32_t known;                  /* bit f set: fact f is known */
    uint64_t bits[GIST_FACT_COUNT];  /* enum, bool and agent values; agent sets */
    double num[GIST_FACT_COUNT];     /* number values */
} gist_facts;

#endif
