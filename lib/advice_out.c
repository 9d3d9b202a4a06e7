/*
 * Advice as JSON (docs/advice-format.md) and as readable text.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "advice_internal.h"

#define ADVICE_FORMAT "gist-advice/1"

static const char disclaimer[] =
    "Decision support for clinicians, not a prescription: review each option and its evidence "
    "against the patient's full clinical picture.";

/* Every evidence id the advice mentions, in first-mention order, without repeats. */
typedef struct idset {
    const char *ids[256];
    size_t n;
} idset;

static void idset_add(idset *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->ids[i] == id || strcmp(s->ids[i], id) == 0)
            return;
    if (s->n < sizeof s->ids / sizeof s->ids[0])
        s->ids[s->n++] = id;
}

static void collect_ids(const gist_advice *a, idset *s)
{
    s->n = 0;
    for (size_t i = 0; i < a->evidence_count; i++)
        idset_add(s, a->evidence[i]);
    for (size_t i = 0; i < gist_advice_option_count(a); i++) {
        const gist_option *o = gist_advice_option(a, i);
        for (size_t k = 0; k < o->evidence_count; k++)
            idset_add(s, o->evidence[k]);
    }
    for (size_t i = 0; i < a->alert_count; i++)
        for (size_t k = 0; k < a->alerts[i]->evidence_count; k++)
            idset_add(s, a->alerts[i]->evidence[k]);
}

static void json_ids(gist_jw *w, const char *key, const char *const *ids, size_t n)
{
    gist_jw_key(w, key);
    gist_jw_begin_array(w);
    for (size_t i = 0; i < n; i++) {
        gist_jw_item(w);
        gist_sb_json_str(w->sb, ids[i]);
    }
    gist_jw_end_array(w);
}

gist_status gist_advice_to_json(const gist_advice *a, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "gist_advice_to_json", "out");
    *out = NULL;
    GIST_CHECK_NULL(a, "gist_advice_to_json", "advice");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "gist_advice_to_json: unknown flags 0x%x", flags);
    gist_sb sb;
    gist_jw w;
    gist_sb_init(&sb);
    gist_jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist_jw_begin_object(&w);
    gist_jw_str(&w, "format", ADVICE_FORMAT);
    gist_jw_str(&w, "patient_id", a->patient_id);
    gist_jw_key(&w, "pathway");
    gist_jw_begin_object(&w);
    gist_jw_str(&w, "id", a->pathway->id);
    gist_jw_str(&w, "version", a->pathway->version);
    gist_jw_end_object(&w);
    gist_jw_str(&w, "outcome", gist_outcome_name(a->outcome));
    if (a->rule)
        gist_jw_str(&w, "rule", a->rule->id);
    else
        gist_jw_null(&w, "rule");
    gist_jw_str(&w, "rationale", a->rationale);
    json_ids(&w, "evidence", a->evidence, a->evidence_count);

    gist_jw_key(&w, "options");
    gist_jw_begin_array(&w);
    for (size_t i = 0; i < gist_advice_option_count(a); i++) {
        const gist_option *o = gist_advice_option(a, i);
        gist_jw_item(&w);
        gist_jw_begin_object(&w);
        gist_jw_int(&w, "rank", (long long)i + 1);
        gist_jw_str(&w, "action", gist_action_name(o->action));
        if (o->agent >= 0)
            gist_jw_str(&w, "agent", gist__agents[o->agent].name);
        else
            gist_jw_null(&w, "agent");
        if (o->dose_mg > 0)
            gist_jw_num(&w, "dose_mg", o->dose_mg);
        else
            gist_jw_null(&w, "dose_mg");
        gist_jw_str(&w, "schedule", gist_schedule_name(o->schedule));
        gist_jw_str(&w, "dose_text", o->dose_text);
        if (o->line > 0)
            gist_jw_int(&w, "line", o->line);
        else
            gist_jw_null(&w, "line");
        gist_jw_str(&w, "summary", o->summary);
        gist_jw_str(&w, "rationale", o->rationale);
        json_ids(&w, "evidence", o->evidence, o->evidence_count);
        gist_jw_end_object(&w);
    }
    gist_jw_end_array(&w);

    gist_jw_key(&w, "alerts");
    gist_jw_begin_array(&w);
    for (size_t i = 0; i < a->alert_count; i++) {
        const gist_alert *al = a->alerts[i];
        gist_jw_item(&w);
        gist_jw_begin_object(&w);
        gist_jw_str(&w, "id", al->id);
        gist_jw_str(&w, "severity", gist_severity_name(al->severity));
        gist_jw_str(&w, "text", al->text);
        json_ids(&w, "evidence", al->evidence, al->evidence_count);
        gist_jw_end_object(&w);
    }
    gist_jw_end_array(&w);

    gist_jw_key(&w, "missing");
    gist_jw_begin_array(&w);
    for (size_t i = 0; i < a->missing_count; i++) {
        gist_jw_item(&w);
        gist_jw_begin_object(&w);
        gist_jw_str(&w, "fact", gist_advice_missing_fact(a, i));
        gist_jw_str(&w, "hint", gist_advice_missing_hint(a, i));
        gist_jw_end_object(&w);
    }
    gist_jw_end_array(&w);

    gist_jw_key(&w, "trace");
    gist_jw_begin_array(&w);
    for (size_t i = 0; i < a->trace_count; i++) {
        gist_jw_item(&w);
        gist_jw_begin_object(&w);
        gist_jw_str(&w, "rule", a->trace[i].rule->id);
        gist_jw_str(&w, "result", gist_trace_result_name((gist_trace_result)a->trace[i].result));
        gist_jw_end_object(&w);
    }
    gist_jw_end_array(&w);

    idset ids;
    collect_ids(a, &ids);
    gist_jw_key(&w, "references");
    gist_jw_begin_object(&w);
    for (size_t i = 0; i < ids.n; i++)
        gist_jw_str(&w, ids.ids[i], gist_pathway_evidence_lookup(a->pathway, ids.ids[i]));
    gist_jw_end_object(&w);
    gist_jw_str(&w, "disclaimer", disclaimer);
    gist_jw_end_object(&w);
    if (!w.compact)
        gist_sb_putc(&sb, '\n');
    return gist_sb_finish(&sb, out);
}

static void text_ids(gist_sb *sb, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gist_sb_printf(sb, "%s%s", i ? ", " : "", ids[i]);
}

gist_status gist_advice_to_text(const gist_advice *a, char **out)
{
    GIST_CHECK_NULL(out, "gist_advice_to_text", "out");
    *out = NULL;
    GIST_CHECK_NULL(a, "gist_advice_to_text", "advice");
    gist_sb sb;
    gist_sb_init(&sb);
    if (a->patient_id[0])
        gist_sb_printf(&sb, "Patient %s: ", a->patient_id);
    gist_sb_printf(&sb, "advice from pathway %s (version %s)\n", a->pathway->id, a->pathway->version);
    switch (a->outcome) {
    case GIST_OUTCOME_RECOMMENDED:
        gist_sb_printf(&sb, "Outcome: recommended (rule %s: %s)\n", a->rule->id, a->rule->title);
        break;
    case GIST_OUTCOME_UNDETERMINED: gist_sb_puts(&sb, "Outcome: undetermined (facts are missing)\n"); break;
    default:
        if (a->rule)
            gist_sb_printf(&sb, "Outcome: not covered (rule %s: %s)\n", a->rule->id, a->rule->title);
        else
            gist_sb_puts(&sb, "Outcome: not covered (no rule applies)\n");
        break;
    }
    size_t nopt = gist_advice_option_count(a);
    if (nopt > 0) {
        gist_sb_puts(&sb, "\nOptions, best first:\n");
        for (size_t i = 0; i < nopt; i++) {
            const gist_option *o = gist_advice_option(a, i);
            gist_sb_printf(&sb, "  %zu. %s\n", i + 1, o->summary);
            if (o->dose_text[0])
                gist_sb_printf(&sb, "     Dose: %s\n", o->dose_text);
            if (o->line > 0)
                gist_sb_printf(&sb, "     Line of therapy: %d\n", o->line);
            gist_sb_printf(&sb, "     Why: %s\n     Evidence: ", o->rationale);
            text_ids(&sb, o->evidence, o->evidence_count);
            gist_sb_putc(&sb, '\n');
        }
    }
    if (a->missing_count > 0) {
        gist_sb_puts(&sb, "\nMissing facts:\n");
        for (size_t i = 0; i < a->missing_count; i++)
            gist_sb_printf(&sb, "  - %s: %s\n", gist_advice_missing_fact(a, i), gist_advice_missing_hint(a, i));
    }
    gist_sb_printf(&sb, "\nRationale: %s\n", a->rationale);
    if (a->alert_count > 0) {
        gist_sb_puts(&sb, "\nAlerts:\n");
        for (size_t i = 0; i < a->alert_count; i++) {
            const gist_alert *al = a->alerts[i];
            gist_sb_printf(&sb, "  [%s] %s (", gist_severity_name(al->severity), al->text);
            text_ids(&sb, al->evidence, al->evidence_count);
            gist_sb_puts(&sb, ")\n");
        }
    }
    idset ids;
    collect_ids(a, &ids);
    if (ids.n > 0) {
        gist_sb_puts(&sb, "\nEvidence:\n");
        for (size_t i = 0; i < ids.n; i++)
            gist_sb_printf(&sb, "  %s: %s\n", ids.ids[i], gist_pathway_evidence_lookup(a->pathway, ids.ids[i]));
    }
    if (a->trace_count > 0) {
        gist_sb_puts(&sb, "\nTrace: ");
        for (size_t i = 0; i < a->trace_count; i++)
            gist_sb_printf(&sb, "%s%s (%s)", i ? ", " : "", a->trace[i].rule->id,
                           gist_trace_result_name((gist_trace_result)a->trace[i].result));
        gist_sb_putc(&sb, '\n');
    }
    gist_sb_printf(&sb, "\n%s\n", disclaimer);
    return gist_sb_finish(&sb, out);
}
