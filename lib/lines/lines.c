/*
 * Lines results for one timeline: analysis entry points, accessors,
 * finding messages, and JSON and CSV output.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "events/timeline.h"
#include "lines/lot.h"
#include "model/agent.h"
#include "model/facts.h"
#include "model/pathway.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/json_out.h"
#include "util/names.h"
#include "util/strbuf.h"

static const char *agent_name(int16_t a)
{
    return a >= 0 && (size_t)a < gist__agent_count ? gist__agents[a].name : "unknown agent";
}

static void put_date(gist_sb *sb, int32_t d)
{
    char buf[11];
    if (gist__date_write(d, buf))
        gist__sb_puts(sb, buf); /* no date (an event whose date is unusable): an empty field */
}

void gist__finding_message(gist_sb *sb, const struct gist_lot_finding *f)
{
    const char *rule = f->rule ? f->rule->id : NULL;
    switch (f->code) {
    case GIST_FINDING_INTERRUPTION:
        gist__sb_printf(sb, "Treatment interruption: no %s for %.0f days from ", agent_name(f->agent), f->value);
        put_date(sb, f->date);
        gist__sb_puts(sb, " with no progression or intolerance recorded, then resumed");
        break;
    case GIST_FINDING_SWITCH_WITHOUT_REASON:
        gist__sb_printf(sb, "%s was replaced by %s with no progression or intolerance recorded", agent_name(f->agent2),
                       agent_name(f->agent));
        break;
    case GIST_FINDING_UNCONFIRMED_PROGRESSION:
        gist__sb_printf(sb, "Therapy changed (%s) on progression not confirmed radiologically; the pathway advises "
                           "radiologic confirmation first",
                       agent_name(f->agent));
        break;
    case GIST_FINDING_ESCALATION_SKIPPED:
        gist__sb_printf(sb, "Switched to %s without the dose escalation the pathway advises first",
                       agent_name(f->agent));
        break;
    case GIST_FINDING_OUT_OF_SEQUENCE:
        gist__sb_printf(sb, "%s", agent_name(f->agent));
        if (f->value > 0)
            gist__sb_printf(sb, " %g mg/day", f->value);
        gist__sb_puts(sb, " is not among the pathway's options at this point");
        if (f->rule)
            gist__sb_printf(sb, " (%s)", f->rule->title);
        break;
    case GIST_FINDING_NO_REFERRAL:
        gist__sb_puts(sb, "The pathway advises referral to a high-volume sarcoma centre and no referral is recorded "
                         "afterwards");
        break;
    case GIST_FINDING_NONSTANDARD_DOSE: {
        const gist_agent *a = &gist__agents[f->agent];
        gist__sb_printf(sb, "%s %g mg/day is not a standard dose (standard:", a->name, f->value);
        for (size_t i = 0; i < gist_agent_dose_count(a); i++)
            gist__sb_printf(sb, "%s %s", i ? ";" : "", a->doses[i].text);
        gist__sb_putc(sb, ')');
        break;
    }
    case GIST_FINDING_OVERLAP:
        if (f->value > 0)
            gist__sb_printf(sb, "Exposures of %s overlap by %.0f days; counted once", agent_name(f->agent), f->value);
        else
            gist__sb_printf(sb, "An exposure of %s starts while an earlier one is still open; counted once",
                           agent_name(f->agent));
        break;
    case GIST_FINDING_NOT_ASSESSABLE:
        gist__sb_puts(sb, "The pathway cannot judge this change: ");
        if (f->value < 0) {
            gist__sb_puts(sb, "several agents are taken together (a combination is not one regimen)");
        } else if ((int)f->value == GIST_OUTCOME_UNDETERMINED) {
            gist__sb_puts(sb, "facts it needs are not recorded (");
            int first = 1;
            for (int k = 0; k < GIST_FACT_COUNT; k++) {
                if ((uint16_t)f->agent2 >> k & 1u) {
                    gist__sb_printf(sb, "%s%s", first ? "" : ", ", gist__facts[k].name);
                    first = 0;
                }
            }
            gist__sb_putc(sb, ')');
        } else if ((int)f->value == 4) {
            gist__sb_puts(sb, "no rule of the pathway applies");
            if (f->rule)
                gist__sb_printf(sb, " (nearest: %s)", f->rule->title);
        } else {
            gist__sb_puts(sb, "the situation is not covered");
            if (f->rule)
                gist__sb_printf(sb, " (%s)", f->rule->title);
        }
        break;
    case GIST_FINDING_SETTING_ASSUMED:
        gist__sb_printf(sb, "No treatment setting recorded: exposures were taken as %s (the unknown_setting option)",
                       gist__setting_names[(int)f->value]);
        break;
    case GIST_FINDING_INVALID_EVENT: {
        static const char *const why[] = {"", "it ends before it starts", "its agent is unknown",
                                          "its dose is not a plausible daily dose",
                                          "its date is missing or outside 1900-01-01 to 2200-12-31",
                                          "a value is unknown or missing"};
        int w = (int)f->value;
        gist__sb_printf(sb, "Event not used: %s", w > 0 && w <= 5 ? why[w] : "it is invalid");
        break;
    }
    default: gist__sb_puts(sb, "finding"); break;
    }
    if (rule && f->code != GIST_FINDING_OUT_OF_SEQUENCE && f->code != GIST_FINDING_NOT_ASSESSABLE)
        gist__sb_printf(sb, " (rule %s)", rule);
    else if (rule)
        gist__sb_printf(sb, " [rule %s]", rule);
}

/* ---- analysis ---- */

static gist_status analyse(gist_lines **out, const gist_timeline *t, const gist_pathway *pw,
                           const gist_lines_options *options, const char *fn)
{
    gist_lines_options o;
    gist_status st = gist__lines_options_resolve(options, &o);
    if (st != GIST_OK)
        return st;
    gist_lines *l = gist__calloc(1, sizeof *l);
    uint32_t *idx = NULL;
    if (l == NULL)
        return gist__error(GIST_ENOMEM, "%s: out of memory", fn);
    l->options = o;
    gist__lot_init(&l->lot);
    st = gist__timeline_order(t, &idx);
    if (st == GIST_OK && t->id != NULL && (l->id = gist__strndup(t->id, strlen(t->id))) == NULL)
        st = gist__error(GIST_ENOMEM, "%s: out of memory", fn);
    if (st == GIST_OK) {
        gist_evcols cols;
        gist__timeline_cols(t, &cols);
        gist_evrange ev = {&cols, idx, 0, t->n};
        st = gist__lot_patient(&l->lot, &ev, 0, &o, pw);
    }
    gist__free(idx);
    if (st == GIST_OK && l->lot.nfinds > 0) {
        l->messages = gist__calloc(l->lot.nfinds, sizeof *l->messages);
        if (l->messages == NULL)
            st = gist__error(GIST_ENOMEM, "%s: out of memory", fn);
        for (size_t i = 0; st == GIST_OK && i < l->lot.nfinds; i++) {
            gist_sb sb;
            gist__sb_init(&sb);
            gist__finding_message(&sb, &l->lot.finds[i]);
            st = gist__sb_finish(&sb, &l->messages[i]);
        }
    }
    if (st != GIST_OK) {
        gist_lines_free(l);
        return st;
    }
    if (pw != NULL)
        l->pathway = gist__pathway_retain(pw);
    *out = l;
    return GIST_OK;
}

gist_status gist_timeline_lines(gist_lines **out, const gist_timeline *t, const gist_lines_options *options)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(t, "timeline");
    return analyse(out, t, NULL, options, __func__);
}

gist_status gist_timeline_audit(gist_lines **out, const gist_timeline *t, const gist_pathway *pw,
                                const gist_lines_options *options)
{
    GIST_CHECK_NULL(pw, "pathway");
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(t, "timeline");
    return analyse(out, t, pw, options, __func__);
}

gist_status gist_timeline_patient_at(gist_patient **out, const gist_timeline *t, gist_date date,
                                     const gist_lines_options *options)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(t, "timeline");
    if (date < GIST_DATE_MIN || date > GIST_DATE_MAX)
        return gist__error(GIST_ERANGE, "%s: the date is outside 1900-01-01 to 2200-12-31", fn);
    gist_lines_options o;
    gist_status st = gist__lines_options_resolve(options, &o);
    if (st != GIST_OK)
        return st;
    uint32_t *idx = NULL;
    gist_lot lot;
    gist__lot_init(&lot);
    gist_patient *p = NULL;
    st = gist__timeline_order(t, &idx);
    if (st == GIST_OK)
        st = gist_patient_new(&p);
    if (st == GIST_OK && t->id)
        st = gist_patient_set_id(p, t->id);
    if (st == GIST_OK) {
        gist_evcols cols;
        gist__timeline_cols(t, &cols);
        gist_evrange ev = {&cols, idx, 0, t->n};
        st = gist__lot_patient(&lot, &ev, 0, &o, NULL);
        if (st == GIST_OK)
            st = gist__lot_patient_at(p, &ev, &lot, 0, lot.nlines, date, GIST_DATE_NONE, &o);
    }
    gist__free(idx);
    gist__lot_free(&lot);
    if (st != GIST_OK) {
        gist_patient_free(p);
        return st;
    }
    *out = p;
    return GIST_OK;
}

void gist_lines_free(gist_lines *l)
{
    if (l == NULL)
        return;
    if (l->messages)
        for (size_t i = 0; i < l->lot.nfinds; i++)
            gist__free(l->messages[i]);
    gist__free(l->messages);
    gist__lot_free(&l->lot);
    gist__free(l->id);
    gist_pathway_free(l->pathway);
    gist__free(l);
}

/* ---- accessors ---- */

#define LINE(l, i) (&(l)->lot.lines[i])
#define HAS_LINE(l, i) ((l) != NULL && (i) < (l)->lot.nlines)
#define HAS_FIND(l, i) ((l) != NULL && (i) < (l)->lot.nfinds)

const gist_lines_options *gist_lines_options_used(const gist_lines *l) { return l ? &l->options : NULL; }
const char *gist_lines_patient_id(const gist_lines *l) { return l ? (l->id ? l->id : "") : NULL; }
size_t gist_lines_count(const gist_lines *l) { return l ? l->lot.nlines : 0; }
int gist_line_number(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? LINE(l, i)->number : 0; }
gist_setting gist_line_setting(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? (gist_setting)LINE(l, i)->setting : GIST_SETTING_UNKNOWN; }
gist_date gist_line_start_date(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? LINE(l, i)->start : GIST_DATE_NONE; }
gist_date gist_line_end_date(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? LINE(l, i)->end : GIST_DATE_NONE; }
gist_line_end gist_line_end_reason(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? (gist_line_end)LINE(l, i)->end_reason : (gist_line_end)0; }
int gist_line_rechallenge(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? LINE(l, i)->rechallenge : 0; }
size_t gist_line_step_count(const gist_lines *l, size_t i) { return HAS_LINE(l, i) ? LINE(l, i)->nsteps : 0; }

static const struct gist_lot_step *step(const gist_lines *l, size_t i, size_t k)
{
    if (!HAS_LINE(l, i) || k >= LINE(l, i)->nsteps)
        return NULL;
    return &l->lot.steps[LINE(l, i)->first_step + k];
}

gist_date gist_line_step_date(const gist_lines *l, size_t i, size_t k)
{
    const struct gist_lot_step *s = step(l, i, k);
    return s ? s->date : GIST_DATE_NONE;
}

const gist_agent *gist_line_step_agent(const gist_lines *l, size_t i, size_t k)
{
    const struct gist_lot_step *s = step(l, i, k);
    return s ? &gist__agents[s->agent] : NULL;
}

double gist_line_step_dose_mg(const gist_lines *l, size_t i, size_t k)
{
    const struct gist_lot_step *s = step(l, i, k);
    return s ? s->dose : 0;
}

gist_stop_reason gist_line_step_reason(const gist_lines *l, size_t i, size_t k)
{
    const struct gist_lot_step *s = step(l, i, k);
    return s ? (gist_stop_reason)s->reason : GIST_STOP_UNKNOWN;
}

/* The distinct agents of a line, in the order they started. */
static size_t line_agents(const gist_lot *lot, size_t i, int16_t *agents, size_t cap)
{
    const struct gist_lot_line *ln = &lot->lines[i];
    size_t n = 0;
    for (uint32_t k = 0; k < ln->nsteps; k++) {
        int16_t a = lot->steps[ln->first_step + k].agent;
        size_t j = 0;
        while (j < n && agents[j] != a)
            j++;
        if (j == n && n < cap)
            agents[n++] = a;
    }
    return n;
}

size_t gist_line_agent_count(const gist_lines *l, size_t i)
{
    int16_t agents[16];
    return HAS_LINE(l, i) ? line_agents(&l->lot, i, agents, 16) : 0;
}

const gist_agent *gist_line_agent(const gist_lines *l, size_t i, size_t k)
{
    int16_t agents[16];
    if (!HAS_LINE(l, i))
        return NULL;
    size_t n = line_agents(&l->lot, i, agents, 16);
    return k < n ? &gist__agents[agents[k]] : NULL;
}

size_t gist_lines_finding_count(const gist_lines *l) { return l ? l->lot.nfinds : 0; }
gist_finding_code gist_finding_code_of(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? (gist_finding_code)l->lot.finds[i].code : (gist_finding_code)0; }
gist_severity gist_finding_severity_of(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? (gist_severity)l->lot.finds[i].severity : (gist_severity)0; }
gist_date gist_finding_date(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? l->lot.finds[i].date : GIST_DATE_NONE; }
unsigned long gist_finding_row(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? l->lot.finds[i].row : 0; }
const gist_rule *gist_finding_rule(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? l->lot.finds[i].rule : NULL; }
size_t gist_finding_evidence_count(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? l->lot.finds[i].nevidence : 0; }
const char *gist_finding_message(const gist_lines *l, size_t i) { return HAS_FIND(l, i) ? l->messages[i] : NULL; }

size_t gist_finding_line(const gist_lines *l, size_t i)
{
    if (!HAS_FIND(l, i) || l->lot.finds[i].line >= l->lot.nlines)
        return (size_t)-1;
    return l->lot.finds[i].line;
}

const char *gist_finding_evidence(const gist_lines *l, size_t i, size_t k)
{
    return HAS_FIND(l, i) && k < l->lot.finds[i].nevidence ? l->lot.finds[i].evidence[k] : NULL;
}

/* ---- output ---- */

void gist__lot_agents_text(gist_sb *sb, const gist_lot *lot, size_t i)
{
    int16_t agents[16];
    size_t na = line_agents(lot, i, agents, 16);
    for (size_t k = 0; k < na; k++) {
        if (k)
            gist__sb_putc(sb, '+');
        gist__sb_puts(sb, gist__agents[agents[k]].name);
    }
}

void gist__step_text(gist_sb *sb, int first, int32_t date, int16_t agent, double dose, uint8_t reason)
{
    if (!first)
        gist__sb_putc(sb, ';');
    put_date(sb, date);
    gist__sb_putc(sb, ':');
    gist__sb_puts(sb, gist__agents[agent].name);
    gist__sb_putc(sb, ':');
    if (dose > 0)
        gist__sb_num(sb, dose);
    gist__sb_putc(sb, ':');
    gist__sb_puts(sb, gist__stop_names[reason]);
}

void gist__lot_steps_text(gist_sb *sb, const gist_lot *lot, size_t i)
{
    const struct gist_lot_line *ln = &lot->lines[i];
    for (uint32_t k = 0; k < ln->nsteps; k++) {
        const struct gist_lot_step *s = &lot->steps[ln->first_step + k];
        gist__step_text(sb, k == 0, s->date, s->agent, s->dose, s->reason);
    }
}

void gist__lot_evidence_text(gist_sb *sb, const struct gist_lot_finding *f)
{
    for (size_t k = 0; k < f->nevidence; k++) {
        if (k)
            gist__sb_putc(sb, ';');
        gist__sb_puts(sb, f->evidence[k]);
    }
}

void gist__csv_field(gist_sb *sb, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        gist__sb_puts(sb, s);
        return;
    }
    gist__sb_putc(sb, '"');
    for (; *s; s++) {
        if (*s == '"')
            gist__sb_putc(sb, '"');
        gist__sb_putc(sb, *s);
    }
    gist__sb_putc(sb, '"');
}

static void json_date(gist_jw *w, const char *key, int32_t d)
{
    char buf[11];
    if (gist__date_write(d, buf))
        gist__jw_str(w, key, buf);
    else
        gist__jw_null(w, key);
}

static void options_json(gist_jw *w, const gist_lines_options *o)
{
    gist__jw_key(w, "options");
    gist__jw_begin_object(w);
    gist__jw_int(w, "version", o->version);
    gist__jw_int(w, "combination_window_days", o->combination_window_days);
    gist__jw_int(w, "interruption_days", o->interruption_days);
    gist__jw_int(w, "discontinuation_days", o->discontinuation_days);
    gist__jw_bool(w, "honor_schedules", o->honor_schedules != 0);
    gist__jw_str(w, "unknown_setting", gist__setting_names[o->unknown_setting]);
    json_date(w, "censor_date", o->censor_date);
    gist__jw_end_object(w);
}

gist_status gist_lines_to_json(const gist_lines *l, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(l, "lines");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "gist_lines_to_json: unknown flags 0x%x", flags);
    gist_sb sb;
    gist_jw w;
    gist__sb_init(&sb);
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "format", "gist-lines/1");
    gist__jw_str(&w, "patient_id", gist_lines_patient_id(l));
    options_json(&w, &l->options);
    if (l->pathway) {
        gist__jw_key(&w, "pathway");
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "id", l->pathway->id);
        gist__jw_str(&w, "version", l->pathway->version);
        gist__jw_end_object(&w);
    } else {
        gist__jw_null(&w, "pathway");
    }
    gist__jw_key(&w, "lines");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < l->lot.nlines; i++) {
        const struct gist_lot_line *ln = LINE(l, i);
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "setting", gist__setting_names[ln->setting]);
        gist__jw_int(&w, "line", ln->number);
        json_date(&w, "start", ln->start);
        json_date(&w, "end", ln->end);
        gist__jw_str(&w, "end_reason", gist__line_end_names[ln->end_reason]);
        gist__jw_bool(&w, "rechallenge", ln->rechallenge);
        int16_t agents[16];
        size_t na = line_agents(&l->lot, i, agents, 16);
        gist__jw_key(&w, "agents");
        gist__jw_begin_array(&w);
        for (size_t k = 0; k < na; k++) {
            gist__jw_item(&w);
            gist__sb_json_str(&sb, gist__agents[agents[k]].name);
        }
        gist__jw_end_array(&w);
        gist__jw_key(&w, "dose_steps");
        gist__jw_begin_array(&w);
        for (uint32_t k = 0; k < ln->nsteps; k++) {
            const struct gist_lot_step *s = &l->lot.steps[ln->first_step + k];
            gist__jw_item(&w);
            gist__jw_begin_object(&w);
            json_date(&w, "date", s->date);
            gist__jw_str(&w, "agent", gist__agents[s->agent].name);
            if (s->dose > 0)
                gist__jw_num(&w, "dose_mg", s->dose);
            else
                gist__jw_null(&w, "dose_mg");
            gist__jw_str(&w, "reason", gist__stop_names[s->reason]);
            gist__jw_end_object(&w);
        }
        gist__jw_end_array(&w);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);
    gist__jw_key(&w, "findings");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < l->lot.nfinds; i++) {
        const struct gist_lot_finding *f = &l->lot.finds[i];
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        json_date(&w, "date", f->date);
        if (f->line < l->lot.nlines) {
            gist__jw_str(&w, "setting", gist__setting_names[LINE(l, f->line)->setting]);
            gist__jw_int(&w, "line", LINE(l, f->line)->number);
        } else {
            gist__jw_null(&w, "setting");
            gist__jw_null(&w, "line");
        }
        gist__jw_str(&w, "code", gist__finding_names[f->code]);
        gist__jw_str(&w, "severity", gist_severity_name((gist_severity)f->severity));
        if (f->rule)
            gist__jw_str(&w, "rule", f->rule->id);
        else
            gist__jw_null(&w, "rule");
        gist__jw_key(&w, "evidence");
        gist__jw_begin_array(&w);
        for (size_t k = 0; k < f->nevidence; k++) {
            gist__jw_item(&w);
            gist__sb_json_str(&sb, f->evidence[k]);
        }
        gist__jw_end_array(&w);
        if (f->row)
            gist__jw_int(&w, "row", f->row);
        else
            gist__jw_null(&w, "row");
        gist__jw_str(&w, "message", l->messages[i]);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);
    gist__jw_end_object(&w);
    if (!w.compact)
        gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}

gist_status gist_lines_to_csv(const gist_lines *l, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(l, "lines");
    if (flags & ~GIST_CSV_HEADER)
        return gist__error(GIST_EINVAL, "gist_lines_to_csv: unknown flags 0x%x", flags);
    gist_sb sb;
    gist__sb_init(&sb);
    if (flags & GIST_CSV_HEADER)
        gist__sb_puts(&sb, "patient,setting,line,start,end,end_reason,agents,rechallenge,dose_steps,findings\n");
    const char *id = gist_lines_patient_id(l);
    for (size_t i = 0; i < l->lot.nlines; i++) {
        const struct gist_lot_line *ln = LINE(l, i);
        gist__csv_field(&sb, id);
        gist__sb_printf(&sb, ",%s,%d,", gist__setting_names[ln->setting], ln->number);
        put_date(&sb, ln->start);
        gist__sb_putc(&sb, ',');
        put_date(&sb, ln->end);
        gist__sb_printf(&sb, ",%s,", gist__line_end_names[ln->end_reason]);
        gist__lot_agents_text(&sb, &l->lot, i);
        gist__sb_printf(&sb, ",%d,", ln->rechallenge);
        gist__lot_steps_text(&sb, &l->lot, i);
        size_t nf = 0;
        for (size_t k = 0; k < l->lot.nfinds; k++)
            nf += l->lot.finds[k].line == i;
        gist__sb_printf(&sb, ",%zu\n", nf);
    }
    return gist__sb_finish(&sb, out);
}

gist_status gist_lines_findings_to_csv(const gist_lines *l, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(l, "lines");
    if (flags & ~GIST_CSV_HEADER)
        return gist__error(GIST_EINVAL, "gist_lines_findings_to_csv: unknown flags 0x%x", flags);
    gist_sb sb;
    gist__sb_init(&sb);
    if (flags & GIST_CSV_HEADER)
        gist__sb_puts(&sb, "patient,date,setting,line,code,severity,rule,evidence,row,message\n");
    const char *id = gist_lines_patient_id(l);
    for (size_t i = 0; i < l->lot.nfinds; i++) {
        const struct gist_lot_finding *f = &l->lot.finds[i];
        gist__csv_field(&sb, id);
        gist__sb_putc(&sb, ',');
        put_date(&sb, f->date);
        if (f->line < l->lot.nlines)
            gist__sb_printf(&sb, ",%s,%d,", gist__setting_names[LINE(l, f->line)->setting], LINE(l, f->line)->number);
        else
            gist__sb_puts(&sb, ",,,");
        gist__sb_printf(&sb, "%s,%s,%s,", gist__finding_names[f->code], gist_severity_name((gist_severity)f->severity),
                       f->rule ? f->rule->id : "");
        gist__lot_evidence_text(&sb, f);
        gist__sb_putc(&sb, ',');
        if (f->row)
            gist__sb_printf(&sb, "%lu", (unsigned long)f->row);
        gist__sb_putc(&sb, ',');
        gist__csv_field(&sb, l->messages[i]);
        gist__sb_putc(&sb, '\n');
    }
    return gist__sb_finish(&sb, out);
}
