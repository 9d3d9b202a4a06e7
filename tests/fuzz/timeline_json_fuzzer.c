/*
 * Fuzz target: the timeline JSON reader (gist_timeline_parse), then lines and audit. Properties:
 * a rejected document returns nothing and an error naming its input; an accepted timeline gives
 * lines whose number of events never exceeds the input, and the same lines with or without a
 * pathway.
 */
#include <string.h>

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static gist_pathway *pw;
    if (pw == NULL)
        FUZZ_CHECK(gist_pathway_builtin(&pw, "gist-2016") == GIST_OK);
    gist_timeline *t = NULL;
    gist_status st = gist_timeline_parse(&t, (const char *)data, size, "fuzz.json");
    if (st != GIST_OK) {
        FUZZ_CHECK_FAILURE(st, t);
        FUZZ_CHECK(strcmp(gist_error_last()->source, "fuzz.json") == 0);
        return 0;
    }
    gist_lines *l = NULL, *a = NULL;
    FUZZ_CHECK(gist_timeline_lines(&l, t, NULL) == GIST_OK);
    FUZZ_CHECK(gist_timeline_audit(&a, t, pw, NULL) == GIST_OK);
    FUZZ_CHECK(gist_lines_count(l) == gist_lines_count(a));
    FUZZ_CHECK(gist_lines_count(l) <= gist_timeline_event_count(t));
    for (size_t i = 0; i < gist_lines_count(l); i++)
        FUZZ_CHECK(gist_line_start_date(l, i) == gist_line_start_date(a, i));
    gist_lines_free(l);
    gist_lines_free(a);
    gist_timeline_free(t);
    return 0;
}
