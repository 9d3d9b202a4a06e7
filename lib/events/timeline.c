/*
 * Timelines: one patient's events as columns, sorted for each analysis.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "events/timeline.h"
#include "lines/lot.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#define MAX_EVENTS (1u << 24)

const char *const gist__method_names[GIST_METHOD_COUNT] = {"unknown", "ct", "mri", "pet", "clinical"};
const char *const gist__criteria_names[GIST_CRITERIA_COUNT] = {"unknown", "recist", "choi"};
const char *const gist__line_end_names[GIST_LINE_END_END] = {NULL,       "progression", "intolerance",
                                                             "completed", "other",       "switched",
                                                             "discontinued", "censored"};
const char *const gist__finding_names[GIST_FINDING_END] = {
    NULL,           "interruption",     "switch_without_reason", "unconfirmed_progression",
    "escalation_skipped", "out_of_sequence", "no_referral",   "nonstandard_dose",
    "overlapping_exposures", "not_assessable", "setting_assumed", "invalid_event"};
const char *const gist__event_kind_names[GIST_EVENT_KIND_COUNT] = {"exposure", "assessment", "genotype", "referral",
                                                                   "setting"};

const char *gist_method_name(gist_method v) { return (int)v >= 0 && v < GIST_METHOD_COUNT ? gist__method_names[v] : NULL; }
const char *gist_criteria_name(gist_criteria v) { return (int)v >= 0 && v < GIST_CRITERIA_COUNT ? gist__criteria_names[v] : NULL; }
const char *gist_line_end_name(gist_line_end v) { return (int)v >= 0 && v < GIST_LINE_END_END ? gist__line_end_names[v] : NULL; }
const char *gist_finding_code_name(gist_finding_code v) { return (int)v >= 0 && v < GIST_FINDING_END ? gist__finding_names[v] : NULL; }
const char *gist_event_kind_name(gist_event_kind v) { return (int)v >= 0 && v < GIST_EVENT_KIND_COUNT ? gist__event_kind_names[v] : NULL; }

gist_status gist_timeline_new(gist_timeline **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = gist__calloc(1, sizeof **out);
    return *out ? GIST_OK : gist__error(GIST_ENOMEM, "gist_timeline_new: out of memory");
}

void gist_timeline_free(gist_timeline *t)
{
    if (t == NULL)
        return;
    gist__free(t->id);
    gist__free(t->kind);
    gist__free(t->start);
    gist__free(t->end);
    gist__free(t->agent);
    gist__free(t->dose);
    gist__free(t->schedule);
    gist__free(t->reason);
    gist__free(t->value);
    gist__free(t->method);
    gist__free(t->criteria);
    gist__free(t->extent);
    gist__free(t->row);
    gist__free(t);
}

gist_status gist_timeline_clear(gist_timeline *t)
{
    GIST_CHECK_NULL(t, "timeline");
    gist__free(t->id);
    t->id = NULL;
    t->n = 0;
    return GIST_OK;
}

gist_status gist_timeline_set_id(gist_timeline *t, const char *id)
{
    GIST_CHECK_NULL(t, "timeline");
    char *copy = NULL;
    if (id != NULL && id[0] != '\0') {
        size_t n = strlen(id);
        if (n > GIST_MAX_NAME_BYTES)
            return gist__error(GIST_ELIMIT, "gist_timeline_set_id: id is %zu bytes, longer than %u", n,
                               GIST_MAX_NAME_BYTES);
        /* the id is written into JSON, which must stay valid UTF-8 */
        if (!gist__utf8_valid(id, n))
            return gist__error(GIST_EINVAL, "gist_timeline_set_id: id is not valid UTF-8");
        if ((copy = gist__strndup(id, n)) == NULL)
            return gist__error(GIST_ENOMEM, "gist_timeline_set_id: out of memory");
    }
    gist__free(t->id);
    t->id = copy;
    return GIST_OK;
}

const char *gist_timeline_id(const gist_timeline *t) { return t ? (t->id ? t->id : "") : NULL; }
size_t gist_timeline_event_count(const gist_timeline *t) { return t ? t->n : 0; }

#define GROW_COL(col)                                                      \
    do {                                                                   \
        void *p_ = gist__realloc(t->col, cap * sizeof *t->col);            \
        if (p_ == NULL)                                                    \
            return 0;                                                      \
        t->col = p_;                                                       \
    } while (0)

static int reserve(gist_timeline *t)
{
    if (t->n < t->cap)
        return 1;
    size_t cap = t->cap ? t->cap * 2 : 16;
    /* each column grows in turn; cap is raised only when all have */
    GROW_COL(kind);
    GROW_COL(start);
    GROW_COL(end);
    GROW_COL(agent);
    GROW_COL(dose);
    GROW_COL(schedule);
    GROW_COL(reason);
    GROW_COL(value);
    GROW_COL(method);
    GROW_COL(criteria);
    GROW_COL(extent);
    GROW_COL(row);
    t->cap = cap;
    return 1;
}

gist_status gist__timeline_push(gist_timeline *t, uint8_t kind, int32_t start, int32_t end, int16_t agent,
                                double dose, uint8_t schedule, uint8_t reason, uint8_t value, uint8_t method,
                                uint8_t criteria, uint8_t extent, uint32_t row)
{
    if (t->n >= MAX_EVENTS)
        return gist__error(GIST_ELIMIT, "a timeline holds at most %u events", MAX_EVENTS);
    if (!reserve(t))
        return gist__error(GIST_ENOMEM, "out of memory adding an event");
    size_t i = t->n++;
    t->kind[i] = kind;
    t->start[i] = start;
    t->end[i] = end;
    t->agent[i] = agent;
    t->dose[i] = dose;
    t->schedule[i] = schedule;
    t->reason[i] = reason;
    t->value[i] = value;
    t->method[i] = method;
    t->criteria[i] = criteria;
    t->extent[i] = extent;
    t->row[i] = row ? row : (uint32_t)t->n;
    return GIST_OK;
}

static gist_status check_date(const char *fn, const char *what, gist_date d)
{
    if (d < GIST_DATE_MIN || d > GIST_DATE_MAX)
        return gist__error(GIST_ERANGE, "%s: %s is outside 1900-01-01 to 2200-12-31", fn, what);
    return GIST_OK;
}

gist_status gist_timeline_add_exposure(gist_timeline *t, const char *agent, gist_date start, gist_date end,
                                       double dose_mg, gist_schedule schedule, gist_stop_reason reason)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(t, "timeline");
    GIST_CHECK_NULL(agent, "agent");
    if ((int)schedule < 0 || schedule >= GIST_SCHEDULE_COUNT)
        return gist__error(GIST_EINVAL, "%s: %d is not a valid schedule", fn, (int)schedule);
    if ((int)reason < 0 || reason >= GIST_STOP_COUNT)
        return gist__error(GIST_EINVAL, "%s: %d is not a valid stop reason", fn, (int)reason);
    gist_status st = check_date(fn, "start", start);
    if (st == GIST_OK && end != GIST_DATE_NONE)
        st = check_date(fn, "end", end);
    if (st != GIST_OK)
        return st;
    if (end != GIST_DATE_NONE && end < start)
        return gist__error(GIST_ERANGE, "%s: the exposure ends before it starts", fn);
    const gist_agent *a = NULL;
    if ((st = gist_agent_lookup(&a, agent)) != GIST_OK)
        return st;
    if (dose_mg != 0 && (st = gist_agent_check_dose(a, dose_mg)) != GIST_OK)
        return st;
    return gist__timeline_push(t, GIST_EVENT_EXPOSURE, start, end, (int16_t)gist_agent_index(a), dose_mg,
                               (uint8_t)schedule, (uint8_t)reason, 0, 0, 0, 0, 0);
}

gist_status gist_timeline_add_assessment(gist_timeline *t, gist_date date, gist_response response,
                                         gist_method method, gist_criteria criteria, gist_extent extent)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(t, "timeline");
    if ((int)response <= 0 || response >= GIST_RESPONSE_COUNT)
        return gist__error(GIST_EINVAL, "%s: %d is not a response (unknown is not an assessment)", fn, (int)response);
    if ((int)method < 0 || method >= GIST_METHOD_COUNT || (int)criteria < 0 || criteria >= GIST_CRITERIA_COUNT ||
        (int)extent < 0 || extent >= GIST_EXTENT_COUNT)
        return gist__error(GIST_EINVAL, "%s: method, criteria or extent out of range", fn);
    gist_status st = check_date(fn, "date", date);
    if (st != GIST_OK)
        return st;
    return gist__timeline_push(t, GIST_EVENT_ASSESSMENT, date, GIST_DATE_NONE, -1, 0, 0, 0, (uint8_t)response,
                               (uint8_t)method, (uint8_t)criteria, (uint8_t)extent, 0);
}

gist_status gist_timeline_add_genotype(gist_timeline *t, gist_date date, gist_genotype genotype)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(t, "timeline");
    if ((int)genotype <= 0 || genotype >= GIST_GENOTYPE_COUNT)
        return gist__error(GIST_EINVAL, "%s: %d is not a genotype", fn, (int)genotype);
    gist_status st = check_date(fn, "date", date);
    if (st != GIST_OK)
        return st;
    return gist__timeline_push(t, GIST_EVENT_GENOTYPE, date, GIST_DATE_NONE, -1, 0, 0, 0, (uint8_t)genotype, 0, 0, 0,
                               0);
}

gist_status gist_timeline_add_referral(gist_timeline *t, gist_date date)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(t, "timeline");
    gist_status st = check_date(fn, "date", date);
    if (st != GIST_OK)
        return st;
    return gist__timeline_push(t, GIST_EVENT_REFERRAL, date, GIST_DATE_NONE, -1, 0, 0, 0, 0, 0, 0, 0, 0);
}

gist_status gist_timeline_add_setting(gist_timeline *t, gist_date date, gist_setting setting)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(t, "timeline");
    if (setting != GIST_SETTING_ADVANCED && setting != GIST_SETTING_ADJUVANT)
        return gist__error(GIST_EINVAL, "%s: setting must be advanced or adjuvant", fn);
    gist_status st = check_date(fn, "date", date);
    if (st != GIST_OK)
        return st;
    return gist__timeline_push(t, GIST_EVENT_SETTING, date, GIST_DATE_NONE, -1, 0, 0, 0, (uint8_t)setting, 0, 0, 0,
                               0);
}

/* ---- order ---- */

int gist__kind_rank(uint8_t kind)
{
    /* on one day: the setting and genotype first, assessments before the drug they may explain */
    switch (kind) {
    case GIST_EVENT_SETTING: return 0;
    case GIST_EVENT_GENOTYPE: return 1;
    case GIST_EVENT_ASSESSMENT: return 2;
    case GIST_EVENT_REFERRAL: return 3;
    default: return 4;
    }
}

struct sort_key {
    int32_t date;
    int32_t rank;
    uint32_t i;
};

static int cmp_key(const void *a, const void *b)
{
    const struct sort_key *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

gist_status gist__timeline_order(const gist_timeline *t, uint32_t **out)
{
    *out = NULL;
    struct sort_key *keys = gist__malloc((t->n ? t->n : 1) * sizeof *keys);
    uint32_t *idx = gist__malloc((t->n ? t->n : 1) * sizeof *idx);
    if (keys == NULL || idx == NULL) {
        gist__free(keys);
        gist__free(idx);
        return gist__error(GIST_ENOMEM, "out of memory ordering a timeline");
    }
    for (size_t i = 0; i < t->n; i++) {
        keys[i].date = t->start[i];
        keys[i].rank = gist__kind_rank(t->kind[i]);
        keys[i].i = (uint32_t)i;
    }
    qsort(keys, t->n, sizeof *keys, cmp_key);
    for (size_t i = 0; i < t->n; i++)
        idx[i] = keys[i].i;
    gist__free(keys);
    *out = idx;
    return GIST_OK;
}

void gist__timeline_cols(const gist_timeline *t, gist_evcols *c)
{
    c->kind = t->kind;
    c->start = t->start;
    c->end = t->end;
    c->agent = t->agent;
    c->dose = t->dose;
    c->schedule = t->schedule;
    c->reason = t->reason;
    c->value = t->value;
    c->method = t->method;
    c->criteria = t->criteria;
    c->extent = t->extent;
    c->row = t->row;
}
