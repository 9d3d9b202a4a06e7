/*
 * A loaded risk table: site groups, bands and cells, and the grid that maps
 * every combination to its one cell. Immutable once loaded.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_RISK_H
#define GIST_MODEL_RISK_H

#include <stdatomic.h>
#include <stdint.h>

#include "gist/risk.h"
#include "util/arena.h"

/* The format a risk table file declares. */
#define GIST__RISK_FORMAT "gist-risk/1"
#define GIST__RISK_MAX_GROUPS 16u
#define GIST__RISK_MAX_BANDS 8u
#define GIST__RISK_MAX_CELLS 512u
#define GIST__RISK_MAX_SOURCES 32u
/* Grid points: group x size band x mitosis band x rupture (no, yes). */
#define GIST__RISK_GRID (GIST__RISK_MAX_GROUPS * GIST__RISK_MAX_BANDS * GIST__RISK_MAX_BANDS * 2u)

extern const char *const gist__tumour_site_names[GIST_TUMOUR_SITE_COUNT];
extern const char *const gist__mitotic_unit_names[GIST_MITOTIC_UNIT_COUNT];
extern const char *const gist__risk_category_names[GIST_RISK_CATEGORY_COUNT];
extern const char *const gist__verification_names[GIST_VERIFICATION_COUNT];

struct gist_risk_band {
    const char *id;
    const char *text;    /* the source's wording */
    const char *reading; /* how values below source_from are read, an inference; NULL otherwise */
    double source_from;  /* the lowest value the source writes for the band (2.1 of "2.1-5.0"); NaN if none */
    double above;        /* exclusive lower bound; -1 for the first band (from 0, inclusive) */
    double up_to;        /* inclusive upper bound; INFINITY for the last band */
};
struct gist_risk_group {
    const char *id;
    const char *text;
    uint32_t sites; /* bit per gist_tumour_site */
};
struct gist_risk_source {
    const char *id;
    const char *citation; /* with its address */
    gist_verification verification;
};
struct gist_risk_reading {
    gist_mitotic_unit unit; /* a unit the table reads as its own */
    const char *reason;     /* always an inference */
};
struct gist_risk_cell {
    const char *id;
    const char *label;
    gist_risk_category category; /* GIST_RISK_UNDETERMINED when left out */
    int left_out;
    double percent; /* NaN when not given */
    gist_verification verification;
    const char *note; /* why it is left out, or notes; "" when none */
    const char **sources;
    size_t source_count;
};
struct gist_risk_table {
    atomic_size_t refs;
    gist_arena arena;
    const char *id, *version, *title, *description, *evidence, *citation, *measure, *site_groups_note;
    int primary_seen;
    gist_mitotic_unit unit;
    int considers_rupture;
    struct gist_risk_source *sources;
    size_t source_count;
    struct gist_risk_reading *readings;
    size_t reading_count;
    struct gist_risk_group groups[GIST__RISK_MAX_GROUPS];
    size_t group_count;
    struct gist_risk_band sizes[GIST__RISK_MAX_BANDS];
    size_t size_count;
    struct gist_risk_band mitoses[GIST__RISK_MAX_BANDS];
    size_t mitosis_count;
    struct gist_risk_cell *cells;
    size_t cell_count;
    uint16_t grid[GIST__RISK_GRID]; /* cell index + 1 at each point; 0 where no point exists */
};

/* Index into grid of (group, size band, mitosis band, rupture 0/1). */
static inline size_t gist__risk_point(size_t g, size_t s, size_t m, size_t r)
{
    return ((g * GIST__RISK_MAX_BANDS + s) * GIST__RISK_MAX_BANDS + m) * 2u + r;
}

struct gist_risk_result {
    gist_risk_table *table; /* a reference */
    gist_arena arena;
    gist_risk_input input;
    gist_risk_category category;
    gist_verification verification;
    const gist_risk_cell **cells;
    size_t cell_count;
    const char *missing[5];
    size_t missing_count;
    const char *why;
    const char **notes;
    size_t note_count;
};

/* Take a reference, later released with gist_risk_table_free(). */
gist_risk_table *gist__risk_table_retain(const gist_risk_table *t);
/* The band of value x, or -1 if none (x below 0). */
int gist__risk_band_of(const struct gist_risk_band *bands, size_t n, double x);

#endif
