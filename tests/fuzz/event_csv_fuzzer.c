/*
 * Fuzz target: the event CSV reader (gist_event_reader) and everything a patient's events feed:
 * lines of therapy, the audit against the built-in pathway, the CSV and JSON writers, and the
 * patient state as of dates around the events. Properties: a rejected input reports a located
 * error; every line starts no later than it ends and has a dose step; every finding has a code
 * and a message; the state as of any date is a valid patient or a clear refusal (a combination).
 */
#include <string.h>

#include "fuzz_check.h"

static gist_pathway *builtin(void)
{
    static gist_pathway *pw;
    if (pw == NULL)
        FUZZ_CHECK(gist_pathway_builtin(&pw, "gist-2016") == GIST_OK);
    return pw;
}

static void check_lines(const gist_lines *l)
{
    for (size_t i = 0; i < gist_lines_count(l); i++) {
        FUZZ_CHECK(gist_line_number(l, i) >= 1);
        FUZZ_CHECK(gist_line_start_date(l, i) <= gist_line_end_date(l, i));
        FUZZ_CHECK(gist_line_step_count(l, i) >= 1);
        FUZZ_CHECK(gist_line_agent_count(l, i) >= 1);
        FUZZ_CHECK(gist_line_end_name(gist_line_end_reason(l, i)) != NULL);
    }
    for (size_t i = 0; i < gist_lines_finding_count(l); i++) {
        FUZZ_CHECK(gist_finding_code_name(gist_finding_code_of(l, i)) != NULL);
        FUZZ_CHECK(gist_finding_message(l, i) != NULL && gist_finding_message(l, i)[0] != '\0');
        size_t line = gist_finding_line(l, i);
        FUZZ_CHECK(line == (size_t)-1 || line < gist_lines_count(l));
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    FUZZ_CHECK(gist_event_reader_open_string(&r, (const char *)data, size, "fuzz.csv") == GIST_OK);
    FUZZ_CHECK(gist_timeline_new(&t) == GIST_OK);
    for (int patients = 0;; patients++) {
        int done = 0;
        gist_status st = gist_event_reader_next(r, t, &done);
        if (st != GIST_OK) {
            FUZZ_CHECK(st < 0 && st != GIST_ENOMEM && st != GIST_EINVAL);
            FUZZ_CHECK(strcmp(gist_error_last()->source, "fuzz.csv") == 0);
            FUZZ_CHECK(gist_error_last()->message[0] != '\0');
            break;
        }
        if (done)
            break;
        FUZZ_CHECK(gist_timeline_id(t)[0] != '\0');
        gist_lines *l = NULL, *a = NULL;
        char *csv = NULL, *json = NULL;
        FUZZ_CHECK(gist_timeline_lines(&l, t, NULL) == GIST_OK);
        check_lines(l);
        FUZZ_CHECK(gist_timeline_audit(&a, t, builtin(), NULL) == GIST_OK);
        check_lines(a);
        FUZZ_CHECK(gist_lines_count(a) == gist_lines_count(l));
        FUZZ_CHECK(gist_lines_to_csv(l, GIST_CSV_HEADER, &csv) == GIST_OK);
        FUZZ_CHECK(gist_lines_to_json(a, GIST_JSON_COMPACT, &json) == GIST_OK);
        /* the state as of the start of each line and the day after its end */
        for (size_t i = 0; i < gist_lines_count(l) && i < 8; i++) {
            gist_date days[2] = {gist_line_start_date(l, i), gist_line_end_date(l, i) + 1};
            for (int k = 0; k < 2; k++) {
                if (days[k] > GIST_DATE_MAX)
                    continue;
                gist_patient *p = NULL;
                gist_status ps = gist_timeline_patient_at(&p, t, days[k], NULL);
                FUZZ_CHECK(ps == GIST_OK || ps == GIST_ESTATE);
                if (ps == GIST_OK) {
                    gist_advice *adv = NULL;
                    FUZZ_CHECK(gist_advise(&adv, builtin(), p) == GIST_OK);
                    gist_advice_free(adv);
                }
                gist_patient_free(p);
            }
        }
        gist_free(csv);
        gist_free(json);
        gist_lines_free(l);
        gist_lines_free(a);
        if (patients > 1000)
            break;
    }
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return 0;
}
