/*
 * Pathways: loading, validation and access.
 *
 * A pathway file is read into an arena in one pass and then checked as a
 * whole: every reference must resolve (agents, evidence ids, alert ids,
 * facts), no condition may contradict itself, and no decision rule may be
 * shadowed by an earlier one that always applies first. The format is
 * described in docs/pathway-format.md.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/agent.h"
#include "model/builtin.h"
#include "model/facts.h"
#include "model/pathway.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/json_in.h"
#include "util/names.h"
#include "util/strbuf.h"

#define MAX_RULES 1024u
#define MAX_PREDS 32u
#define MAX_OPTIONS 32u
#define MAX_REFS 32u
#define MAX_EVIDENCE 4096u

_Static_assert(sizeof(uint64_t) * 8 > 15 + 1, "agent masks hold every agent and none");

typedef struct loader {
    gist_jin in;
    gist_pathway *pw;
} loader;

static const char *const top_keys[] = {"format", "id",     "version", "title", "description", "source",
                                       "evidence", "facts", "alerts", "rules", NULL};
static const char *const rule_keys[] = {"id",       "kind",    "title",  "when", "rationale",
                                        "evidence", "options", "alerts", "notes", NULL};
static const char *const option_keys[] = {"action", "agent",   "dose_mg",   "schedule", "dose_text",
                                          "line",   "summary", "rationale", "evidence", NULL};
static const char *const alert_keys[] = {"severity", "text", "evidence", NULL};
static const char *const pred_keys[] = {"fact", "is",       "in",           "not_in",   "eq",         "min",
                                        "max",  "includes", "includes_any", "excludes", "if_unknown", "known", NULL};
const char *const gist__unknown_policy_names[3] = {"false", "true", "undetermined"};

/* ---- small helpers ---- */

static gist_status err(loader *L, gist_status st, const char *fmt, ...) GIST_PRINTF(3, 4);
static gist_status err(loader *L, gist_status st, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return gist__jin_error(&L->in, 0, st, "%s", text);
}

static gist_status oom(void)
{
    return gist__error(GIST_ENOMEM, "out of memory while loading a pathway");
}

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !isalnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-/", s[i]))
            return 0;
    return 1;
}

/* Required or optional string member copied into the arena (non-empty when present). */
static gist_status get_text(loader *L, json_t *obj, const char *key, int required, size_t max,
                            const char **out)
{
    const char *s = NULL;
    gist_status st = gist__jin_string(&L->in, obj, key, required, max, &s);
    if (st != GIST_OK)
        return st;
    if (s == NULL) {
        *out = "";
        return GIST_OK;
    }
    if (s[0] == '\0') {
        gist__jpath_push_key(&L->in.path, key);
        st = err(L, GIST_ESCHEMA, "\"%s\" must not be empty", key);
        gist__jpath_pop(&L->in.path);
        return st;
    }
    if ((*out = gist__arena_strdup(&L->pw->arena, s)) == NULL)
        return oom();
    return GIST_OK;
}

/* An array member whose length is checked (0 < n <= max unless optional and absent). */
static gist_status get_array(loader *L, json_t *obj, const char *key, int required, size_t max, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL) {
        if (required)
            return err(L, GIST_ESCHEMA, "missing required field \"%s\"", key);
        return GIST_OK;
    }
    gist__jpath_push_key(&L->in.path, key);
    gist_status st = GIST_OK;
    if (!json_is_array(v))
        st = err(L, GIST_ESCHEMA, "\"%s\" must be an array", key);
    else if (json_array_size(v) == 0 && required)
        st = err(L, GIST_ESCHEMA, "\"%s\" must not be empty", key);
    else if (json_array_size(v) > max)
        st = err(L, GIST_ELIMIT, "\"%s\" has %zu entries; the limit is %zu", key, json_array_size(v), max);
    gist__jpath_pop(&L->in.path);
    if (st == GIST_OK)
        *out = v;
    return st;
}

/* Resolve an array of evidence ids to the pathway's interned ids. */
static gist_status get_evidence(loader *L, json_t *obj, const char ***out, size_t *count)
{
    json_t *arr;
    gist_status st = get_array(L, obj, "evidence", 1, MAX_REFS, &arr);
    if (st != GIST_OK)
        return st;
    const char **ids = gist__arena_alloc(&L->pw->arena, json_array_size(arr) * sizeof *ids);
    if (ids == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "evidence");
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        gist__jpath_push_index(&L->in.path, i);
        if (!json_is_string(v))
            st = err(L, GIST_ESCHEMA, "an evidence id is a string");
        else if ((ids[i] = gist__pathway_evidence_find(L->pw, json_string_value(v))) == NULL)
            st = err(L, GIST_ENOTFOUND, "evidence id \"%s\" is not in the pathway's evidence table",
                     json_string_value(v));
        gist__jpath_pop(&L->in.path);
        if (st != GIST_OK)
            break;
    }
    gist__jpath_pop(&L->in.path);
    *out = ids;
    *count = json_array_size(arr);
    return st;
}

/* ---- the header: evidence, fact hints and the alert table ---- */

static gist_status read_evidence_table(loader *L, json_t *root)
{
    json_t *ev = json_object_get(root, "evidence");
    if (ev == NULL)
        return err(L, GIST_ESCHEMA, "missing required field \"evidence\" (an object of evidence id: statement)");
    gist__jpath_push_key(&L->in.path, "evidence");
    gist_status st = GIST_OK;
    if (!json_is_object(ev) || json_object_size(ev) == 0)
        st = err(L, GIST_ESCHEMA, "\"evidence\" must be a non-empty object of evidence id: statement");
    else if (json_object_size(ev) > MAX_EVIDENCE)
        st = err(L, GIST_ELIMIT, "%zu evidence entries; the limit is %u", json_object_size(ev), MAX_EVIDENCE);
    size_t n = st == GIST_OK ? json_object_size(ev) : 0;
    gist_pathway *pw = L->pw;
    if (st == GIST_OK) {
        pw->evidence_ids = gist__arena_alloc(&pw->arena, n * sizeof *pw->evidence_ids);
        pw->evidence_texts = gist__arena_alloc(&pw->arena, n * sizeof *pw->evidence_texts);
        if (pw->evidence_ids == NULL || pw->evidence_texts == NULL)
            st = oom();
    }
    if (st == GIST_OK) {
        const char *key;
        json_t *v;
        json_object_foreach(ev, key, v) {
            gist__jpath_push_key(&L->in.path, key);
            if (!valid_id(key))
                st = gist__jin_error(&L->in, 1, GIST_ESCHEMA,
                                     "evidence id \"%s\" must be 1-64 letters, digits, '.', '_', '-' or '/'", key);
            else if (!json_is_string(v) || json_string_length(v) == 0)
                st = err(L, GIST_ESCHEMA, "the statement of evidence \"%s\" must be a non-empty string", key);
            else if (json_string_length(v) > GIST_MAX_TEXT_BYTES)
                st = err(L, GIST_ELIMIT, "statement longer than %u bytes", GIST_MAX_TEXT_BYTES);
            gist__jpath_pop(&L->in.path);
            if (st != GIST_OK)
                break;
            size_t k = pw->evidence_count;
            pw->evidence_ids[k] = gist__arena_strdup(&pw->arena, key);
            pw->evidence_texts[k] = gist__arena_strdup(&pw->arena, json_string_value(v));
            if (pw->evidence_ids[k] == NULL || pw->evidence_texts[k] == NULL) {
                st = oom();
                break;
            }
            pw->evidence_count++;
        }
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

static gist_status read_fact_hints(loader *L, json_t *root)
{
    json_t *facts = json_object_get(root, "facts");
    if (facts == NULL)
        return GIST_OK;
    gist__jpath_push_key(&L->in.path, "facts");
    gist_status st = GIST_OK;
    if (!json_is_object(facts))
        st = err(L, GIST_ESCHEMA, "\"facts\" must be an object of fact name: how to establish it");
    if (st == GIST_OK) {
        const char *key;
        json_t *v;
        json_object_foreach(facts, key, v) {
            gist__jpath_push_key(&L->in.path, key);
            int f = gist__fact_index(key);
            if (f < 0)
                st = gist__jin_error(&L->in, 1, GIST_ESCHEMA, "unknown fact \"%s\"", key);
            else if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > GIST_MAX_TEXT_BYTES)
                st = err(L, GIST_ESCHEMA, "the hint for \"%s\" must be a non-empty string", key);
            else if ((L->pw->hints[f] = gist__arena_strdup(&L->pw->arena, json_string_value(v))) == NULL)
                st = oom();
            gist__jpath_pop(&L->in.path);
            if (st != GIST_OK)
                break;
        }
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

static gist_status read_alert_table(loader *L, json_t *root)
{
    json_t *alerts = json_object_get(root, "alerts");
    if (alerts == NULL)
        return GIST_OK;
    gist__jpath_push_key(&L->in.path, "alerts");
    gist_status st = GIST_OK;
    if (!json_is_object(alerts))
        st = err(L, GIST_ESCHEMA, "\"alerts\" must be an object of alert id: alert");
    else if (json_object_size(alerts) > MAX_RULES)
        st = err(L, GIST_ELIMIT, "%zu alerts; the limit is %u", json_object_size(alerts), MAX_RULES);
    gist_pathway *pw = L->pw;
    if (st == GIST_OK &&
        (pw->alerts = gist__arena_alloc(&pw->arena, json_object_size(alerts) * sizeof *pw->alerts)) == NULL)
        st = oom();
    if (st == GIST_OK && pw->alerts != NULL) {
        const char *key;
        json_t *v;
        json_object_foreach(alerts, key, v) {
            gist__jpath_push_key(&L->in.path, key);
            struct gist_alert *a = &pw->alerts[pw->alert_table_count];
            int sev = 0;
            if (!valid_id(key))
                st = gist__jin_error(&L->in, 1, GIST_ESCHEMA,
                                     "alert id \"%s\" must be 1-64 letters, digits, '.', '_', '-' or '/'", key);
            else if (!json_is_object(v))
                st = err(L, GIST_ESCHEMA, "an alert is an object with severity, text and evidence");
            if (st == GIST_OK)
                st = gist__jin_check_keys(&L->in, v, alert_keys);
            if (st == GIST_OK)
                st = gist__jin_enum(&L->in, v, "severity", 1, gist__severity_names, GIST_SEVERITY_END, &sev);
            if (st == GIST_OK)
                st = get_text(L, v, "text", 1, GIST_MAX_TEXT_BYTES, &a->text);
            if (st == GIST_OK)
                st = get_evidence(L, v, &a->evidence, &a->evidence_count);
            if (st == GIST_OK && (a->id = gist__arena_strdup(&pw->arena, key)) == NULL)
                st = oom();
            gist__jpath_pop(&L->in.path);
            if (st != GIST_OK)
                break;
            a->severity = (gist_severity)sev;
            pw->alert_table_count++;
        }
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

/* ---- predicates ---- */

/* The mask bit of a value name for a fact ("none" and agent names for regimen.agent). */
static gist_status value_bit(loader *L, int fact, json_t *v, uint64_t *bit)
{
    const struct gist_fact_def *d = &gist__facts[fact];
    if (d->type == GIST_FT_BOOL) {
        if (!json_is_boolean(v))
            return err(L, GIST_ESCHEMA, "%s is true or false", d->name);
        *bit = UINT64_C(1) << (json_is_true(v) ? 1 : 0);
        return GIST_OK;
    }
    if (!json_is_string(v))
        return err(L, GIST_ESCHEMA, "a value of %s is a string", d->name);
    const char *s = json_string_value(v);
    if (d->type == GIST_FT_ENUM) {
        int k = gist__name_index(d->names, d->name_count, s);
        if (k <= 0) {
            char list[400];
            size_t n = 0;
            list[0] = '\0';
            for (int i = 1; i < d->name_count && n < sizeof list; i++) {
                int w = snprintf(list + n, sizeof list - n, "%s%s", i > 1 ? ", " : "", d->names[i]);
                if (w < 0)
                    break;
                n += (size_t)w;
            }
            return err(L, GIST_ESCHEMA, "\"%s\" is not a value of %s (expected one of: %s)", s, d->name, list);
        }
        *bit = UINT64_C(1) << k;
        return GIST_OK;
    }
    /* Agents: registry index + 1; "none" (no current regimen) is 0, only for regimen.agent. */
    if (d->type == GIST_FT_AGENT && strcmp(s, "none") == 0) {
        *bit = 1;
        return GIST_OK;
    }
    const gist_agent *a = gist__agent_find(s);
    if (a == NULL) {
        unsigned long line, column;
        gist__jin_locate(&L->in, 0, &line, &column);
        return gist__agent_lookup_at(&a, s, L->in.source, line, column, d->name);
    }
    size_t idx = gist_agent_index(a);
    *bit = UINT64_C(1) << (d->type == GIST_FT_AGENT ? idx + 1 : idx);
    return GIST_OK;
}

static gist_status value_set(loader *L, int fact, json_t *pred, const char *key, uint64_t *mask)
{
    json_t *v = json_object_get(pred, key);
    gist__jpath_push_key(&L->in.path, key);
    gist_status st = GIST_OK;
    *mask = 0;
    if (json_is_array(v)) {
        if (json_array_size(v) == 0 || json_array_size(v) > 64)
            st = err(L, GIST_ESCHEMA, "\"%s\" lists 1 to 64 values", key);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (st != GIST_OK)
                break;
            uint64_t bit = 0;
            gist__jpath_push_index(&L->in.path, i);
            st = value_bit(L, fact, e, &bit);
            gist__jpath_pop(&L->in.path);
            *mask |= bit;
        }
    } else if (strcmp(key, "is") == 0) {
        st = value_bit(L, fact, v, mask);
    } else {
        st = err(L, GIST_ESCHEMA, "\"%s\" must be an array of values", key);
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

/* Readable names of the values in mask. */
static void mask_text(gist_sb *sb, int fact, uint64_t mask)
{
    const struct gist_fact_def *d = &gist__facts[fact];
    int first = 1, n = 0;
    for (uint64_t m = mask; m; m &= m - 1)
        n++;
    if (n > 1)
        gist__sb_putc(sb, '{');
    for (int k = 0; k < 64; k++) {
        if (!(mask >> k & 1))
            continue;
        if (!first)
            gist__sb_puts(sb, ", ");
        first = 0;
        switch (d->type) {
        case GIST_FT_ENUM: gist__sb_puts(sb, d->names[k]); break;
        case GIST_FT_BOOL: gist__sb_puts(sb, k ? "true" : "false"); break;
        case GIST_FT_AGENT: gist__sb_puts(sb, k == 0 ? "none" : gist__agents[k - 1].name); break;
        default: gist__sb_puts(sb, gist__agents[k].name); break;
        }
    }
    if (n > 1)
        gist__sb_putc(sb, '}');
}

static gist_status pred_text(loader *L, struct gist_pred *p, int negated)
{
    const struct gist_fact_def *d = &gist__facts[p->fact];
    gist_sb sb;
    gist__sb_init(&sb);
    gist__sb_puts(&sb, d->name);
    switch (p->op) {
    case GIST_OP_IN: {
        uint64_t shown = negated ? gist__fact_full_mask(p->fact) & ~p->mask : p->mask;
        int single = (shown & (shown - 1)) == 0;
        gist__sb_puts(&sb, negated ? (single ? " is not " : " not in ") : (single ? " is " : " in "));
        mask_text(&sb, p->fact, shown);
        break;
    }
    case GIST_OP_RANGE:
        if (p->lo == p->hi) {
            gist__sb_puts(&sb, " = ");
            gist__sb_num(&sb, p->lo);
        } else if (p->hi == INFINITY) {
            gist__sb_puts(&sb, " >= ");
            gist__sb_num(&sb, p->lo);
        } else if (p->lo == -INFINITY) {
            gist__sb_puts(&sb, " <= ");
            gist__sb_num(&sb, p->hi);
        } else {
            gist__sb_puts(&sb, " in ");
            gist__sb_num(&sb, p->lo);
            gist__sb_puts(&sb, "..");
            gist__sb_num(&sb, p->hi);
        }
        break;
    case GIST_OP_HAS_ALL: gist__sb_puts(&sb, " includes "); mask_text(&sb, p->fact, p->mask); break;
    case GIST_OP_HAS_ANY: gist__sb_puts(&sb, " includes any of "); mask_text(&sb, p->fact, p->mask); break;
    default: gist__sb_puts(&sb, " excludes "); mask_text(&sb, p->fact, p->mask); break;
    }
    if (p->if_unknown != GIST_UNKNOWN)
        gist__sb_printf(&sb, " (if unknown: %s)", gist__unknown_policy_names[p->if_unknown]);
    char *s = NULL;
    if (gist__sb_finish(&sb, &s) != GIST_OK)
        return oom();
    p->text = gist__arena_strdup(&L->pw->arena, s);
    gist__free(s);
    return p->text ? GIST_OK : oom();
}

static gist_status read_pred(loader *L, json_t *v, struct gist_pred *p)
{
    if (!json_is_object(v))
        return err(L, GIST_ESCHEMA, "a condition is an object such as {\"fact\": \"response\", \"is\": \"progression\"}");
    gist_status st = gist__jin_check_keys(&L->in, v, pred_keys);
    const char *fact = NULL;
    if (st == GIST_OK)
        st = gist__jin_string(&L->in, v, "fact", 1, GIST_MAX_NAME_BYTES, &fact);
    if (st != GIST_OK)
        return st;
    int f = gist__fact_index(fact);
    if (f < 0) {
        char list[512];
        size_t n = 0;
        for (int i = 0; i < GIST_FACT_COUNT && n < sizeof list; i++) {
            int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", gist__facts[i].name);
            if (w < 0)
                break;
            n += (size_t)w;
        }
        gist__jpath_push_key(&L->in.path, "fact");
        st = err(L, GIST_ESCHEMA, "unknown fact \"%s\" (known facts: %s)", fact, list);
        gist__jpath_pop(&L->in.path);
        return st;
    }
    p->fact = (uint8_t)f;
    json_t *known = json_object_get(v, "known");
    if (known != NULL) {
        /* "known": whether the fact is recorded at all, whatever its value. */
        gist__jpath_push_key(&L->in.path, "known");
        if (!json_is_boolean(known))
            st = err(L, GIST_ESCHEMA, "\"known\" is true or false");
        else if (json_object_size(v) != 2)
            st = err(L, GIST_ESCHEMA, "\"known\" is the only test of its condition");
        gist__jpath_pop(&L->in.path);
        if (st != GIST_OK)
            return st;
        /* Tests that hold (excludes nothing) or fail (includes any of nothing) for every
         * known value, whatever the fact's type; the answer for unknown does the work. */
        p->op = json_is_true(known) ? GIST_OP_HAS_NONE : GIST_OP_HAS_ANY;
        p->mask = 0;
        p->if_unknown = json_is_true(known) ? GIST_FALSE : GIST_TRUE;
        gist_sb sb;
        gist__sb_init(&sb);
        gist__sb_printf(&sb, "%s %s", gist__facts[f].name, json_is_true(known) ? "is known" : "is unknown");
        char *text = NULL;
        if (gist__sb_finish(&sb, &text) != GIST_OK)
            return oom();
        p->text = gist__arena_strdup(&L->pw->arena, text);
        gist__free(text);
        return p->text ? GIST_OK : oom();
    }
    int policy = GIST_UNKNOWN;
    if (json_object_get(v, "if_unknown") != NULL)
        st = gist__jin_enum(&L->in, v, "if_unknown", 1, gist__unknown_policy_names, 3, &policy);
    if (st != GIST_OK)
        return st;
    p->if_unknown = (uint8_t)policy;

    /* Exactly one kind of test, allowed for the fact's type. */
    enum gist_fact_type t = gist__facts[f].type;
    static const char *const set_ops[] = {"is", "in", "not_in"};
    static const char *const num_ops[] = {"eq", "min", "max"};
    static const char *const agents_ops[] = {"includes", "includes_any", "excludes"};
    int n_set = 0, n_num = 0, n_agents = 0;
    const char *used = NULL;
    for (int i = 0; i < 3; i++) {
        if (json_object_get(v, set_ops[i])) {
            n_set++;
            used = set_ops[i];
        }
        if (json_object_get(v, num_ops[i]))
            n_num++;
        if (json_object_get(v, agents_ops[i])) {
            n_agents++;
            used = agents_ops[i];
        }
    }
    int negated = 0;
    if (n_set + n_num + n_agents == 0)
        return err(L, GIST_ESCHEMA, "condition on %s has no test (is, in, not_in, eq, min, max, includes, ...)",
                   fact);
    if (t == GIST_FT_NUMBER) {
        if (n_set || n_agents)
            return err(L, GIST_ESCHEMA, "%s is a number: test it with eq, min and max", fact);
        double eq = 0, lo = -INFINITY, hi = INFINITY;
        int has_eq = 0, has_lo = 0, has_hi = 0;
        st = gist__jin_number(&L->in, v, "eq", 0, &eq, &has_eq);
        if (st == GIST_OK)
            st = gist__jin_number(&L->in, v, "min", 0, &lo, &has_lo);
        if (st == GIST_OK)
            st = gist__jin_number(&L->in, v, "max", 0, &hi, &has_hi);
        if (st != GIST_OK)
            return st;
        if (has_eq && (has_lo || has_hi))
            return err(L, GIST_ESCHEMA, "use either eq or min/max, not both");
        if (has_eq)
            lo = hi = eq;
        if (lo > hi)
            return err(L, GIST_EPATHWAY, "condition on %s can never hold: min %g is above max %g", fact, lo, hi);
        p->op = GIST_OP_RANGE;
        p->lo = lo;
        p->hi = hi;
    } else if (t == GIST_FT_AGENTS) {
        if (n_set || n_num || n_agents != 1)
            return err(L, GIST_ESCHEMA, "%s is tested with exactly one of includes, includes_any, excludes", fact);
        if ((st = value_set(L, f, v, used, &p->mask)) != GIST_OK)
            return st;
        p->op = strcmp(used, "includes") == 0 ? GIST_OP_HAS_ALL
                : strcmp(used, "includes_any") == 0 ? GIST_OP_HAS_ANY
                                                     : GIST_OP_HAS_NONE;
    } else {
        if (n_num || n_agents || n_set != 1)
            return err(L, GIST_ESCHEMA, "%s is tested with exactly one of is, in, not_in", fact);
        if (t == GIST_FT_BOOL && strcmp(used, "is") != 0)
            return err(L, GIST_ESCHEMA, "%s is true or false: test it with is", fact);
        if ((st = value_set(L, f, v, used, &p->mask)) != GIST_OK)
            return st;
        if (strcmp(used, "not_in") == 0) {
            negated = 1;
            p->mask = gist__fact_full_mask(f) & ~p->mask;
            if (p->mask == 0)
                return err(L, GIST_EPATHWAY, "condition on %s excludes every value and can never hold", fact);
        }
        p->op = GIST_OP_IN;
    }
    p->negated = (uint8_t)negated;
    return pred_text(L, p, negated);
}

/* ---- options and rules ---- */

static gist_status read_option(loader *L, json_t *v, struct gist_option *o)
{
    if (!json_is_object(v))
        return err(L, GIST_ESCHEMA, "an option is an object with action, summary, rationale and evidence");
    gist_status st = gist__jin_check_keys(&L->in, v, option_keys);
    int action = 0, schedule = 0;
    const gist_agent *agent = NULL;
    if (st == GIST_OK)
        st = gist__jin_enum(&L->in, v, "action", 1, gist__action_names, GIST_ACTION_END, &action);
    if (st == GIST_OK)
        st = gist__jin_agent(&L->in, v, "agent", 0, &agent);
    if (st != GIST_OK)
        return st;
    o->action = (gist_action)action;
    o->agent = agent ? (int)gist_agent_index(agent) : -1;
    /* continue and resume without an agent mean the current regimen */
    int needs_agent = action == GIST_ACTION_ESCALATE || action == GIST_ACTION_SWITCH ||
                      action == GIST_ACTION_START || action == GIST_ACTION_CONSIDER_OFF_LABEL;
    if (needs_agent && agent == NULL)
        return err(L, GIST_ESCHEMA, "action \"%s\" needs an \"agent\"", gist__action_names[action]);
    int has_dose = 0;
    o->dose_mg = 0;
    if ((st = gist__jin_number(&L->in, v, "dose_mg", 0, &o->dose_mg, &has_dose)) != GIST_OK)
        return st;
    if (has_dose) {
        gist__jpath_push_key(&L->in.path, "dose_mg");
        if (agent == NULL)
            st = err(L, GIST_ESCHEMA, "a dose needs an agent");
        else if (gist_agent_check_dose(agent, o->dose_mg) != GIST_OK) {
            char why[512];
            snprintf(why, sizeof why, "%s", gist_error_last()->message);
            st = err(L, GIST_ERANGE, "%s", why);
        }
        gist__jpath_pop(&L->in.path);
        if (st != GIST_OK)
            return st;
    }
    if (json_object_get(v, "schedule") &&
        (st = gist__jin_enum(&L->in, v, "schedule", 1, gist__schedule_names, GIST_SCHEDULE_COUNT, &schedule)) !=
            GIST_OK)
        return st;
    o->schedule = (gist_schedule)schedule;
    double line = 0;
    int has_line = 0;
    if ((st = gist__jin_number(&L->in, v, "line", 0, &line, &has_line)) != GIST_OK)
        return st;
    if (has_line && (line != floor(line) || line < 1 || line > 20)) {
        gist__jpath_push_key(&L->in.path, "line");
        st = err(L, GIST_ERANGE, "line must be a whole number from 1 to 20");
        gist__jpath_pop(&L->in.path);
        return st;
    }
    o->line = (int)line;
    if ((st = get_text(L, v, "dose_text", 0, GIST_MAX_TEXT_BYTES, &o->dose_text)) != GIST_OK ||
        (st = get_text(L, v, "summary", 1, GIST_MAX_TEXT_BYTES, &o->summary)) != GIST_OK ||
        (st = get_text(L, v, "rationale", 1, GIST_MAX_TEXT_BYTES, &o->rationale)) != GIST_OK)
        return st;
    return get_evidence(L, v, &o->evidence, &o->evidence_count);
}

static const gist_alert *alert_find(const gist_pathway *pw, const char *id)
{
    for (size_t i = 0; i < pw->alert_table_count; i++)
        if (strcmp(pw->alerts[i].id, id) == 0)
            return &pw->alerts[i];
    return NULL;
}

static gist_status read_rule(loader *L, json_t *v, struct gist_rule *r)
{
    if (!json_is_object(v))
        return err(L, GIST_ESCHEMA, "a rule is an object");
    gist_status st = gist__jin_check_keys(&L->in, v, rule_keys);
    int kind = 0;
    static const char *const kinds[4] = {NULL, "recommend", "not_covered", "alert"};
    if (st == GIST_OK)
        st = get_text(L, v, "id", 1, 64, &r->id);
    if (st == GIST_OK && !valid_id(r->id)) {
        gist__jpath_push_key(&L->in.path, "id");
        st = err(L, GIST_ESCHEMA, "rule id \"%s\" must be 1-64 letters, digits, '.', '_', '-' or '/'", r->id);
        gist__jpath_pop(&L->in.path);
    }
    if (st == GIST_OK)
        st = gist__jin_enum(&L->in, v, "kind", 1, kinds, 4, &kind);
    if (st == GIST_OK)
        st = get_text(L, v, "title", 1, GIST_MAX_TEXT_BYTES, &r->title);
    if (st == GIST_OK)
        st = get_text(L, v, "rationale", 1, GIST_MAX_TEXT_BYTES, &r->rationale);
    if (st == GIST_OK)
        st = get_text(L, v, "notes", 0, GIST_MAX_TEXT_BYTES, &r->notes);
    if (st == GIST_OK)
        st = get_evidence(L, v, &r->evidence, &r->evidence_count);
    if (st != GIST_OK)
        return st;
    r->kind = (gist_rule_kind)kind;

    json_t *when;
    if ((st = get_array(L, v, "when", 0, MAX_PREDS, &when)) != GIST_OK)
        return st;
    if (when == NULL)
        return err(L, GIST_ESCHEMA, "missing required field \"when\" (use [] for a rule that always applies)");
    r->pred_count = json_array_size(when);
    if ((r->preds = gist__arena_alloc(&L->pw->arena, r->pred_count * sizeof *r->preds)) == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "when");
    for (size_t i = 0; i < r->pred_count && st == GIST_OK; i++) {
        gist__jpath_push_index(&L->in.path, i);
        st = read_pred(L, json_array_get(when, i), &r->preds[i]);
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    if (st != GIST_OK)
        return st;

    json_t *options;
    if ((st = get_array(L, v, "options", kind == GIST_RULE_RECOMMEND, MAX_OPTIONS, &options)) != GIST_OK)
        return st;
    if (options != NULL && kind != GIST_RULE_RECOMMEND && json_array_size(options) > 0) {
        gist__jpath_push_key(&L->in.path, "options");
        st = err(L, GIST_ESCHEMA, "only \"recommend\" rules have options");
        gist__jpath_pop(&L->in.path);
        return st;
    }
    r->option_count = options ? json_array_size(options) : 0;
    if ((r->options = gist__arena_alloc(&L->pw->arena, r->option_count * sizeof *r->options)) == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "options");
    for (size_t i = 0; i < r->option_count && st == GIST_OK; i++) {
        gist__jpath_push_index(&L->in.path, i);
        st = read_option(L, json_array_get(options, i), &r->options[i]);
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    if (st != GIST_OK)
        return st;

    json_t *alerts;
    if ((st = get_array(L, v, "alerts", kind == GIST_RULE_ALERT, MAX_REFS, &alerts)) != GIST_OK)
        return st;
    r->alert_count = alerts ? json_array_size(alerts) : 0;
    /* an array of pointers into the alert table, so the size of a pointer is meant */
    // NOLINTNEXTLINE(bugprone-sizeof-expression)
    if ((r->alerts = gist__arena_alloc(&L->pw->arena, r->alert_count * sizeof *r->alerts)) == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "alerts");
    for (size_t i = 0; i < r->alert_count && st == GIST_OK; i++) {
        json_t *a = json_array_get(alerts, i);
        gist__jpath_push_index(&L->in.path, i);
        if (!json_is_string(a))
            st = err(L, GIST_ESCHEMA, "an alert reference is the id of an entry of the pathway's \"alerts\"");
        else if ((r->alerts[i] = alert_find(L->pw, json_string_value(a))) == NULL)
            st = err(L, GIST_ENOTFOUND, "alert \"%s\" is not in the pathway's \"alerts\" table", json_string_value(a));
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

/* ---- whole-pathway checks ---- */

/* Whenever l holds, e holds (a sufficient test; false when unsure). */
static int implies(const struct gist_pred *l, const struct gist_pred *e)
{
    if (l->fact != e->fact)
        return 0;
    if (l->if_unknown == GIST_TRUE && e->if_unknown != GIST_TRUE)
        return 0;
    if (l->op == GIST_OP_IN && e->op == GIST_OP_IN)
        return (l->mask & ~e->mask) == 0;
    if (l->op == GIST_OP_RANGE && e->op == GIST_OP_RANGE)
        return e->lo <= l->lo && l->hi <= e->hi;
    if (l->op == GIST_OP_HAS_ALL && e->op == GIST_OP_HAS_ALL)
        return (e->mask & ~l->mask) == 0;
    if (l->op == GIST_OP_HAS_ALL && e->op == GIST_OP_HAS_ANY)
        return (e->mask & l->mask) != 0;
    if (l->op == GIST_OP_HAS_ANY && e->op == GIST_OP_HAS_ANY)
        return (l->mask & ~e->mask) == 0;
    if (l->op == GIST_OP_HAS_NONE && e->op == GIST_OP_HAS_NONE)
        return (e->mask & ~l->mask) == 0;
    return 0;
}

/* Every condition of e is implied by some condition of l. */
static int subsumes(const struct gist_rule *e, const struct gist_rule *l)
{
    for (size_t i = 0; i < e->pred_count; i++) {
        int found = 0;
        for (size_t j = 0; j < l->pred_count && !found; j++)
            found = implies(&l->preds[j], &e->preds[i]);
        if (!found)
            return 0;
    }
    return 1;
}

/* Two conditions on one fact that no value satisfies together. */
static int disjoint(const struct gist_pred *a, const struct gist_pred *b)
{
    if (a->fact != b->fact || (a->if_unknown == GIST_TRUE && b->if_unknown == GIST_TRUE))
        return 0;
    if (a->op == GIST_OP_IN && b->op == GIST_OP_IN)
        return (a->mask & b->mask) == 0;
    if (a->op == GIST_OP_RANGE && b->op == GIST_OP_RANGE)
        return (a->lo > b->lo ? a->lo : b->lo) > (a->hi < b->hi ? a->hi : b->hi);
    if ((a->op == GIST_OP_HAS_ALL && b->op == GIST_OP_HAS_NONE) ||
        (a->op == GIST_OP_HAS_NONE && b->op == GIST_OP_HAS_ALL))
        return (a->mask & b->mask) != 0;
    return 0;
}

static gist_status rule_error(loader *L, size_t rule, const char *field, gist_status st, const char *fmt, ...)
    GIST_PRINTF(5, 6);
static gist_status rule_error(loader *L, size_t rule, const char *field, gist_status st, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    L->in.path.depth = 0;
    gist__jpath_push_key(&L->in.path, "rules");
    gist__jpath_push_index(&L->in.path, rule);
    if (field)
        gist__jpath_push_key(&L->in.path, field);
    return gist__jin_error(&L->in, 0, st, "%s", text);
}

static gist_status check_rules(loader *L)
{
    gist_pathway *pw = L->pw;
    size_t decision_alert_max = 0, alert_rule_alerts = 0;
    for (size_t j = 0; j < pw->rule_count; j++) {
        const struct gist_rule *r = &pw->rules[j];
        for (size_t i = 0; i < j; i++)
            if (strcmp(pw->rules[i].id, r->id) == 0)
                return rule_error(L, j, "id", GIST_EPATHWAY, "duplicate rule id \"%s\" (also rule %zu)", r->id, i);
        for (size_t a = 0; a < r->pred_count; a++)
            for (size_t b = a + 1; b < r->pred_count; b++)
                if (disjoint(&r->preds[a], &r->preds[b]))
                    return rule_error(L, j, "when", GIST_EPATHWAY,
                                      "rule \"%s\" can never fire: \"%s\" contradicts \"%s\"", r->id,
                                      r->preds[a].text, r->preds[b].text);
        if (r->kind == GIST_RULE_ALERT) {
            alert_rule_alerts += r->alert_count;
            continue;
        }
        if (r->alert_count > decision_alert_max)
            decision_alert_max = r->alert_count;
        for (size_t i = 0; i < j; i++) {
            const struct gist_rule *e = &pw->rules[i];
            if (e->kind != GIST_RULE_ALERT && subsumes(e, r))
                return rule_error(L, j, "when", GIST_EPATHWAY,
                                  "rule \"%s\" can never fire: the earlier rule \"%s\" applies whenever it would",
                                  r->id, e->id);
        }
    }
    pw->max_alerts = alert_rule_alerts + decision_alert_max;
    return GIST_OK;
}

static gist_status read_pathway(loader *L, json_t *root)
{
    gist_pathway *pw = L->pw;
    if (!json_is_object(root))
        return err(L, GIST_ESCHEMA, "a pathway is a JSON object");
    gist_status st = gist__jin_check_keys(&L->in, root, top_keys);
    const char *format = NULL;
    if (st == GIST_OK)
        st = gist__jin_string(&L->in, root, "format", 1, GIST_MAX_NAME_BYTES, &format);
    if (st == GIST_OK && strcmp(format, GIST__PATHWAY_FORMAT) != 0) {
        gist__jpath_push_key(&L->in.path, "format");
        st = err(L, strncmp(format, "gist-pathway/", 13) == 0 ? GIST_EVERSION : GIST_ESCHEMA,
                 "format \"%s\" is not \"%s\"", format, GIST__PATHWAY_FORMAT);
        gist__jpath_pop(&L->in.path);
    }
    if (st == GIST_OK)
        st = get_text(L, root, "id", 1, 64, &pw->id);
    if (st == GIST_OK && !valid_id(pw->id)) {
        gist__jpath_push_key(&L->in.path, "id");
        st = err(L, GIST_ESCHEMA, "pathway id \"%s\" must be 1-64 letters, digits, '.', '_', '-' or '/'", pw->id);
        gist__jpath_pop(&L->in.path);
    }
    if (st == GIST_OK)
        st = get_text(L, root, "version", 1, 64, &pw->version);
    if (st == GIST_OK)
        st = get_text(L, root, "title", 1, GIST_MAX_TEXT_BYTES, &pw->title);
    if (st == GIST_OK)
        st = get_text(L, root, "description", 1, GIST_MAX_TEXT_BYTES, &pw->description);
    if (st == GIST_OK)
        st = get_text(L, root, "source", 1, GIST_MAX_TEXT_BYTES, &pw->source);
    if (st == GIST_OK)
        st = read_evidence_table(L, root);
    if (st == GIST_OK)
        st = read_fact_hints(L, root);
    if (st == GIST_OK)
        st = read_alert_table(L, root);
    json_t *rules = NULL;
    if (st == GIST_OK)
        st = get_array(L, root, "rules", 1, MAX_RULES, &rules);
    if (st != GIST_OK)
        return st;
    pw->rule_count = json_array_size(rules);
    if ((pw->rules = gist__arena_alloc(&pw->arena, pw->rule_count * sizeof *pw->rules)) == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "rules");
    for (size_t i = 0; i < pw->rule_count && st == GIST_OK; i++) {
        gist__jpath_push_index(&L->in.path, i);
        st = read_rule(L, json_array_get(rules, i), &pw->rules[i]);
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    if (st == GIST_OK)
        st = check_rules(L);
    return st;
}

/* ---- public entry points ---- */

gist_status gist_pathway_parse(gist_pathway **out, const char *json, size_t length, const char *source)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(json, "json");
    loader L;
    memset(&L, 0, sizeof L);
    L.in.text = json;
    L.in.length = length;
    L.in.source = source ? source : "<string>";
    json_t *root = NULL;
    gist_status st = gist__json_parse(&L.in, &root);
    if (st != GIST_OK)
        return st;
    L.pw = gist__calloc(1, sizeof *L.pw);
    if (L.pw == NULL) {
        json_decref(root);
        return oom();
    }
    gist__arena_init(&L.pw->arena);
    atomic_init(&L.pw->refs, 1);
    st = read_pathway(&L, root);
    json_decref(root);
    if (st != GIST_OK) {
        gist__arena_free(&L.pw->arena);
        gist__free(L.pw);
        return st;
    }
    *out = L.pw;
    return GIST_OK;
}

gist_status gist_pathway_load(gist_pathway **out, const char *path)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(path, "path");
    char *text = NULL;
    size_t length = 0;
    gist_status st = gist__read_file(path, &text, &length);
    if (st != GIST_OK)
        return st;
    st = gist_pathway_parse(out, text, length, path);
    gist__free(text);
    return st;
}

size_t gist_pathway_builtin_count(void)
{
    return gist__builtin_pathway_count;
}

const char *gist_pathway_builtin_id(size_t index)
{
    return index < gist__builtin_pathway_count ? gist__builtin_pathways[index].id : NULL;
}

gist_status gist_pathway_builtin(gist_pathway **out, const char *id)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(id, "id");
    for (size_t i = 0; i < gist__builtin_pathway_count; i++) {
        const struct gist_builtin_file *b = &gist__builtin_pathways[i];
        if (strcmp(b->id, id) == 0) {
            char source[96];
            snprintf(source, sizeof source, "builtin:%s", b->id);
            return gist_pathway_parse(out, (const char *)b->data, b->length, source);
        }
    }
    char list[256];
    size_t n = 0;
    list[0] = '\0';
    for (size_t i = 0; i < gist__builtin_pathway_count && n < sizeof list; i++) {
        int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", gist__builtin_pathways[i].id);
        if (w < 0)
            break;
        n += (size_t)w;
    }
    return gist__error(GIST_ENOTFOUND, "no built-in pathway \"%s\" (built in: %s)", id, list);
}

gist_pathway *gist__pathway_retain(const gist_pathway *pw)
{
    /* Shared pathways are immutable except for their reference count: the union drops the const
     * that a cast would need to cast away. */
    union {
        // cppcheck-suppress unusedStructMember
        const gist_pathway *c;
        gist_pathway *m;
    } u = {pw};
    atomic_fetch_add_explicit(&u.m->refs, 1, memory_order_relaxed);
    return u.m;
}

void gist_pathway_free(gist_pathway *pw)
{
    if (pw == NULL)
        return;
    if (atomic_fetch_sub_explicit(&pw->refs, 1, memory_order_acq_rel) == 1) {
        gist__arena_free(&pw->arena);
        gist__free(pw);
    }
}

const char *gist__pathway_evidence_find(const gist_pathway *pw, const char *id)
{
    for (size_t i = 0; i < pw->evidence_count; i++)
        if (strcmp(pw->evidence_ids[i], id) == 0)
            return pw->evidence_ids[i];
    return NULL;
}

const char *gist_pathway_id(const gist_pathway *pw) { return pw ? pw->id : NULL; }
const char *gist_pathway_version(const gist_pathway *pw) { return pw ? pw->version : NULL; }
const char *gist_pathway_title(const gist_pathway *pw) { return pw ? pw->title : NULL; }
const char *gist_pathway_description(const gist_pathway *pw) { return pw ? pw->description : NULL; }
const char *gist_pathway_source(const gist_pathway *pw) { return pw ? pw->source : NULL; }
size_t gist_pathway_evidence_count(const gist_pathway *pw) { return pw ? pw->evidence_count : 0; }
size_t gist_pathway_rule_count(const gist_pathway *pw) { return pw ? pw->rule_count : 0; }

const char *gist_pathway_evidence_id(const gist_pathway *pw, size_t i)
{
    return pw && i < pw->evidence_count ? pw->evidence_ids[i] : NULL;
}

const char *gist_pathway_evidence_text(const gist_pathway *pw, size_t i)
{
    return pw && i < pw->evidence_count ? pw->evidence_texts[i] : NULL;
}

const char *gist_pathway_evidence_lookup(const gist_pathway *pw, const char *id)
{
    if (pw == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < pw->evidence_count; i++)
        if (strcmp(pw->evidence_ids[i], id) == 0)
            return pw->evidence_texts[i];
    return NULL;
}

const gist_rule *gist_pathway_rule(const gist_pathway *pw, size_t i)
{
    return pw && i < pw->rule_count ? &pw->rules[i] : NULL;
}

const gist_rule *gist_pathway_rule_lookup(const gist_pathway *pw, const char *id)
{
    if (pw == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < pw->rule_count; i++)
        if (strcmp(pw->rules[i].id, id) == 0)
            return &pw->rules[i];
    return NULL;
}

const char *gist_rule_id(const gist_rule *r) { return r ? r->id : NULL; }
gist_rule_kind gist_rule_kind_of(const gist_rule *r) { return r ? r->kind : (gist_rule_kind)0; }
const char *gist_rule_title(const gist_rule *r) { return r ? r->title : NULL; }
const char *gist_rule_rationale(const gist_rule *r) { return r ? r->rationale : NULL; }
size_t gist_rule_evidence_count(const gist_rule *r) { return r ? r->evidence_count : 0; }
size_t gist_rule_condition_count(const gist_rule *r) { return r ? r->pred_count : 0; }
size_t gist_rule_option_count(const gist_rule *r) { return r ? r->option_count : 0; }
size_t gist_rule_alert_count(const gist_rule *r) { return r ? r->alert_count : 0; }

const char *gist_rule_evidence(const gist_rule *r, size_t i)
{
    return r && i < r->evidence_count ? r->evidence[i] : NULL;
}

const char *gist_rule_condition(const gist_rule *r, size_t i)
{
    return r && i < r->pred_count ? r->preds[i].text : NULL;
}

const gist_option *gist_rule_option(const gist_rule *r, size_t i)
{
    return r && i < r->option_count ? &r->options[i] : NULL;
}

const gist_alert *gist_rule_alert(const gist_rule *r, size_t i)
{
    return r && i < r->alert_count ? r->alerts[i] : NULL;
}

gist_action gist_option_action(const gist_option *o) { return o ? o->action : (gist_action)0; }
const gist_agent *gist_option_agent(const gist_option *o) { return o && o->agent >= 0 ? &gist__agents[o->agent] : NULL; }
double gist_option_dose_mg(const gist_option *o) { return o ? o->dose_mg : 0; }
gist_schedule gist_option_schedule(const gist_option *o) { return o ? o->schedule : GIST_SCHEDULE_UNSPECIFIED; }
const char *gist_option_dose_text(const gist_option *o) { return o ? o->dose_text : NULL; }
int gist_option_line(const gist_option *o) { return o ? o->line : 0; }
const char *gist_option_summary(const gist_option *o) { return o ? o->summary : NULL; }
const char *gist_option_rationale(const gist_option *o) { return o ? o->rationale : NULL; }
size_t gist_option_evidence_count(const gist_option *o) { return o ? o->evidence_count : 0; }

const char *gist_option_evidence(const gist_option *o, size_t i)
{
    return o && i < o->evidence_count ? o->evidence[i] : NULL;
}

const char *gist_alert_id(const gist_alert *a) { return a ? a->id : NULL; }
gist_severity gist_alert_severity(const gist_alert *a) { return a ? a->severity : (gist_severity)0; }
const char *gist_alert_text(const gist_alert *a) { return a ? a->text : NULL; }
size_t gist_alert_evidence_count(const gist_alert *a) { return a ? a->evidence_count : 0; }

const char *gist_alert_evidence(const gist_alert *a, size_t i)
{
    return a && i < a->evidence_count ? a->evidence[i] : NULL;
}
