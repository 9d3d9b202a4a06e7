/*
 * The engine: patient facts + pathway rules -> advice.
 *
 * Ordered, three-valued evaluation. Decision rules are tried in pathway
 * order; a predicate over an unknown fact takes the value its rule gives for
 * unknown (by default "unknown"). The first rule that holds decides, unless
 * a rule before it was unknown: then the advice is undetermined and names
 * the facts those rules need. Alert rules fire whenever they hold. The
 * engine knows predicates and actions, never drugs: clinical knowledge is in
 * the pathway data.
 *
 * Each advice is one allocation sized from the pathway, so the common path
 * (a recommendation) costs a single malloc and no formatting.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "model/advice.h"
#include "model/agent.h"
#include "model/engine.h"
#include "model/facts.h"
#include "model/pathway.h"
#include "model/patient.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

static inline int pred_eval(const struct gist_pred *p, const gist_facts *f)
{
    if (!((f->known >> p->fact) & 1u))
        return p->if_unknown;
    switch (p->op) {
    case GIST_OP_IN: return (int)((p->mask >> f->bits[p->fact]) & 1u);
    case GIST_OP_RANGE: {
        double x = f->num[p->fact];
        return x >= p->lo && x <= p->hi;
    }
    case GIST_OP_HAS_ALL: return (f->bits[p->fact] & p->mask) == p->mask;
    case GIST_OP_HAS_ANY: return (f->bits[p->fact] & p->mask) != 0;
    default: return (f->bits[p->fact] & p->mask) == 0;
    }
}

/* Kleene conjunction; *unknown_facts collects the facts of unknown predicates. */
int gist__rule_eval(const struct gist_rule *rule, const gist_facts *facts, uint32_t *unknown_facts)
{
    int result = GIST_TRUE;
    uint32_t unk = 0;
    for (size_t i = 0; i < rule->pred_count; i++) {
        int r = pred_eval(&rule->preds[i], facts);
        if (r == GIST_FALSE)
            return GIST_FALSE;
        if (r == GIST_UNKNOWN) {
            result = GIST_UNKNOWN;
            unk |= UINT32_C(1) << rule->preds[i].fact;
        }
    }
    if (unknown_facts)
        *unknown_facts |= unk;
    return result;
}

/* The decision alone: index of the deciding rule, or -1 (undetermined or none). */
static gist_outcome decide(const gist_pathway *pw, const gist_facts *f, long *decider, int *saw_unknown)
{
    *saw_unknown = 0;
    *decider = -1;
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        if (r->kind == GIST_RULE_ALERT)
            continue;
        int res = gist__rule_eval(r, f, NULL);
        if (res == GIST_UNKNOWN) {
            *saw_unknown = 1;
            break;
        }
        if (res == GIST_TRUE) {
            *decider = (long)i;
            break;
        }
    }
    if (*saw_unknown)
        return GIST_OUTCOME_UNDETERMINED;
    if (*decider < 0)
        return GIST_OUTCOME_NOT_COVERED;
    return pw->rules[*decider].kind == GIST_RULE_RECOMMEND ? GIST_OUTCOME_RECOMMENDED : GIST_OUTCOME_NOT_COVERED;
}

/* The decision rule with the most conditions that hold (recommend rules first). */
static long nearest_rule(const gist_pathway *pw, const gist_facts *f)
{
    long best = -1;
    double best_score = -INFINITY;
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        if (r->kind != GIST_RULE_RECOMMEND || r->pred_count == 0)
            continue;
        size_t hold = 0;
        for (size_t k = 0; k < r->pred_count; k++)
            hold += pred_eval(&r->preds[k], f) == GIST_TRUE;
        /* Fewest conditions that fail, then most that hold. */
        double score = (double)hold - 1000.0 * (double)(r->pred_count - hold);
        if (score > best_score) {
            best_score = score;
            best = (long)i;
        }
    }
    return best;
}

/* The patient's value of a fact, for explanations. */
static void fact_value_text(gist_sb *sb, const gist_facts *f, int fact)
{
    const struct gist_fact_def *d = &gist__facts[fact];
    if (!((f->known >> fact) & 1u)) {
        gist__sb_puts(sb, "unknown");
        return;
    }
    switch (d->type) {
    case GIST_FT_ENUM: gist__sb_puts(sb, d->names[f->bits[fact]]); break;
    case GIST_FT_BOOL: gist__sb_puts(sb, f->bits[fact] ? "true" : "false"); break;
    case GIST_FT_AGENT:
        gist__sb_puts(sb, f->bits[fact] == 0 ? "none" : gist__agents[f->bits[fact] - 1].name);
        break;
    case GIST_FT_NUMBER: gist__sb_num(sb, f->num[fact]); break;
    case GIST_FT_AGENTS: {
        int first = 1;
        gist__sb_putc(sb, '{');
        for (size_t k = 0; k < gist__agent_count; k++) {
            if (f->bits[fact] >> k & 1u) {
                gist__sb_puts(sb, first ? "" : ", ");
                gist__sb_puts(sb, gist__agents[k].name);
                first = 0;
            }
        }
        gist__sb_putc(sb, '}');
        break;
    }
    }
}

static const char *hint_of(const gist_pathway *pw, int fact)
{
    return pw->hints[fact] ? pw->hints[fact] : gist__facts[fact].hint;
}

static void add_alert(gist_advice *a, const gist_alert *al)
{
    for (size_t k = 0; k < a->alert_count; k++)
        if (a->alerts[k] == al)
            return;
    a->alerts[a->alert_count++] = al;
}

/* Explanation for undetermined advice: which facts the blocking rule r waits for. */
static gist_status explain_missing(gist_advice *a, const gist_pathway *pw, const struct gist_rule *r)
{
    gist_sb sb;
    gist__sb_init(&sb);
    gist__sb_printf(&sb, "Undetermined: rule \"%s\" (%s) may apply but depends on %s not known: ", r->id, r->title,
                   a->missing_count == 1 ? "a fact that is" : "facts that are");
    for (size_t i = 0; i < a->missing_count; i++)
        gist__sb_printf(&sb, "%s%s", i ? ", " : "", gist__facts[a->missing[i]].name);
    gist__sb_putc(&sb, '.');
    for (size_t i = 0; i < a->missing_count; i++) {
        gist__sb_putc(&sb, ' ');
        gist__sb_puts(&sb, hint_of(pw, a->missing[i]));
    }
    return gist__sb_finish(&sb, &a->owned);
}

/* Explanation when no rule applies: the nearest rule and what keeps it from applying. */
static gist_status explain_nearest(gist_advice *a, const gist_pathway *pw, const gist_facts *f)
{
    gist_sb sb;
    gist__sb_init(&sb);
    gist__sb_printf(&sb, "Not covered: no rule of pathway %s %s addresses this situation.", pw->id, pw->version);
    const struct gist_rule *r = a->nearest;
    if (r != NULL) {
        gist__sb_printf(&sb, " The nearest rule is \"%s\" (%s), which does not apply:", r->id, r->title);
        int first = 1;
        for (size_t k = 0; k < r->pred_count; k++) {
            const struct gist_pred *p = &r->preds[k];
            if (pred_eval(p, f) == GIST_TRUE)
                continue;
            gist__sb_printf(&sb, "%s it requires %s, but %s is ", first ? "" : ";", p->text, gist__facts[p->fact].name);
            fact_value_text(&sb, f, p->fact);
            first = 0;
        }
        gist__sb_puts(&sb, ". Its basis: ");
        gist__sb_puts(&sb, r->rationale);
    }
    return gist__sb_finish(&sb, &a->owned);
}

static gist_status advise(gist_advice **out, const gist_pathway *pw, const gist_patient *pt, int borrow)
{

    const gist_facts *f = &pt->facts;
    size_t id_len = pt->id ? strlen(pt->id) : 0;
    size_t size = sizeof(gist_advice) + pw->rule_count * sizeof(struct gist_trace_entry) +
                  pw->max_alerts * sizeof(const gist_alert *) + id_len + 1;
    gist_advice *a = gist__malloc(size);
    if (GIST_UNLIKELY(a == NULL))
        return gist__error(GIST_ENOMEM, "gist_advise: out of memory");
    unsigned char *tail = (unsigned char *)(a + 1);
    a->trace = (struct gist_trace_entry *)tail;
    tail += pw->rule_count * sizeof(struct gist_trace_entry);
    a->alerts = (const gist_alert **)tail;
    tail += pw->max_alerts * sizeof(const gist_alert *);
    a->patient_id = (char *)tail;
    memcpy(a->patient_id, pt->id ? pt->id : "", id_len + 1);

    a->pathway = NULL;
    a->rule = a->nearest = NULL;
    a->owned = NULL;
    a->evidence = NULL;
    a->evidence_count = a->alert_count = a->missing_count = a->trace_count = 0;

    long decider = -1;
    int unknown_seen = 0;
    const struct gist_rule *blocking = NULL; /* the first decision rule that is unknown */
    uint32_t missing = 0;
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        if (r->kind == GIST_RULE_ALERT) {
            if (gist__rule_eval(r, f, NULL) == GIST_TRUE) {
                a->trace[a->trace_count++] = (struct gist_trace_entry){r, GIST_TRACE_FIRED};
                for (size_t k = 0; k < r->alert_count; k++)
                    add_alert(a, r->alerts[k]);
            }
            continue;
        }
        if (decider >= 0 || unknown_seen)
            continue;
        uint32_t unk = 0;
        int res = gist__rule_eval(r, f, &unk);
        if (res == GIST_UNKNOWN) {
            /* This rule might hold: nothing after it can decide until its facts are known. */
            unknown_seen = 1;
            blocking = r;
            a->trace[a->trace_count++] = (struct gist_trace_entry){r, GIST_TRACE_UNKNOWN};
            for (size_t k = 0; k < r->pred_count; k++) {
                uint32_t bit = UINT32_C(1) << r->preds[k].fact;
                if ((unk & bit) && !(missing & bit)) {
                    missing |= bit;
                    a->missing[a->missing_count++] = r->preds[k].fact;
                }
            }
            a->evidence = r->evidence;
            a->evidence_count = r->evidence_count;
        } else if (res == GIST_TRUE) {
            decider = (long)i;
            a->trace[a->trace_count++] = (struct gist_trace_entry){r, GIST_TRACE_FIRED};
        }
    }

    gist_status st = GIST_OK;
    if (blocking != NULL) {
        a->outcome = GIST_OUTCOME_UNDETERMINED;
        st = explain_missing(a, pw, blocking);
        a->rationale = a->owned;
    } else if (decider >= 0) {
        const struct gist_rule *r = &pw->rules[decider];
        a->rule = r;
        a->outcome = r->kind == GIST_RULE_RECOMMEND ? GIST_OUTCOME_RECOMMENDED : GIST_OUTCOME_NOT_COVERED;
        a->rationale = r->rationale;
        a->evidence = r->evidence;
        a->evidence_count = r->evidence_count;
        for (size_t k = 0; k < r->alert_count; k++)
            add_alert(a, r->alerts[k]);
    } else {
        a->outcome = GIST_OUTCOME_NOT_COVERED;
        long n = nearest_rule(pw, f);
        if (n >= 0) {
            a->nearest = &pw->rules[n];
            a->trace[a->trace_count++] = (struct gist_trace_entry){a->nearest, GIST_TRACE_NEAREST};
            a->evidence = a->nearest->evidence;
            a->evidence_count = a->nearest->evidence_count;
        }
        st = explain_nearest(a, pw, f);
        a->rationale = a->owned;
    }
    if (st != GIST_OK) {
        gist__free(a);
        return st;
    }
    a->borrowed = borrow;
    a->pathway = borrow ? (gist_pathway *)(uintptr_t)pw : gist__pathway_retain(pw);
    *out = a;
    return GIST_OK;
}

gist_status gist_advise(gist_advice **out, const gist_pathway *pw, const gist_patient *pt)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "pathway");
    GIST_CHECK_NULL(pt, "patient");
    return advise(out, pw, pt, 0);
}

gist_status gist__advise_borrowed(gist_advice **out, const gist_pathway *pw, const gist_patient *pt)
{
    *out = NULL;
    return advise(out, pw, pt, 1);
}

gist_status gist_advise_batch(const gist_pathway *pw, const gist_patient *const *patients, size_t count,
                              gist_outcome *outcomes, const gist_rule **rules)
{
    GIST_CHECK_NULL(pw, "pathway");
    if (count == 0)
        return GIST_OK;
    GIST_CHECK_NULL(patients, "patients");
    GIST_CHECK_NULL(outcomes, "outcomes");
    for (size_t i = 0; i < count; i++) {
        if (patients[i] == NULL)
            return gist__error(GIST_EINVAL, "gist_advise_batch: patients[%zu] is NULL", i);
        long decider;
        int unknown;
        outcomes[i] = decide(pw, &patients[i]->facts, &decider, &unknown);
        if (rules != NULL) {
            if (unknown)
                rules[i] = NULL;
            else if (decider >= 0)
                rules[i] = &pw->rules[decider];
            else {
                long n = nearest_rule(pw, &patients[i]->facts);
                rules[i] = n >= 0 ? &pw->rules[n] : NULL;
            }
        }
    }
    return GIST_OK;
}

void gist_advice_free(gist_advice *a)
{
    if (a == NULL)
        return;
    gist_pathway *pw = a->borrowed ? NULL : a->pathway;
    gist__free(a->owned);
    gist__free(a);
    gist_pathway_free(pw);
}

/* ---- accessors ---- */

gist_outcome gist_advice_outcome(const gist_advice *a) { return a ? a->outcome : (gist_outcome)0; }
const char *gist_advice_pathway_id(const gist_advice *a) { return a ? a->pathway->id : NULL; }
const char *gist_advice_pathway_version(const gist_advice *a) { return a ? a->pathway->version : NULL; }
const char *gist_advice_patient_id(const gist_advice *a) { return a ? a->patient_id : NULL; }
const gist_rule *gist_advice_rule(const gist_advice *a) { return a ? a->rule : NULL; }
const char *gist_advice_rationale(const gist_advice *a) { return a ? a->rationale : NULL; }
size_t gist_advice_evidence_count(const gist_advice *a) { return a ? a->evidence_count : 0; }
size_t gist_advice_option_count(const gist_advice *a)
{
    return a && a->outcome == GIST_OUTCOME_RECOMMENDED ? a->rule->option_count : 0;
}
size_t gist_advice_alert_count(const gist_advice *a) { return a ? a->alert_count : 0; }
size_t gist_advice_missing_count(const gist_advice *a) { return a ? a->missing_count : 0; }
size_t gist_advice_trace_count(const gist_advice *a) { return a ? a->trace_count : 0; }

const char *gist_advice_evidence(const gist_advice *a, size_t i)
{
    return a && i < a->evidence_count ? a->evidence[i] : NULL;
}

const char *gist_advice_evidence_text(const gist_advice *a, const char *id)
{
    return a ? gist_pathway_evidence_lookup(a->pathway, id) : NULL;
}

const gist_option *gist_advice_option(const gist_advice *a, size_t i)
{
    return i < gist_advice_option_count(a) ? &a->rule->options[i] : NULL;
}

const gist_alert *gist_advice_alert(const gist_advice *a, size_t i)
{
    return a && i < a->alert_count ? a->alerts[i] : NULL;
}

const char *gist_advice_missing_fact(const gist_advice *a, size_t i)
{
    return a && i < a->missing_count ? gist__facts[a->missing[i]].name : NULL;
}

const char *gist_advice_missing_hint(const gist_advice *a, size_t i)
{
    return a && i < a->missing_count ? hint_of(a->pathway, a->missing[i]) : NULL;
}

const gist_rule *gist_advice_trace_rule(const gist_advice *a, size_t i)
{
    return a && i < a->trace_count ? a->trace[i].rule : NULL;
}

gist_trace_result gist_advice_trace_result(const gist_advice *a, size_t i)
{
    return a && i < a->trace_count ? (gist_trace_result)a->trace[i].result : (gist_trace_result)0;
}
