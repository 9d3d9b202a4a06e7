/*
 * Fuzz target: the risk table reader (gist_risk_table_parse) and lookups in a table it accepts.
 * Properties: a rejected document returns nothing and a located error; an accepted one writes
 * out as text and JSON, and every tumour of a fixed grid gets a result whose category is one of
 * its compatible cells' (or undetermined with a reason), never a category no cell gives.
 */
#include <math.h>
#include <string.h>

#include "fuzz_check.h"

static void check_lookups(const gist_risk_table *t)
{
    static const double sizes[] = {NAN, 0.5, 2, 2.05, 5, 7, 10, 50};
    static const double counts[] = {NAN, 0, 5, 5.5, 10, 11};
    for (int site = 0; site < GIST_TUMOUR_SITE_COUNT; site++)
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
            for (size_t m = 0; m < sizeof counts / sizeof counts[0]; m++)
                for (int rupture = 0; rupture < 3; rupture++) {
                    gist_risk_input in;
                    FUZZ_CHECK(gist_risk_input_init(&in) == GIST_OK);
                    in.site = (gist_tumour_site)site;
                    in.size_cm = sizes[s];
                    in.mitotic_count = counts[m];
                    in.mitotic_unit = (gist_mitotic_unit)(m % GIST_MITOTIC_UNIT_COUNT);
                    in.rupture = (gist_tristate)rupture;
                    gist_risk_result *r = NULL;
                    FUZZ_CHECK(gist_risk_assess(&r, t, &in) == GIST_OK);
                    gist_risk_category c = gist_risk_result_category(r);
                    if (c == GIST_RISK_UNDETERMINED) {
                        FUZZ_CHECK(gist_risk_result_why(r)[0] != '\0');
                    } else {
                        FUZZ_CHECK(gist_risk_result_cell_count(r) > 0);
                        FUZZ_CHECK(gist_risk_result_missing_count(r) == 0);
                        for (size_t i = 0; i < gist_risk_result_cell_count(r); i++)
                            FUZZ_CHECK(gist_risk_cell_category(gist_risk_result_cell(r, i)) == c);
                    }
                    char *text = NULL, *json = NULL;
                    FUZZ_CHECK(gist_risk_result_to_text(&text, r) == GIST_OK);
                    FUZZ_CHECK(gist_risk_result_to_json(&json, r, GIST_JSON_COMPACT) == GIST_OK);
                    gist_free(text);
                    gist_free(json);
                    gist_risk_result_free(r);
                }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    gist_risk_table *t = NULL;
    gist_status st = gist_risk_table_parse(&t, (const char *)data, size, "fuzz.json");
    if (st != GIST_OK) {
        FUZZ_CHECK_FAILURE(st, t);
        FUZZ_CHECK(strcmp(gist_error_last()->source, "fuzz.json") == 0); /* every error names its input */
        return 0;
    }
    FUZZ_CHECK(t != NULL);
    FUZZ_CHECK(gist_risk_table_cell_count(t) > 0);
    for (size_t i = 0; i < gist_risk_table_cell_count(t); i++) {
        const gist_risk_cell *c = gist_risk_table_cell(t, i);
        FUZZ_CHECK(gist_risk_cell_left_out(c) == (gist_risk_cell_category(c) == GIST_RISK_UNDETERMINED));
        FUZZ_CHECK(gist_risk_cell_source_count(c) > 0);
        FUZZ_CHECK(gist_risk_cell_label(c) != NULL && gist_risk_cell_note(c) != NULL);
    }
    char *text = NULL, *json = NULL;
    FUZZ_CHECK(gist_risk_table_to_text(&text, t) == GIST_OK);
    FUZZ_CHECK(gist_risk_table_to_json(&json, t, 0) == GIST_OK);
    gist_free(text);
    gist_free(json);
    check_lookups(t);
    gist_risk_table_free(t);
    return 0;
}
