/*
 * The patient state as of a date, and the audit of a history against a
 * pathway.
 *
 * The audit holds no clinical knowledge of its own: at each change of
 * therapy it rebuilds the patient state just before the change, asks the
 * pathway for advice, and compares what was done with the options. The
 * finding cites the rule that gave the advice and its evidence.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "lines/lot.h"
#include "model/advice.h"
#include "model/agent.h"
#include "model/pathway.h"
#include "model/patient.h"
#include "util/date.h"
#include "util/error.h"

static int off_days(const gist_lines_options *o, uint8_t schedule)
{
    if (!o->honor_schedules)
        return 0;
    return schedule == GIST_SCHEDULE_4ON2OFF ? 14 : schedule == GIST_SCHEDULE_3ON1OFF ? 7 : 0;
}

static uint8_t prior_reason(uint8_t line_end)
{
    switch (line_end) {
    case GIST_LINE_END_PROGRESSION: return GIST_STOP_PROGRESSION;
    case GIST_LINE_END_INTOLERANCE: return GIST_STOP_INTOLERANCE;
    case GIST_LINE_END_COMPLETED: return GIST_STOP_COMPLETED;
    case GIST_LINE_END_CENSORED: return GIST_STOP_UNKNOWN;
    default: return GIST_STOP_OTHER;
    }
}

static uint8_t basis_of(uint8_t method)
{
    switch (method) {
    case GIST_METHOD_CT:
    case GIST_METHOD_MRI:
    case GIST_METHOD_PET: return GIST_BASIS_RADIOLOGIC;
    case GIST_METHOD_CLINICAL: return GIST_BASIS_CLINICAL;
    default: return GIST_BASIS_UNKNOWN;
    }
}

gist_status gist__lot_patient_at(gist_patient *p, const gist_evrange *ev, const gist_lot *lot, size_t line_begin,
                                 size_t line_end, int32_t date, int32_t exclude_from, const gist_lines_options *o)
{
    const gist_evcols *c = ev->cols;
    char *id = p->id;
    p->id = NULL;
    gist_patient_reset(p);
    p->id = id;
    p->prior_known = 1;

    /* The exposures in force at the date, and the last one that ended before it. */
    long active = -1, last = -1;
    uint64_t active_agents = 0;
    for (size_t k = 0; k < ev->n; k++) {
        size_t i = EVR_AT(ev, k);
        int32_t start = c->start[i];
        if (start > date)
            break;
        uint8_t kind = EVC_KIND(c, i);
        uint8_t v = EVC_U8(c, value, i);
        switch (kind) {
        case GIST_EVENT_SETTING:
            if (v == GIST_SETTING_ADVANCED || v == GIST_SETTING_ADJUVANT)
                p->setting = v;
            continue;
        case GIST_EVENT_GENOTYPE:
            if (v > 0 && v < GIST_GENOTYPE_COUNT)
                p->genotype = v;
            continue;
        case GIST_EVENT_REFERRAL: p->referred = GIST_TRISTATE_YES; continue;
        case GIST_EVENT_ASSESSMENT: continue;
        default: break;
        }
        int16_t agent = EVC_AGENT(c, i);
        int32_t end = EVC_END(c, i);
        if (kind != GIST_EVENT_EXPOSURE || agent < 0 || (size_t)agent >= gist__agent_count ||
            (exclude_from != GIST_DATE_NONE && start >= exclude_from) || (end != GIST_DATE_NONE && end < start))
            continue;
        if (end == GIST_DATE_NONE || end >= date) {
            active_agents |= UINT64_C(1) << agent;
            if (active < 0 || start >= c->start[active])
                active = (long)i;
        } else if (last < 0 || end >= EVC_END(c, (size_t)last)) {
            last = (long)i;
        }
    }
    if ((active_agents & (active_agents - 1)) != 0) {
        char buf[11];
        gist__date_write(date, buf);
        return gist__error(GIST_ESTATE, "several agents are taken together on %s: a combination is not one regimen",
                           buf);
    }

    long cur = -1;
    uint8_t applied = GIST_STOP_UNKNOWN; /* the stop reason that describes the regimen now */
    if (active >= 0) {
        cur = active;
        if (EVC_END(c, (size_t)cur) == date)
            applied = EVC_U8(c, reason, (size_t)cur);
        p->interrupted = GIST_TRISTATE_NO;
    } else if (last >= 0) {
        uint8_t why = EVC_U8(c, reason, (size_t)last);
        int64_t gap = (int64_t)date - EVC_END(c, (size_t)last);
        int64_t eff = gap - off_days(o, EVC_U8(c, schedule, (size_t)last));
        if (why == GIST_STOP_PROGRESSION || why == GIST_STOP_INTOLERANCE) {
            cur = last; /* the regimen that just failed: what comes next? */
            applied = why;
            p->interrupted = GIST_TRISTATE_NO;
        } else if (eff <= o->discontinuation_days) {
            cur = last;
            p->interrupted = eff > o->interruption_days ? GIST_TRISTATE_YES : GIST_TRISTATE_NO;
        }
    }

    /* The line the regimen belongs to; earlier lines are the previous lines. */
    size_t cur_line = line_end;
    if (cur >= 0) {
        int32_t cs = c->start[cur];
        for (size_t li = line_begin; li < line_end; li++)
            if (lot->lines[li].start <= cs)
                cur_line = li;
    }
    /* lines that begin at or after the change being judged are not history yet */
    int32_t bound = exclude_from != GIST_DATE_NONE && exclude_from - 1 < date ? exclude_from - 1 : date;
    for (size_t li = line_begin; li < line_end && p->prior_count < GIST_PATIENT_MAX_PRIOR; li++) {
        const struct gist_lot_line *l = &lot->lines[li];
        if (cur >= 0 ? li >= cur_line : l->start > bound)
            break;
        if (l->nsteps == 0)
            continue;
        struct gist_prior *e = &p->prior[p->prior_count++];
        e->agent = (uint8_t)lot->steps[l->first_step].agent;
        e->reason = prior_reason(l->end_reason);
        /* relapse during adjuvant therapy counts as failure of that agent (a documented choice) */
        e->setting = l->failed_adjuvant ? GIST_SETTING_ADVANCED : l->setting;
    }

    if (cur >= 0 && cur_line < line_end) {
        const struct gist_lot_line *ln = &lot->lines[cur_line];
        for (uint32_t k = 1; k < ln->nsteps; k++) {
            if (lot->steps[ln->first_step + k].agent != lot->steps[ln->first_step].agent) {
                char buf[11];
                gist__date_write(date, buf);
                return gist__error(GIST_ESTATE,
                                   "the regimen on %s is a combination of agents: it is not one regimen", buf);
            }
        }
    }
    if (cur < 0) {
        p->on_treatment = GIST_TRISTATE_NO;
        gist__patient_refresh(p);
        return GIST_OK;
    }
    size_t ci = (size_t)cur;
    p->on_treatment = GIST_TRISTATE_YES;
    p->agent = EVC_AGENT(c, ci);
    double dose = EVC_DOSE(c, ci);
    p->dose_mg = dose > 0 && isfinite(dose) ? dose : 0;
    uint8_t sched = EVC_U8(c, schedule, ci);
    p->schedule = sched < GIST_SCHEDULE_COUNT ? sched : 0;
    if (cur_line < line_end && lot->lines[cur_line].setting == GIST_SETTING_ADVANCED)
        p->line_stated = lot->lines[cur_line].number;

    /* The latest assessment since this regimen (agent and dose) began; for a stop on progression, the latest
     * that shows it. The regimen began at its latest dose step, not at its latest refill. */
    int32_t from = c->start[ci];
    if (cur_line < line_end) {
        const struct gist_lot_line *ln = &lot->lines[cur_line];
        for (uint32_t k = 0; k < ln->nsteps; k++) {
            const struct gist_lot_step *s = &lot->steps[ln->first_step + k];
            if (s->agent == EVC_AGENT(c, ci) && s->date <= c->start[ci])
                from = s->date;
        }
    }
    long seen = -1, progression = -1;
    for (size_t k = 0; k < ev->n; k++) {
        size_t i = EVR_AT(ev, k);
        if (c->start[i] > date)
            break;
        uint8_t resp = EVC_U8(c, value, i);
        if (EVC_KIND(c, i) != GIST_EVENT_ASSESSMENT || c->start[i] < from || resp == 0 || resp >= GIST_RESPONSE_COUNT)
            continue;
        seen = (long)i;
        if (resp == GIST_RESPONSE_PROGRESSION)
            progression = (long)i;
    }
    long use = applied == GIST_STOP_PROGRESSION ? progression : seen;
    if (use >= 0) {
        size_t i = (size_t)use;
        p->response = EVC_U8(c, value, i);
        uint8_t m = EVC_U8(c, method, i);
        p->basis = m < GIST_METHOD_COUNT ? basis_of(m) : GIST_BASIS_UNKNOWN;
        uint8_t x = EVC_U8(c, extent, i);
        p->extent = x < GIST_EXTENT_COUNT ? x : 0;
    } else if (applied == GIST_STOP_PROGRESSION) {
        p->response = GIST_RESPONSE_PROGRESSION; /* recorded as the reason; how it was established is not */
    }
    if (applied == GIST_STOP_INTOLERANCE)
        p->tolerance = GIST_TOLERANCE_INTOLERANT;
    gist__patient_refresh(p);
    return GIST_OK;
}

/* ---- the audit ---- */

enum change_kind { CHANGE_SWITCH, CHANGE_ESCALATE, CHANGE_REDUCE };

struct change {
    enum change_kind kind;
    int16_t agent;
    double dose;
};

static int option_matches(const struct gist_option *o, const struct change *ch)
{
    switch (ch->kind) {
    case CHANGE_SWITCH:
        return (o->action == GIST_ACTION_SWITCH || o->action == GIST_ACTION_START ||
                o->action == GIST_ACTION_CONSIDER_OFF_LABEL || o->action == GIST_ACTION_RESUME) &&
               o->agent == ch->agent;
    case CHANGE_ESCALATE:
        return o->action == GIST_ACTION_ESCALATE && o->agent == ch->agent && (o->dose_mg == 0 || o->dose_mg == ch->dose);
    case CHANGE_REDUCE:
        return o->action == GIST_ACTION_CONTINUE && (o->agent < 0 || o->agent == ch->agent) && o->dose_mg == ch->dose;
    }
    return 0;
}

/* The rule that explains an advice: the deciding rule, else the blocking or nearest one. */
static const struct gist_rule *advice_rule(const gist_advice *a)
{
    if (a->rule)
        return a->rule;
    return a->trace_count ? a->trace[a->trace_count - 1].rule : NULL;
}

static int has_referral_after(const gist_evrange *ev, int32_t date)
{
    const gist_evcols *c = ev->cols;
    for (size_t k = 0; k < ev->n; k++) {
        size_t i = EVR_AT(ev, k);
        if (EVC_KIND(c, i) == GIST_EVENT_REFERRAL && c->start[i] >= date)
            return 1;
    }
    return 0;
}

struct audit {
    gist_lot *lot;
    const gist_evrange *ev;
    int64_t patient;
    size_t line_begin, line_end;
    size_t find_begin; /* this patient's findings start here */
    const gist_lines_options *o;
    const gist_pathway *pw;
    gist_patient *p;
    int referral_reported;
};

/* Advice for the state at date (exposures from exclude_from on ignored); NULL if there is none. */
static gist_advice *advise_at(struct audit *A, int32_t date, int32_t exclude_from, int *combination)
{
    *combination = 0;
    gist_status st = gist__lot_patient_at(A->p, A->ev, A->lot, A->line_begin, A->line_end, date, exclude_from, A->o);
    if (st == GIST_ESTATE) {
        *combination = 1;
        return NULL;
    }
    gist_advice *adv = NULL;
    if (st != GIST_OK || gist__advise_borrowed(&adv, A->pw, A->p) != GIST_OK)
        A->lot->oom = 1;
    return adv;
}

static void cite(struct gist_lot_finding *f, const struct gist_rule *r)
{
    f->rule = r;
    if (r) {
        f->evidence = r->evidence;
        f->nevidence = r->evidence_count;
    }
}

static void check_referral(struct audit *A, const gist_advice *adv, uint32_t line, int32_t date)
{
    if (A->referral_reported || adv->outcome != GIST_OUTCOME_RECOMMENDED)
        return;
    for (size_t k = 0; k < adv->rule->option_count; k++) {
        if (adv->rule->options[k].action != GIST_ACTION_REFER)
            continue;
        if (!has_referral_after(A->ev, date)) {
            struct gist_lot_finding *f =
                gist__lot_push_finding(A->lot, A->patient, line, date, GIST_FINDING_NO_REFERRAL, GIST_SEVERITY_WARNING);
            if (f)
                cite(f, adv->rule);
            A->referral_reported = 1;
        }
        return;
    }
}

/* The structural switch finding already made for this line, if any. */
static struct gist_lot_finding *switch_finding(struct audit *A, uint32_t line)
{
    for (size_t i = A->find_begin; i < A->lot->nfinds; i++) {
        struct gist_lot_finding *f = &A->lot->finds[i];
        if (f->line == line && f->code == GIST_FINDING_SWITCH_WITHOUT_REASON)
            return f;
    }
    return NULL;
}

/* Compare what was done at date with the pathway's advice just before. */
static void judge(struct audit *A, uint32_t line, int32_t date, const struct change *ch)
{
    int combination = 0;
    gist_advice *adv = advise_at(A, date, date, &combination);
    if (adv == NULL) {
        if (combination) {
            struct gist_lot_finding *f = gist__lot_push_finding(A->lot, A->patient, line, date,
                                                                GIST_FINDING_NOT_ASSESSABLE, GIST_SEVERITY_INFO);
            if (f)
                f->value = -1; /* a combination regimen */
        }
        return;
    }
    uint8_t code = 0, severity = GIST_SEVERITY_WARNING;
    if (adv->outcome != GIST_OUTCOME_RECOMMENDED) {
        code = GIST_FINDING_NOT_ASSESSABLE;
        severity = GIST_SEVERITY_INFO;
    } else {
        const struct gist_rule *r = adv->rule;
        int concordant = 0, escalate = 0, maintain = 1;
        for (size_t k = 0; k < r->option_count; k++) {
            const struct gist_option *o = &r->options[k];
            concordant |= option_matches(o, ch);
            escalate |= o->action == GIST_ACTION_ESCALATE;
            maintain &= o->action == GIST_ACTION_CONTINUE || o->action == GIST_ACTION_RESUME;
        }
        if (concordant)
            code = 0;
        else if (r->option_count > 0 && r->options[0].action == GIST_ACTION_ASSESS)
            code = GIST_FINDING_UNCONFIRMED_PROGRESSION;
        else if (ch->kind == CHANGE_SWITCH && escalate) {
            code = GIST_FINDING_ESCALATION_SKIPPED;
            severity = GIST_SEVERITY_INFO;
        } else if (ch->kind == CHANGE_SWITCH && maintain)
            code = GIST_FINDING_SWITCH_WITHOUT_REASON;
        else
            code = GIST_FINDING_OUT_OF_SEQUENCE;
    }
    if (code == GIST_FINDING_SWITCH_WITHOUT_REASON) {
        struct gist_lot_finding *f = switch_finding(A, line);
        if (f != NULL) {
            cite(f, advice_rule(adv)); /* the data finding gains the pathway's basis */
            code = 0;
        }
    }
    if (code != 0) {
        struct gist_lot_finding *f = gist__lot_push_finding(A->lot, A->patient, line, date, code, severity);
        if (f) {
            cite(f, advice_rule(adv));
            f->agent = ch->agent;
            f->value = code != GIST_FINDING_NOT_ASSESSABLE ? ch->dose
                       : adv->outcome == GIST_OUTCOME_NOT_COVERED && adv->rule == NULL ? 4 /* nearest rule */
                                                                                      : (double)adv->outcome;
            if (code == GIST_FINDING_NOT_ASSESSABLE) {
                uint32_t mask = 0;
                for (size_t m = 0; m < adv->missing_count; m++)
                    mask |= UINT32_C(1) << adv->missing[m];
                f->agent2 = (int16_t)mask; /* missing facts, for the message */
            }
        }
    }
    check_referral(A, adv, line, date);
    gist_advice_free(adv);
}

/* Give interruption findings the pathway's basis: the alerts of the state during the gap. */
static void cite_interruptions(struct audit *A)
{
    size_t n = A->lot->nfinds;
    for (size_t i = A->find_begin; i < n && !A->lot->oom; i++) {
        struct gist_lot_finding *f = &A->lot->finds[i];
        if (f->code != GIST_FINDING_INTERRUPTION)
            continue;
        int combination = 0;
        int32_t last_gap_day = f->date + (int32_t)f->value - 1;
        gist_advice *adv = advise_at(A, last_gap_day, GIST_DATE_NONE, &combination);
        if (adv == NULL)
            continue;
        f = &A->lot->finds[i];
        for (size_t k = 0; k < adv->alert_count; k++) {
            const gist_alert *al = adv->alerts[k];
            if (al->severity >= GIST_SEVERITY_WARNING && al->evidence_count > 0) {
                f->evidence = al->evidence;
                f->nevidence = al->evidence_count;
                f->severity = (uint8_t)al->severity;
                break;
            }
        }
        gist_advice_free(adv);
    }
}

void gist__lot_audit(gist_lot *lot, const gist_evrange *ev, int64_t patient, size_t line_begin, size_t find_begin,
                     const gist_lines_options *o, const gist_pathway *pw)
{
    struct audit A = {lot, ev, patient, line_begin, lot->nlines, find_begin, o, pw, NULL, 0};
    if (gist_patient_new(&A.p) != GIST_OK) {
        lot->oom = 1;
        return;
    }
    for (size_t li = line_begin; li < A.line_end && !lot->oom; li++) {
        struct gist_lot_line l = lot->lines[li];
        if (l.setting != GIST_SETTING_ADVANCED)
            continue;
        /* dose steps of an agent already in the line */
        for (uint32_t s = 1; s < l.nsteps && !lot->oom; s++) {
            struct gist_lot_step st = lot->steps[l.first_step + s];
            double before = 0;
            for (uint32_t t = 0; t < s; t++)
                if (lot->steps[l.first_step + t].agent == st.agent)
                    before = lot->steps[l.first_step + t].dose;
            if (before <= 0 || st.dose <= 0 || st.dose == before)
                continue; /* a combination partner's first dose, or an unrecorded dose */
            struct change ch = {st.dose > before ? CHANGE_ESCALATE : CHANGE_REDUCE, st.agent, st.dose};
            judge(&A, (uint32_t)li, st.date, &ch);
        }
        /* the change to the next advanced line, or the last line's failure */
        size_t next = li + 1;
        while (next < A.line_end && lot->lines[next].setting != GIST_SETTING_ADVANCED)
            next++;
        if (next < A.line_end) {
            const struct gist_lot_line *nl = &lot->lines[next];
            struct change ch = {CHANGE_SWITCH, lot->steps[nl->first_step].agent, lot->steps[nl->first_step].dose};
            judge(&A, (uint32_t)next, nl->start, &ch);
        } else if (l.end_reason == GIST_LINE_END_PROGRESSION || l.end_reason == GIST_LINE_END_INTOLERANCE) {
            int combination = 0;
            gist_advice *adv = advise_at(&A, l.end, GIST_DATE_NONE, &combination);
            if (adv != NULL) {
                check_referral(&A, adv, (uint32_t)li, l.end);
                gist_advice_free(adv);
            }
        }
    }
    if (!lot->oom)
        cite_interruptions(&A);
    gist_patient_free(A.p);
}
