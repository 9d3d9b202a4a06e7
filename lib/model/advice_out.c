/*
 * Advice as JSON (docs/advice-format.md) and as readable text.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "model/advice.h"
#include "model/agent.h"
#include "util/error.h"
#include "util/json_out.h"
#include "util/strbuf.h"

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


gist_status gist_advice_to_json(const gist_advice *a, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(a, "advice");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "gist_advice_to_json: unknown flags 0x%x", flags);
    gist_sb sb;
    gist_jw w;
    gist__sb_init(&sb);
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "format", ADVICE_FORMAT);
    gist__jw_str(&w, "patient_id", a->patient_id);
    gist__jw_key(&w, "pathway");
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "id", a->pathway->id);
    gist__jw_str(&w, "version", a->pathway->version);
    gist__jw_end_object(&w);
    gist__jw_str(&w, "outcome", gist_outcome_name(a->outcome));
    if (a->rule)
        gist__jw_str(&w, "rule", a->rule->id);
    else
        gist__jw_null(&w, "rule");
    gist__jw_str(&w, "rationale", a->rationale);
    gist__jw_strings(&w, "evidence", a->evidence, a->evidence_count);

    gist__jw_key(&w, "options");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < gist_advice_option_count(a); i++) {
        const gist_option *o = gist_advice_option(a, i);
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_int(&w, "rank", (long long)i + 1);
        gist__jw_str(&w, "action", gist_action_name(o->action));
        if (o->agent >= 0)
            gist__jw_str(&w, "agent", gist__agents[o->agent].name);
        else
            gist__jw_null(&w, "agent");
        if (o->dose_mg > 0)
            gist__jw_num(&w, "dose_mg", o->dose_mg);
        else
            gist__jw_null(&w, "dose_mg");
        gist__jw_str(&w, "schedule", gist_schedule_name(o->schedule));
        gist__jw_str(&w, "dose_text", o->dose_text);
        if (o->line > 0)
            gist__jw_int(&w, "line", o->line);
        else
            gist__jw_null(&w, "line");
        gist__jw_str(&w, "summary", o->summary);
        gist__jw_str(&w, "rationale", o->rationale);
        gist__jw_strings(&w, "evidence", o->evidence, o->evidence_count);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);

    gist__jw_key(&w, "alerts");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < a->alert_count; i++) {
        const gist_alert *al = a->alerts[i];
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "id", al->id);
        gist__jw_str(&w, "severity", gist_severity_name(al->severity));
        gist__jw_str(&w, "text", al->text);
        gist__jw_strings(&w, "evidence", al->evidence, al->evidence_count);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);

    gist__jw_key(&w, "missing");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < a->missing_count; i++) {
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "fact", gist_advice_missing_fact(a, i));
        gist__jw_str(&w, "hint", gist_advice_missing_hint(a, i));
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);

    gist__jw_key(&w, "trace");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < a->trace_count; i++) {
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "rule", a->trace[i].rule->id);
        gist__jw_str(&w, "result", gist_trace_result_name((gist_trace_result)a->trace[i].result));
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);

    idset ids;
    collect_ids(a, &ids);
    gist__jw_key(&w, "references");
    gist__jw_begin_object(&w);
    for (size_t i = 0; i < ids.n; i++)
        gist__jw_str(&w, ids.ids[i], gist_pathway_evidence_lookup(a->pathway, ids.ids[i]));
    gist__jw_end_object(&w);
    gist__jw_str(&w, "disclaimer", disclaimer);
    gist__jw_end_object(&w);
    if (!w.compact)
        gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}

static void text_ids(gist_sb *sb, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gist__sb_printf(sb, "%s%s", i ? ", " : "", ids[i]);
}

gist_status gist_advice_to_text(const gist_advice *a, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(a, "advice");
    gist_sb sb;
    gist__sb_init(&sb);
    if (a->patient_id[0])
        gist__sb_printf(&sb, "Patient %s: ", a->patient_id);
    gist__sb_printf(&sb, "advice from pathway %s (version %s)\n", a->pathway->id, a->pathway->version);
    switch (a->outcome) {
    case GIST_OUTCOME_RECOMMENDED:
        gist__sb_printf(&sb, "Outcome: recommended (rule %s: %s)\n", a->rule->id, a->rule->title);
        break;
    case GIST_OUTCOME_UNDETERMINED: gist__sb_puts(&sb, "Outcome: undetermined (facts are missing)\n"); break;
    default:
        if (a->rule)
            gist__sb_printf(&sb, "Outcome: not covered (rule %s: %s)\n", a->rule->id, a->rule->title);
        else
            gist__sb_puts(&sb, "Outcome: not covered (no rule applies)\n");
        break;
    }
    size_t nopt = gist_advice_option_count(a);
    if (nopt > 0) {
        gist__sb_puts(&sb, "\nOptions, best first:\n");
        for (size_t i = 0; i < nopt; i++) {
            const gist_option *o = gist_advice_option(a, i);
            gist__sb_printf(&sb, "  %zu. %s\n", i + 1, o->summary);
            if (o->dose_text[0])
                gist__sb_printf(&sb, "     Dose: %s\n", o->dose_text);
            if (o->line > 0)
                gist__sb_printf(&sb, "     Line of therapy: %d\n", o->line);
            gist__sb_printf(&sb, "     Why: %s\n     Evidence: ", o->rationale);
            text_ids(&sb, o->evidence, o->evidence_count);
            gist__sb_putc(&sb, '\n');
        }
    }
    if (a->missing_count > 0) {
        gist__sb_puts(&sb, "\nMissing facts:\n");
        for (size_t i = 0; i < a->missing_count; i++)
            gist__sb_printf(&sb, "  - %s: %s\n", gist_advice_missing_fact(a, i), gist_advice_missing_hint(a, i));
    }
    gist__sb_printf(&sb, "\nRationale: %s\n", a->rationale);
    if (a->alert_count > 0) {
        gist__sb_puts(&sb, "\nAlerts:\n");
        for (size_t i = 0; i < a->alert_count; i++) {
            const gist_alert *al = a->alerts[i];
            gist__sb_printf(&sb, "  [%s] %s (", gist_severity_name(al->severity), al->text);
            text_ids(&sb, al->evidence, al->evidence_count);
            gist__sb_puts(&sb, ")\n");
        }
    }
    idset ids;
    collect_ids(a, &ids);
    if (ids.n > 0) {
        gist__sb_puts(&sb, "\nEvidence:\n");
        for (size_t i = 0; i < ids.n; i++)
            gist__sb_printf(&sb, "  %s: %s\n", ids.ids[i], gist_pathway_evidence_lookup(a->pathway, ids.ids[i]));
    }
    if (a->trace_count > 0) {
        gist__sb_puts(&sb, "\nTrace: ");
        for (size_t i = 0; i < a->trace_count; i++)
            gist__sb_printf(&sb, "%s%s (%s)", i ? ", " : "", a->trace[i].rule->id,
                           gist_trace_result_name((gist_trace_result)a->trace[i].result));
        gist__sb_putc(&sb, '\n');
    }
    gist__sb_printf(&sb, "\n%s\n", disclaimer);
    return gist__sb_finish(&sb, out);
}
