/*
 * The timeline JSON format (docs/event-formats.md).
 * SPDX-License-Identifier: Apache-2.0
 */
#include <jansson.h>
#include <string.h>

#include "events/timeline.h"
#include "model/agent.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/json_in.h"
#include "util/names.h"

#define TIMELINE_FORMAT "gist-timeline/1"

static const char *const top_keys[] = {"format", "id", "events", "note", NULL};
static const char *const exposure_keys[] = {"event", "agent", "start", "end", "dose_mg", "schedule", "reason", NULL};
static const char *const assessment_keys[] = {"event", "date", "response", "method", "criteria", "extent", NULL};
static const char *const value_keys[] = {"event", "date", "value", NULL};
static const char *const referral_keys[] = {"event", "date", NULL};

static gist_status get_date(gist_jin *in, json_t *obj, const char *key, int required, int32_t *out)
{
    const char *s = NULL;
    *out = GIST_DATE_NONE;
    gist_status st = gist__jin_string(in, obj, key, required, 16, &s);
    if (st != GIST_OK || s == NULL)
        return st;
    int r = gist__date_scan(s, strlen(s), out);
    if (r == 0)
        return GIST_OK;
    gist__jpath_push_key(&in->path, key);
    st = r == 1 ? gist__jin_error(in, 0, GIST_EPARSE, "\"%s\" is not a date in the form YYYY-MM-DD", s)
                : gist__jin_error(in, 0, GIST_ERANGE, "\"%s\" is not a date from 1900-01-01 to 2200-12-31", s);
    gist__jpath_pop(&in->path);
    return st;
}

static gist_status get_enum(gist_jin *in, json_t *obj, const char *key, int required, const char *const *names,
                            int count, uint8_t *out)
{
    int v = 0;
    gist_status st = gist__jin_enum(in, obj, key, required, names, count, &v);
    *out = (uint8_t)v;
    return st;
}

static gist_status read_event(gist_jin *in, json_t *e, gist_timeline *t, uint32_t row)
{
    if (!json_is_object(e))
        return gist__jin_error(in, 0, GIST_ESCHEMA, "an event is an object with an \"event\" field");
    int kind = 0;
    gist_status st = gist__jin_enum(in, e, "event", 1, gist__event_kind_names, GIST_EVENT_KIND_COUNT, &kind);
    if (st != GIST_OK)
        return st;
    int32_t date = 0, end = GIST_DATE_NONE;
    uint8_t value = 0, method = 0, criteria = 0, extent = 0, schedule = 0, reason = 0;
    switch (kind) {
    case GIST_EVENT_EXPOSURE: {
        const gist_agent *a = NULL;
        double dose = 0;
        int has_dose = 0;
        if ((st = gist__jin_check_keys(in, e, exposure_keys)) != GIST_OK ||
            (st = gist__jin_agent(in, e, "agent", 1, &a)) != GIST_OK ||
            (st = get_date(in, e, "start", 1, &date)) != GIST_OK || (st = get_date(in, e, "end", 0, &end)) != GIST_OK ||
            (st = gist__jin_number(in, e, "dose_mg", 0, &dose, &has_dose)) != GIST_OK ||
            (st = get_enum(in, e, "schedule", 0, gist__schedule_names, GIST_SCHEDULE_COUNT, &schedule)) != GIST_OK ||
            (st = get_enum(in, e, "reason", 0, gist__stop_names, GIST_STOP_COUNT, &reason)) != GIST_OK)
            return st;
        if (has_dose && gist_agent_check_dose(a, dose) != GIST_OK) {
            char why[400];
            snprintf(why, sizeof why, "%s", gist_error_last()->message);
            gist__jpath_push_key(&in->path, "dose_mg");
            st = gist__jin_error(in, 0, GIST_ERANGE, "%s", why);
            gist__jpath_pop(&in->path);
            return st;
        }
        if (end != GIST_DATE_NONE && end < date) {
            gist__jpath_push_key(&in->path, "end");
            st = gist__jin_error(in, 0, GIST_ERANGE, "the exposure ends before it starts");
            gist__jpath_pop(&in->path);
            return st;
        }
        return gist__timeline_push(t, GIST_EVENT_EXPOSURE, date, end, (int16_t)gist_agent_index(a), dose, schedule,
                                   reason, 0, 0, 0, 0, row);
    }
    case GIST_EVENT_ASSESSMENT:
        if ((st = gist__jin_check_keys(in, e, assessment_keys)) != GIST_OK ||
            (st = get_date(in, e, "date", 1, &date)) != GIST_OK ||
            (st = get_enum(in, e, "response", 1, gist__response_names, GIST_RESPONSE_COUNT, &value)) != GIST_OK ||
            (st = get_enum(in, e, "method", 0, gist__method_names, GIST_METHOD_COUNT, &method)) != GIST_OK ||
            (st = get_enum(in, e, "criteria", 0, gist__criteria_names, GIST_CRITERIA_COUNT, &criteria)) != GIST_OK ||
            (st = get_enum(in, e, "extent", 0, gist__extent_names, GIST_EXTENT_COUNT, &extent)) != GIST_OK)
            return st;
        break;
    case GIST_EVENT_GENOTYPE:
    case GIST_EVENT_SETTING: {
        const char *const *names = kind == GIST_EVENT_GENOTYPE ? gist__genotype_names : gist__setting_names;
        int count = kind == GIST_EVENT_GENOTYPE ? GIST_GENOTYPE_COUNT : GIST_SETTING_COUNT;
        if ((st = gist__jin_check_keys(in, e, value_keys)) != GIST_OK ||
            (st = get_date(in, e, "date", 1, &date)) != GIST_OK ||
            (st = get_enum(in, e, "value", 1, names, count, &value)) != GIST_OK)
            return st;
        if (value == 0) {
            gist__jpath_push_key(&in->path, "value");
            st = gist__jin_error(in, 0, GIST_ESCHEMA, "\"unknown\" is not a value to record");
            gist__jpath_pop(&in->path);
            return st;
        }
        break;
    }
    default:
        if ((st = gist__jin_check_keys(in, e, referral_keys)) != GIST_OK ||
            (st = get_date(in, e, "date", 1, &date)) != GIST_OK)
            return st;
        break;
    }
    return gist__timeline_push(t, (uint8_t)kind, date, GIST_DATE_NONE, -1, 0, 0, 0, value, method, criteria, extent,
                               row);
}

gist_status gist_timeline_parse(gist_timeline **out, const char *json, size_t length, const char *source)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(json, "json");
    gist_jin in;
    memset(&in, 0, sizeof in);
    in.text = json;
    in.length = length;
    in.source = source ? source : "<string>";
    json_t *root = NULL;
    gist_status st = gist__json_parse(&in, &root);
    if (st != GIST_OK)
        return st;
    gist_timeline *t = NULL;
    const char *format = NULL, *id = NULL;
    json_t *events = NULL;
    if (!json_is_object(root))
        st = gist__jin_error(&in, 0, GIST_ESCHEMA, "a timeline is a JSON object");
    if (st == GIST_OK)
        st = gist__jin_check_keys(&in, root, top_keys);
    if (st == GIST_OK)
        st = gist__jin_string(&in, root, "format", 0, GIST_MAX_NAME_BYTES, &format);
    if (st == GIST_OK && format != NULL && strcmp(format, TIMELINE_FORMAT) != 0) {
        gist__jpath_push_key(&in.path, "format");
        st = gist__jin_error(&in, 0, GIST_EVERSION, "format \"%s\" is not \"%s\"", format, TIMELINE_FORMAT);
        gist__jpath_pop(&in.path);
    }
    if (st == GIST_OK)
        st = gist__jin_string(&in, root, "id", 0, GIST_MAX_NAME_BYTES, &id);
    if (st == GIST_OK) {
        events = json_object_get(root, "events");
        if (!json_is_array(events))
            st = gist__jin_error(&in, 0, GIST_ESCHEMA, "\"events\" (an array) is required");
    }
    if (st == GIST_OK)
        st = gist_timeline_new(&t);
    if (st == GIST_OK && id != NULL)
        st = gist_timeline_set_id(t, id);
    if (st == GIST_OK) {
        gist__jpath_push_key(&in.path, "events");
        size_t i;
        json_t *e;
        json_array_foreach(events, i, e) {
            gist__jpath_push_index(&in.path, i);
            st = read_event(&in, e, t, (uint32_t)(i + 1));
            gist__jpath_pop(&in.path);
            if (st != GIST_OK)
                break;
        }
        gist__jpath_pop(&in.path);
    }
    json_decref(root);
    if (st != GIST_OK) {
        gist_timeline_free(t);
        return st;
    }
    *out = t;
    return GIST_OK;
}

gist_status gist_timeline_load(gist_timeline **out, const char *path)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(path, "path");
    char *text = NULL;
    size_t length = 0;
    gist_status st = gist__read_file(path, &text, &length);
    if (st != GIST_OK)
        return st;
    st = gist_timeline_parse(out, text, length, path);
    gist__free(text);
    return st;
}
