/*
 * Risk tables and results written out: readable text and JSON.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "model/risk.h"
#include "util/error.h"
#include "util/json_out.h"
#include "util/strbuf.h"

static const char *unit_text(gist_mitotic_unit u)
{
    return u == GIST_MITOTIC_UNIT_PER_50_HPF ? "per 50 HPF" : u == GIST_MITOTIC_UNIT_PER_5_MM2 ? "per 5 mm2" : "";
}

static void text_cell(gist_sb *sb, const struct gist_risk_cell *c, const char *indent)
{
    gist__sb_printf(sb, "%s%s: %s\n%s  ", indent, c->id, c->label, indent);
    if (c->left_out) {
        gist__sb_printf(sb, "left out: %s\n%s  ", c->note, indent);
    } else {
        gist__sb_printf(sb, "%s", gist__risk_category_names[c->category]);
        if (!isnan(c->percent)) {
            gist__sb_puts(sb, " (");
            gist__sb_num(sb, c->percent);
            gist__sb_puts(sb, "%)");
        }
        gist__sb_printf(sb, ", %s; ", c->verification == GIST_VERIFICATION_VERIFIED ? "verified" : "unverified");
    }
    gist__sb_puts(sb, "sources ");
    for (size_t i = 0; i < c->source_count; i++)
        gist__sb_printf(sb, "%s%s", i ? ", " : "", c->sources[i]);
    if (!c->left_out && c->note[0])
        gist__sb_printf(sb, ". %s", c->note);
    gist__sb_putc(sb, '\n');
}

static void text_header(gist_sb *sb, const gist_risk_table *t)
{
    gist__sb_printf(sb, "%s\n  table %s, version %s; evidence %s\n  %s\n", t->title, t->id, t->version, t->evidence,
                    t->citation);
    if (!t->primary_seen)
        gist__sb_puts(sb, "  The primary publication was not seen: cells are verified only where a verified "
                          "source says so.\n");
}

gist_status gist_risk_table_to_text(char **out, const gist_risk_table *t)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(t, "table");
    gist_sb sb;
    gist__sb_init(&sb);
    text_header(&sb, t);
    gist__sb_printf(&sb, "\n%s\n\nMeasure: %s. Mitotic counts %s.", t->description, t->measure, unit_text(t->unit));
    for (size_t i = 0; i < t->reading_count; i++)
        gist__sb_printf(&sb, " A count %s is read as %s, an inference: %s", unit_text(t->readings[i].unit),
                        unit_text(t->unit), t->readings[i].reason);
    gist__sb_puts(&sb, "\n\nSite groups:\n");
    for (size_t g = 0; g < t->group_count; g++) {
        gist__sb_printf(&sb, "  %s:", t->groups[g].text);
        for (int s = 1; s < GIST_TUMOUR_SITE_COUNT; s++)
            if (t->groups[g].sites & (1u << s))
                gist__sb_printf(&sb, " %s", gist__tumour_site_names[s]);
        gist__sb_putc(&sb, '\n');
    }
    if (t->site_groups_note[0])
        gist__sb_printf(&sb, "  %s\n", t->site_groups_note);
    const struct gist_risk_band *const bands[2] = {t->sizes, t->mitoses};
    const size_t counts[2] = {t->size_count, t->mitosis_count};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < counts[k]; i++)
            if (bands[k][i].reading)
                gist__sb_printf(&sb, "  Band %s, an inference: %s\n", bands[k][i].text, bands[k][i].reading);
    size_t left = 0;
    for (size_t i = 0; i < t->cell_count; i++)
        left += (size_t)t->cells[i].left_out;
    gist__sb_printf(&sb, "\nCells (%zu, %zu left out):\n", t->cell_count, left);
    for (size_t i = 0; i < t->cell_count; i++)
        text_cell(&sb, &t->cells[i], "  ");
    gist__sb_puts(&sb, "\nSources:\n");
    for (size_t i = 0; i < t->source_count; i++)
        gist__sb_printf(&sb, "  %s (%s): %s\n", t->sources[i].id,
                        t->sources[i].verification == GIST_VERIFICATION_VERIFIED ? "verified" : "unverified",
                        t->sources[i].citation);
    return gist__sb_finish(&sb, out);
}

static void json_cell(gist_jw *w, const struct gist_risk_cell *c)
{
    gist__jw_begin_object(w);
    gist__jw_str(w, "id", c->id);
    gist__jw_str(w, "label", c->label);
    gist__jw_str(w, "category", gist__risk_category_names[c->category]);
    gist__jw_bool(w, "left_out", c->left_out);
    if (isnan(c->percent))
        gist__jw_null(w, "percent");
    else
        gist__jw_num(w, "percent", c->percent);
    gist__jw_str(w, "verification", c->verification == GIST_VERIFICATION_VERIFIED ? "verified" : "unverified");
    gist__jw_str(w, "note", c->note);
    gist__jw_strings(w, "sources", c->sources, c->source_count);
    gist__jw_end_object(w);
}

static void json_table_ref(gist_jw *w, const gist_risk_table *t)
{
    gist__jw_str(w, "id", t->id);
    gist__jw_str(w, "version", t->version);
    gist__jw_str(w, "title", t->title);
    gist__jw_str(w, "evidence", t->evidence);
    gist__jw_str(w, "citation", t->citation);
    gist__jw_bool(w, "primary_seen", t->primary_seen);
}

gist_status gist_risk_table_to_json(char **out, const gist_risk_table *t, unsigned int flags)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(t, "table");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "%s: unknown flags 0x%x", __func__, flags);
    gist_sb sb;
    gist__sb_init(&sb);
    gist_jw w;
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    json_table_ref(&w, t);
    gist__jw_str(&w, "description", t->description);
    gist__jw_str(&w, "measure", t->measure);
    gist__jw_str(&w, "mitotic_unit", gist__mitotic_unit_names[t->unit]);
    gist__jw_bool(&w, "considers_rupture", t->considers_rupture);
    gist__jw_key(&w, "sources");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < t->source_count; i++) {
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "id", t->sources[i].id);
        gist__jw_bool(&w, "verified", t->sources[i].verification == GIST_VERIFICATION_VERIFIED);
        gist__jw_str(&w, "citation", t->sources[i].citation);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);
    gist__jw_key(&w, "cells");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < t->cell_count; i++) {
        gist__jw_item(&w);
        json_cell(&w, &t->cells[i]);
    }
    gist__jw_end_array(&w);
    gist__jw_end_object(&w);
    gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}

static void text_input(gist_sb *sb, const gist_risk_input *in)
{
    gist__sb_printf(sb, "site %s, size ", gist__tumour_site_names[in->site]);
    if (isnan(in->size_cm))
        gist__sb_puts(sb, "not recorded");
    else {
        gist__sb_num(sb, in->size_cm);
        gist__sb_puts(sb, " cm");
    }
    gist__sb_puts(sb, ", mitotic count ");
    if (isnan(in->mitotic_count))
        gist__sb_puts(sb, "not recorded");
    else {
        gist__sb_num(sb, in->mitotic_count);
        gist__sb_printf(sb, " %s", in->mitotic_unit ? unit_text(in->mitotic_unit) : "(unit not recorded)");
    }
    gist__sb_printf(sb, ", rupture %s", in->rupture == GIST_TRISTATE_YES  ? "yes"
                                        : in->rupture == GIST_TRISTATE_NO ? "no"
                                                                          : "not recorded");
}

gist_status gist_risk_result_to_text(char **out, const gist_risk_result *r)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(r, "result");
    const gist_risk_table *t = r->table;
    gist_sb sb;
    gist__sb_init(&sb);
    gist__sb_printf(&sb, "Risk by %s: %s", t->id, gist__risk_category_names[r->category]);
    if (r->category != GIST_RISK_UNDETERMINED)
        gist__sb_printf(&sb, " (%s)", r->verification == GIST_VERIFICATION_VERIFIED ? "verified" : "unverified");
    gist__sb_puts(&sb, "\n  tumour: ");
    text_input(&sb, &r->input);
    gist__sb_putc(&sb, '\n');
    if (r->why[0])
        gist__sb_printf(&sb, "  why: %s\n", r->why);
    gist__sb_printf(&sb, "  %s:\n", r->cell_count == 1 ? "cell" : "compatible cells");
    int percent = 0, unverified = 0;
    for (size_t i = 0; i < r->cell_count; i++) {
        text_cell(&sb, r->cells[i], "    ");
        percent |= !isnan(r->cells[i]->percent);
        unverified |= !r->cells[i]->left_out && r->cells[i]->verification != GIST_VERIFICATION_VERIFIED;
    }
    if (percent)
        gist__sb_printf(&sb, "  percentages: %s\n", t->measure);
    if (unverified)
        gist__sb_printf(&sb, "  unverified: taken from secondary copies of the table%s\n",
                        t->primary_seen ? "" : " (the primary publication was not seen)");
    for (size_t i = 0; i < r->note_count; i++)
        gist__sb_printf(&sb, "  note: %s\n", r->notes[i]);
    gist__sb_printf(&sb, "  table: %s, version %s; evidence %s: %s\n", t->title, t->version, t->evidence,
                    t->citation);
    return gist__sb_finish(&sb, out);
}

gist_status gist_risk_result_to_json(char **out, const gist_risk_result *r, unsigned int flags)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(r, "result");
    if (flags & ~GIST_JSON_COMPACT)
        return gist__error(GIST_EINVAL, "%s: unknown flags 0x%x", __func__, flags);
    gist_sb sb;
    gist__sb_init(&sb);
    gist_jw w;
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    gist__jw_key(&w, "table");
    gist__jw_begin_object(&w);
    json_table_ref(&w, r->table);
    gist__jw_end_object(&w);
    gist__jw_key(&w, "input");
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "site", gist__tumour_site_names[r->input.site]);
    if (isnan(r->input.size_cm))
        gist__jw_null(&w, "size_cm");
    else
        gist__jw_num(&w, "size_cm", r->input.size_cm);
    if (isnan(r->input.mitotic_count))
        gist__jw_null(&w, "mitotic_count");
    else
        gist__jw_num(&w, "mitotic_count", r->input.mitotic_count);
    gist__jw_str(&w, "mitotic_unit", gist__mitotic_unit_names[r->input.mitotic_unit]);
    gist__jw_str(&w, "rupture", gist_tristate_name(r->input.rupture));
    gist__jw_end_object(&w);
    gist__jw_str(&w, "category", gist__risk_category_names[r->category]);
    gist__jw_str(&w, "verification", r->verification == GIST_VERIFICATION_VERIFIED ? "verified" : "unverified");
    gist__jw_key(&w, "cells");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < r->cell_count; i++) {
        gist__jw_item(&w);
        json_cell(&w, r->cells[i]);
    }
    gist__jw_end_array(&w);
    gist__jw_strings(&w, "missing", r->missing, r->missing_count);
    gist__jw_str(&w, "why", r->why);
    gist__jw_strings(&w, "notes", r->notes, r->note_count);
    gist__jw_end_object(&w);
    gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}
