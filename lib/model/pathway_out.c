/*
 * Pathways written out: normalised JSON, readable rules, Graphviz DOT.
 * The diagram is drawn from the rules themselves, so it cannot disagree
 * with them.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/agent.h"
#include "model/facts.h"
#include "model/pathway.h"
#include "util/error.h"
#include "util/json_out.h"
#include "util/strbuf.h"


/* ---- JSON ---- */

static void value_json(gist_sb *sb, int fact, int k)
{
    const struct gist_fact_def *d = &gist__facts[fact];
    switch (d->type) {
    case GIST_FT_ENUM: gist__sb_json_str(sb, d->names[k]); break;
    case GIST_FT_BOOL: gist__sb_puts(sb, k ? "true" : "false"); break;
    case GIST_FT_AGENT: gist__sb_json_str(sb, k == 0 ? "none" : gist__agents[k - 1].name); break;
    default: gist__sb_json_str(sb, gist__agents[k].name); break;
    }
}

static void mask_json(gist_jw *w, const char *key, int fact, uint64_t mask)
{
    gist__jw_key(w, key);
    gist__jw_begin_array(w);
    for (int k = 0; k < 64; k++) {
        if (mask >> k & 1u) {
            gist__jw_item(w);
            value_json(w->sb, fact, k);
        }
    }
    gist__jw_end_array(w);
}

static void pred_json(gist_jw *w, const struct gist_pred *p)
{
    gist__jw_begin_object(w);
    gist__jw_str(w, "fact", gist__facts[p->fact].name);
    if (p->mask == 0 && (p->op == GIST_OP_HAS_NONE || p->op == GIST_OP_HAS_ANY)) {
        gist__jw_bool(w, "known", p->op == GIST_OP_HAS_NONE);
        gist__jw_end_object(w);
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
            gist__jw_key(w, "is");
            value_json(w->sb, p->fact, k);
        } else {
            mask_json(w, "in", p->fact, p->mask);
        }
        break;
    case GIST_OP_RANGE:
        if (p->lo == p->hi) {
            gist__jw_num(w, "eq", p->lo);
        } else {
            if (p->lo != -INFINITY)
                gist__jw_num(w, "min", p->lo);
            if (p->hi != INFINITY)
                gist__jw_num(w, "max", p->hi);
        }
        break;
    case GIST_OP_HAS_ALL: mask_json(w, "includes", p->fact, p->mask); break;
    case GIST_OP_HAS_ANY: mask_json(w, "includes_any", p->fact, p->mask); break;
    default: mask_json(w, "excludes", p->fact, p->mask); break;
    }
    if (p->if_unknown != GIST_UNKNOWN)
        gist__jw_str(w, "if_unknown", gist__unknown_policy_names[p->if_unknown]);
    gist__jw_end_object(w);
}


gist_status gist_pathway_to_json(const gist_pathway *pw, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "pathway");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "gist_pathway_to_json: unknown flags 0x%x", flags);
    gist_sb sb;
    gist_jw w;
    gist__sb_init(&sb);
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "format", GIST__PATHWAY_FORMAT);
    gist__jw_str(&w, "id", pw->id);
    gist__jw_str(&w, "version", pw->version);
    gist__jw_str(&w, "title", pw->title);
    gist__jw_str(&w, "description", pw->description);
    gist__jw_str(&w, "source", pw->source);
    gist__jw_key(&w, "evidence");
    gist__jw_begin_object(&w);
    for (size_t i = 0; i < pw->evidence_count; i++)
        gist__jw_str(&w, pw->evidence_ids[i], pw->evidence_texts[i]);
    gist__jw_end_object(&w);
    gist__jw_key(&w, "facts");
    gist__jw_begin_object(&w);
    for (int f = 0; f < GIST_FACT_COUNT; f++)
        if (pw->hints[f])
            gist__jw_str(&w, gist__facts[f].name, pw->hints[f]);
    gist__jw_end_object(&w);
    gist__jw_key(&w, "alerts");
    gist__jw_begin_object(&w);
    for (size_t i = 0; i < pw->alert_table_count; i++) {
        const struct gist_alert *a = &pw->alerts[i];
        gist__jw_key(&w, a->id);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "severity", gist_severity_name(a->severity));
        gist__jw_str(&w, "text", a->text);
        gist__jw_strings(&w, "evidence", a->evidence, a->evidence_count);
        gist__jw_end_object(&w);
    }
    gist__jw_end_object(&w);
    gist__jw_key(&w, "rules");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "id", r->id);
        gist__jw_str(&w, "kind", gist_rule_kind_name(r->kind));
        gist__jw_str(&w, "title", r->title);
        gist__jw_key(&w, "when");
        gist__jw_begin_array(&w);
        for (size_t k = 0; k < r->pred_count; k++) {
            gist__jw_item(&w);
            pred_json(&w, &r->preds[k]);
        }
        gist__jw_end_array(&w);
        if (r->kind == GIST_RULE_RECOMMEND) {
            gist__jw_key(&w, "options");
            gist__jw_begin_array(&w);
            for (size_t k = 0; k < r->option_count; k++) {
                const struct gist_option *o = &r->options[k];
                gist__jw_item(&w);
                gist__jw_begin_object(&w);
                gist__jw_str(&w, "action", gist_action_name(o->action));
                if (o->agent >= 0)
                    gist__jw_str(&w, "agent", gist__agents[o->agent].name);
                if (o->dose_mg > 0)
                    gist__jw_num(&w, "dose_mg", o->dose_mg);
                if (o->schedule != GIST_SCHEDULE_UNSPECIFIED)
                    gist__jw_str(&w, "schedule", gist_schedule_name(o->schedule));
                if (o->dose_text[0])
                    gist__jw_str(&w, "dose_text", o->dose_text);
                if (o->line > 0)
                    gist__jw_int(&w, "line", o->line);
                gist__jw_str(&w, "summary", o->summary);
                gist__jw_str(&w, "rationale", o->rationale);
                gist__jw_strings(&w, "evidence", o->evidence, o->evidence_count);
                gist__jw_end_object(&w);
            }
            gist__jw_end_array(&w);
        }
        if (r->alert_count > 0) {
            gist__jw_key(&w, "alerts");
            gist__jw_begin_array(&w);
            for (size_t k = 0; k < r->alert_count; k++) {
                gist__jw_item(&w);
                gist__sb_json_str(&sb, r->alerts[k]->id);
            }
            gist__jw_end_array(&w);
        }
        gist__jw_str(&w, "rationale", r->rationale);
        gist__jw_strings(&w, "evidence", r->evidence, r->evidence_count);
        if (r->notes[0])
            gist__jw_str(&w, "notes", r->notes);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);
    gist__jw_end_object(&w);
    if (!w.compact)
        gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}

/* ---- readable text ---- */

static void ids_text(gist_sb *sb, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gist__sb_printf(sb, "%s%s", i ? ", " : "", ids[i]);
}

gist_status gist_pathway_to_text(const gist_pathway *pw, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "pathway");
    gist_sb sb;
    gist__sb_init(&sb);
    gist__sb_printf(&sb, "%s (version %s): %s\nSource: %s\n\n%s\n", pw->id, pw->version, pw->title, pw->source,
                   pw->description);
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        gist__sb_printf(&sb, "\n%zu. %s [%s]: %s\n", i + 1, r->id, gist_rule_kind_name(r->kind), r->title);
        gist__sb_puts(&sb, "   when: ");
        if (r->pred_count == 0)
            gist__sb_puts(&sb, "always");
        for (size_t k = 0; k < r->pred_count; k++)
            gist__sb_printf(&sb, "%s%s", k ? "\n         and " : "", r->preds[k].text);
        gist__sb_putc(&sb, '\n');
        for (size_t k = 0; k < r->option_count; k++) {
            const struct gist_option *o = &r->options[k];
            gist__sb_printf(&sb, "   option %zu: %s [%s", k + 1, o->summary, gist_action_name(o->action));
            if (o->agent >= 0)
                gist__sb_printf(&sb, " %s", gist__agents[o->agent].name);
            if (o->dose_mg > 0) {
                gist__sb_putc(&sb, ' ');
                gist__sb_num(&sb, o->dose_mg);
                gist__sb_puts(&sb, " mg/day");
            }
            if (o->schedule != GIST_SCHEDULE_UNSPECIFIED)
                gist__sb_printf(&sb, " %s", gist_schedule_name(o->schedule));
            if (o->line > 0)
                gist__sb_printf(&sb, ", line %d", o->line);
            gist__sb_puts(&sb, "; evidence ");
            ids_text(&sb, o->evidence, o->evidence_count);
            gist__sb_puts(&sb, "]\n");
        }
        for (size_t k = 0; k < r->alert_count; k++)
            gist__sb_printf(&sb, "   alert [%s] %s: %s\n", gist_severity_name(r->alerts[k]->severity), r->alerts[k]->id,
                           r->alerts[k]->text);
        gist__sb_printf(&sb, "   rationale: %s\n   evidence: ", r->rationale);
        ids_text(&sb, r->evidence, r->evidence_count);
        gist__sb_putc(&sb, '\n');
    }
    gist__sb_puts(&sb, "\nEvidence:\n");
    for (size_t i = 0; i < pw->evidence_count; i++)
        gist__sb_printf(&sb, "  %s: %s\n", pw->evidence_ids[i], pw->evidence_texts[i]);
    return gist__sb_finish(&sb, out);
}

/* ---- DOT ---- */

/*
 * The diagram: regimens a rule starts from (rounded boxes) -> the rule (an oval with its id; the
 * arrow into it carries its other conditions) -> what its options lead to (solid for the first
 * option, dotted for the alternatives), or -> "not covered" (dashed). Alert rules never decide,
 * so they are not drawn. Every label is taken from the rules; nothing is drawn that they do not
 * say.
 */

#define DOT_WRAP 40 /* wrap labels at a space once a line is this long */

/* The inside of a DOT string: quotes and backslashes escaped, newlines as \n, long lines wrapped. */
static void dot_escape(gist_sb *sb, const char *s)
{
    size_t col = 0;
    for (; *s; s++) {
        if (*s == '\n' || (*s == ' ' && col >= DOT_WRAP && s[1] != '\0')) {
            gist__sb_puts(sb, "\\n");
            col = 0;
            continue;
        }
        if (*s == '"' || *s == '\\')
            gist__sb_putc(sb, '\\');
        gist__sb_putc(sb, *s);
        if (((unsigned char)*s & 0xC0) != 0x80) /* count characters, not UTF-8 continuation bytes */
            col++;
    }
}

static void dot_str(gist_sb *sb, const char *s)
{
    gist__sb_putc(sb, '"');
    dot_escape(sb, s);
    gist__sb_putc(sb, '"');
}

/* The text of a scratch buffer, or "" when it is empty or an allocation failed. */
static const char *sb_text(const gist_sb *sb)
{
    return sb->failed || sb->data == NULL ? "" : sb->data;
}

/* Empty a scratch buffer for reuse, keeping its memory. */
static void sb_reset(gist_sb *sb)
{
    sb->len = 0;
    if (sb->data != NULL)
        sb->data[0] = '\0';
}

/* The first agent and dose conditions of a rule: they name the regimen the rule starts from. */
static void regimen_preds(const struct gist_rule *r, const struct gist_pred **agent, const struct gist_pred **dose)
{
    *agent = *dose = NULL;
    for (size_t k = 0; k < r->pred_count; k++) {
        const struct gist_pred *p = &r->preds[k];
        if (*agent == NULL && p->fact == GIST_FACT_AGENT && p->op == GIST_OP_IN && p->if_unknown == GIST_UNKNOWN)
            *agent = p;
        if (*dose == NULL && p->fact == GIST_FACT_DOSE && p->op == GIST_OP_RANGE && p->if_unknown == GIST_UNKNOWN)
            *dose = p;
    }
}

static void agent_value(gist_sb *sb, int k)
{
    gist__sb_puts(sb, k == 0 ? "no therapy" : gist__agents[k - 1].name);
}

/* The regimen a rule starts from, such as "imatinib 400 mg" or "any regimen except imatinib". */
static void source_state(gist_sb *sb, const struct gist_rule *r)
{
    const struct gist_pred *agent, *dose;
    regimen_preds(r, &agent, &dose);
    if (agent == NULL) {
        gist__sb_puts(sb, "any regimen");
    } else {
        uint64_t shown = agent->negated ? gist__fact_full_mask(GIST_FACT_AGENT) & ~agent->mask : agent->mask;
        int n = 0;
        for (uint64_t m = shown; m; m &= m - 1)
            n++;
        if (agent->negated)
            gist__sb_puts(sb, "any regimen except ");
        for (int k = 0, i = 0; k < 64; k++) {
            if (!(shown >> k & 1u))
                continue;
            if (i > 0)
                gist__sb_puts(sb, i == n - 1 ? (agent->negated ? " and " : " or ") : ", ");
            agent_value(sb, k);
            i++;
        }
    }
    if (dose == NULL)
        return;
    gist__sb_putc(sb, ' ');
    if (dose->lo == dose->hi) {
        gist__sb_num(sb, dose->lo);
    } else if (dose->hi == INFINITY) {
        gist__sb_puts(sb, ">= ");
        gist__sb_num(sb, dose->lo);
    } else if (dose->lo == -INFINITY) {
        gist__sb_puts(sb, "<= ");
        gist__sb_num(sb, dose->hi);
    } else {
        gist__sb_num(sb, dose->lo);
        gist__sb_putc(sb, '-');
        gist__sb_num(sb, dose->hi);
    }
    gist__sb_puts(sb, " mg");
}

/* The conditions of a rule other than the regimen it starts from, one per line. */
static void rule_conditions(gist_sb *sb, const struct gist_rule *r)
{
    const struct gist_pred *agent, *dose;
    regimen_preds(r, &agent, &dose);
    int first = 1;
    for (size_t k = 0; k < r->pred_count; k++) {
        const struct gist_pred *p = &r->preds[k];
        if (p == agent || p == dose)
            continue;
        if (!first)
            gist__sb_putc(sb, '\n');
        gist__sb_puts(sb, p->text);
        first = 0;
    }
}

/* Whether an option leads to a regimen (drawn like the regimens rules start from). */
static int option_is_regimen(const struct gist_option *o)
{
    switch (o->action) {
    case GIST_ACTION_CONTINUE:
    case GIST_ACTION_RESUME:
    case GIST_ACTION_ESCALATE:
    case GIST_ACTION_SWITCH:
    case GIST_ACTION_START: return 1;
    default: return 0;
    }
}

/* Where option k of rule r leads. Off-label options are drawn as one target listing their agents. */
static void target_state(gist_sb *sb, const struct gist_rule *r, size_t k)
{
    const struct gist_option *o = &r->options[k];
    if (option_is_regimen(o)) {
        if (o->agent < 0) {
            gist__sb_puts(sb, "current regimen");
            return;
        }
        gist__sb_puts(sb, gist__agents[o->agent].name);
        if (o->dose_mg > 0) {
            gist__sb_putc(sb, ' ');
            gist__sb_num(sb, o->dose_mg);
            gist__sb_puts(sb, " mg");
        }
        return;
    }
    switch (o->action) {
    case GIST_ACTION_ASSESS: gist__sb_printf(sb, "assess: %s", o->summary); break;
    case GIST_ACTION_REFER: gist__sb_puts(sb, "refer to a specialist centre"); break;
    case GIST_ACTION_CONSIDER_TRIAL: gist__sb_puts(sb, "clinical trial"); break;
    case GIST_ACTION_CONSIDER_OFF_LABEL: {
        gist__sb_puts(sb, "off-label:");
        const char *sep = " ";
        for (size_t i = 0; i < r->option_count; i++) {
            if (r->options[i].action == GIST_ACTION_CONSIDER_OFF_LABEL) {
                gist__sb_printf(sb, "%s%s", sep, gist__agents[r->options[i].agent].name);
                sep = ", ";
            }
        }
        break;
    }
    default: gist__sb_printf(sb, "%s: %s", gist_action_name(o->action), o->summary); break;
    }
}

/* Declare a node once: seen holds the names already declared, each between two \x1f. */
static void dot_node(gist_sb *sb, gist_sb *seen, const char *name, const char *attrs)
{
    gist_sb key;
    gist__sb_init(&key);
    gist__sb_printf(&key, "\x1f%s\x1f", name);
    int known = key.failed || (seen->data != NULL && strstr(seen->data, key.data) != NULL);
    if (key.failed)
        sb->failed = 1;
    if (!known) {
        gist__sb_puts(seen, sb_text(&key));
        gist__sb_puts(sb, "  ");
        dot_str(sb, name);
        gist__sb_printf(sb, " [%s];\n", attrs);
    }
    gist__sb_free(&key);
}

#define DOT_REGIMEN "shape=box, style=\"rounded,filled\", fillcolor=\"#dce9f7\""
#define DOT_ACTION "shape=box, style=filled, fillcolor=\"#fdf3d0\""
#define DOT_RULE "shape=oval, fontsize=9, height=0.3"
#define DOT_RULE_NOT_COVERED "shape=oval, fontsize=9, height=0.3, style=dashed"

gist_status gist_pathway_to_dot(const gist_pathway *pw, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "pathway");
    gist_sb sb, from, rule, cond, to, seen;
    gist__sb_init(&sb);
    gist__sb_init(&from);
    gist__sb_init(&rule);
    gist__sb_init(&cond);
    gist__sb_init(&to);
    gist__sb_init(&seen);
    gist__sb_puts(&sb, "digraph ");
    dot_str(&sb, pw->id);
    gist__sb_puts(&sb, " {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, labelloc=t, label=\"");
    dot_escape(&sb, pw->id);
    gist__sb_putc(&sb, ' ');
    dot_escape(&sb, pw->version);
    gist__sb_puts(&sb, ": ");
    dot_escape(&sb, pw->title);
    gist__sb_puts(&sb, "\", nodesep=0.15, ranksep=0.35];\n"
                      "  node [fontname=\"Helvetica\", fontsize=11];\n"
                      "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];\n"
                      "  \"not covered\" [shape=octagon, style=dashed];\n");
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        if (r->kind == GIST_RULE_ALERT)
            continue;
        sb_reset(&from);
        sb_reset(&rule);
        sb_reset(&cond);
        source_state(&from, r);
        gist__sb_printf(&rule, "rule %s", r->id);
        rule_conditions(&cond, r);
        int not_covered = r->kind == GIST_RULE_NOT_COVERED;
        dot_node(&sb, &seen, sb_text(&from), DOT_REGIMEN);
        gist__sb_puts(&sb, "  ");
        dot_str(&sb, sb_text(&rule));
        gist__sb_printf(&sb, " [%s, label=", not_covered ? DOT_RULE_NOT_COVERED : DOT_RULE);
        dot_str(&sb, r->id);
        gist__sb_puts(&sb, "];\n  ");
        dot_str(&sb, sb_text(&from));
        gist__sb_puts(&sb, " -> ");
        dot_str(&sb, sb_text(&rule));
        if (cond.len > 0) {
            gist__sb_puts(&sb, " [label=");
            dot_str(&sb, sb_text(&cond));
            gist__sb_putc(&sb, ']');
        }
        gist__sb_puts(&sb, ";\n");
        if (not_covered) {
            gist__sb_puts(&sb, "  ");
            dot_str(&sb, sb_text(&rule));
            gist__sb_puts(&sb, " -> \"not covered\" [style=dashed];\n");
            continue;
        }
        int drawn_off_label = 0;
        for (size_t k = 0; k < r->option_count; k++) {
            const struct gist_option *o = &r->options[k];
            if (o->action == GIST_ACTION_CONSIDER_OFF_LABEL) {
                if (drawn_off_label)
                    continue;
                drawn_off_label = 1;
            }
            sb_reset(&to);
            target_state(&to, r, k);
            dot_node(&sb, &seen, sb_text(&to), option_is_regimen(o) ? DOT_REGIMEN : DOT_ACTION);
            gist__sb_puts(&sb, "  ");
            dot_str(&sb, sb_text(&rule));
            gist__sb_puts(&sb, " -> ");
            dot_str(&sb, sb_text(&to));
            gist__sb_puts(&sb, k > 0 ? " [style=dotted];\n" : ";\n");
        }
    }
    gist__sb_puts(&sb, "}\n");
    if (from.failed || rule.failed || cond.failed || to.failed || seen.failed)
        sb.failed = 1;
    gist__sb_free(&from);
    gist__sb_free(&rule);
    gist__sb_free(&cond);
    gist__sb_free(&to);
    gist__sb_free(&seen);
    return gist__sb_finish(&sb, out);
}
