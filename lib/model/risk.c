/*
 * Risk tables: names, accessors and looking a tumour up.
 *
 * A table is a grid (site group x size band x mitosis band x rupture) whose
 * every point belongs to exactly one cell (risk_load.c checks that), so a
 * lookup can never fall between cells. A lookup never guesses: it collects every
 * cell compatible with the facts recorded (a fact not recorded is
 * compatible with every value) and gives a category only when they all give
 * the same one. The clinical content, including what is left out and why,
 * is in the data (lib/data/risk/, docs/risk.md); this file knows no
 * category boundary of its own.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/risk.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/names.h"
#include "util/number.h"
#include "util/strbuf.h"

const char *const gist__tumour_site_names[GIST_TUMOUR_SITE_COUNT] = {
    "unknown", "stomach", "duodenum", "jejunum_ileum", "small_intestine", "colon",
    "rectum",  "oesophagus", "extragastrointestinal", "other"};
const char *const gist__mitotic_unit_names[GIST_MITOTIC_UNIT_COUNT] = {"unknown", "per_50_hpf", "per_5_mm2"};
const char *const gist__risk_category_names[GIST_RISK_CATEGORY_COUNT] = {
    "undetermined", "none", "very_low", "low", "moderate", "intermediate", "high", "insufficient_data"};
const char *const gist__verification_names[GIST_VERIFICATION_COUNT] = {"unverified", "verified"};

#define NAME_FN(fn, type, table, count)                                            \
    const char *fn(type value)                                                     \
    {                                                                              \
        return ((int)value >= 0 && (int)value < (count)) ? (table)[value] : NULL;  \
    }
NAME_FN(gist_tumour_site_name, gist_tumour_site, gist__tumour_site_names, GIST_TUMOUR_SITE_COUNT)
NAME_FN(gist_mitotic_unit_name, gist_mitotic_unit, gist__mitotic_unit_names, GIST_MITOTIC_UNIT_COUNT)
NAME_FN(gist_risk_category_name, gist_risk_category, gist__risk_category_names, GIST_RISK_CATEGORY_COUNT)
NAME_FN(gist_verification_name, gist_verification, gist__verification_names, GIST_VERIFICATION_COUNT)

/* Largest plausible tumour and count: GISTs of more than 40 cm are reported; counts are per 50 HPF. */
#define MAX_SIZE_CM 100.0
#define MAX_MITOSES 10000.0

gist_risk_table *gist__risk_table_retain(const gist_risk_table *t)
{
    /* Immutable except for the reference count: the union drops the const a cast would cast away. */
    union {
        // cppcheck-suppress unusedStructMember
        const gist_risk_table *c;
        gist_risk_table *m;
    } u = {t};
    atomic_fetch_add_explicit(&u.m->refs, 1, memory_order_relaxed);
    return u.m;
}

void gist_risk_table_free(gist_risk_table *t)
{
    if (t == NULL)
        return;
    if (atomic_fetch_sub_explicit(&t->refs, 1, memory_order_acq_rel) == 1) {
        gist__arena_free(&t->arena);
        gist__free(t);
    }
}

/* ---- table and cell accessors ---- */

const char *gist_risk_table_id(const gist_risk_table *t) { return t ? t->id : NULL; }
const char *gist_risk_table_version(const gist_risk_table *t) { return t ? t->version : NULL; }
const char *gist_risk_table_title(const gist_risk_table *t) { return t ? t->title : NULL; }
const char *gist_risk_table_description(const gist_risk_table *t) { return t ? t->description : NULL; }
const char *gist_risk_table_evidence(const gist_risk_table *t) { return t ? t->evidence : NULL; }
const char *gist_risk_table_citation(const gist_risk_table *t) { return t ? t->citation : NULL; }
int gist_risk_table_primary_seen(const gist_risk_table *t) { return t ? t->primary_seen : 0; }
gist_mitotic_unit gist_risk_table_mitotic_unit(const gist_risk_table *t)
{
    return t ? t->unit : GIST_MITOTIC_UNIT_UNKNOWN;
}
int gist_risk_table_considers_rupture(const gist_risk_table *t) { return t ? t->considers_rupture : 0; }
size_t gist_risk_table_source_count(const gist_risk_table *t) { return t ? t->source_count : 0; }
const char *gist_risk_table_source_id(const gist_risk_table *t, size_t i)
{
    return t && i < t->source_count ? t->sources[i].id : NULL;
}
const char *gist_risk_table_source_citation(const gist_risk_table *t, size_t i)
{
    return t && i < t->source_count ? t->sources[i].citation : NULL;
}
gist_verification gist_risk_table_source_verification(const gist_risk_table *t, size_t i)
{
    return t && i < t->source_count ? t->sources[i].verification : GIST_VERIFICATION_UNVERIFIED;
}
size_t gist_risk_table_cell_count(const gist_risk_table *t) { return t ? t->cell_count : 0; }
const gist_risk_cell *gist_risk_table_cell(const gist_risk_table *t, size_t i)
{
    return t && i < t->cell_count ? &t->cells[i] : NULL;
}

const char *gist_risk_cell_id(const gist_risk_cell *c) { return c ? c->id : NULL; }
const char *gist_risk_cell_label(const gist_risk_cell *c) { return c ? c->label : NULL; }
gist_risk_category gist_risk_cell_category(const gist_risk_cell *c) { return c ? c->category : GIST_RISK_UNDETERMINED; }
double gist_risk_cell_percent(const gist_risk_cell *c) { return c ? c->percent : NAN; }
gist_verification gist_risk_cell_verification(const gist_risk_cell *c)
{
    return c ? c->verification : GIST_VERIFICATION_UNVERIFIED;
}
int gist_risk_cell_left_out(const gist_risk_cell *c) { return c ? c->left_out : 0; }
const char *gist_risk_cell_note(const gist_risk_cell *c) { return c ? c->note : NULL; }
size_t gist_risk_cell_source_count(const gist_risk_cell *c) { return c ? c->source_count : 0; }
const char *gist_risk_cell_source(const gist_risk_cell *c, size_t i)
{
    return c && i < c->source_count ? c->sources[i] : NULL;
}

/* ---- input ---- */

gist_status gist_risk_input_init(gist_risk_input *in)
{
    GIST_CHECK_NULL(in, "input");
    memset(in, 0, sizeof *in);
    in->version = GIST_RISK_INPUT_VERSION;
    in->site = GIST_TUMOUR_SITE_UNKNOWN;
    in->size_cm = NAN;
    in->mitotic_count = NAN;
    in->mitotic_unit = GIST_MITOTIC_UNIT_UNKNOWN;
    in->rupture = GIST_TRISTATE_UNKNOWN;
    return GIST_OK;
}

static gist_status check_size(double x)
{
    if (!isnan(x) && (!isfinite(x) || x <= 0 || x > MAX_SIZE_CM))
        return gist__error_at(GIST_ERANGE, "", 0, 0, "size_cm",
                              "a tumour size is more than 0 and at most %g cm (not %g)", MAX_SIZE_CM, x);
    return GIST_OK;
}

static gist_status check_mitoses(double x)
{
    if (!isnan(x) && (!isfinite(x) || x < 0 || x > MAX_MITOSES))
        return gist__error_at(GIST_ERANGE, "", 0, 0, "mitotic_count",
                              "a mitotic count is from 0 to %g (not %g)", MAX_MITOSES, x);
    return GIST_OK;
}

static gist_status set_enum(int *out, const char *field, const char *value, const char *const *names, int count)
{
    int v = value[0] ? gist__name_index(names, count, value) : 0;
    if (v < 0) {
        char list[300];
        size_t n = 0;
        list[0] = '\0';
        for (int i = 0; i < count && n < sizeof list; i++) {
            int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", names[i]);
            n += w > 0 ? (size_t)w : 0;
        }
        return gist__error_at(GIST_ESCHEMA, "", 0, 0, field, "unknown value \"%s\" (expected one of: %s)", value, list);
    }
    *out = v;
    return GIST_OK;
}

static gist_status set_number(double *out, const char *field, const char *value)
{
    size_t n = strlen(value);
    double x = NAN;
    if (n > 0 && gist__decimal_scan(value, n, &x) != GIST_DECIMAL_OK)
        return gist__error_at(GIST_EPARSE, "", 0, 0, field, "\"%s\" is not a plain decimal number (%s)", value,
                              gist__decimal_why(value, n));
    *out = x;
    return GIST_OK;
}

gist_status gist_risk_input_set(gist_risk_input *in, const char *field, const char *value)
{
    GIST_CHECK_NULL(in, "input");
    GIST_CHECK_NULL(field, "field");
    GIST_CHECK_NULL(value, "value");
    gist_status st;
    int e = 0;
    double x = NAN;
    if (strcmp(field, "site") == 0) {
        if ((st = set_enum(&e, field, value, gist__tumour_site_names, GIST_TUMOUR_SITE_COUNT)) == GIST_OK)
            in->site = (gist_tumour_site)e;
    } else if (strcmp(field, "mitotic_unit") == 0) {
        if ((st = set_enum(&e, field, value, gist__mitotic_unit_names, GIST_MITOTIC_UNIT_COUNT)) == GIST_OK)
            in->mitotic_unit = (gist_mitotic_unit)e;
    } else if (strcmp(field, "rupture") == 0) {
        if ((st = set_enum(&e, field, value, gist__tristate_names, 3)) == GIST_OK)
            in->rupture = (gist_tristate)e;
    } else if (strcmp(field, "size_cm") == 0) {
        if ((st = set_number(&x, field, value)) == GIST_OK && (st = check_size(x)) == GIST_OK)
            in->size_cm = x;
    } else if (strcmp(field, "mitotic_count") == 0) {
        if ((st = set_number(&x, field, value)) == GIST_OK && (st = check_mitoses(x)) == GIST_OK)
            in->mitotic_count = x;
    } else {
        st = gist__error(GIST_EINVAL, "%s: unknown field \"%s\" (site, size_cm, mitotic_count, mitotic_unit, rupture)",
                         __func__, field);
    }
    return st;
}

/* ---- lookup ---- */

int gist__risk_band_of(const struct gist_risk_band *bands, size_t n, double x)
{
    for (size_t i = 0; i < n; i++)
        if (x > bands[i].above && x <= bands[i].up_to)
            return (int)i;
    return -1;
}

typedef struct lookup {
    gist_risk_result *r;
    gist_sb why;
    const char *notes[16];
    size_t note_count;
    int inferred; /* the lookup read a value by an inference (a unit, a band boundary) */
    int failed;
} lookup;

static void note(lookup *k, const char *fmt, ...) GIST_PRINTF(2, 3);
static void note(lookup *k, const char *fmt, ...)
{
    char text[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (k->note_count < sizeof k->notes / sizeof k->notes[0]) {
        const char *s = gist__arena_strdup(&k->r->arena, text);
        if (s == NULL)
            k->failed = 1;
        k->notes[k->note_count++] = s;
    }
}

/* The dimensions of the grid, and the fact that records each. */
enum { DIM_SITE, DIM_SIZE, DIM_MITOSES, DIM_RUPTURE, DIM_COUNT };
/* A point's outcome, for telling whether a fact changes it: a category, or none. */
#define NO_CATEGORY 0xFFu

static unsigned outcome(const gist_risk_table *t, const size_t p[DIM_COUNT])
{
    if (p[DIM_SITE] >= t->group_count) /* the site no group covers */
        return NO_CATEGORY;
    uint16_t c = t->grid[gist__risk_point(p[DIM_SITE], p[DIM_SIZE], p[DIM_MITOSES], p[DIM_RUPTURE])];
    return c == 0 || t->cells[c - 1].left_out ? NO_CATEGORY : (unsigned)t->cells[c - 1].category;
}

/*
 * Whether the fact of dimension d decides anything: two points the facts
 * allow, differing only in d, with different outcomes. allow[d] holds the
 * allowed values of each dimension as bits (bit group_count of the site
 * dimension: a site no group covers).
 */
static int decides(const gist_risk_table *t, const uint32_t allow[DIM_COUNT], int d)
{
    const size_t n[DIM_COUNT] = {t->group_count + 1u, t->size_count, t->mitosis_count, 2};
    size_t p[DIM_COUNT];
    for (p[0] = 0; p[0] < n[0]; p[0]++)
        for (p[1] = 0; p[1] < n[1]; p[1]++)
            for (p[2] = 0; p[2] < n[2]; p[2]++)
                for (p[3] = 0; p[3] < n[3]; p[3]++) {
                    int ok = 1;
                    for (int k = 0; k < DIM_COUNT; k++)
                        ok &= (int)(allow[k] >> p[k] & 1u);
                    if (!ok)
                        continue;
                    unsigned here = outcome(t, p);
                    size_t q[DIM_COUNT];
                    memcpy(q, p, sizeof q);
                    for (q[d] = p[d] + 1; q[d] < n[d]; q[d]++)
                        if ((allow[d] >> q[d] & 1u) && outcome(t, q) != here)
                            return 1;
                }
    return 0;
}

/* How to learn each fact a table uses: the step an undetermined result names. */
static const char *step_for(const char *field)
{
    if (strcmp(field, "site") == 0)
        return "record the primary site from the operative or pathology report";
    if (strcmp(field, "size_cm") == 0)
        return "record the largest tumour dimension in cm from the pathology report";
    if (strcmp(field, "mitotic_count") == 0)
        return "record the mitotic count from the pathology report";
    if (strcmp(field, "mitotic_unit") == 0)
        return "record the area the mitotic count was made in (per 50 HPF or per 5 mm2)";
    return "record whether the tumour ruptured, before or during surgery, from the operative report";
}

gist_status gist_risk_assess(gist_risk_result **out, const gist_risk_table *t, const gist_risk_input *in)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(t, "table");
    GIST_CHECK_NULL(in, "input");
    if (in->version != GIST_RISK_INPUT_VERSION)
        return gist__error(GIST_EVERSION, "%s: input version %u is not %u (use gist_risk_input_init)", __func__,
                           in->version, GIST_RISK_INPUT_VERSION);
    if ((int)in->site < 0 || (int)in->site >= GIST_TUMOUR_SITE_COUNT)
        return gist__error(GIST_EINVAL, "%s: site %d is out of range", __func__, (int)in->site);
    if ((int)in->mitotic_unit < 0 || (int)in->mitotic_unit >= GIST_MITOTIC_UNIT_COUNT)
        return gist__error(GIST_EINVAL, "%s: mitotic unit %d is out of range", __func__, (int)in->mitotic_unit);
    if ((int)in->rupture < 0 || (int)in->rupture > 2)
        return gist__error(GIST_EINVAL, "%s: rupture %d is out of range", __func__, (int)in->rupture);
    gist_status st;
    if ((st = check_size(in->size_cm)) != GIST_OK || (st = check_mitoses(in->mitotic_count)) != GIST_OK)
        return st;

    gist_risk_result *r = gist__calloc(1, sizeof *r);
    if (r == NULL)
        return gist__error(GIST_ENOMEM, "out of memory in %s", __func__);
    gist__arena_init(&r->arena);
    r->input = *in;
    lookup k;
    memset(&k, 0, sizeof k);
    k.r = r;
    gist__sb_init(&k.why);

    /* Which values of each dimension the facts allow, and the facts not recorded. */
    uint32_t groups = 0, sizes = 0, mitoses = 0, ruptures = 0;
    int outside = 0; /* a site, or possibly a site, that no group covers */
    const char *unrecorded[DIM_COUNT] = {NULL, NULL, NULL, NULL};
    if (in->site == GIST_TUMOUR_SITE_UNKNOWN) {
        groups = (1u << t->group_count) - 1u;
        uint32_t covered = 0;
        for (size_t g = 0; g < t->group_count; g++)
            covered |= t->groups[g].sites;
        for (int s = 1; s < GIST_TUMOUR_SITE_COUNT; s++)
            if (!(covered & (1u << s)))
                outside = 1;
        unrecorded[DIM_SITE] = "site";
    } else {
        size_t n = 0;
        for (size_t g = 0; g < t->group_count; g++)
            if (t->groups[g].sites & (1u << in->site)) {
                groups |= 1u << g;
                n++;
            }
        outside = n == 0;
        if (n > 1) {
            unrecorded[DIM_SITE] = "site"; /* the part of the site, when it decides */
            char list[300];
            size_t len = 0;
            list[0] = '\0';
            for (size_t g = 0; g < t->group_count; g++)
                if (groups & (1u << g)) {
                    int w = snprintf(list + len, sizeof list - len, "%s%s", len ? " or " : "", t->groups[g].text);
                    len += w > 0 && (size_t)w < sizeof list - len ? (size_t)w : 0;
                }
            note(&k, "site %s may be %s in this table.", gist__tumour_site_names[in->site], list);
        }
    }
    if (isnan(in->size_cm)) {
        sizes = (1u << t->size_count) - 1u;
        unrecorded[DIM_SIZE] = "size_cm";
    } else {
        int b = gist__risk_band_of(t->sizes, t->size_count, in->size_cm);
        sizes = b >= 0 ? 1u << b : 0;
        if (b >= 0 && t->sizes[b].reading && in->size_cm < t->sizes[b].source_from && ++k.inferred)
            note(&k, "%g cm is read as in band %s, an inference: %s", in->size_cm, t->sizes[b].text,
                 t->sizes[b].reading);
    }
    double count = in->mitotic_count;
    if (isnan(count)) {
        unrecorded[DIM_MITOSES] = "mitotic_count";
    } else if (in->mitotic_unit == GIST_MITOTIC_UNIT_UNKNOWN) {
        unrecorded[DIM_MITOSES] = "mitotic_unit";
        count = NAN;
    } else if (in->mitotic_unit != t->unit) {
        const struct gist_risk_reading *rd = NULL;
        for (size_t i = 0; i < t->reading_count; i++)
            if (t->readings[i].unit == in->mitotic_unit)
                rd = &t->readings[i];
        if (rd != NULL) {
            k.inferred = 1;
            note(&k, "A count %s is read as %s (an inference): %s",
                 in->mitotic_unit == GIST_MITOTIC_UNIT_PER_5_MM2 ? "per 5 mm2" : "in another unit",
                 t->unit == GIST_MITOTIC_UNIT_PER_50_HPF ? "per 50 HPF" : "the table's unit", rd->reason);
        } else {
            unrecorded[DIM_MITOSES] = "mitotic_unit";
            note(&k, "The table does not read a count %s as its own unit (%s).",
                 gist__mitotic_unit_names[in->mitotic_unit], gist__mitotic_unit_names[t->unit]);
            count = NAN;
        }
    }
    if (isnan(count)) {
        mitoses = (1u << t->mitosis_count) - 1u;
    } else {
        int b = gist__risk_band_of(t->mitoses, t->mitosis_count, count);
        mitoses = b >= 0 ? 1u << b : 0;
        if (b >= 0 && t->mitoses[b].reading && count < t->mitoses[b].source_from && ++k.inferred)
            note(&k, "%g mitoses are read as in band %s, an inference: %s", count, t->mitoses[b].text,
                 t->mitoses[b].reading);
    }
    if (!t->considers_rupture) {
        ruptures = 1u;
        if (in->rupture == GIST_TRISTATE_YES)
            note(&k, "This table does not consider tumour rupture, which confers clearly increased risk "
                     "(JOENSUU-2008); see a table that does.");
    } else if (in->rupture == GIST_TRISTATE_UNKNOWN) {
        ruptures = 3u;
        unrecorded[DIM_RUPTURE] = "rupture";
    } else {
        ruptures = in->rupture == GIST_TRISTATE_YES ? 2u : 1u;
    }

    /* Every cell at a point the facts allow, in table order. */
    uint8_t hit[GIST__RISK_MAX_CELLS];
    memset(hit, 0, sizeof hit);
    size_t nhit = 0;
    for (size_t g = 0; g < t->group_count; g++)
        for (size_t s = 0; s < t->size_count; s++)
            for (size_t m = 0; m < t->mitosis_count; m++)
                for (size_t ru = 0; ru < 2; ru++) {
                    if (!(groups >> g & 1u) || !(sizes >> s & 1u) || !(mitoses >> m & 1u) || !(ruptures >> ru & 1u))
                        continue;
                    uint16_t c = t->grid[gist__risk_point(g, s, m, ru)];
                    if (c != 0 && !hit[c - 1]) {
                        hit[c - 1] = 1;
                        nhit++;
                    }
                }
    /* an array of pointers to cells, sized by the pointer */
    // NOLINTNEXTLINE(bugprone-sizeof-expression)
    r->cells = gist__arena_alloc(&r->arena, (nhit ? nhit : 1) * sizeof *r->cells);
    if (r->cells == NULL)
        k.failed = 1;
    gist_risk_category cat = GIST_RISK_UNDETERMINED;
    int agree = nhit > 0 && !outside, any_left_out = 0, all_verified = 1;
    for (size_t i = 0; i < t->cell_count && r->cells; i++) {
        if (!hit[i])
            continue;
        const struct gist_risk_cell *c = &t->cells[i];
        r->cells[r->cell_count++] = c;
        if (c->left_out)
            any_left_out = 1;
        if (c->verification != GIST_VERIFICATION_VERIFIED)
            all_verified = 0;
        if (r->cell_count == 1)
            cat = c->category;
        else if (c->category != cat)
            agree = 0;
    }
    if (any_left_out)
        agree = 0;
    /* The facts not recorded that would change the outcome are the missing ones; the rest are noted. */
    const uint32_t allow[DIM_COUNT] = {groups | (outside ? 1u << t->group_count : 0u), sizes, mitoses, ruptures};
    const char *idle[DIM_COUNT];
    size_t nidle = 0;
    for (int d = 0; d < DIM_COUNT; d++) {
        if (unrecorded[d] == NULL)
            continue;
        if (!agree && decides(t, allow, d))
            r->missing[r->missing_count++] = unrecorded[d];
        else if (d != DIM_SITE || in->site == GIST_TUMOUR_SITE_UNKNOWN)
            idle[nidle++] = unrecorded[d];
    }
    if (nidle > 0) {
        char list[200];
        size_t len = 0;
        list[0] = '\0';
        for (size_t i = 0; i < nidle; i++) {
            int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", idle[i]);
            len += w > 0 && (size_t)w < sizeof list - len ? (size_t)w : 0;
        }
        if (agree)
            note(&k, "Not recorded (%s), but every cell compatible with the recorded facts gives %s.", list,
                 gist__risk_category_names[cat]);
        else
            note(&k, "Not recorded (%s), but recording it would not decide the result.", list);
    }

    if (agree) {
        r->category = cat;
        /* verified only if nothing behind it is unverified: no cell, and no reading of the input */
        r->verification = all_verified && !k.inferred ? GIST_VERIFICATION_VERIFIED : GIST_VERIFICATION_UNVERIFIED;
    } else {
        r->category = GIST_RISK_UNDETERMINED;
        r->verification = GIST_VERIFICATION_UNVERIFIED;
        if (outside && in->site != GIST_TUMOUR_SITE_UNKNOWN)
            gist__sb_printf(&k.why, "The table does not cover %s tumours (its sites: ",
                            gist__tumour_site_names[in->site]);
        if (outside && in->site != GIST_TUMOUR_SITE_UNKNOWN) {
            for (size_t g = 0; g < t->group_count; g++)
                gist__sb_printf(&k.why, "%s%s", g ? ", " : "", t->groups[g].text);
            gist__sb_puts(&k.why, "). ");
        }
        if (r->missing_count > 0) {
            gist__sb_puts(&k.why, "Not recorded: ");
            for (size_t i = 0; i < r->missing_count; i++)
                gist__sb_printf(&k.why, "%s%s", i ? ", " : "", r->missing[i]);
            /* the categories the missing facts decide between */
            uint32_t seen = 0;
            gist__sb_puts(&k.why, "; the cells compatible with the recorded facts give ");
            const char *sep = "";
            for (size_t i = 0; i < r->cell_count; i++) {
                gist_risk_category c = r->cells[i]->category;
                if (!(seen & (1u << c))) {
                    seen |= 1u << c;
                    gist__sb_printf(&k.why, "%s%s", sep,
                                    r->cells[i]->left_out ? "no category (a cell left out)"
                                                          : gist__risk_category_names[c]);
                    sep = ", ";
                }
            }
            if (outside)
                gist__sb_printf(&k.why, "%sno category (a site the table does not cover)", sep);
            gist__sb_puts(&k.why, ". To decide: ");
            for (size_t i = 0; i < r->missing_count; i++)
                gist__sb_printf(&k.why, "%s%s", i ? "; " : "", step_for(r->missing[i]));
            gist__sb_puts(&k.why, ".");
        } else if (any_left_out) {
            for (size_t i = 0; i < r->cell_count; i++)
                if (r->cells[i]->left_out)
                    gist__sb_printf(&k.why, "Cell %s (%s) is left out: %s", r->cells[i]->id, r->cells[i]->label,
                                    r->cells[i]->note);
            gist__sb_puts(&k.why, " Another table may decide.");
        }
    }
    char *why = NULL;
    if (gist__sb_finish(&k.why, &why) != GIST_OK)
        k.failed = 1;
    else {
        r->why = gist__arena_strdup(&r->arena, why);
        gist__free(why);
        if (r->why == NULL)
            k.failed = 1;
    }
    r->notes = gist__arena_alloc(&r->arena, (k.note_count ? k.note_count : 1) * sizeof *r->notes);
    if (r->notes == NULL)
        k.failed = 1;
    else
        for (size_t i = 0; i < k.note_count; i++)
            r->notes[r->note_count++] = k.notes[i];
    if (k.failed) {
        gist__arena_free(&r->arena);
        gist__free(r);
        return gist__error(GIST_ENOMEM, "out of memory in %s", __func__);
    }
    r->table = gist__risk_table_retain(t);
    *out = r;
    return GIST_OK;
}

void gist_risk_result_free(gist_risk_result *r)
{
    if (r == NULL)
        return;
    gist_risk_table_free(r->table);
    gist__arena_free(&r->arena);
    gist__free(r);
}

gist_risk_category gist_risk_result_category(const gist_risk_result *r)
{
    return r ? r->category : GIST_RISK_UNDETERMINED;
}
gist_verification gist_risk_result_verification(const gist_risk_result *r)
{
    return r ? r->verification : GIST_VERIFICATION_UNVERIFIED;
}
const gist_risk_table *gist_risk_result_table(const gist_risk_result *r) { return r ? r->table : NULL; }
size_t gist_risk_result_cell_count(const gist_risk_result *r) { return r ? r->cell_count : 0; }
const gist_risk_cell *gist_risk_result_cell(const gist_risk_result *r, size_t i)
{
    return r && i < r->cell_count ? r->cells[i] : NULL;
}
size_t gist_risk_result_missing_count(const gist_risk_result *r) { return r ? r->missing_count : 0; }
const char *gist_risk_result_missing(const gist_risk_result *r, size_t i)
{
    return r && i < r->missing_count ? r->missing[i] : NULL;
}
const char *gist_risk_result_why(const gist_risk_result *r) { return r ? r->why : NULL; }
size_t gist_risk_result_note_count(const gist_risk_result *r) { return r ? r->note_count : 0; }
const char *gist_risk_result_note(const gist_risk_result *r, size_t i)
{
    return r && i < r->note_count ? r->notes[i] : NULL;
}
