/*
 * Risk stratification: the AFIP table (MIETTINEN-2006) and the modified NIH
 * criteria (JOENSUU-2008) as the library holds them, cell by cell against
 * the values written here from the sources (docs/risk.md); what is left out
 * and why; lookups with facts missing; the input reader; bad tables.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <gist/gist.h>

enum { NONE = GIST_RISK_NONE, VLOW = GIST_RISK_VERY_LOW, LOW = GIST_RISK_LOW, MOD = GIST_RISK_MODERATE,
       INT = GIST_RISK_INTERMEDIATE, HIGH = GIST_RISK_HIGH, INSUF = GIST_RISK_INSUFFICIENT_DATA,
       LEFT = GIST_RISK_UNDETERMINED };

static gist_risk_table *table(const char *id)
{
    gist_risk_table *t = NULL;
    assert_int_equal(gist_risk_table_builtin(&t, id), GIST_OK);
    assert_non_null(t);
    return t;
}

static gist_risk_input tumour(gist_tumour_site site, double size, double mitoses, gist_tristate rupture)
{
    gist_risk_input in;
    assert_int_equal(gist_risk_input_init(&in), GIST_OK);
    in.site = site;
    in.size_cm = size;
    in.mitotic_count = mitoses;
    in.mitotic_unit = isnan(mitoses) ? GIST_MITOTIC_UNIT_UNKNOWN : GIST_MITOTIC_UNIT_PER_50_HPF;
    in.rupture = rupture;
    return in;
}

static gist_risk_result *assess(const gist_risk_table *t, const gist_risk_input *in)
{
    gist_risk_result *r = NULL;
    assert_int_equal(gist_risk_assess(&r, t, in), GIST_OK);
    assert_non_null(r);
    return r;
}

static int has_note(const gist_risk_result *r, const char *text)
{
    for (size_t i = 0; i < gist_risk_result_note_count(r); i++)
        if (strstr(gist_risk_result_note(r, i), text))
            return 1;
    return 0;
}

static int is_missing(const gist_risk_result *r, const char *field)
{
    for (size_t i = 0; i < gist_risk_result_missing_count(r); i++)
        if (strcmp(gist_risk_result_missing(r, i), field) == 0)
            return 1;
    return 0;
}

/* ---- the built-in tables ---- */

static void test_builtin_tables_load_and_name_themselves(void **state)
{
    (void)state;
    assert_int_equal(gist_risk_table_builtin_count(), 2);
    assert_null(gist_risk_table_builtin_id(2));
    for (size_t i = 0; i < gist_risk_table_builtin_count(); i++) {
        gist_risk_table *t = table(gist_risk_table_builtin_id(i));
        assert_string_equal(gist_risk_table_id(t), gist_risk_table_builtin_id(i));
        assert_string_equal(gist_risk_table_version(t), "2026.1");
        assert_false(gist_risk_table_primary_seen(t)); /* neither article was available */
        assert_int_equal(gist_risk_table_mitotic_unit(t), GIST_MITOTIC_UNIT_PER_50_HPF);
        /* the file in the source tree is the same table */
        char path[512];
        snprintf(path, sizeof path, "%s/lib/data/risk/%s.json", GIST_SOURCE_DIR, gist_risk_table_id(t));
        gist_risk_table *f = NULL;
        assert_int_equal(gist_risk_table_load(&f, path), GIST_OK);
        assert_int_equal(gist_risk_table_cell_count(f), gist_risk_table_cell_count(t));
        gist_risk_table_free(f);
        gist_risk_table_free(t);
    }
    gist_risk_table *t = NULL;
    assert_int_equal(gist_risk_table_builtin(&t, "nih-2002"), GIST_ENOTFOUND);
    assert_null(t);
    assert_non_null(strstr(gist_error_last()->message, "afip-miettinen-2006"));
}

static void test_MIETTINEN_2006_table_and_sources(void **state)
{
    (void)state;
    gist_risk_table *t = table("afip-miettinen-2006");
    assert_string_equal(gist_risk_table_evidence(t), "MIETTINEN-2006");
    assert_non_null(strstr(gist_risk_table_citation(t), "Semin Diagn Pathol 2006;23(2):70-83"));
    /* NICE TA326's "Miettinen 2006 criteria" cite the Arch Pathol Lab Med review: named too */
    assert_non_null(strstr(gist_risk_table_citation(t), "Arch Pathol Lab Med 2006;130(10):1466-78"));
    assert_false(gist_risk_table_considers_rupture(t));
    /* no cell is verified: the primary publication was not seen */
    for (size_t i = 0; i < gist_risk_table_cell_count(t); i++)
        assert_int_equal(gist_risk_cell_verification(gist_risk_table_cell(t, i)), GIST_VERIFICATION_UNVERIFIED);
    size_t verified_sources = 0;
    for (size_t i = 0; i < gist_risk_table_source_count(t); i++)
        verified_sources += gist_risk_table_source_verification(t, i) == GIST_VERIFICATION_VERIFIED;
    assert_int_equal(verified_sources, 1); /* only SEER's wording of the 5 mm2 equivalence */
    gist_risk_table_free(t);
}

/*
 * Every cell of the AFIP table as its copies give it (docs/risk.md): rows by
 * size (1.5, 3, 7, 12 cm) for <= 5 and then > 5 mitoses per 50 HPF. NaN: the
 * table gives no percentage. The duodenum and jejunum/ileum rows are the
 * same: only what both small-intestinal columns agree on.
 */
static void test_MIETTINEN_2006_every_cell_as_the_copies_give_it(void **state)
{
    (void)state;
    static const double sizes[4] = {1.5, 3, 7, 12}, counts[2] = {2, 8};
    static const struct {
        gist_tumour_site site;
        int cat[2][4];
        double pct[2][4];
    } expect[] = {
        {GIST_TUMOUR_SITE_STOMACH,
         {{NONE, VLOW, LOW, MOD}, {NONE, MOD, HIGH, HIGH}},
         {{0, 1.9, 3.6, NAN}, {0, 16, 55, 86}}},
        {GIST_TUMOUR_SITE_DUODENUM,
         {{NONE, LOW, LEFT, HIGH}, {LEFT, HIGH, LEFT, HIGH}},
         {{0, NAN, NAN, NAN}, {NAN, NAN, NAN, NAN}}},
        {GIST_TUMOUR_SITE_JEJUNUM_ILEUM,
         {{NONE, LOW, LEFT, HIGH}, {LEFT, HIGH, LEFT, HIGH}},
         {{0, NAN, NAN, NAN}, {NAN, NAN, NAN, NAN}}},
        {GIST_TUMOUR_SITE_SMALL_INTESTINE,
         {{NONE, LOW, LEFT, HIGH}, {LEFT, HIGH, LEFT, HIGH}},
         {{0, NAN, NAN, NAN}, {NAN, NAN, NAN, NAN}}},
        {GIST_TUMOUR_SITE_RECTUM,
         {{NONE, LOW, INSUF, HIGH}, {HIGH, HIGH, INSUF, HIGH}},
         {{0, 8.5, NAN, NAN}, {54, 52, NAN, NAN}}},
    };
    gist_risk_table *t = table("afip-miettinen-2006");
    for (size_t e = 0; e < sizeof expect / sizeof expect[0]; e++)
        for (int m = 0; m < 2; m++)
            for (int s = 0; s < 4; s++) {
                gist_risk_input in = tumour(expect[e].site, sizes[s], counts[m], GIST_TRISTATE_NO);
                gist_risk_result *r = assess(t, &in);
                int want = expect[e].cat[m][s];
                if ((int)gist_risk_result_category(r) != want)
                    fail_msg("%s, %g cm, %g mitoses: %s, expected %s", gist_tumour_site_name(expect[e].site),
                             sizes[s], counts[m], gist_risk_category_name(gist_risk_result_category(r)),
                             gist_risk_category_name((gist_risk_category)want));
                assert_int_equal(gist_risk_result_cell_count(r), 1);
                const gist_risk_cell *c = gist_risk_result_cell(r, 0);
                double p = gist_risk_cell_percent(c);
                if (isnan(expect[e].pct[m][s]) ? !isnan(p) : p != expect[e].pct[m][s])
                    fail_msg("%s, %g cm, %g mitoses: percent %g, expected %g", gist_tumour_site_name(expect[e].site),
                             sizes[s], counts[m], p, expect[e].pct[m][s]);
                if (want == LEFT) {
                    assert_true(gist_risk_cell_left_out(c));
                    assert_non_null(strstr(gist_risk_result_why(r), "left out"));
                    assert_int_equal(gist_risk_result_missing_count(r), 0); /* nothing to record: the table is silent */
                } else {
                    assert_string_equal(gist_risk_result_why(r), "");
                    assert_int_equal(gist_risk_result_verification(r), GIST_VERIFICATION_UNVERIFIED);
                }
                gist_risk_result_free(r);
            }
    gist_risk_table_free(t);
}

static void test_MIETTINEN_2006_conflicting_percentages_are_not_given(void **state)
{
    (void)state;
    gist_risk_table *t = table("afip-miettinen-2006");
    /* gastric > 10 cm, <= 5 mitoses: 10% in three copies, 12% in PDQ 2024: the word only */
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 11, 3, GIST_TRISTATE_UNKNOWN);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_MODERATE);
    const gist_risk_cell *c = gist_risk_result_cell(r, 0);
    assert_true(isnan(gist_risk_cell_percent(c)));
    assert_non_null(strstr(gist_risk_cell_note(c), "10%"));
    assert_non_null(strstr(gist_risk_cell_note(c), "12%"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_MIETTINEN_2006_duodenum_and_jejunum_columns_are_not_guessed(void **state)
{
    (void)state;
    gist_risk_table *t = table("afip-miettinen-2006");
    /* 7 cm, 3 mitoses: 24% moderate in one column, insufficient data in the other */
    static const gist_tumour_site sites[] = {GIST_TUMOUR_SITE_DUODENUM, GIST_TUMOUR_SITE_JEJUNUM_ILEUM};
    for (size_t i = 0; i < 2; i++) {
        gist_risk_input in = tumour(sites[i], 7, 3, GIST_TRISTATE_NO);
        gist_risk_result *r = assess(t, &in);
        assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
        assert_non_null(strstr(gist_risk_result_why(r), "which column is the duodenum is not settled"));
        gist_risk_result_free(r);
    }
    /* the part of the small intestine not recorded: one of two groups, said so */
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_SMALL_INTESTINE, 3, 8, GIST_TRISTATE_NO);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_HIGH);
    assert_true(has_note(r, "may be duodenum or jejunum/ileum"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_MIETTINEN_2006_sites_outside_the_table_and_rupture(void **state)
{
    (void)state;
    gist_risk_table *t = table("afip-miettinen-2006");
    static const gist_tumour_site outside[] = {GIST_TUMOUR_SITE_COLON, GIST_TUMOUR_SITE_OESOPHAGUS,
                                               GIST_TUMOUR_SITE_EXTRAGASTROINTESTINAL, GIST_TUMOUR_SITE_OTHER};
    for (size_t i = 0; i < 4; i++) {
        gist_risk_input in = tumour(outside[i], 12, 8, GIST_TRISTATE_NO);
        gist_risk_result *r = assess(t, &in);
        assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
        assert_non_null(strstr(gist_risk_result_why(r), "does not cover"));
        assert_non_null(strstr(gist_risk_result_why(r), gist_tumour_site_name(outside[i])));
        assert_int_equal(gist_risk_result_cell_count(r), 0);
        gist_risk_result_free(r);
    }
    /* the AFIP table does not consider rupture: the category stands, with a note */
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 3, 2, GIST_TRISTATE_YES);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_VERY_LOW);
    assert_true(has_note(r, "does not consider tumour rupture"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_MIETTINEN_2006_band_boundaries(void **state)
{
    (void)state;
    gist_risk_table *t = table("afip-miettinen-2006");
    static const struct {
        double size, mitoses;
        int cat;
    } cases[] = {
        {2, 5, NONE},      /* <= 2 cm, <= 5 */
        {2.01, 5, VLOW},   /* > 2 */
        {5, 5.5, MOD},     /* <= 5 cm; > 5 mitoses */
        {10, 0, LOW},      /* <= 10 cm, no mitoses */
        {10.1, 6, HIGH},   /* > 10 cm */
        {0.1, 0, NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, cases[i].size, cases[i].mitoses, GIST_TRISTATE_NO);
        gist_risk_result *r = assess(t, &in);
        if ((int)gist_risk_result_category(r) != cases[i].cat)
            fail_msg("%g cm, %g mitoses: %s", cases[i].size, cases[i].mitoses,
                     gist_risk_category_name(gist_risk_result_category(r)));
        assert_int_equal(gist_risk_result_note_count(r), 0); /* the AFIP bands are read as written */
        gist_risk_result_free(r);
    }
    gist_risk_table_free(t);
}

/* ---- modified NIH (Joensuu 2008) ---- */

/*
 * Every cell without rupture, sizes 1.5, 3, 7 and 12 cm by 2, 8 and 12
 * mitoses per 50 HPF; V marks the cells the author's abstract verifies.
 */
static void test_JOENSUU_2008_every_cell_as_the_sources_give_it(void **state)
{
    (void)state;
    static const double sizes[4] = {1.5, 3, 7, 12}, counts[3] = {2, 8, 12};
    enum { U = 0, V = 1 };
    static const struct {
        gist_tumour_site site;
        int cat[4][3];
        int verified[4][3];
    } expect[] = {
        {GIST_TUMOUR_SITE_STOMACH,
         {{VLOW, INT, HIGH}, {LOW, INT, LEFT}, {INT, HIGH, HIGH}, {HIGH, HIGH, HIGH}},
         {{U, U, U}, {U, U, U}, {U, U, U}, {U, U, U}}},
        {GIST_TUMOUR_SITE_JEJUNUM_ILEUM,
         {{VLOW, LEFT, HIGH}, {LOW, HIGH, HIGH}, {HIGH, HIGH, HIGH}, {HIGH, HIGH, HIGH}},
         {{U, U, U}, {U, V, V}, {V, U, U}, {U, U, U}}},
        {GIST_TUMOUR_SITE_RECTUM,
         {{VLOW, LEFT, HIGH}, {LOW, HIGH, HIGH}, {HIGH, HIGH, HIGH}, {HIGH, HIGH, HIGH}},
         {{U, U, U}, {U, V, V}, {V, U, U}, {U, U, U}}},
        {GIST_TUMOUR_SITE_EXTRAGASTROINTESTINAL,
         {{VLOW, LEFT, HIGH}, {LOW, HIGH, HIGH}, {HIGH, HIGH, HIGH}, {HIGH, HIGH, HIGH}},
         {{U, U, U}, {U, V, V}, {V, U, U}, {U, U, U}}},
    };
    gist_risk_table *t = table("joensuu-2008");
    for (size_t e = 0; e < sizeof expect / sizeof expect[0]; e++)
        for (int s = 0; s < 4; s++)
            for (int m = 0; m < 3; m++) {
                gist_risk_input in = tumour(expect[e].site, sizes[s], counts[m], GIST_TRISTATE_NO);
                gist_risk_result *r = assess(t, &in);
                int want = expect[e].cat[s][m];
                if ((int)gist_risk_result_category(r) != want)
                    fail_msg("%s, %g cm, %g mitoses: %s, expected %s", gist_tumour_site_name(expect[e].site),
                             sizes[s], counts[m], gist_risk_category_name(gist_risk_result_category(r)),
                             gist_risk_category_name((gist_risk_category)want));
                assert_int_equal(gist_risk_result_cell_count(r), 1);
                if (want != LEFT && (int)gist_risk_result_verification(r) != expect[e].verified[s][m])
                    fail_msg("%s, %g cm, %g mitoses: %s", gist_tumour_site_name(expect[e].site), sizes[s], counts[m],
                             gist_verification_name(gist_risk_result_verification(r)));
                assert_true(isnan(gist_risk_cell_percent(gist_risk_result_cell(r, 0)))); /* categories only */
                gist_risk_result_free(r);
            }
    gist_risk_table_free(t);
}

static void test_JOENSUU_2008_rupture_is_high_whatever_else(void **state)
{
    (void)state;
    gist_risk_table *t = table("joensuu-2008");
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 1, 0, GIST_TRISTATE_YES);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_HIGH);
    assert_int_equal(gist_risk_result_verification(r), GIST_VERIFICATION_VERIFIED); /* the abstract says so */
    assert_string_equal(gist_risk_cell_id(gist_risk_result_cell(r, 0)), "rupture");
    gist_risk_result_free(r);
    /* nothing else recorded: still high, and what was not recorded did not matter */
    gist_risk_input bare;
    gist_risk_input_init(&bare);
    bare.rupture = GIST_TRISTATE_YES;
    r = assess(t, &bare);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_HIGH);
    assert_int_equal(gist_risk_result_missing_count(r), 0);
    assert_true(has_note(r, "Not recorded (site, size_cm, mitotic_count)"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_JOENSUU_2008_left_out_cells_say_why(void **state)
{
    (void)state;
    gist_risk_table *t = table("joensuu-2008");
    /* a non-gastric tumour of 2 cm or less with 6-10 mitoses: the copy read and the abstract disagree */
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_JEJUNUM_ILEUM, 1.5, 8, GIST_TRISTATE_NO);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
    assert_non_null(strstr(gist_risk_result_why(r), "does not include tumours of 2 cm or less"));
    gist_risk_result_free(r);
    /* gastric 2.1-5.0 cm with more than 10 mitoses: two rows of the table as reproduced overlap */
    in = tumour(GIST_TUMOUR_SITE_STOMACH, 4, 15, GIST_TRISTATE_NO);
    r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
    assert_non_null(strstr(gist_risk_result_why(r), "Which row governs is not settled"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_JOENSUU_2008_facts_missing_decide_only_when_they_matter(void **state)
{
    (void)state;
    gist_risk_table *t = table("joensuu-2008");
    /* > 10 cm and not ruptured: high at any site and count */
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_UNKNOWN, 12, NAN, GIST_TRISTATE_NO);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_HIGH);
    gist_risk_result_free(r);
    /* 7 cm, 3 mitoses, site unknown: intermediate if gastric, high if not */
    in = tumour(GIST_TUMOUR_SITE_UNKNOWN, 7, 3, GIST_TRISTATE_NO);
    r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
    assert_int_equal(gist_risk_result_missing_count(r), 1);
    assert_true(is_missing(r, "site"));
    assert_non_null(strstr(gist_risk_result_why(r), "intermediate, high"));
    assert_non_null(strstr(gist_risk_result_why(r), "record the primary site"));
    assert_int_equal(gist_risk_result_cell_count(r), 2);
    gist_risk_result_free(r);
    /* rupture not recorded with a low-risk tumour: rupture decides */
    in = tumour(GIST_TUMOUR_SITE_STOMACH, 3, 2, GIST_TRISTATE_UNKNOWN);
    r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
    assert_true(is_missing(r, "rupture"));
    assert_non_null(strstr(gist_risk_result_why(r), "record whether the tumour ruptured"));
    gist_risk_result_free(r);
    /* a count without its unit is not used */
    in = tumour(GIST_TUMOUR_SITE_STOMACH, 7, 3, GIST_TRISTATE_NO);
    in.mitotic_unit = GIST_MITOTIC_UNIT_UNKNOWN;
    r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_UNDETERMINED);
    assert_true(is_missing(r, "mitotic_unit"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_JOENSUU_2008_band_readings_are_inferences(void **state)
{
    (void)state;
    gist_risk_table *t = table("joensuu-2008");
    /* 2.05 cm: between "<= 2.0" and "2.1-5.0" as the source writes them */
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 2.05, 3, GIST_TRISTATE_NO);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_LOW);
    assert_true(has_note(r, "an inference"));
    gist_risk_result_free(r);
    /* 5.5 mitoses, non-gastric 3 cm: "6-10" read as more than 5; verified cell, but read by inference */
    in = tumour(GIST_TUMOUR_SITE_JEJUNUM_ILEUM, 3, 5.5, GIST_TRISTATE_NO);
    r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_HIGH);
    assert_int_equal(gist_risk_cell_verification(gist_risk_result_cell(r, 0)), GIST_VERIFICATION_VERIFIED);
    assert_int_equal(gist_risk_result_verification(r), GIST_VERIFICATION_UNVERIFIED);
    gist_risk_result_free(r);
    /* whole counts and sizes the source writes need no reading */
    in = tumour(GIST_TUMOUR_SITE_JEJUNUM_ILEUM, 3, 6, GIST_TRISTATE_NO);
    r = assess(t, &in);
    assert_int_equal(gist_risk_result_verification(r), GIST_VERIFICATION_VERIFIED);
    assert_int_equal(gist_risk_result_note_count(r), 0);
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_count_per_5_mm2_is_read_as_50_hpf_by_inference(void **state)
{
    (void)state;
    gist_risk_table *t = table("joensuu-2008");
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_JEJUNUM_ILEUM, 7, 3, GIST_TRISTATE_NO);
    in.mitotic_unit = GIST_MITOTIC_UNIT_PER_5_MM2;
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_HIGH);
    assert_int_equal(gist_risk_result_verification(r), GIST_VERIFICATION_UNVERIFIED);
    assert_true(has_note(r, "per 5 mm2 is read as per 50 HPF (an inference)"));
    assert_true(has_note(r, "SEER"));
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

/* ---- input ---- */

static void test_input_set_reads_the_one_number_grammar(void **state)
{
    (void)state;
    gist_risk_input in;
    gist_risk_input_init(&in);
    assert_true(isnan(in.size_cm) && isnan(in.mitotic_count));
    assert_int_equal(gist_risk_input_set(&in, "site", "rectum"), GIST_OK);
    assert_int_equal(in.site, GIST_TUMOUR_SITE_RECTUM);
    assert_int_equal(gist_risk_input_set(&in, "size_cm", "4.5"), GIST_OK);
    assert_true(in.size_cm == 4.5);
    assert_int_equal(gist_risk_input_set(&in, "mitotic_count", "0"), GIST_OK);
    assert_true(in.mitotic_count == 0);
    assert_int_equal(gist_risk_input_set(&in, "mitotic_unit", "per_5_mm2"), GIST_OK);
    assert_int_equal(gist_risk_input_set(&in, "rupture", "yes"), GIST_OK);
    assert_int_equal(in.rupture, GIST_TRISTATE_YES);
    /* an empty value records the fact as unknown */
    assert_int_equal(gist_risk_input_set(&in, "size_cm", ""), GIST_OK);
    assert_true(isnan(in.size_cm));
    assert_int_equal(gist_risk_input_set(&in, "site", ""), GIST_OK);
    assert_int_equal(in.site, GIST_TUMOUR_SITE_UNKNOWN);
    static const char *const bad[] = {"-3", "0x10", "1e2", " 5", "5 ", "abc", "+4", "inf", "nan", "."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(gist_risk_input_set(&in, "size_cm", bad[i]), GIST_EPARSE);
        assert_string_equal(gist_error_last()->field, "size_cm");
        assert_true(isnan(in.size_cm)); /* unchanged */
    }
    assert_int_equal(gist_risk_input_set(&in, "size_cm", "0"), GIST_ERANGE);
    assert_int_equal(gist_risk_input_set(&in, "size_cm", "100.5"), GIST_ERANGE);
    assert_int_equal(gist_risk_input_set(&in, "mitotic_count", "10001"), GIST_ERANGE);
    assert_string_equal(gist_error_last()->field, "mitotic_count");
    assert_int_equal(gist_risk_input_set(&in, "site", "liver"), GIST_ESCHEMA);
    assert_non_null(strstr(gist_error_last()->message, "stomach"));
    assert_int_equal(gist_risk_input_set(&in, "rupture", "maybe"), GIST_ESCHEMA);
    assert_int_equal(gist_risk_input_set(&in, "grade", "2"), GIST_EINVAL);
    assert_int_equal(gist_risk_input_set(NULL, "site", "rectum"), GIST_EINVAL);
    assert_int_equal(gist_risk_input_set(&in, NULL, "rectum"), GIST_EINVAL);
    assert_int_equal(gist_risk_input_set(&in, "site", NULL), GIST_EINVAL);
    assert_int_equal(gist_risk_input_init(NULL), GIST_EINVAL);
}

static void test_assess_rejects_bad_input(void **state)
{
    (void)state;
    gist_risk_table *t = table("joensuu-2008");
    gist_risk_result *r = (gist_risk_result *)1;
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 3, 2, GIST_TRISTATE_NO);
    assert_int_equal(gist_risk_assess(NULL, t, &in), GIST_EINVAL);
    assert_int_equal(gist_risk_assess(&r, NULL, &in), GIST_EINVAL);
    assert_null(r);
    assert_int_equal(gist_risk_assess(&r, t, NULL), GIST_EINVAL);
    gist_risk_input bad = in;
    bad.version = 99;
    assert_int_equal(gist_risk_assess(&r, t, &bad), GIST_EVERSION);
    bad = in;
    bad.site = (gist_tumour_site)GIST_TUMOUR_SITE_COUNT;
    assert_int_equal(gist_risk_assess(&r, t, &bad), GIST_EINVAL);
    bad = in;
    bad.mitotic_unit = (gist_mitotic_unit)7;
    assert_int_equal(gist_risk_assess(&r, t, &bad), GIST_EINVAL);
    bad = in;
    bad.rupture = (gist_tristate)3;
    assert_int_equal(gist_risk_assess(&r, t, &bad), GIST_EINVAL);
    static const double sizes[] = {0, -1, INFINITY, 101};
    for (size_t i = 0; i < 4; i++) {
        bad = in;
        bad.size_cm = sizes[i];
        assert_int_equal(gist_risk_assess(&r, t, &bad), GIST_ERANGE);
        assert_string_equal(gist_error_last()->field, "size_cm");
    }
    bad = in;
    bad.mitotic_count = -1;
    assert_int_equal(gist_risk_assess(&r, t, &bad), GIST_ERANGE);
    assert_null(r);
    gist_risk_table_free(t);
}

/* ---- results: lifetimes, text, JSON ---- */

static void test_result_keeps_its_table_alive_and_writes_out(void **state)
{
    (void)state;
    gist_risk_table *t = table("afip-miettinen-2006");
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 7, 8, GIST_TRISTATE_NO);
    gist_risk_result *r = assess(t, &in);
    gist_risk_table_free(t); /* the result holds its own reference */
    const gist_risk_table *held = gist_risk_result_table(r);
    assert_string_equal(gist_risk_table_id(held), "afip-miettinen-2006");
    assert_string_equal(gist_risk_cell_id(gist_risk_result_cell(r, 0)), "gastric.gt5-le10.gt5");
    assert_string_equal(gist_risk_cell_label(gist_risk_result_cell(r, 0)),
                        "gastric, > 5 <= 10 cm, > 5 mitoses per 50 HPF");
    char *text = NULL, *json = NULL;
    assert_int_equal(gist_risk_result_to_text(&text, r), GIST_OK);
    assert_non_null(strstr(text, "Risk by afip-miettinen-2006: high (unverified)"));
    assert_non_null(strstr(text, "high (55%)"));
    assert_non_null(strstr(text, "version 2026.1; evidence MIETTINEN-2006"));
    assert_non_null(strstr(text, "primary publication was not seen"));
    assert_int_equal(gist_risk_result_to_json(&json, r, GIST_JSON_COMPACT), GIST_OK);
    json_error_t e;
    json_t *root = json_loads(json, 0, &e);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "category")), "high");
    json_t *tab = json_object_get(root, "table");
    assert_string_equal(json_string_value(json_object_get(tab, "id")), "afip-miettinen-2006");
    assert_string_equal(json_string_value(json_object_get(tab, "version")), "2026.1");
    assert_string_equal(json_string_value(json_object_get(tab, "evidence")), "MIETTINEN-2006");
    json_t *cell = json_array_get(json_object_get(root, "cells"), 0);
    assert_true(json_real_value(json_object_get(cell, "percent")) == 55 ||
                json_integer_value(json_object_get(cell, "percent")) == 55);
    assert_string_equal(json_string_value(json_object_get(cell, "verification")), "unverified");
    json_decref(root);
    gist_free(text);
    gist_free(json);
    assert_int_equal(gist_risk_result_to_json(&json, r, 8), GIST_EINVAL);
    assert_null(json);
    gist_risk_result_free(r);
    gist_risk_result_free(NULL);
    gist_risk_table_free(NULL);
}

static void test_table_writes_every_cell_and_source(void **state)
{
    (void)state;
    for (size_t i = 0; i < gist_risk_table_builtin_count(); i++) {
        gist_risk_table *t = table(gist_risk_table_builtin_id(i));
        char *text = NULL, *json = NULL;
        assert_int_equal(gist_risk_table_to_text(&text, t), GIST_OK);
        assert_int_equal(gist_risk_table_to_json(&json, t, 0), GIST_OK);
        for (size_t k = 0; k < gist_risk_table_cell_count(t); k++)
            assert_non_null(strstr(text, gist_risk_cell_id(gist_risk_table_cell(t, k))));
        for (size_t k = 0; k < gist_risk_table_source_count(t); k++)
            assert_non_null(strstr(text, gist_risk_table_source_citation(t, k)));
        json_error_t e;
        json_t *root = json_loads(json, 0, &e);
        assert_non_null(root);
        assert_int_equal(json_array_size(json_object_get(root, "cells")), gist_risk_table_cell_count(t));
        json_decref(root);
        gist_free(text);
        gist_free(json);
        gist_risk_table_free(t);
    }
}

static void test_accessors_accept_null(void **state)
{
    (void)state;
    assert_null(gist_risk_table_id(NULL));
    assert_int_equal(gist_risk_table_cell_count(NULL), 0);
    assert_null(gist_risk_table_cell(NULL, 0));
    assert_null(gist_risk_cell_id(NULL));
    assert_true(isnan(gist_risk_cell_percent(NULL)));
    assert_int_equal(gist_risk_cell_category(NULL), GIST_RISK_UNDETERMINED);
    assert_int_equal(gist_risk_result_category(NULL), GIST_RISK_UNDETERMINED);
    assert_null(gist_risk_result_cell(NULL, 0));
    assert_null(gist_risk_result_missing(NULL, 0));
    assert_null(gist_risk_result_note(NULL, 0));
    assert_string_equal(gist_risk_category_name(GIST_RISK_INSUFFICIENT_DATA), "insufficient_data");
    assert_null(gist_risk_category_name((gist_risk_category)GIST_RISK_CATEGORY_COUNT));
    assert_string_equal(gist_tumour_site_name(GIST_TUMOUR_SITE_EXTRAGASTROINTESTINAL), "extragastrointestinal");
    assert_string_equal(gist_mitotic_unit_name(GIST_MITOTIC_UNIT_PER_5_MM2), "per_5_mm2");
    assert_string_equal(gist_verification_name(GIST_VERIFICATION_VERIFIED), "verified");
    char *s = NULL;
    assert_int_equal(gist_risk_table_to_text(&s, NULL), GIST_EINVAL);
    assert_int_equal(gist_risk_result_to_text(&s, NULL), GIST_EINVAL);
}

/* ---- bad tables: located errors ---- */

static const char base[] =
    "{\"format\": \"gist-risk/1\", \"id\": \"t\", \"version\": \"1\", \"title\": \"T\", \"description\": \"D\",\n"
    " \"evidence\": \"E\", \"citation\": \"C\", \"primary_seen\": true, \"measure\": \"M\",\n"
    " \"mitotic_unit\": \"per_50_hpf\", \"considers_rupture\": false,\n"
    " \"sources\": [{\"id\": \"S\", \"verified\": true, \"citation\": \"c\"}, {\"id\": \"U\", \"verified\": false, "
    "\"citation\": \"u\"}],\n"
    " \"site_groups\": [{\"id\": \"g\", \"text\": \"gastric\", \"sites\": [\"stomach\"]}],\n"
    " \"size_bands\": [{\"id\": \"a\", \"up_to\": 5, \"text\": \"<= 5\"}, {\"id\": \"b\", \"above\": 5, \"text\": "
    "\"> 5\"}],\n"
    " \"mitosis_bands\": [{\"id\": \"m\", \"text\": \"any count\"}],\n"
    " \"cells\": [\n"
    "  {\"id\": \"c1\", \"site\": \"any\", \"size\": [\"a\"], \"mitoses\": \"any\", \"category\": \"low\", "
    "\"status\": \"verified\", \"sources\": [\"S\"]},\n"
    "  {\"id\": \"c2\", \"site\": \"any\", \"size\": [\"b\"], \"mitoses\": \"any\", \"left_out\": \"why\", "
    "\"sources\": [\"S\"]}]}\n";

/* Parse base with, in turn, the first occurrence of each from replaced by its to. */
static gist_status parse_edits(const char *const *edits, size_t n)
{
    char buf[4096], tmp[4096];
    snprintf(buf, sizeof buf, "%s", base);
    for (size_t i = 0; i < n; i++) {
        const char *at = strstr(buf, edits[2 * i]);
        assert_non_null(at);
        snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(at - buf), buf, edits[2 * i + 1], at + strlen(edits[2 * i]));
        memcpy(buf, tmp, sizeof buf);
    }
    gist_risk_table *t = NULL;
    gist_status st = gist_risk_table_parse(&t, buf, strlen(buf), "bad.json");
    if (st == GIST_OK)
        gist_risk_table_free(t);
    else
        assert_null(t);
    return st;
}

static gist_status parse_variant(const char *from, const char *to)
{
    const char *const edit[2] = {from, to};
    return parse_edits(edit, 1);
}

static void test_a_minimal_table_loads(void **state)
{
    (void)state;
    gist_risk_table *t = NULL;
    assert_int_equal(gist_risk_table_parse(&t, base, strlen(base), NULL), GIST_OK);
    gist_risk_input in = tumour(GIST_TUMOUR_SITE_STOMACH, 3, 2, GIST_TRISTATE_YES);
    gist_risk_result *r = assess(t, &in);
    assert_int_equal(gist_risk_result_category(r), GIST_RISK_LOW);
    assert_int_equal(gist_risk_result_verification(r), GIST_VERIFICATION_VERIFIED);
    gist_risk_result_free(r);
    /* a unit the table does not read: the count counts as not recorded */
    in.mitotic_unit = GIST_MITOTIC_UNIT_PER_5_MM2;
    in.size_cm = NAN;
    r = assess(t, &in);
    assert_true(is_missing(r, "size_cm"));
    assert_false(is_missing(r, "mitotic_unit")); /* the table does not depend on the count */
    gist_risk_result_free(r);
    gist_risk_table_free(t);
}

static void test_bad_tables_are_located_errors(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to;
        gist_status st;
        const char *message;
    } cases[] = {
        {"gist-risk/1", "gist-risk/9", GIST_EVERSION, "bad.json:1:12: /format: format \"gist-risk/9\""},
        {"\"title\": \"T\"", "\"titel\": \"T\"", GIST_ESCHEMA, "/titel: unknown field \"titel\""},
        {"\"primary_seen\": true", "\"primary_seen\": 1", GIST_ESCHEMA, "must be true or false"},
        {"\"stomach\"", "\"liver\"", GIST_ESCHEMA, "/site_groups/0/sites/0: a site is one of"},
        {"\"above\": 5", "\"above\": 4", GIST_ESCHEMA, "must start where band \"a\" ends"},
        {"{\"id\": \"a\", \"up_to\": 5", "{\"id\": \"a\", \"above\": 0, \"up_to\": 5", GIST_ESCHEMA,
         "the first band starts at 0"},
        {"\"above\": 5, \"text\"", "\"above\": 5, \"up_to\": 9, \"text\"", GIST_ESCHEMA, "the last band is open-ended"},
        {"\"size\": [\"b\"]", "\"size\": [\"a\"]", GIST_ESCHEMA, "cell \"c2\" overlaps cell \"c1\" at gastric, <= 5"},
        {"\"size\": [\"a\"]", "\"size\": [\"b\"]", GIST_ESCHEMA, "cell \"c2\" overlaps cell \"c1\""},
        {"\"category\": \"low\"", "\"category\": \"lowish\"", GIST_ESCHEMA, "/cells/0/category: unknown value"},
        {"\"category\": \"low\"", "\"category\": \"undetermined\"", GIST_ESCHEMA, "written \"left_out\""},
        {"\"sources\": [\"S\"]}", "\"sources\": [\"U\"]}", GIST_ESCHEMA, "marked verified but cites no verified"},
        {"\"sources\": [\"S\"]}", "\"sources\": [\"X\"]}", GIST_ESCHEMA, "/cells/0/sources/0: not a source id"},
        {"\"sources\": [\"S\"]}", "\"sources\": []}", GIST_ESCHEMA, "must be a non-empty array"},
        {"\"status\": \"verified\"", "\"status\": \"verified\", \"percent\": 101", GIST_ERANGE, "from 0 to 100"},
        {"\"left_out\": \"why\"", "\"left_out\": \"why\", \"category\": \"low\"", GIST_ESCHEMA,
         "a cell left out has no \"category\""},
        {"\"left_out\": \"why\"", "\"left_out\": \"\"", GIST_ESCHEMA, "must not be empty"},
        {"\"mitoses\": \"any\", \"category\"", "\"mitoses\": \"any\", \"rupture\": \"yes\", \"category\"",
         GIST_ESCHEMA, "does not consider rupture"},
        {"{\"id\": \"c2\"", "{\"id\": \"c1\"", GIST_ESCHEMA, "cell id \"c1\" is used twice"},
        {"\"site\": \"any\", \"size\": [\"b\"]", "\"site\": [\"h\"], \"size\": [\"b\"]", GIST_ESCHEMA,
         "not a site group id"},
        {"\"mitotic_unit\": \"per_50_hpf\"", "\"mitotic_unit\": \"unknown\"", GIST_ESCHEMA, "known unit"},
        {"\"id\": \"t\"", "\"id\": \"t t\"", GIST_ESCHEMA, "must be 1-64 letters"},
        {"\"considers_rupture\": false,",
         "\"considers_rupture\": false, \"unit_readings\": [{\"unit\": \"per_5_mm2\", \"basis\": \"source\", "
         "\"reason\": \"r\", \"source\": \"S\"}],",
         GIST_ESCHEMA, "/unit_readings/0/basis: unknown value \"source\""},
        {"\"considers_rupture\": false,",
         "\"considers_rupture\": false, \"unit_readings\": [{\"unit\": \"per_50_hpf\", \"basis\": \"inference\", "
         "\"reason\": \"r\", \"source\": \"S\"}],",
         GIST_ESCHEMA, "other than the table's own"},
        {"\"text\": \"<= 5\"}", "\"text\": \"<= 5\", \"reading\": \"r\"}", GIST_ESCHEMA, "come together"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gist_status st = parse_variant(cases[i].from, cases[i].to);
        if (st != cases[i].st || strstr(gist_error_last()->message, cases[i].message) == NULL)
            fail_msg("case %zu (%s -> %s): %s: %s", i, cases[i].from, cases[i].to, gist_status_name(st),
                     gist_error_last()->message);
    }
    /* a combination no cell covers */
    static const char *const gap[] = {
        "\"sites\": [\"stomach\"]}]",
        "\"sites\": [\"stomach\"]}, {\"id\": \"h\", \"text\": \"rectal\", \"sites\": [\"rectum\"]}]",
        "\"site\": \"any\", \"size\": [\"b\"]", "\"site\": [\"g\"], \"size\": [\"b\"]"};
    assert_int_equal(parse_edits(gap, 1), GIST_OK); /* both cells cover any site */
    assert_int_equal(parse_edits(gap, 2), GIST_ESCHEMA);
    assert_non_null(strstr(gist_error_last()->message, "/cells: no cell covers rectal, > 5, any count"));
    assert_int_equal(parse_variant("\"cells\": [\n", "\"site_groups_note\": \"n\", \"cells\": [\n"), GIST_OK);
    /* not JSON, not an object, NULL */
    gist_risk_table *t = NULL;
    assert_int_equal(gist_risk_table_parse(&t, "{", 1, "x.json"), GIST_EPARSE);
    assert_int_equal(gist_risk_table_parse(&t, "[]", 2, "x.json"), GIST_ESCHEMA);
    assert_int_equal(gist_risk_table_parse(&t, NULL, 0, NULL), GIST_EINVAL);
    assert_int_equal(gist_risk_table_parse(NULL, base, strlen(base), NULL), GIST_EINVAL);
    assert_int_equal(gist_risk_table_load(&t, GIST_TEST_TMPDIR "/no-such-table.json"), GIST_EIO);
    assert_null(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_tables_load_and_name_themselves),
        cmocka_unit_test(test_MIETTINEN_2006_table_and_sources),
        cmocka_unit_test(test_MIETTINEN_2006_every_cell_as_the_copies_give_it),
        cmocka_unit_test(test_MIETTINEN_2006_conflicting_percentages_are_not_given),
        cmocka_unit_test(test_MIETTINEN_2006_duodenum_and_jejunum_columns_are_not_guessed),
        cmocka_unit_test(test_MIETTINEN_2006_sites_outside_the_table_and_rupture),
        cmocka_unit_test(test_MIETTINEN_2006_band_boundaries),
        cmocka_unit_test(test_JOENSUU_2008_every_cell_as_the_sources_give_it),
        cmocka_unit_test(test_JOENSUU_2008_rupture_is_high_whatever_else),
        cmocka_unit_test(test_JOENSUU_2008_left_out_cells_say_why),
        cmocka_unit_test(test_JOENSUU_2008_facts_missing_decide_only_when_they_matter),
        cmocka_unit_test(test_JOENSUU_2008_band_readings_are_inferences),
        cmocka_unit_test(test_count_per_5_mm2_is_read_as_50_hpf_by_inference),
        cmocka_unit_test(test_input_set_reads_the_one_number_grammar),
        cmocka_unit_test(test_assess_rejects_bad_input),
        cmocka_unit_test(test_result_keeps_its_table_alive_and_writes_out),
        cmocka_unit_test(test_table_writes_every_cell_and_source),
        cmocka_unit_test(test_accessors_accept_null),
        cmocka_unit_test(test_a_minimal_table_loads),
        cmocka_unit_test(test_bad_tables_are_located_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
