/*
 * Risk tables: loading and validation (format gist-risk/1, docs/risk.md).
 *
 * A table is a grid (site group x size band x mitosis band x rupture) whose
 * every point must belong to exactly one cell: overlaps and gaps are load
 * errors, so a lookup can never fall between cells. A cell marked verified
 * must cite a verified source; a cell without a category is "left_out" and
 * says why.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/builtin.h"
#include "model/risk.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/json_in.h"
#include "util/names.h"
#include "util/strbuf.h"

/* ---- loading ---- */

typedef struct loader {
    gist_jin in;
    gist_risk_table *t;
} loader;

static const char *const top_keys[] = {"format",        "id",           "version",      "title",
                                       "description",   "evidence",     "citation",     "primary_seen",
                                       "measure",       "mitotic_unit", "unit_readings", "considers_rupture",
                                       "sources",       "site_groups",  "site_groups_note", "size_bands",
                                       "mitosis_bands", "cells",        NULL};
static const char *const source_keys[] = {"id", "verified", "citation", "url", NULL};
static const char *const reading_keys[] = {"unit", "basis", "reason", "source", NULL};
static const char *const group_keys[] = {"id", "text", "sites", NULL};
static const char *const band_keys[] = {"id", "above", "up_to", "text", "source_from", "reading", NULL};
static const char *const cell_keys[] = {"id",     "site",      "size",   "mitoses", "rupture", "category",
                                        "percent", "status",   "sources", "note",   "left_out", NULL};

static gist_status err(loader *L, gist_status st, const char *fmt, ...) GIST_PRINTF(3, 4);
static gist_status err(loader *L, gist_status st, const char *fmt, ...)
{
    char text[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return gist__jin_error(&L->in, 0, st, "%s", text);
}

/* The same, located at member key of the current object. */
static gist_status err_at(loader *L, const char *key, gist_status st, const char *fmt, ...) GIST_PRINTF(4, 5);
static gist_status err_at(loader *L, const char *key, gist_status st, const char *fmt, ...)
{
    char text[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    gist__jpath_push_key(&L->in.path, key);
    st = gist__jin_error(&L->in, 0, st, "%s", text);
    gist__jpath_pop(&L->in.path);
    return st;
}

static gist_status oom(void)
{
    return gist__error(GIST_ENOMEM, "out of memory while loading a risk table");
}

static int valid_id(const char *s)
{
    if (s == NULL)
        return 0;
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !isalnum((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
            return 0;
    return 1;
}

/* A string member copied into the arena; "" when optional and absent; never empty when present. */
static gist_status get_text(loader *L, json_t *obj, const char *key, int required, size_t max, const char **out)
{
    const char *s = NULL;
    gist_status st = gist__jin_string(&L->in, obj, key, required, max, &s);
    if (st != GIST_OK)
        return st;
    if (s == NULL) {
        *out = "";
        return GIST_OK;
    }
    if (s[0] == '\0')
        return err_at(L, key, GIST_ESCHEMA, "\"%s\" must not be empty", key);
    if ((*out = gist__arena_strdup(&L->t->arena, s)) == NULL)
        return oom();
    return GIST_OK;
}

static gist_status get_id(loader *L, json_t *obj, const char **out)
{
    gist_status st = get_text(L, obj, "id", 1, GIST_MAX_NAME_BYTES, out);
    if (st == GIST_OK && !valid_id(*out))
        st = err_at(L, "id", GIST_ESCHEMA, "id \"%s\" must be 1-64 letters, digits, '.', '_' or '-'", *out);
    return st;
}

static gist_status get_bool(loader *L, json_t *obj, const char *key, int *out)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL)
        return err(L, GIST_ESCHEMA, "missing required field \"%s\"", key);
    if (!json_is_boolean(v))
        return err_at(L, key, GIST_ESCHEMA, "\"%s\" must be true or false", key);
    *out = json_is_true(v);
    return GIST_OK;
}

/* An array member of 1..max entries (or absent when optional: *out NULL). */
static gist_status get_array(loader *L, json_t *obj, const char *key, int required, size_t max, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL)
        return required ? err(L, GIST_ESCHEMA, "missing required field \"%s\"", key) : GIST_OK;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return err_at(L, key, GIST_ESCHEMA, "\"%s\" must be a non-empty array", key);
    if (json_array_size(v) > max)
        return err_at(L, key, GIST_ELIMIT, "\"%s\" has %zu entries; the limit is %zu", key, json_array_size(v), max);
    *out = v;
    return GIST_OK;
}

static int find_source(const gist_risk_table *t, const char *id)
{
    for (size_t i = 0; i < t->source_count; i++)
        if (strcmp(t->sources[i].id, id) == 0)
            return (int)i;
    return -1;
}

static gist_status read_sources(loader *L, json_t *root)
{
    json_t *arr;
    gist_status st = get_array(L, root, "sources", 1, GIST__RISK_MAX_SOURCES, &arr);
    if (st != GIST_OK)
        return st;
    gist_risk_table *t = L->t;
    if ((t->sources = gist__arena_alloc(&t->arena, json_array_size(arr) * sizeof *t->sources)) == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "sources");
    for (size_t i = 0; i < json_array_size(arr) && st == GIST_OK; i++) {
        json_t *v = json_array_get(arr, i);
        struct gist_risk_source *s = &t->sources[i];
        gist__jpath_push_index(&L->in.path, i);
        const char *url = "";
        int verified = 0;
        if (!json_is_object(v))
            st = err(L, GIST_ESCHEMA, "a source is an object {id, verified, citation, url}");
        if (st == GIST_OK)
            st = gist__jin_check_keys(&L->in, v, source_keys);
        if (st == GIST_OK)
            st = get_id(L, v, &s->id);
        if (st == GIST_OK && find_source(t, s->id) >= 0)
            st = err_at(L, "id", GIST_ESCHEMA, "source id \"%s\" is used twice", s->id);
        if (st == GIST_OK)
            st = get_bool(L, v, "verified", &verified);
        if (st == GIST_OK)
            st = get_text(L, v, "citation", 1, GIST_MAX_TEXT_BYTES, &s->citation);
        if (st == GIST_OK)
            st = get_text(L, v, "url", 0, GIST_MAX_NAME_BYTES * 4, &url);
        if (st == GIST_OK && url[0] != '\0') {
            size_t n = strlen(s->citation) + strlen(url) + 3;
            char *both = gist__arena_alloc(&t->arena, n);
            if (both == NULL)
                st = oom();
            else {
                snprintf(both, n, "%s, %s", s->citation, url);
                s->citation = both;
            }
        }
        s->verification = verified ? GIST_VERIFICATION_VERIFIED : GIST_VERIFICATION_UNVERIFIED;
        if (st == GIST_OK)
            t->source_count++;
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

static gist_status read_readings(loader *L, json_t *root)
{
    json_t *arr;
    gist_status st = get_array(L, root, "unit_readings", 0, GIST_MITOTIC_UNIT_COUNT, &arr);
    if (st != GIST_OK || arr == NULL)
        return st;
    gist_risk_table *t = L->t;
    if ((t->readings = gist__arena_alloc(&t->arena, json_array_size(arr) * sizeof *t->readings)) == NULL)
        return oom();
    static const char *const basis_names[] = {"inference"};
    gist__jpath_push_key(&L->in.path, "unit_readings");
    for (size_t i = 0; i < json_array_size(arr) && st == GIST_OK; i++) {
        json_t *v = json_array_get(arr, i);
        struct gist_risk_reading *r = &t->readings[i];
        int unit = 0, basis = 0;
        const char *source = NULL;
        gist__jpath_push_index(&L->in.path, i);
        if (!json_is_object(v))
            st = err(L, GIST_ESCHEMA, "a unit reading is an object {unit, basis, reason, source}");
        if (st == GIST_OK)
            st = gist__jin_check_keys(&L->in, v, reading_keys);
        if (st == GIST_OK)
            st = gist__jin_enum(&L->in, v, "unit", 1, gist__mitotic_unit_names, GIST_MITOTIC_UNIT_COUNT, &unit);
        if (st == GIST_OK && (unit == GIST_MITOTIC_UNIT_UNKNOWN || unit == (int)t->unit))
            st = err_at(L, "unit", GIST_ESCHEMA, "a unit reading names a unit other than the table's own");
        for (size_t k = 0; st == GIST_OK && k < i; k++)
            if ((int)t->readings[k].unit == unit)
                st = err_at(L, "unit", GIST_ESCHEMA, "unit \"%s\" is read twice", gist__mitotic_unit_names[unit]);
        /* Reading one area as another is never what a source says: the basis is always an inference. */
        if (st == GIST_OK)
            st = gist__jin_enum(&L->in, v, "basis", 1, basis_names, 1, &basis);
        if (st == GIST_OK)
            st = get_text(L, v, "reason", 1, GIST_MAX_TEXT_BYTES, &r->reason);
        if (st == GIST_OK)
            st = gist__jin_string(&L->in, v, "source", 1, GIST_MAX_NAME_BYTES, &source);
        if (st == GIST_OK && find_source(t, source) < 0)
            st = err_at(L, "source", GIST_ESCHEMA, "source \"%s\" is not in \"sources\"", source);
        r->unit = (gist_mitotic_unit)unit;
        if (st == GIST_OK)
            t->reading_count++;
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

static gist_status read_groups(loader *L, json_t *root)
{
    json_t *arr;
    gist_status st = get_array(L, root, "site_groups", 1, GIST__RISK_MAX_GROUPS, &arr);
    if (st != GIST_OK)
        return st;
    gist_risk_table *t = L->t;
    gist__jpath_push_key(&L->in.path, "site_groups");
    for (size_t i = 0; i < json_array_size(arr) && st == GIST_OK; i++) {
        json_t *v = json_array_get(arr, i), *sites = NULL;
        struct gist_risk_group *g = &t->groups[i];
        gist__jpath_push_index(&L->in.path, i);
        if (!json_is_object(v))
            st = err(L, GIST_ESCHEMA, "a site group is an object {id, text, sites}");
        if (st == GIST_OK)
            st = gist__jin_check_keys(&L->in, v, group_keys);
        if (st == GIST_OK)
            st = get_id(L, v, &g->id);
        for (size_t k = 0; st == GIST_OK && k < i; k++)
            if (strcmp(t->groups[k].id, g->id) == 0)
                st = err_at(L, "id", GIST_ESCHEMA, "site group \"%s\" is defined twice", g->id);
        if (st == GIST_OK)
            st = get_text(L, v, "text", 1, GIST_MAX_NAME_BYTES, &g->text);
        if (st == GIST_OK)
            st = get_array(L, v, "sites", 1, GIST_TUMOUR_SITE_COUNT, &sites);
        if (st == GIST_OK) {
            gist__jpath_push_key(&L->in.path, "sites");
            for (size_t k = 0; k < json_array_size(sites) && st == GIST_OK; k++) {
                json_t *s = json_array_get(sites, k);
                gist__jpath_push_index(&L->in.path, k);
                int site = json_is_string(s) ? gist__name_index(gist__tumour_site_names, GIST_TUMOUR_SITE_COUNT,
                                                                 json_string_value(s))
                                             : -1;
                if (site <= 0)
                    st = err(L, GIST_ESCHEMA, "a site is one of stomach, duodenum, jejunum_ileum, small_intestine, "
                                              "colon, rectum, oesophagus, extragastrointestinal, other");
                else if (g->sites & (1u << site))
                    st = err(L, GIST_ESCHEMA, "site \"%s\" is listed twice", json_string_value(s));
                else
                    g->sites |= 1u << site;
                gist__jpath_pop(&L->in.path);
            }
            gist__jpath_pop(&L->in.path);
        }
        if (st == GIST_OK)
            t->group_count++;
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    return st;
}

/* Bands follow each other from 0 to infinity: each starts where the one before it ends. */
static gist_status read_bands(loader *L, json_t *root, const char *key, struct gist_risk_band *bands, size_t *count)
{
    json_t *arr;
    gist_status st = get_array(L, root, key, 1, GIST__RISK_MAX_BANDS, &arr);
    if (st != GIST_OK)
        return st;
    size_t n = json_array_size(arr);
    gist__jpath_push_key(&L->in.path, key);
    for (size_t i = 0; i < n && st == GIST_OK; i++) {
        json_t *v = json_array_get(arr, i);
        struct gist_risk_band *b = &bands[i];
        int has_above = 0, has_up_to = 0;
        const char *reading = "";
        gist__jpath_push_index(&L->in.path, i);
        if (!json_is_object(v))
            st = err(L, GIST_ESCHEMA, "a band is an object {id, above, up_to, text, reading}");
        if (st == GIST_OK)
            st = gist__jin_check_keys(&L->in, v, band_keys);
        if (st == GIST_OK)
            st = get_id(L, v, &b->id);
        for (size_t k = 0; st == GIST_OK && k < i; k++)
            if (strcmp(bands[k].id, b->id) == 0)
                st = err_at(L, "id", GIST_ESCHEMA, "band \"%s\" is defined twice", b->id);
        if (st == GIST_OK)
            st = get_text(L, v, "text", 1, GIST_MAX_NAME_BYTES, &b->text);
        if (st == GIST_OK)
            st = get_text(L, v, "reading", 0, GIST_MAX_TEXT_BYTES, &reading);
        b->reading = reading[0] ? reading : NULL;
        int has_from = 0;
        b->source_from = NAN;
        if (st == GIST_OK)
            st = gist__jin_number(&L->in, v, "source_from", 0, &b->source_from, &has_from);
        if (st == GIST_OK && has_from != (b->reading != NULL))
            st = err(L, GIST_ESCHEMA, "band \"%s\": \"source_from\" (the lowest value the source writes) and "
                                      "\"reading\" (how values below it are read) come together", b->id);
        if (st == GIST_OK)
            st = gist__jin_number(&L->in, v, "above", 0, &b->above, &has_above);
        if (st == GIST_OK)
            st = gist__jin_number(&L->in, v, "up_to", 0, &b->up_to, &has_up_to);
        if (st == GIST_OK) {
            if (!has_above)
                b->above = -1;
            if (!has_up_to)
                b->up_to = INFINITY;
            if (i == 0 && has_above)
                st = err_at(L, "above", GIST_ESCHEMA, "the first band starts at 0: it has no \"above\"");
            else if (i > 0 && !has_above)
                st = err(L, GIST_ESCHEMA, "band \"%s\" needs \"above\": where the band before it ends", b->id);
            else if (i > 0 && b->above != bands[i - 1].up_to)
                st = err_at(L, "above", GIST_ESCHEMA, "band \"%s\" must start where band \"%s\" ends (%g)", b->id,
                            bands[i - 1].id, bands[i - 1].up_to);
            else if (i + 1 < n && !has_up_to)
                st = err(L, GIST_ESCHEMA, "band \"%s\" needs \"up_to\": only the last band is open-ended", b->id);
            else if (i + 1 == n && has_up_to)
                st = err_at(L, "up_to", GIST_ESCHEMA, "the last band is open-ended: it has no \"up_to\"");
            else if (has_up_to && (b->up_to < 0 || b->up_to <= b->above))
                st = err_at(L, "up_to", GIST_ERANGE, "\"up_to\" must be above the band's start");
            else if (has_from && (b->source_from <= b->above || b->source_from > b->up_to))
                st = err_at(L, "source_from", GIST_ERANGE, "\"source_from\" must lie inside the band");
        }
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    if (st == GIST_OK)
        *count = n;
    return st;
}

/* "any" or an array of ids of the n named things: a bit mask. */
static gist_status read_mask(loader *L, json_t *cell, const char *key, const char *what, size_t n,
                             const char *(*id_of)(const gist_risk_table *, size_t), uint32_t *out)
{
    json_t *v = json_object_get(cell, key);
    uint32_t all = n >= 32 ? 0xFFFFFFFFu : (1u << n) - 1u;
    if (v == NULL)
        return err(L, GIST_ESCHEMA, "missing required field \"%s\" (\"any\" or an array of %s ids)", key, what);
    if (json_is_string(v) && strcmp(json_string_value(v), "any") == 0) {
        *out = all;
        return GIST_OK;
    }
    if (!json_is_array(v) || json_array_size(v) == 0)
        return err_at(L, key, GIST_ESCHEMA, "\"%s\" is \"any\" or a non-empty array of %s ids", key, what);
    gist_status st = GIST_OK;
    uint32_t mask = 0;
    gist__jpath_push_key(&L->in.path, key);
    for (size_t i = 0; i < json_array_size(v) && st == GIST_OK; i++) {
        json_t *s = json_array_get(v, i);
        gist__jpath_push_index(&L->in.path, i);
        size_t k = n;
        if (json_is_string(s))
            for (k = 0; k < n && strcmp(id_of(L->t, k), json_string_value(s)) != 0; k++)
                ;
        if (k == n)
            st = err(L, GIST_ESCHEMA, "not a %s id of this table", what);
        else if (mask & (1u << k))
            st = err(L, GIST_ESCHEMA, "%s \"%s\" is listed twice", what, id_of(L->t, k));
        else
            mask |= 1u << k;
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    *out = mask;
    return st;
}

static const char *group_id(const gist_risk_table *t, size_t i) { return t->groups[i].id; }
static const char *size_id(const gist_risk_table *t, size_t i) { return t->sizes[i].id; }
static const char *mitosis_id(const gist_risk_table *t, size_t i) { return t->mitoses[i].id; }

/* "group, size, mitoses[, rupture]" over the masks: each part joined with " or ". */
static gist_status make_label(loader *L, struct gist_risk_cell *c, uint32_t g, uint32_t s, uint32_t m, uint32_t r)
{
    const gist_risk_table *t = L->t;
    gist_sb sb;
    gist__sb_init(&sb);
    const char *sep = "";
    if (g == (1u << t->group_count) - 1u) {
        gist__sb_puts(&sb, "any site");
    } else {
        for (size_t i = 0; i < t->group_count; i++)
            if (g & (1u << i)) {
                gist__sb_printf(&sb, "%s%s", sep, t->groups[i].text);
                sep = " or ";
            }
    }
    gist__sb_puts(&sb, ", ");
    if (s == (1u << t->size_count) - 1u) {
        gist__sb_puts(&sb, "any size");
    } else {
        sep = "";
        for (size_t i = 0; i < t->size_count; i++)
            if (s & (1u << i)) {
                gist__sb_printf(&sb, "%s%s", sep, t->sizes[i].text);
                sep = " or ";
            }
    }
    gist__sb_puts(&sb, ", ");
    if (m == (1u << t->mitosis_count) - 1u) {
        gist__sb_puts(&sb, "any mitotic count");
    } else {
        sep = "";
        for (size_t i = 0; i < t->mitosis_count; i++)
            if (m & (1u << i)) {
                gist__sb_printf(&sb, "%s%s", sep, t->mitoses[i].text);
                sep = " or ";
            }
    }
    if (t->considers_rupture && r != 3u)
        gist__sb_puts(&sb, r == 2u ? ", tumour rupture" : ", no rupture");
    char *text = NULL;
    if (gist__sb_finish(&sb, &text) != GIST_OK)
        return oom();
    c->label = gist__arena_strdup(&L->t->arena, text);
    gist__free(text);
    return c->label ? GIST_OK : oom();
}

/* Describe grid point p for an error message. */
static void point_text(const gist_risk_table *t, size_t g, size_t s, size_t m, size_t r, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s, %s, %s%s", t->groups[g].text, t->sizes[s].text, t->mitoses[m].text,
             t->considers_rupture ? (r ? ", tumour rupture" : ", no rupture") : "");
}

static gist_status read_cell(loader *L, json_t *v, size_t index)
{
    gist_risk_table *t = L->t;
    struct gist_risk_cell *c = &t->cells[index];
    gist_status st = GIST_OK;
    uint32_t g = 0, s = 0, m = 0, r = 3u;
    if (!json_is_object(v))
        return err(L, GIST_ESCHEMA, "a cell is an object {id, site, size, mitoses, category | left_out, ...}");
    if ((st = gist__jin_check_keys(&L->in, v, cell_keys)) != GIST_OK || (st = get_id(L, v, &c->id)) != GIST_OK)
        return st;
    for (size_t k = 0; k < index; k++)
        if (strcmp(t->cells[k].id, c->id) == 0)
            return err_at(L, "id", GIST_ESCHEMA, "cell id \"%s\" is used twice", c->id);
    if ((st = read_mask(L, v, "site", "site group", t->group_count, group_id, &g)) != GIST_OK ||
        (st = read_mask(L, v, "size", "size band", t->size_count, size_id, &s)) != GIST_OK ||
        (st = read_mask(L, v, "mitoses", "mitosis band", t->mitosis_count, mitosis_id, &m)) != GIST_OK)
        return st;
    json_t *rup = json_object_get(v, "rupture");
    if (rup != NULL && !t->considers_rupture)
        return err_at(L, "rupture", GIST_ESCHEMA, "the table does not consider rupture (\"considers_rupture\": false)");
    if (rup != NULL) {
        const char *w = json_is_string(rup) ? json_string_value(rup) : "";
        r = strcmp(w, "no") == 0 ? 1u : strcmp(w, "yes") == 0 ? 2u : strcmp(w, "any") == 0 ? 3u : 0u;
        if (r == 0)
            return err_at(L, "rupture", GIST_ESCHEMA, "\"rupture\" is \"yes\", \"no\" or \"any\"");
    }
    /* Either a category, or left out with the reason. */
    json_t *left = json_object_get(v, "left_out");
    const char *note = "";
    c->percent = NAN;
    if (left != NULL) {
        c->left_out = 1;
        c->category = GIST_RISK_UNDETERMINED;
        c->verification = GIST_VERIFICATION_UNVERIFIED;
        for (const char *const *k = (const char *const[]){"category", "percent", "status", "note", NULL}; *k; k++)
            if (json_object_get(v, *k) != NULL)
                return err_at(L, *k, GIST_ESCHEMA, "a cell left out has no \"%s\": \"left_out\" says why", *k);
        if ((st = get_text(L, v, "left_out", 1, GIST_MAX_TEXT_BYTES, &note)) != GIST_OK)
            return st;
    } else {
        int cat = 0, status = 0, has_percent = 0;
        if ((st = gist__jin_enum(&L->in, v, "category", 1, gist__risk_category_names, GIST_RISK_CATEGORY_COUNT,
                                 &cat)) != GIST_OK)
            return st;
        if (cat == GIST_RISK_UNDETERMINED)
            return err_at(L, "category", GIST_ESCHEMA,
                          "a cell without a category is written \"left_out\": \"why\", not \"undetermined\"");
        if ((st = gist__jin_enum(&L->in, v, "status", 1, gist__verification_names, GIST_VERIFICATION_COUNT, &status)) !=
                GIST_OK ||
            (st = gist__jin_number(&L->in, v, "percent", 0, &c->percent, &has_percent)) != GIST_OK ||
            (st = get_text(L, v, "note", 0, GIST_MAX_TEXT_BYTES, &note)) != GIST_OK)
            return st;
        if (has_percent && (c->percent < 0 || c->percent > 100))
            return err_at(L, "percent", GIST_ERANGE, "a percentage is from 0 to 100");
        c->category = (gist_risk_category)cat;
        c->verification = (gist_verification)status;
    }
    c->note = note;
    /* Sources: every cell cites at least one; a verified cell cites a verified one. */
    json_t *src;
    if ((st = get_array(L, v, "sources", 1, GIST__RISK_MAX_SOURCES, &src)) != GIST_OK)
        return st;
    c->source_count = json_array_size(src);
    if ((c->sources = gist__arena_alloc(&t->arena, c->source_count * sizeof *c->sources)) == NULL)
        return oom();
    int any_verified = 0;
    gist__jpath_push_key(&L->in.path, "sources");
    for (size_t i = 0; i < c->source_count && st == GIST_OK; i++) {
        json_t *id = json_array_get(src, i);
        gist__jpath_push_index(&L->in.path, i);
        int k = json_is_string(id) ? find_source(t, json_string_value(id)) : -1;
        if (k < 0) {
            st = err(L, GIST_ESCHEMA, "not a source id of this table (see \"sources\")");
        } else {
            for (size_t j = 0; j < i; j++)
                if (c->sources[j] == t->sources[k].id)
                    st = err(L, GIST_ESCHEMA, "source \"%s\" is cited twice", t->sources[k].id);
            c->sources[i] = t->sources[k].id;
            any_verified |= t->sources[k].verification == GIST_VERIFICATION_VERIFIED;
        }
        gist__jpath_pop(&L->in.path);
    }
    gist__jpath_pop(&L->in.path);
    if (st != GIST_OK)
        return st;
    if (c->verification == GIST_VERIFICATION_VERIFIED && !any_verified)
        return err_at(L, "status", GIST_ESCHEMA, "cell \"%s\" is marked verified but cites no verified source",
                      c->id);
    if ((st = make_label(L, c, g, s, m, r)) != GIST_OK)
        return st;
    /* Claim the cell's grid points; a point claimed twice is an overlap. */
    for (size_t gi = 0; gi < t->group_count; gi++)
        for (size_t si = 0; si < t->size_count; si++)
            for (size_t mi = 0; mi < t->mitosis_count; mi++)
                for (size_t ri = 0; ri < (t->considers_rupture ? 2u : 1u); ri++) {
                    if (!(g >> gi & 1u) || !(s >> si & 1u) || !(m >> mi & 1u) || !(r >> ri & 1u))
                        continue;
                    uint16_t *p = &t->grid[gist__risk_point(gi, si, mi, ri)];
                    if (*p != 0) {
                        char where[300];
                        point_text(t, gi, si, mi, ri, where, sizeof where);
                        return err(L, GIST_ESCHEMA, "cell \"%s\" overlaps cell \"%s\" at %s", c->id,
                                   t->cells[*p - 1].id, where);
                    }
                    *p = (uint16_t)(index + 1);
                }
    return GIST_OK;
}

static gist_status read_cells(loader *L, json_t *root)
{
    json_t *arr;
    gist_status st = get_array(L, root, "cells", 1, GIST__RISK_MAX_CELLS, &arr);
    if (st != GIST_OK)
        return st;
    gist_risk_table *t = L->t;
    if ((t->cells = gist__arena_alloc(&t->arena, json_array_size(arr) * sizeof *t->cells)) == NULL)
        return oom();
    gist__jpath_push_key(&L->in.path, "cells");
    for (size_t i = 0; i < json_array_size(arr) && st == GIST_OK; i++) {
        gist__jpath_push_index(&L->in.path, i);
        st = read_cell(L, json_array_get(arr, i), i);
        gist__jpath_pop(&L->in.path);
        if (st == GIST_OK)
            t->cell_count++;
    }
    if (st != GIST_OK) {
        gist__jpath_pop(&L->in.path);
        return st;
    }
    /* Every combination belongs to a cell (one left out, at least, says why it has no category). */
    for (size_t gi = 0; gi < t->group_count; gi++)
        for (size_t si = 0; si < t->size_count; si++)
            for (size_t mi = 0; mi < t->mitosis_count; mi++)
                for (size_t ri = 0; ri < (t->considers_rupture ? 2u : 1u); ri++)
                    if (t->grid[gist__risk_point(gi, si, mi, ri)] == 0) {
                        char where[300];
                        point_text(t, gi, si, mi, ri, where, sizeof where);
                        st = err(L, GIST_ESCHEMA, "no cell covers %s (a cell with \"left_out\" says why a "
                                                  "combination has no category)", where);
                        gist__jpath_pop(&L->in.path);
                        return st;
                    }
    gist__jpath_pop(&L->in.path);
    return GIST_OK;
}

static gist_status read_table(loader *L, json_t *root)
{
    gist_risk_table *t = L->t;
    if (!json_is_object(root))
        return err(L, GIST_ESCHEMA, "a risk table is a JSON object");
    const char *format = NULL;
    gist_status st = gist__jin_string(&L->in, root, "format", 1, GIST_MAX_NAME_BYTES, &format);
    if (st != GIST_OK)
        return st;
    if (strcmp(format, GIST__RISK_FORMAT) != 0)
        return err_at(L, "format", GIST_EVERSION, "format \"%s\" is not \"%s\", the risk table format this library reads",
                      format, GIST__RISK_FORMAT);
    int unit = 0;
    if ((st = gist__jin_check_keys(&L->in, root, top_keys)) != GIST_OK || (st = get_id(L, root, &t->id)) != GIST_OK ||
        (st = get_text(L, root, "version", 1, GIST_MAX_NAME_BYTES, &t->version)) != GIST_OK ||
        (st = get_text(L, root, "title", 1, GIST_MAX_TEXT_BYTES, &t->title)) != GIST_OK ||
        (st = get_text(L, root, "description", 1, GIST_MAX_TEXT_BYTES, &t->description)) != GIST_OK ||
        (st = get_text(L, root, "evidence", 1, GIST_MAX_NAME_BYTES, &t->evidence)) != GIST_OK ||
        (st = get_text(L, root, "citation", 1, GIST_MAX_TEXT_BYTES, &t->citation)) != GIST_OK ||
        (st = get_bool(L, root, "primary_seen", &t->primary_seen)) != GIST_OK ||
        (st = get_text(L, root, "measure", 1, GIST_MAX_TEXT_BYTES, &t->measure)) != GIST_OK ||
        (st = get_text(L, root, "site_groups_note", 0, GIST_MAX_TEXT_BYTES, &t->site_groups_note)) != GIST_OK ||
        (st = gist__jin_enum(&L->in, root, "mitotic_unit", 1, gist__mitotic_unit_names, GIST_MITOTIC_UNIT_COUNT,
                             &unit)) != GIST_OK ||
        (st = get_bool(L, root, "considers_rupture", &t->considers_rupture)) != GIST_OK)
        return st;
    if (unit == GIST_MITOTIC_UNIT_UNKNOWN)
        return err_at(L, "mitotic_unit", GIST_ESCHEMA, "a table counts mitoses in a known unit");
    t->unit = (gist_mitotic_unit)unit;
    if ((st = read_sources(L, root)) != GIST_OK || (st = read_readings(L, root)) != GIST_OK ||
        (st = read_groups(L, root)) != GIST_OK ||
        (st = read_bands(L, root, "size_bands", t->sizes, &t->size_count)) != GIST_OK ||
        (st = read_bands(L, root, "mitosis_bands", t->mitoses, &t->mitosis_count)) != GIST_OK)
        return st;
    return read_cells(L, root);
}

gist_status gist_risk_table_parse(gist_risk_table **out, const char *json, size_t length, const char *source)
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
    if ((L.t = gist__calloc(1, sizeof *L.t)) == NULL) {
        json_decref(root);
        return oom();
    }
    gist__arena_init(&L.t->arena);
    atomic_init(&L.t->refs, 1);
    st = read_table(&L, root);
    json_decref(root);
    if (st != GIST_OK) {
        gist__arena_free(&L.t->arena);
        gist__free(L.t);
        return st;
    }
    *out = L.t;
    return GIST_OK;
}

gist_status gist_risk_table_load(gist_risk_table **out, const char *path)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(path, "path");
    char *text = NULL;
    size_t length = 0;
    gist_status st = gist__read_file(path, &text, &length);
    if (st != GIST_OK)
        return st;
    st = gist_risk_table_parse(out, text, length, path);
    gist__free(text);
    return st;
}

size_t gist_risk_table_builtin_count(void)
{
    return gist__builtin_risk_table_count;
}

const char *gist_risk_table_builtin_id(size_t index)
{
    return index < gist__builtin_risk_table_count ? gist__builtin_risk_tables[index].id : NULL;
}

gist_status gist_risk_table_builtin(gist_risk_table **out, const char *id)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(id, "id");
    char list[256];
    size_t n = 0;
    list[0] = '\0';
    for (size_t i = 0; i < gist__builtin_risk_table_count; i++) {
        const struct gist_builtin_file *b = &gist__builtin_risk_tables[i];
        if (strcmp(b->id, id) == 0) {
            char source[96];
            snprintf(source, sizeof source, "builtin:%s", b->id);
            return gist_risk_table_parse(out, (const char *)b->data, b->length, source);
        }
        if (n < sizeof list) {
            int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", b->id);
            n += w > 0 ? (size_t)w : 0;
        }
    }
    return gist__error(GIST_ENOTFOUND, "no built-in risk table \"%s\" (built in: %s)", id, list);
}

