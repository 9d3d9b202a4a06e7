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
 * The diagram, for reading on a screen: one box (a cluster) per regimen that rules start from,
 * in one column ordered by the line its options state (regimens no option places first, in
 * pathway order), each listing the decision rules that start there, in pathway order. A rule's
 * row gives its number in the pathway (the order rules are tried in), its id, its other
 * conditions and what it gives: its options, the first one first and
 * the alternatives after "or", or "not covered" when the rule declines the situation. An option
 * that changes the regimen is also an arrow from its row to that regimen's box (solid for the
 * first option, dotted for the alternatives). Alert rules never decide, so they are not drawn.
 * Labels are wrapped; every word in them is taken from the rules, nothing is drawn that they do
 * not say.
 */

#define DOT_WRAP 44 /* wrap label lines once they are this many characters long */

/* Append text as the inside of an HTML-like label: escaped, its lines wrapped at DOT_WRAP
 * characters (at a space, or after a '.', '-', ',' or '/' inside a long word), each ended by a
 * left-aligned break; a continued line is indented. */
static void dot_text(gist_sb *sb, const char *s)
{
    size_t col = 0;
    for (; *s; s++) {
        if (*s == '\n' || (*s == ' ' && col >= DOT_WRAP)) {
            gist__sb_puts(sb, *s == '\n' ? "<br align=\"left\"/>" : "<br align=\"left\"/>&#160;&#160;");
            col = *s == '\n' ? 0 : 2;
            continue;
        }
        switch (*s) {
        case '&': gist__sb_puts(sb, "&amp;"); break;
        case '<': gist__sb_puts(sb, "&lt;"); break;
        case '>': gist__sb_puts(sb, "&gt;"); break;
        case '"': gist__sb_puts(sb, "&quot;"); break;
        default: gist__sb_putc(sb, *s); break;
        }
        if (((unsigned char)*s & 0xC0) != 0x80) /* count characters, not UTF-8 continuation bytes */
            col++;
        if (col >= DOT_WRAP + 8 && strchr(".-,/", *s) != NULL && s[1] != '\0' && s[1] != ' ' && s[1] != '\n') {
            gist__sb_puts(sb, "<br align=\"left\"/>&#160;&#160;");
            col = 2;
        }
    }
    gist__sb_puts(sb, "<br align=\"left\"/>");
}

/* A DOT string holding text as it is, escaped (node names and the title). */
static void dot_str(gist_sb *sb, const char *s)
{
    gist__sb_putc(sb, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            gist__sb_putc(sb, '\\');
        gist__sb_putc(sb, *s == '\n' ? ' ' : *s);
    }
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

/* Whether an option leads to a regimen. */
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

/* Where option k of rule r leads: a regimen such as "sunitinib" (or the rule's own when the option
 * names no agent), or what the action is. Off-label options are one target listing their agents. */
static void target_state(gist_sb *sb, const struct gist_rule *r, size_t k)
{
    const struct gist_option *o = &r->options[k];
    if (option_is_regimen(o)) {
        if (o->agent < 0) {
            source_state(sb, r);
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

/* Whether decision rule r starts from the regimen state. */
static int starts_from(const struct gist_rule *r, const char *state, gist_sb *scratch)
{
    if (r->kind == GIST_RULE_ALERT)
        return 0;
    sb_reset(scratch);
    source_state(scratch, r);
    return strcmp(sb_text(scratch), state) == 0;
}

/* The line an option of the pathway states for the regimen named state, or 0 when none does. */
static int state_line(const gist_pathway *pw, const char *state, gist_sb *scratch)
{
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        for (size_t k = 0; k < r->option_count; k++) {
            if (r->options[k].line <= 0 || !option_is_regimen(&r->options[k]) || r->options[k].agent < 0)
                continue;
            sb_reset(scratch);
            target_state(scratch, r, k);
            if (strcmp(sb_text(scratch), state) == 0)
                return r->options[k].line;
        }
    }
    return 0;
}

/* The index of the state named name among the n states (each ended by \x1f in states), or n. */
static size_t state_index(const gist_sb *states, size_t n, const char *name)
{
    const char *p = sb_text(states);
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        const char *end = strchr(p, '\x1f');
        if (end == NULL)
            break;
        if ((size_t)(end - p) == len && strncmp(p, name, len) == 0)
            return i;
        p = end + 1;
    }
    return n;
}

#define DOT_BOX "style=\"rounded,filled\", fillcolor=\"#f7f9fc\", color=\"#9db7d6\", fontsize=12"
#define DOT_HEAD "bgcolor=\"#dce9f7\""

/* The row of rule r in its regimen's box: id, other conditions, and what it gives. */
static void dot_rule_row(gist_sb *sb, const struct gist_rule *r, size_t port, gist_sb *text, gist_sb *to)
{
    const struct gist_pred *agent, *dose;
    regimen_preds(r, &agent, &dose);
    int declines = r->kind == GIST_RULE_NOT_COVERED;
    gist__sb_printf(sb, "<tr><td port=\"r%zu\" align=\"left\" balign=\"left\"%s><b>", port,
                    declines ? " style=\"dashed\"" : "");
    sb_reset(text);
    gist__sb_printf(text, "%zu. %s", port + 1, r->id); /* numbered as gist pathway show numbers it */
    dot_text(sb, sb_text(text));
    gist__sb_puts(sb, "</b>");
    sb_reset(text);
    for (size_t k = 0; k < r->pred_count; k++) {
        const struct gist_pred *p = &r->preds[k];
        if (p == agent || p == dose)
            continue;
        gist__sb_printf(text, "%s%s", text->len ? "\n" : "", p->text);
    }
    if (text->len) { /* Graphviz refuses an empty <font> */
        gist__sb_puts(sb, "<font point-size=\"10\">");
        dot_text(sb, sb_text(text));
        gist__sb_puts(sb, "</font>");
    }
    sb_reset(text);
    if (declines)
        gist__sb_puts(text, "=> not covered");
    int drawn_off_label = 0;
    for (size_t k = 0; k < r->option_count; k++) {
        if (r->options[k].action == GIST_ACTION_CONSIDER_OFF_LABEL) {
            if (drawn_off_label)
                continue;
            drawn_off_label = 1;
        }
        sb_reset(to);
        target_state(to, r, k);
        gist__sb_printf(text, "%s%s %s%s%s", k ? "\n" : "", k ? "or" : "=>",
                        option_is_regimen(&r->options[k]) ? gist_action_name(r->options[k].action) : "",
                        option_is_regimen(&r->options[k]) ? " " : "", sb_text(to));
    }
    if (text->len) {
        gist__sb_puts(sb, "<font point-size=\"10\" color=\"#1f4e79\">");
        dot_text(sb, sb_text(text));
        gist__sb_puts(sb, "</font>");
    }
    gist__sb_puts(sb, "</td></tr>\n");
}

/* The box of state i: its name and line, then the row of every decision rule starting from it. */
static void dot_box(gist_sb *sb, const gist_pathway *pw, const char *state, size_t i, int line, gist_sb *scratch,
                    gist_sb *text, gist_sb *to)
{
    gist__sb_printf(sb, "  subgraph \"cluster_%zu\" {\n    graph [%s, label=\"", i, DOT_BOX);
    if (line > 0)
        gist__sb_printf(sb, "line %d", line);
    gist__sb_printf(sb, "\"];\n    \"state %zu\" [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
                        "cellpadding=\"4\" color=\"#9db7d6\" bgcolor=\"white\">\n<tr><td %s align=\"left\"><b>",
                    i, DOT_HEAD);
    dot_text(sb, state);
    gist__sb_puts(sb, "</b></td></tr>\n");
    for (size_t k = 0; k < pw->rule_count; k++)
        if (starts_from(&pw->rules[k], state, scratch))
            dot_rule_row(sb, &pw->rules[k], k, text, to);
    gist__sb_puts(sb, "</table>>];\n  }\n");
}

gist_status gist_pathway_to_dot(const gist_pathway *pw, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(pw, "pathway");
    gist_sb sb, states, order, state, scratch, text, to;
    gist_sb *all[] = {&sb, &states, &order, &state, &scratch, &text, &to};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        gist__sb_init(all[i]);
    gist__sb_puts(&sb, "digraph ");
    dot_str(&sb, pw->id);
    gist__sb_puts(&sb, " {\n  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=16, labelloc=t, labeljust=l, "
                      "nodesep=0.4, ranksep=0.45, label=");
    sb_reset(&text);
    gist__sb_printf(&text, "%s %s: %s", pw->id, pw->version, pw->title);
    dot_str(&sb, sb_text(&text));
    gist__sb_puts(&sb, "];\n  node [shape=plain, fontname=\"Helvetica\", fontsize=12];\n"
                      "  edge [arrowsize=0.7, color=\"#1f4e79\"];\n");
    /* the states rules start from, each once, in pathway order */
    size_t n = 0;
    for (size_t i = 0; i < pw->rule_count; i++) {
        if (pw->rules[i].kind == GIST_RULE_ALERT)
            continue;
        sb_reset(&state);
        source_state(&state, &pw->rules[i]);
        if (state_index(&states, n, sb_text(&state)) == n) {
            gist__sb_printf(&states, "%s\x1f", sb_text(&state));
            n++;
        }
    }
    /* their boxes, by line (states no option places first), chained into one column */
    size_t previous = n;
    for (int line = 0; line <= GIST_LINE_MAX; line++) {
        const char *p = sb_text(&states);
        for (size_t i = 0; i < n; i++) {
            const char *end = strchr(p, '\x1f');
            if (end == NULL)
                break;
            sb_reset(&state);
            gist__sb_putn(&state, p, (size_t)(end - p));
            p = end + 1;
            if (state_line(pw, sb_text(&state), &scratch) != line)
                continue;
            dot_box(&sb, pw, sb_text(&state), i, line, &scratch, &text, &to);
            if (previous < n)
                gist__sb_printf(&sb, "  \"state %zu\" -> \"state %zu\" [style=invis, weight=50];\n", previous, i);
            previous = i;
        }
    }
    /* an arrow from a rule's row to the box of each other regimen its options lead to */
    for (size_t i = 0; i < pw->rule_count; i++) {
        const struct gist_rule *r = &pw->rules[i];
        if (r->kind != GIST_RULE_RECOMMEND)
            continue;
        sb_reset(&state);
        source_state(&state, r);
        size_t from = state_index(&states, n, sb_text(&state));
        for (size_t k = 0; k < r->option_count; k++) {
            if (!option_is_regimen(&r->options[k]))
                continue;
            sb_reset(&to);
            target_state(&to, r, k);
            size_t target = state_index(&states, n, sb_text(&to));
            if (target == from)
                continue; /* the rule's own regimen: its row says so */
            if (target == n) { /* a regimen no rule starts from: a box of its own */
                gist__sb_printf(&sb, "  \"regimen %s\" [shape=box, style=\"rounded,filled\", fillcolor=\"#dce9f7\"];\n",
                                sb_text(&to));
                gist__sb_printf(&sb, "  \"state %zu\":\"r%zu\":e -> \"regimen %s\"", from, i, sb_text(&to));
            } else {
                gist__sb_printf(&sb, "  \"state %zu\":\"r%zu\":e -> \"state %zu\"", from, i, target);
            }
            gist__sb_puts(&sb, k > 0 ? " [style=dotted];\n" : ";\n");
        }
    }
    gist__sb_puts(&sb, "}\n");
    for (size_t i = 1; i < sizeof all / sizeof all[0]; i++) {
        if (all[i]->failed)
            sb.failed = 1;
        gist__sb_free(all[i]);
    }
    return gist__sb_finish(&sb, out);
}
