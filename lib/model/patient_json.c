/*
 * The patient JSON format (docs/patient-format.md): reading and writing.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "model/agent.h"
#include "model/patient.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/json_in.h"
#include "util/json_out.h"
#include "util/names.h"
#include "util/strbuf.h"

#define PATIENT_FORMAT "gist-patient/1"

static const char *const top_keys[] = {"format",    "id",          "setting",   "genotype", "regimen",
                                       "response",  "confirmed_by", "extent",   "tolerance", "interrupted",
                                       "referred",  "prior",       "note",      NULL};
static const char *const regimen_keys[] = {"agent", "dose_mg", "schedule", "line", NULL};
static const char *const prior_keys[] = {"agent", "stopped", "setting", NULL};

/* A member that is absent or null is unknown. */
static json_t *member(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return v == NULL || json_is_null(v) ? NULL : v;
}

static gist_status read_tristate(gist_jin *in, json_t *obj, const char *key, gist_tristate *out)
{
    json_t *v = member(obj, key);
    if (v == NULL)
        return GIST_OK;
    if (!json_is_boolean(v)) {
        gist__jpath_push_key(&in->path, key);
        gist_status st = gist__jin_error(in, 0, GIST_ESCHEMA, "must be true, false or null");
        gist__jpath_pop(&in->path);
        return st;
    }
    *out = json_is_true(v) ? GIST_TRISTATE_YES : GIST_TRISTATE_NO;
    return GIST_OK;
}

static gist_status read_enum(gist_jin *in, json_t *obj, const char *key, const char *const *names, int count,
                             int *out)
{
    if (member(obj, key) == NULL)
        return GIST_OK;
    return gist__jin_enum(in, obj, key, 0, names, count, out);
}

static gist_status read_regimen(gist_jin *in, gist_patient *p, json_t *reg)
{
    if (json_is_string(reg) && strcmp(json_string_value(reg), "none") == 0)
        return gist_patient_set_no_regimen(p);
    if (!json_is_object(reg))
        return gist__jin_error(in, 0, GIST_ESCHEMA, "must be an object with agent and dose_mg, \"none\" or null");
    gist_status st = gist__jin_check_keys(in, reg, regimen_keys);
    const gist_agent *agent = NULL;
    double dose = 0;
    int schedule = 0;
    double line = 0;
    int has_line = 0;
    if (st == GIST_OK)
        st = gist__jin_agent(in, reg, "agent", 1, &agent);
    int has_dose = 0;
    if (st == GIST_OK)
        st = gist__jin_number(in, reg, "dose_mg", 0, &dose, &has_dose);
    if (st == GIST_OK && has_dose) {
        gist__jpath_push_key(&in->path, "dose_mg");
        if (gist_agent_check_dose(agent, dose) != GIST_OK) {
            char why[512];
            snprintf(why, sizeof why, "%s", gist_error_last()->message);
            st = gist__jin_error(in, 0, GIST_ERANGE, "%s", why);
        }
        gist__jpath_pop(&in->path);
    }
    if (st == GIST_OK)
        st = read_enum(in, reg, "schedule", gist__schedule_names, GIST_SCHEDULE_COUNT, &schedule);
    if (st == GIST_OK)
        st = gist__jin_number(in, reg, "line", 0, &line, &has_line);
    if (st == GIST_OK && has_line && (line != floor(line) || line < 1 || line > GIST_LINE_MAX)) {
        gist__jpath_push_key(&in->path, "line");
        st = gist__jin_error(in, 0, GIST_ERANGE, "line must be a whole number from 1 to %d", GIST_LINE_MAX);
        gist__jpath_pop(&in->path);
    }
    if (st != GIST_OK)
        return st;
    p->on_treatment = GIST_TRISTATE_YES;
    p->agent = (int)gist_agent_index(agent);
    p->dose_mg = dose;
    p->schedule = (uint8_t)schedule;
    p->line_stated = has_line ? (int)line : 0;
    return GIST_OK;
}

static gist_status read_prior(gist_jin *in, gist_patient *p, json_t *arr)
{
    if (!json_is_array(arr))
        return gist__jin_error(in, 0, GIST_ESCHEMA, "must be an array of previous lines");
    if (json_array_size(arr) > GIST_PATIENT_MAX_PRIOR)
        return gist__jin_error(in, 0, GIST_ELIMIT, "%zu previous lines; the limit is %d", json_array_size(arr),
                               GIST_PATIENT_MAX_PRIOR);
    p->prior_known = 1;
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        gist__jpath_push_index(&in->path, i);
        gist_status st = GIST_OK;
        const gist_agent *agent = NULL;
        int reason = 0, setting = GIST_SETTING_ADVANCED;
        if (!json_is_object(e))
            st = gist__jin_error(in, 0, GIST_ESCHEMA, "must be an object with agent and stopped");
        if (st == GIST_OK)
            st = gist__jin_check_keys(in, e, prior_keys);
        if (st == GIST_OK)
            st = gist__jin_agent(in, e, "agent", 1, &agent);
        if (st == GIST_OK)
            st = read_enum(in, e, "stopped", gist__stop_names, GIST_STOP_COUNT, &reason);
        if (st == GIST_OK)
            st = read_enum(in, e, "setting", gist__setting_names, GIST_SETTING_COUNT, &setting);
        if (st == GIST_OK && setting == GIST_SETTING_UNKNOWN) {
            gist__jpath_push_key(&in->path, "setting");
            st = gist__jin_error(in, 0, GIST_ESCHEMA, "a previous line's setting is advanced or adjuvant");
            gist__jpath_pop(&in->path);
        }
        gist__jpath_pop(&in->path);
        if (st != GIST_OK)
            return st;
        struct gist_prior *d = &p->prior[p->prior_count++];
        d->agent = (uint8_t)gist_agent_index(agent);
        d->reason = (uint8_t)reason;
        d->setting = (uint8_t)setting;
    }
    return GIST_OK;
}

static gist_status read_patient(gist_jin *in, json_t *root, gist_patient *p)
{
    if (!json_is_object(root))
        return gist__jin_error(in, 0, GIST_ESCHEMA, "a patient is a JSON object");
    gist_status st = gist__jin_check_keys(in, root, top_keys);
    const char *s = NULL;
    if (st == GIST_OK && (st = gist__jin_string(in, root, "format", 0, GIST_MAX_NAME_BYTES, &s)) == GIST_OK &&
        s != NULL && strcmp(s, PATIENT_FORMAT) != 0) {
        gist__jpath_push_key(&in->path, "format");
        st = gist__jin_error(in, 0, GIST_EVERSION, "format \"%s\" is not \"%s\"", s, PATIENT_FORMAT);
        gist__jpath_pop(&in->path);
    }
    const char *id = NULL, *note = NULL;
    if (st == GIST_OK && member(root, "id") != NULL)
        st = gist__jin_string(in, root, "id", 0, GIST_MAX_NAME_BYTES, &id);
    if (st == GIST_OK && member(root, "note") != NULL)
        st = gist__jin_string(in, root, "note", 0, GIST_MAX_TEXT_BYTES, &note);
    int v;
#define ENUM_FIELD(key, names, count, field)                                   \
    if (st == GIST_OK) {                                                       \
        v = 0;                                                                 \
        st = read_enum(in, root, key, names, count, &v);                       \
        p->field = (uint8_t)v;                                                 \
    }
    ENUM_FIELD("setting", gist__setting_names, GIST_SETTING_COUNT, setting)
    ENUM_FIELD("genotype", gist__genotype_names, GIST_GENOTYPE_COUNT, genotype)
    ENUM_FIELD("response", gist__response_names, GIST_RESPONSE_COUNT, response)
    ENUM_FIELD("confirmed_by", gist__basis_names, GIST_BASIS_COUNT, basis)
    ENUM_FIELD("extent", gist__extent_names, GIST_EXTENT_COUNT, extent)
    ENUM_FIELD("tolerance", gist__tolerance_names, GIST_TOLERANCE_COUNT, tolerance)
#undef ENUM_FIELD
    gist_tristate t = GIST_TRISTATE_UNKNOWN;
    if (st == GIST_OK && (st = read_tristate(in, root, "interrupted", &t)) == GIST_OK)
        p->interrupted = (uint8_t)t;
    t = GIST_TRISTATE_UNKNOWN;
    if (st == GIST_OK && (st = read_tristate(in, root, "referred", &t)) == GIST_OK)
        p->referred = (uint8_t)t;
    json_t *reg = member(root, "regimen");
    if (st == GIST_OK && reg != NULL) {
        gist__jpath_push_key(&in->path, "regimen");
        st = read_regimen(in, p, reg);
        gist__jpath_pop(&in->path);
    }
    json_t *prior = member(root, "prior");
    if (st == GIST_OK && prior != NULL) {
        gist__jpath_push_key(&in->path, "prior");
        st = read_prior(in, p, prior);
        gist__jpath_pop(&in->path);
    }
    if (st == GIST_OK && id != NULL)
        st = gist_patient_set_id(p, id);
    if (st == GIST_OK)
        st = gist_patient_set_setting(p, (gist_setting)p->setting); /* refreshes the derived facts */
    return st;
}

gist_status gist_patient_parse(gist_patient **out, const char *json, size_t length, const char *source)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(json, "json");
    gist_jin in = {json, length, source ? source : "<string>", {{0}, {0}, 0}};
    json_t *root = NULL;
    gist_status st = gist__json_parse(&in, &root);
    if (st != GIST_OK)
        return st;
    gist_patient *p = NULL;
    st = gist_patient_new(&p);
    if (st == GIST_OK)
        st = read_patient(&in, root, p);
    json_decref(root);
    if (st != GIST_OK) {
        gist_patient_free(p);
        return st;
    }
    *out = p;
    return GIST_OK;
}

gist_status gist_patient_load(gist_patient **out, const char *path)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(path, "path");
    char *text = NULL;
    size_t length = 0;
    gist_status st = gist__read_file(path, &text, &length);
    if (st != GIST_OK)
        return st;
    st = gist_patient_parse(out, text, length, path);
    gist__free(text);
    return st;
}

gist_status gist_patient_to_json(const gist_patient *p, unsigned int flags, char **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(p, "patient");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "gist_patient_to_json: unknown flags 0x%x", flags);
    gist_sb sb;
    gist_jw w;
    gist__sb_init(&sb);
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "format", PATIENT_FORMAT);
    if (p->id)
        gist__jw_str(&w, "id", p->id);
    if (p->setting)
        gist__jw_str(&w, "setting", gist__setting_names[p->setting]);
    if (p->genotype)
        gist__jw_str(&w, "genotype", gist__genotype_names[p->genotype]);
    if (p->on_treatment == GIST_TRISTATE_NO) {
        gist__jw_str(&w, "regimen", "none");
    } else if (p->on_treatment == GIST_TRISTATE_YES) {
        gist__jw_key(&w, "regimen");
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "agent", gist__agents[p->agent].name);
        if (p->dose_mg > 0)
            gist__jw_num(&w, "dose_mg", p->dose_mg);
        if (p->schedule)
            gist__jw_str(&w, "schedule", gist__schedule_names[p->schedule]);
        if (p->line_stated)
            gist__jw_int(&w, "line", p->line_stated);
        gist__jw_end_object(&w);
    }
    if (p->response)
        gist__jw_str(&w, "response", gist__response_names[p->response]);
    if (p->basis)
        gist__jw_str(&w, "confirmed_by", gist__basis_names[p->basis]);
    if (p->extent)
        gist__jw_str(&w, "extent", gist__extent_names[p->extent]);
    if (p->tolerance)
        gist__jw_str(&w, "tolerance", gist__tolerance_names[p->tolerance]);
    if (p->interrupted)
        gist__jw_bool(&w, "interrupted", p->interrupted == GIST_TRISTATE_YES);
    if (p->referred)
        gist__jw_bool(&w, "referred", p->referred == GIST_TRISTATE_YES);
    if (p->prior_known) {
        gist__jw_key(&w, "prior");
        gist__jw_begin_array(&w);
        for (size_t i = 0; i < p->prior_count; i++) {
            gist__jw_item(&w);
            gist__jw_begin_object(&w);
            gist__jw_str(&w, "agent", gist__agents[p->prior[i].agent].name);
            if (p->prior[i].reason)
                gist__jw_str(&w, "stopped", gist__stop_names[p->prior[i].reason]);
            gist__jw_str(&w, "setting", gist__setting_names[p->prior[i].setting]);
            gist__jw_end_object(&w);
        }
        gist__jw_end_array(&w);
    }
    gist__jw_end_object(&w);
    if (!w.compact)
        gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}
