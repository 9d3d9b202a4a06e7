/*
 * Pathways written out: normalised JSON, readable rules, Graphviz DOT.
 * The diagram is drawn from the rules themselves, so it cannot disagree
 * with them.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define PATHWAY_FORMAT "gist-pathway/1"
static const char *const policy_names[3] = {"false", "true", "undetermined"};

/* ---- JSON ---- */

static void value_json(gist_sb *sb, int fact, int k)
{
    const struct gist_fact_def *d = &gist__facts[fact];
    switch (d->type) {
    case GIST_FT_ENUM: gist_sb_json_str(sb, d->names[k]); break;
    case GIST_FT_BOOL: gist_sb_puts(sb, k ? "true" : "false"); break;
    case GIST_FT_AGENT: gist_sb_json_str(sb, k == 0 ? "none" : gist__agents[k - 1].name); break;
    default: gist_sb_json_str(sb, gist__agents[k].name); break;
    }
}

static void mask_json(gist_jw *w, const char *key, int fact, uint64_t mask)
{
    gist_jw_key(w, key);
    gist_jw_begin_array(w);
    for (int k = 0; k < 64; k++) {
        if (mask >> k & 1u) {
            gist_jw_item(w);
            value_json(w->sb, fact, k);
        }
    }
    gist_jw_end_array(w);
}

static void pred_json(gist_jw *w, const struct gist_pred *p)
{
    gist_jw_begin_object(w);
    gist_jw_str(w, "fact", gist__facts[p->fact].name);
    if (p->mask == 0 && (p->op == GIST_OP_HAS_NONE || p->op == GIST_OP_HAS_ANY)) {
        gist_jw_bool(w, "known", p->op == GIST_OP_HAS_NONE);
        gist_jw_end_object(w);
        return;
    }
    switch (p->op) {
    case GIST_OP_IN:
        if (p->negated) {
            mask_json(w, "not_in", p->fact, gist__fact_full_mask(p->fact) & ~p->mask);
        } else if ((p->mask & (p->mask - 1)) == 0) {
            int k = 0;
            while (!(p->mask >> k & 1u))
                k++;
            gist_jw_key(w, "is");
            value_json(w->sb, p->fact, k);
        } else {
            mask_json(w, "in", p->fact, p->mask);
        }
        break;
    case GIST_OP_RANGE:
        if (p->lo == p->hi) {
            gist_jw_num(w, "eq", p->lo);
        } else {
            if (p->lo != -INFINITY)
                gist_jw_num(w, "min", p->lo);
            if (p->hi != INFINITY)
                gist_jw_num(w, "max", p->hi);
        }
        break;
    case GIST_OP_HAS_ALL: mask_json(w, "includes", p->fact, p->mask); break;
    case GIST_OP_HAS_ANY: mask_json(w, "includes_any", p->fact, p->mask); break;
    default: mask_json(w, "excludes", p->fact, p->mask); break;
    }
    if (p->if_unknown != GIST_UNKNOWN)
        gist_jw_str(w, "if_unknown", policy_names[p->if_unknown]);
    gist_jw_end_object(w);
}

static void ids_json(gist_jw *w, const char *key, const char *const *ids, size_t n)
{
    gist_jw_key(w, key);
    gist_jw_begin_array(w);
    for (size_t i = 0; i < n; i++) {
        gist_jw_item(w);
        gist_sb_json_str(w->sb, ids[i]);
    }
    gist_jw_end_array(w);
}

gist_status gist_pathway_to_json(const gist_pathway *pw, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "gist_pathway_to_json", "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "gist_pathway_to_json", "pathway");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "gist_pathway_to_json: unknown flags 0x%x", flags);
    gist_sb sb;
    gist_jw w;
    gist_sb_init(&sb);
    gist_jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist_jw_begin_object(&w);
    gist_jw_str(&w, "format", PATHWAY_FORMAT);
    gist_jw_str(&w, "id", pw->id);
    gist_jw_str(&w, "version", pw->version);
    gist_jw_str(&w, "title", pw->title);
    gist_jw_str(&w, "description", pw->description);
    gist_jw_str(&w, "source", pw->source);
    gist_jw_key(&w, "evidence");
    gist_jw_begin_object(&w);
    for (size_t i = 0; i < pw->evidence_count; i++)
        gist_jw_str(&w, pw->evidence_ids[i], pw->evidence_texts[i]);
    gist_jw_end_object(&w);
    gist_jw_key(&w, "facts");
    gist_jw_begin_object(&w);
    for (int f = 0; f < GIST_FACT_COUNT; f++)
        if (pw->hints[f])
            gist_jw_str(&w, gist__facts[f].name, pw->hints[f]);
    gist_jw_end_object(&w);
    gist_jw_key(&w, "alerts");
    gist_jw_begin_object(&w);
    for (size_t i = 0; i < pw->alert_table_count; i++) {
        const struct gist_alert *a = &pw->alerts[i];
        gist_jw_key(&w, a->id);
        gist_jw_begin_object(&w);
        gist_jw_str(&w, "severity", gist_severity_name(a->severity));
        gist_jw_str(&w, "text", a->text);
        ids_json(&w, "evidence", a->evidence, a->evidence_count);
        gist_jw_end_object(&w);
    }
    gist_jw_end_object(&w);
    gist_jw_key(&w, "rules");
    gist_jw_begin_array(&w);
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        gist_jw_item(&w);
        gist_jw_begin_object(&w);
        gist_jw_str(&w, "id", r->id);
        gist_jw_str(&w, "kind", gist_rule_kind_name(r->kind));
        gist_jw_str(&w, "title", r->title);
        gist_jw_key(&w, "when");
        gist_jw_begin_array(&w);
        for (size_t k = 0; k < r->pred_count; k++) {
            gist_jw_item(&w);
            pred_json(&w, &r->preds[k]);
        }
        gist_jw_end_array(&w);
        if (r->kind == GIST_RULE_RECOMMEND) {
            gist_jw_key(&w, "options");
            gist_jw_begin_array(&w);
            for (size_t k = 0; k < r->option_count; k++) {
                const struct gist_option *o = &r->options[k];
                gist_jw_item(&w);
                gist_jw_begin_object(&w);
                gist_jw_str(&w, "action", gist_action_name(o->action));
                if (o->agent >= 0)
                    gist_jw_str(&w, "agent", gist__agents[o->agent].name);
                if (o->dose_mg > 0)
                    gist_jw_num(&w, "dose_mg", o->dose_mg);
                if (o->schedule != GIST_SCHEDULE_UNSPECIFIED)
                    gist_jw_str(&w, "schedule", gist_schedule_name(o->schedule));
                if (o->dose_text[0])
                    gist_jw_str(&w, "dose_text", o->dose_text);
                if (o->line > 0)
                    gist_jw_int(&w, "line", o->line);
                gist_jw_str(&w, "summary", o->summary);
                gist_jw_str(&w, "rationale", o->rationale);
                ids_json(&w, "evidence", o->evidence, o->evidence_count);
                gist_jw_end_object(&w);
            }
            gist_jw_end_array(&w);
        }
        if (r->alert_count > 0) {
            gist_jw_key(&w, "alerts");
            gist_jw_begin_array(&w);
            for (size_t k = 0; k < r->alert_count; k++) {
                gist_jw_item(&w);
                gist_sb_json_str(&sb, r->alerts[k]->id);
            }
            gist_jw_end_array(&w);
        }
        gist_jw_str(&w, "rationale", r->rationale);
        ids_json(&w, "evidence", r->evidence, r->evidence_count);
        if (r->notes[0])
            gist_jw_str(&w, "notes", r->notes);
        gist_jw_end_object(&w);
    }
    gist_jw_end_array(&w);
    gist_jw_end_object(&w);
    if (!w.compact)
        gist_sb_putc(&sb, '\n');
    return gist_sb_finish(&sb, out);
}

/* ---- readable text ---- */

static void ids_text(gist_sb *sb, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gist_sb_printf(sb, "%s%s", i ? ", " : "", ids[i]);
}

gist_status gist_pathway_to_text(const gist_pathway *pw, char **out)
{
    GIST_CHECK_NULL(out, "gist_pathway_to_text", "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "gist_pathway_to_text", "pathway");
    gist_sb sb;
    gist_sb_init(&sb);
    gist_sb_printf(&sb, "%s (version %s): %s\nSource: %s\n\n%s\n", pw->id, pw->version, pw->title, pw->source,
                   pw->description);
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        gist_sb_printf(&sb, "\n%zu. %s [%s]: %s\n", i + 1, r->id, gist_rule_kind_name(r->kind), r->title);
        gist_sb_puts(&sb, "   when: ");
        if (r->pred_count == 0)
            gist_sb_puts(&sb, "always");
        for (size_t k = 0; k < r->pred_count; k++)
            gist_sb_printf(&sb, "%s%s", k ? "\n         and " : "", r->preds[k].text);
        gist_sb_putc(&sb, '\n');
        for (size_t k = 0; k < r->option_count; k++) {
            const struct gist_option *o = &r->options[k];
            gist_sb_printf(&sb, "   option %zu: %s [%s", k + 1, o->summary, gist_action_name(o->action));
            if (o->agent >= 0)
                gist_sb_printf(&sb, " %s", gist__agents[o->agent].name);
            if (o->dose_mg > 0) {
                gist_sb_putc(&sb, ' ');
                gist_sb_num(&sb, o->dose_mg);
                gist_sb_puts(&sb, " mg/day");
            }
            if (o->schedule != GIST_SCHEDULE_UNSPECIFIED)
                gist_sb_printf(&sb, " %s", gist_schedule_name(o->schedule));
            if (o->line > 0)
                gist_sb_printf(&sb, ", line %d", o->line);
            gist_sb_puts(&sb, "; evidence ");
            ids_text(&sb, o->evidence, o->evidence_count);
            gist_sb_puts(&sb, "]\n");
        }
        for (size_t k = 0; k < r->alert_count; k++)
            gist_sb_printf(&sb, "   alert [%s] %s: %s\n", gist_severity_name(r->alerts[k]->severity), r->alerts[k]->id,
                           r->alerts[k]->text);
        gist_sb_printf(&sb, "   rationale: %s\n   evidence: ", r->rationale);
        ids_text(&sb, r->evidence, r->evidence_count);
        gist_sb_putc(&sb, '\n');
    }
    gist_sb_puts(&sb, "\nEvidence:\n");
    for (size_t i = 0; i < pw->evidence_count; i++)
        gist_sb_printf(&sb, "  %s: %s\n", pw->evidence_ids[i], pw->evidence_texts[i]);
    return gist_sb_finish(&sb, out);
}

/* ---- DOT ---- */

/* A DOT string literal. */
static void dot_str(gist_sb *sb, const char *s)
{
    gist_sb_putc(sb, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            gist_sb_putc(sb, '\\');
        if (*s == '\n') {
            gist_sb_puts(sb, "\\n");
            continue;
        }
        gist_sb_putc(sb, *s);
    }
    gist_sb_putc(sb, '"');
}

/* The regimen a rule starts from, read off its conditions ("imatinib 400 mg"). */
static void source_state(gist_sb *sb, const struct gist_rule *r)
{
    const struct gist_pred *agent = NULL, *dose = NULL;
    for (size_t k = 0; k < r->pred_count; k++) {
        if (r->preds[k].fact == GIST_FACT_AGENT && r->preds[k].op == GIST_OP_IN)
            agent = &r->preds[k];
        if (r->preds[k].fact == GIST_FACT_DOSE && r->preds[k].op == GIST_OP_RANGE)
            dose = &r->preds[k];
    }
    if (agent == NULL) {
        gist_sb_puts(sb, "any regimen");
        return;
    }
    int first = 1;
    for (int k = 0; k < 64; k++) {
        if (!(agent->mask >> k & 1u))
            continue;
        gist_sb_puts(sb, first ? "" : " or ");
        gist_sb_puts(sb, k == 0 ? "no therapy" : gist__agents[k - 1].name);
        first = 0;
    }
    if (dose != NULL && dose->lo == dose->hi) {
        gist_sb_putc(sb, ' ');
        gist_sb_num(sb, dose->lo);
        gist_sb_puts(sb, " mg");
    }
}

static void target_state(gist_sb *sb, const struct gist_option *o)
{
    if (o->agent >= 0 && o->action != GIST_ACTION_ASSESS && o->action != GIST_ACTION_CONSIDER_OFF_LABEL) {
        gist_sb_puts(sb, gist__agents[o->agent].name);
        if (o->dose_mg > 0) {
            gist_sb_putc(sb, ' ');
            gist_sb_num(sb, o->dose_mg);
            gist_sb_puts(sb, " mg");
        }
        return;
    }
    switch (o->action) {
    case GIST_ACTION_ASSESS: gist_sb_puts(sb, "assess"); break;
    case GIST_ACTION_REFER: gist_sb_puts(sb, "refer to a sarcoma centre"); break;
    case GIST_ACTION_CONSIDER_TRIAL: gist_sb_puts(sb, "clinical trial"); break;
    case GIST_ACTION_CONSIDER_OFF_LABEL: gist_sb_puts(sb, "off-label TKIs"); break;
    default: gist_sb_puts(sb, gist_action_name(o->action)); break;
    }
}

/* Whether the conditions other than agent and dose are worth a label. */
static void edge_label(gist_sb *sb, const struct gist_rule *r)
{
    gist_sb_puts(sb, r->id);
    for (size_t k = 0; k < r->pred_count; k++) {
        int f = r->preds[k].fact;
        if (f == GIST_FACT_AGENT || f == GIST_FACT_DOSE)
            continue;
        gist_sb_putc(sb, '\n');
        gist_sb_puts(sb, r->preds[k].text);
    }
}

gist_status gist_pathway_to_dot(const gist_pathway *pw, char **out)
{
    GIST_CHECK_NULL(out, "gist_pathway_to_dot", "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "gist_pathway_to_dot", "pathway");
    gist_sb sb, tmp;
    gist_sb_init(&sb);
    gist_sb_init(&tmp);
    gist_sb_puts(&sb, "digraph pathway {\n  graph [rankdir=LR, fontname=\"Helvetica\", label=");
    gist_sb_printf(&tmp, "%s %s: %s", pw->id, pw->version, pw->title);
    dot_str(&sb, tmp.failed ? "" : tmp.data);
    gist_sb_puts(&sb, ", labelloc=t];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
                      "  edge [fontname=\"Helvetica\", fontsize=9];\n"
                      "  \"not covered\" [shape=octagon, style=dashed];\n");
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        if (r->kind == GIST_RULE_ALERT)
            continue;
        tmp.len = 0;
        source_state(&tmp, r);
        char from[256];
        snprintf(from, sizeof from, "%s", tmp.failed || !tmp.data ? "" : tmp.data);
        tmp.len = 0;
        edge_label(&tmp, r);
        if (r->kind == GIST_RULE_NOT_COVERED) {
            gist_sb_puts(&sb, "  ");
            dot_str(&sb, from);
            gist_sb_puts(&sb, " -> \"not covered\" [style=dashed, label=");
            dot_str(&sb, tmp.failed || !tmp.data ? "" : tmp.data);
            gist_sb_puts(&sb, "];\n");
            continue;
        }
        for (size_t k = 0; k < r->option_count; k++) {
            gist_sb to;
            gist_sb_init(&to);
            target_state(&to, &r->options[k]);
            gist_sb_puts(&sb, "  ");
            dot_str(&sb, from);
            gist_sb_puts(&sb, " -> ");
            dot_str(&sb, to.failed || !to.data ? "" : to.data);
            gist_sb_printf(&sb, " [label=");
            dot_str(&sb, tmp.failed || !tmp.data ? "" : tmp.data);
            gist_sb_printf(&sb, "%s];\n", k > 0 ? ", style=dotted" : "");
            if (to.failed)
                sb.failed = 1;
            gist_sb_free(&to);
        }
    }
    gist_sb_puts(&sb, "}\n");
    if (tmp.failed)
        sb.failed = 1;
    gist_sb_free(&tmp);
    return gist_sb_finish(&sb, out);
}
