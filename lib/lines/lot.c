/*
 * Lines of therapy from dated events (docs/lines-of-therapy.md).
 *
 * One pass over a patient's events in date order with a small fixed-size
 * state: no allocation per event, only when a line, dose step or finding is
 * appended to the output. The rules and their parameters (gist_lines_options):
 *   - a change of dose of an agent already in the line is a dose step;
 *   - a new agent within combination_window_days of the line's start joins
 *     it (a combination); later, it starts a new line;
 *   - planned off-periods (4on2off: 14 days, 3on1off: 7 days) are not gaps;
 *   - an unplanned gap over interruption_days with no progression or
 *     intolerance recorded is an interruption finding (the line goes on);
 *   - a gap over discontinuation_days ends the line;
 *   - an agent used in an earlier line of the same setting starts a
 *     re-challenge line;
 *   - adjuvant and advanced lines are numbered separately.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>
#include <threads.h>

#include "lines/lot.h"
#include "model/agent.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strbuf.h"

#define MAX_LINE_AGENTS 8
#define ONGOING INT32_MAX

/* ---- output buffers ---- */

void gist__lot_init(gist_lot *lot)
{
    memset(lot, 0, sizeof *lot);
}

void gist__lot_free(gist_lot *lot)
{
    gist__free(lot->lines);
    gist__free(lot->steps);
    gist__free(lot->finds);
    gist__lot_init(lot);
}


static int grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / elem)
        return 0;
    void *p = gist__realloc(*ptr, n * elem);
    if (p == NULL)
        return 0;
    *ptr = p;
    *cap = n;
    return 1;
}

void gist__lot_reserve(gist_lot *lot, size_t lines, size_t steps, size_t finds)
{
    /* a hint: failure here only means growing later */
    grow((void **)&lot->lines, &lot->caplines, lines, sizeof *lot->lines);
    grow((void **)&lot->steps, &lot->capsteps, steps, sizeof *lot->steps);
    grow((void **)&lot->finds, &lot->capfinds, finds, sizeof *lot->finds);
}

static struct gist_lot_line *push_line(gist_lot *lot)
{
    if (lot->oom || !grow((void **)&lot->lines, &lot->caplines, lot->nlines + 1, sizeof *lot->lines)) {
        lot->oom = 1;
        return NULL;
    }
    struct gist_lot_line *l = &lot->lines[lot->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

static void push_step(gist_lot *lot, uint32_t line, int32_t date, int16_t agent, double dose, uint8_t reason)
{
    if (lot->oom || !grow((void **)&lot->steps, &lot->capsteps, lot->nsteps + 1, sizeof *lot->steps)) {
        lot->oom = 1;
        return;
    }
    struct gist_lot_step *s = &lot->steps[lot->nsteps++];
    s->line = line;
    s->date = date;
    s->agent = agent;
    s->dose = dose;
    s->reason = reason;
    lot->lines[line].nsteps++;
}

struct gist_lot_finding *gist__lot_push_finding(gist_lot *lot, int64_t patient, uint32_t line, int32_t date,
                                                uint8_t code, uint8_t severity)
{
    if (lot->oom || !grow((void **)&lot->finds, &lot->capfinds, lot->nfinds + 1, sizeof *lot->finds)) {
        lot->oom = 1;
        return NULL;
    }
    struct gist_lot_finding *f = &lot->finds[lot->nfinds++];
    memset(f, 0, sizeof *f);
    f->patient = patient;
    f->line = line;
    f->date = date;
    f->code = code;
    f->severity = severity;
    f->agent = f->agent2 = -1;
    return f;
}

/* ---- options ---- */

gist_status gist_lines_options_init(gist_lines_options *o, unsigned int version)
{
    GIST_CHECK_NULL(o, "options");
    if (version != GIST_LINES_OPTIONS_VERSION)
        return gist__error(GIST_EVERSION, "gist_lines_options_init: version %u is not %u", version,
                           (unsigned)GIST_LINES_OPTIONS_VERSION);
    o->version = version;
    o->combination_window_days = 28;
    o->interruption_days = 28;
    o->discontinuation_days = 180;
    o->honor_schedules = 1;
    o->unknown_setting = GIST_SETTING_ADVANCED;
    o->censor_date = GIST_DATE_NONE;
    return GIST_OK;
}

gist_status gist__lines_options_resolve(const gist_lines_options *in, gist_lines_options *out)
{
    if (in == NULL)
        return gist_lines_options_init(out, GIST_LINES_OPTIONS_VERSION);
    if (in->version != GIST_LINES_OPTIONS_VERSION)
        return gist__error(GIST_EVERSION, "lines options version %u is not %u (use gist_lines_options_init)",
                           in->version, (unsigned)GIST_LINES_OPTIONS_VERSION);
    if (in->combination_window_days < 0 || in->combination_window_days > 3650)
        return gist__error(GIST_ERANGE, "combination_window_days %d is outside 0 to 3650",
                           in->combination_window_days);
    if (in->interruption_days < 0 || in->interruption_days > 3650)
        return gist__error(GIST_ERANGE, "interruption_days %d is outside 0 to 3650", in->interruption_days);
    if (in->discontinuation_days < 0 || in->discontinuation_days > 36500)
        return gist__error(GIST_ERANGE, "discontinuation_days %d is outside 0 to 36500", in->discontinuation_days);
    if (in->unknown_setting < GIST_SETTING_UNKNOWN || in->unknown_setting > GIST_SETTING_ADJUVANT)
        return gist__error(GIST_EINVAL, "unknown_setting %d is not a setting", (int)in->unknown_setting);
    if (in->censor_date != GIST_DATE_NONE && (in->censor_date < GIST_DATE_MIN || in->censor_date > GIST_DATE_MAX))
        return gist__error(GIST_ERANGE, "censor_date is outside 1900-01-01 to 2200-12-31");
    *out = *in;
    return GIST_OK;
}

gist_status gist_lines_options_describe(const gist_lines_options *o, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(o, "options");
    gist_lines_options r = {0, 0, 0, 0, 0, GIST_SETTING_UNKNOWN, 0};
    gist_status st = gist__lines_options_resolve(o, &r);
    if (st != GIST_OK)
        return st;
    char censor[11] = "last-event";
    if (r.censor_date != GIST_DATE_NONE)
        gist__date_write(r.censor_date, censor);
    gist_sb sb;
    gist__sb_init(&sb);
    gist__sb_printf(&sb,
                   "lines_options_version=%u combination_window_days=%d interruption_days=%d "
                   "discontinuation_days=%d honor_schedules=%d unknown_setting=%s censor_date=%s",
                   r.version, r.combination_window_days, r.interruption_days, r.discontinuation_days,
                   r.honor_schedules ? 1 : 0, gist__setting_names[r.unknown_setting], censor);
    return gist__sb_finish(&sb, out);
}

/* ---- the walk ---- */

struct lstate {
    int open;
    uint32_t line; /* index in the lot */
    uint8_t setting;
    int32_t start;
    int32_t last_end; /* ONGOING while an exposure has no end */
    uint8_t last_reason;
    uint8_t last_schedule;
    int nagents;
    int16_t agents[MAX_LINE_AGENTS];
    double dose[MAX_LINE_AGENTS];
    int32_t aend[MAX_LINE_AGENTS];
    uint8_t areason[MAX_LINE_AGENTS];
    uint8_t asched[MAX_LINE_AGENTS];
};

struct walk {
    gist_lot *lot;
    int64_t patient;
    const gist_lines_options *o;
    struct lstate L;
    int32_t number[3];  /* lines so far per setting */
    uint64_t used[3];   /* agents of closed lines per setting */
    uint64_t previous[3]; /* agents of the last closed line per setting */
    int assumed;        /* setting-assumed finding made */
    uint8_t last_response;
    int32_t last_response_date;
};

static int off_days(const struct walk *w, uint8_t schedule)
{
    if (!w->o->honor_schedules)
        return 0;
    return schedule == GIST_SCHEDULE_4ON2OFF ? 14 : schedule == GIST_SCHEDULE_3ON1OFF ? 7 : 0;
}

/* The plausibility bound of every agent, computed once (the registry never changes). */
static double max_mg[64];
static once_flag max_mg_once = ONCE_FLAG_INIT;

static void init_max_mg(void)
{
    for (size_t a = 0; a < gist__agent_count && a < 64; a++)
        max_mg[a] = gist_agent_max_daily_mg(&gist__agents[a]);
}

static int standard_dose(int16_t agent, double dose)
{
    const gist_agent *a = &gist__agents[agent];
    size_t n = gist_agent_dose_count(a);
    if (n == 0)
        return 1; /* no standard dose recorded: nothing to compare with */
    for (size_t i = 0; i < n; i++)
        if (a->doses[i].mg == dose)
            return 1;
    return 0;
}

static void check_dose(struct walk *w, int32_t date, int16_t agent, double dose, uint32_t row)
{
    if (dose > 0 && !standard_dose(agent, dose)) {
        struct gist_lot_finding *f = gist__lot_push_finding(w->lot, w->patient, w->L.line, date,
                                                            GIST_FINDING_NONSTANDARD_DOSE, GIST_SEVERITY_INFO);
        if (f) {
            f->agent = agent;
            f->value = dose;
            f->row = row;
            const gist_agent *a = &gist__agents[agent];
            f->evidence = &a->doses[0].evidence;
            f->nevidence = 1;
        }
    }
}

static uint8_t end_reason_of(uint8_t stop)
{
    switch (stop) {
    case GIST_STOP_PROGRESSION: return GIST_LINE_END_PROGRESSION;
    case GIST_STOP_INTOLERANCE: return GIST_LINE_END_INTOLERANCE;
    case GIST_STOP_COMPLETED: return GIST_LINE_END_COMPLETED;
    case GIST_STOP_OTHER: return GIST_LINE_END_OTHER;
    default: return GIST_LINE_END_SWITCHED;
    }
}

/* A line followed by a long gap: its recorded reason if any, else discontinued. */
static uint8_t gap_end(const struct lstate *L)
{
    return L->last_reason != GIST_STOP_UNKNOWN ? end_reason_of(L->last_reason) : (uint8_t)GIST_LINE_END_DISCONTINUED;
}

static void close_line(struct walk *w, uint8_t reason, int32_t end)
{
    struct lstate *L = &w->L;
    struct gist_lot_line *l = w->lot->oom ? NULL : &w->lot->lines[L->line];
    if (l) {
        l->end = end;
        l->end_reason = reason;
        l->failed_adjuvant = L->setting == GIST_SETTING_ADJUVANT && reason == GIST_LINE_END_PROGRESSION;
    }
    w->previous[L->setting] = 0;
    for (int k = 0; k < L->nagents; k++) {
        w->used[L->setting] |= UINT64_C(1) << L->agents[k];
        w->previous[L->setting] |= UINT64_C(1) << L->agents[k];
    }
    L->open = 0;
}

static void add_agent(struct walk *w, int16_t agent, double dose, int32_t start, int32_t end, uint8_t reason,
                      uint8_t schedule, uint32_t row)
{
    struct lstate *L = &w->L;
    int k = L->nagents++;
    L->agents[k] = agent;
    L->dose[k] = dose;
    L->aend[k] = end;
    L->areason[k] = reason;
    L->asched[k] = schedule;
    if (!w->lot->oom) {
        push_step(w->lot, L->line, start, agent, dose, GIST_STOP_UNKNOWN);
        check_dose(w, start, agent, dose, row);
    }
}

static void open_line(struct walk *w, uint8_t setting, int16_t agent, double dose, int32_t start, int32_t end,
                      uint8_t reason, uint8_t schedule, uint32_t row)
{
    struct gist_lot_line *l = push_line(w->lot);
    struct lstate *L = &w->L;
    memset(L, 0, sizeof *L);
    L->open = 1;
    L->setting = setting;
    L->start = start;
    L->last_end = end;
    L->last_reason = reason;
    L->last_schedule = schedule;
    if (l == NULL)
        return;
    L->line = (uint32_t)(w->lot->nlines - 1);
    l->patient = w->patient;
    l->number = ++w->number[setting];
    l->setting = setting;
    l->start = start;
    l->end = end;
    l->first_step = (uint32_t)w->lot->nsteps;
    /* re-challenge: an agent of an earlier line taken up again after other agents */
    l->rechallenge = (w->used[setting] >> agent & 1u) != 0 && (w->previous[setting] >> agent & 1u) == 0;
    add_agent(w, agent, dose, start, end, reason, schedule, row);
}

static void invalid(struct walk *w, size_t i, const gist_evcols *c, int why, int32_t date)
{
    struct gist_lot_finding *f = gist__lot_push_finding(w->lot, w->patient, UINT32_MAX, date,
                                                        GIST_FINDING_INVALID_EVENT, GIST_SEVERITY_WARNING);
    if (f) {
        f->row = EVC_ROW(c, i);
        f->value = why;
        f->agent = EVC_AGENT(c, i) >= 0 && (size_t)EVC_AGENT(c, i) < gist__agent_count ? EVC_AGENT(c, i) : -1;
    }
}

static int valid_date(int32_t d)
{
    return d >= GIST_DATE_MIN && d <= GIST_DATE_MAX;
}

/* Sort a patient's findings by date (stable; there are few). */
static void sort_findings(gist_lot *lot, size_t from)
{
    for (size_t i = from + 1; i < lot->nfinds; i++) {
        struct gist_lot_finding f = lot->finds[i];
        size_t j = i;
        while (j > from && lot->finds[j - 1].date > f.date) {
            lot->finds[j] = lot->finds[j - 1];
            j--;
        }
        lot->finds[j] = f;
    }
}



gist_status gist__lot_patient(gist_lot *lot, const gist_evrange *ev, int64_t patient, const gist_lines_options *o,
                              const gist_pathway *pw)
{
    const gist_evcols *c = ev->cols;
    call_once(&max_mg_once, init_max_mg);
    struct walk w;
    memset(&w, 0, sizeof w);
    w.lot = lot;
    w.patient = patient;
    w.o = o;
    size_t line_begin = lot->nlines, find_begin = lot->nfinds;
    int32_t maxdate = GIST_DATE_MIN;
    uint8_t setting_now = 0; /* settings sort before the exposures of their day (see gist__kind_rank) */
    const int32_t censor = o->censor_date;

    /* the setting an exposure read now would have */
    uint8_t assumed = (uint8_t)(o->unknown_setting ? o->unknown_setting : GIST_SETTING_ADVANCED);
    const int fast_ok = censor == GIST_DATE_NONE && c->end && c->agent && c->dose && c->schedule && c->reason;
    int off[GIST_SCHEDULE_COUNT] = {0, 0, 14, 7};
    const int64_t fast_gap = o->interruption_days < o->discontinuation_days ? o->interruption_days
                                                                           : o->discontinuation_days;
    if (!o->honor_schedules)
        off[2] = off[3] = 0;

    /* The columns in locals: the stores below through uint8_t may alias anything, and would
       otherwise make the compiler load each column's address again for every event. */
    const uint32_t *const idx = ev->idx;
    const size_t base = ev->begin, count = ev->n;
    const int32_t *const c_start = c->start, *const c_end = c->end;
    const uint8_t *const c_kind = c->kind, *const c_schedule = c->schedule, *const c_reason = c->reason;
    const int16_t *const c_agent = c->agent;
    const double *const c_dose = c->dose;

    for (size_t k = 0; k < count; k++) {
        size_t i = idx ? (size_t)idx[k] : base + k;
        int32_t date = c_start[i];
        uint8_t kind = c_kind ? c_kind[i] : (uint8_t)GIST_EVENT_EXPOSURE;
        /*
         * The usual event: another refill of the line's only agent, at the same dose and schedule,
         * after the last one, within the interruption threshold. Everything the full path would
         * check holds by the comparisons below (a valid earlier end bounds the dates), and nothing
         * is appended: the line's end moves on.
         */
        if (fast_ok && kind == GIST_EVENT_EXPOSURE && w.L.open && w.L.nagents == 1) {
            struct lstate *L = &w.L;
            int32_t end = c_end[i], aend = L->aend[0];
            uint8_t schedule = c_schedule[i], reason = c_reason[i];
            if (c_agent[i] == L->agents[0] && c_dose[i] == L->dose[0] && schedule == L->asched[0] &&
                reason < GIST_STOP_COUNT && (setting_now ? setting_now : assumed) == L->setting &&
                aend != ONGOING && date > aend && end != GIST_DATE_NONE && end >= date && end <= GIST_DATE_MAX &&
                (int64_t)date - aend - 1 - off[schedule] <= fast_gap && (setting_now || w.assumed)) {
                L->aend[0] = L->last_end = end;
                L->areason[0] = L->last_reason = reason;
                L->last_schedule = schedule;
                if (end > maxdate)
                    maxdate = end;
                continue;
            }
        }
        if (!valid_date(date)) {
            invalid(&w, i, c, GIST_INV_DATE, GIST_DATE_NONE);
            continue;
        }
        if (censor != GIST_DATE_NONE && date > censor)
            continue; /* after the censoring date: not seen */
        if (date > maxdate)
            maxdate = date;
        if (kind != GIST_EVENT_EXPOSURE) {
            uint8_t v = EVC_U8(c, value, i);
            int ok = kind < GIST_EVENT_KIND_COUNT;
            if (ok && kind == GIST_EVENT_ASSESSMENT) {
                ok = v > 0 && v < GIST_RESPONSE_COUNT && EVC_U8(c, method, i) < GIST_METHOD_COUNT &&
                     EVC_U8(c, criteria, i) < GIST_CRITERIA_COUNT && EVC_U8(c, extent, i) < GIST_EXTENT_COUNT;
                if (ok) {
                    w.last_response = v;
                    w.last_response_date = date;
                }
            } else if (ok && kind == GIST_EVENT_GENOTYPE) {
                ok = v > 0 && v < GIST_GENOTYPE_COUNT;
            } else if (ok && kind == GIST_EVENT_SETTING) {
                ok = v == GIST_SETTING_ADVANCED || v == GIST_SETTING_ADJUVANT;
                if (ok)
                    setting_now = v;
            }
            if (!ok)
                invalid(&w, i, c, GIST_INV_VALUE, date);
            continue;
        }

        /* an exposure: check it, then place it */
        int32_t end = EVC_END(c, i);
        int16_t agent = EVC_AGENT(c, i);
        double dose = EVC_DOSE(c, i);
        uint8_t schedule = EVC_U8(c, schedule, i), reason = EVC_U8(c, reason, i);
        if (agent < 0 || (size_t)agent >= gist__agent_count) {
            invalid(&w, i, c, GIST_INV_AGENT, date);
            continue;
        }
        if (end != GIST_DATE_NONE && !valid_date(end)) {
            invalid(&w, i, c, GIST_INV_DATE, date);
            continue;
        }
        if (end != GIST_DATE_NONE && end < date) {
            invalid(&w, i, c, GIST_INV_END_BEFORE_START, date);
            continue;
        }
        if (!(dose >= 0) || dose > max_mg[agent] || schedule >= GIST_SCHEDULE_COUNT || reason >= GIST_STOP_COUNT) {
            invalid(&w, i, c, dose >= 0 && dose <= max_mg[agent] ? GIST_INV_VALUE : GIST_INV_DOSE, date);
            continue;
        }
        if (end == GIST_DATE_NONE || (censor != GIST_DATE_NONE && end > censor)) {
            end = ONGOING;
            if (censor == GIST_DATE_NONE)
                reason = GIST_STOP_UNKNOWN;
        } else if (end > maxdate) {
            maxdate = end;
        }
        if (censor != GIST_DATE_NONE && EVC_END(c, i) != GIST_DATE_NONE && EVC_END(c, i) > censor)
            reason = GIST_STOP_UNKNOWN; /* the stop lies beyond the censoring date */

        uint8_t setting = setting_now;
        if (setting == 0) {
            setting = (uint8_t)(o->unknown_setting ? o->unknown_setting : GIST_SETTING_ADVANCED);
            if (!w.assumed) {
                w.assumed = 1;
                struct gist_lot_finding *f = gist__lot_push_finding(lot, patient, UINT32_MAX, date,
                                                                    GIST_FINDING_SETTING_ASSUMED, GIST_SEVERITY_INFO);
                if (f) {
                    f->value = setting;
                    f->row = EVC_ROW(c, i);
                }
            }
        }
        uint32_t row = EVC_ROW(c, i);
        struct lstate *L = &w.L;

        if (!L->open) {
            open_line(&w, setting, agent, dose, date, end, reason, schedule, row);
        } else if (setting != L->setting) {
            close_line(&w, end_reason_of(L->last_reason), L->last_end == ONGOING ? date - 1 : L->last_end);
            open_line(&w, setting, agent, dose, date, end, reason, schedule, row);
        } else {
            int64_t gap = L->last_end == ONGOING ? -1 : (int64_t)date - L->last_end - 1;
            int64_t eff = gap - off_days(&w, L->last_schedule);
            int slot = -1;
            for (int s = 0; s < L->nagents; s++)
                if (L->agents[s] == agent)
                    slot = s;
            if (slot >= 0 && eff > o->discontinuation_days) {
                close_line(&w, gap_end(L), L->last_end);
                open_line(&w, setting, agent, dose, date, end, reason, schedule, row);
            } else if (slot >= 0) {
                int32_t aend = L->aend[slot];
                if (aend == ONGOING || date <= aend) {
                    struct gist_lot_finding *f =
                        gist__lot_push_finding(lot, patient, L->line, date, GIST_FINDING_OVERLAP, GIST_SEVERITY_INFO);
                    if (f) {
                        f->agent = agent;
                        f->row = row;
                        f->value = aend == ONGOING ? -1 : (double)(aend - date + 1);
                    }
                } else {
                    int64_t agap = (int64_t)date - aend - 1;
                    uint8_t prev = L->areason[slot];
                    int progressed = w.last_response == GIST_RESPONSE_PROGRESSION && w.last_response_date >= L->start;
                    if (agap - off_days(&w, L->asched[slot]) > o->interruption_days && prev != GIST_STOP_PROGRESSION &&
                        prev != GIST_STOP_INTOLERANCE && !progressed) {
                        struct gist_lot_finding *f = gist__lot_push_finding(
                            lot, patient, L->line, aend + 1, GIST_FINDING_INTERRUPTION, GIST_SEVERITY_WARNING);
                        if (f) {
                            f->agent = agent;
                            f->row = row;
                            f->value = (double)agap;
                        }
                    }
                }
                if (dose > 0 && dose != L->dose[slot]) {
                    push_step(lot, L->line, date, agent, dose, L->areason[slot]);
                    L->dose[slot] = dose;
                    check_dose(&w, date, agent, dose, row);
                }
                if (end == ONGOING || (aend != ONGOING && end >= aend)) {
                    L->aend[slot] = end;
                    L->areason[slot] = reason;
                }
                L->asched[slot] = schedule;
            } else if ((int64_t)date - L->start <= o->combination_window_days && L->nagents < MAX_LINE_AGENTS &&
                       eff <= o->discontinuation_days) {
                add_agent(&w, agent, dose, date, end, reason, schedule, row); /* a combination */
            } else {
                if (eff > o->discontinuation_days) {
                    close_line(&w, gap_end(L), L->last_end);
                } else {
                    uint8_t why = end_reason_of(L->last_reason);
                    int16_t previous = L->agents[0];
                    close_line(&w, why, L->last_end == ONGOING || L->last_end >= date ? date - 1 : L->last_end);
                    if (why != GIST_LINE_END_PROGRESSION && why != GIST_LINE_END_INTOLERANCE) {
                        struct gist_lot_finding *f =
                            gist__lot_push_finding(lot, patient, (uint32_t)lot->nlines, date,
                                                   GIST_FINDING_SWITCH_WITHOUT_REASON, GIST_SEVERITY_WARNING);
                        if (f) {
                            f->agent = agent;
                            f->agent2 = previous;
                            f->row = row;
                        }
                    }
                }
                open_line(&w, setting, agent, dose, date, end, reason, schedule, row);
                continue;
            }
            if (end == ONGOING || (L->last_end != ONGOING && end >= L->last_end)) {
                L->last_end = end;
                L->last_reason = reason;
                L->last_schedule = schedule;
            }
        }
    }

    if (w.L.open) {
        struct lstate *L = &w.L;
        int32_t at = censor != GIST_DATE_NONE ? censor : maxdate;
        if (L->last_end != ONGOING && L->last_reason != GIST_STOP_UNKNOWN) {
            close_line(&w, end_reason_of(L->last_reason), L->last_end);
        } else if (L->last_end != ONGOING &&
                   (int64_t)at - L->last_end - off_days(&w, L->last_schedule) > o->discontinuation_days) {
            close_line(&w, GIST_LINE_END_DISCONTINUED, L->last_end);
        } else {
            /* Still taking the drug, or stopped too recently to call it. */
            close_line(&w, GIST_LINE_END_CENSORED, at);
        }
    }
    if (pw != NULL && !lot->oom)
        gist__lot_audit(lot, ev, patient, line_begin, find_begin, o, pw);
    if (!lot->oom)
        sort_findings(lot, find_begin);
    if (lot->oom)
        return gist__error(GIST_ENOMEM, "out of memory while deriving lines of therapy");
    return GIST_OK;
}
