/*
 * Advice for patients read from JSON, with each of the three outcomes
 * handled and every input error reported with its file, line, column and
 * field.
 *
 * Usage: patient_files [PATIENT.json...]
 * With no arguments it reads one patient from a JSON string in the program
 * (gist_patient_parse); with arguments it loads each file
 * (gist_patient_load). Exit status: 0 if every patient was advised, 65 if
 * an input was invalid, 66 if one could not be read, 70 on other failures.
 *
 * Build against an installed libgist:
 *   cc patient_files.c $(pkg-config --cflags --libs gist) -o patient_files
 */
#include <stdio.h>
#include <string.h>

#include <gist/gist.h>

/* A patient whose progression has not been confirmed radiologically. */
static const char demo_patient[] = "{\n"
                                   "  \"format\": \"gist-patient/1\",\n"
                                   "  \"id\": \"inline-demo\",\n"
                                   "  \"setting\": \"advanced\",\n"
                                   "  \"regimen\": {\"agent\": \"Glivec\", \"dose_mg\": 400},\n"
                                   "  \"response\": \"progression\",\n"
                                   "  \"confirmed_by\": \"clinical\",\n"
                                   "  \"prior\": []\n"
                                   "}\n";

/* Map a status to an exit code in the style of sysexits.h. */
static int exit_code(gist_status st)
{
    switch (st) {
    case GIST_OK: return 0;
    case GIST_EIO: return 66;
    case GIST_ENOMEM: return 70;
    default: return 65;
    }
}

/* Report the calling thread's last error: "source:line:column: field: message". */
static int report(const char *what)
{
    const gist_error *e = gist_error_last();
    fprintf(stderr, "%s: %s [%s]\n", what, e->message, gist_status_name(e->status));
    return exit_code(e->status);
}

static void print_advice(const gist_advice *adv)
{
    const char *id = gist_advice_patient_id(adv);
    printf("%s: %s\n", id[0] ? id : "(no id)", gist_outcome_name(gist_advice_outcome(adv)));
    switch (gist_advice_outcome(adv)) {
    case GIST_OUTCOME_RECOMMENDED:
        printf("  rule %s\n", gist_rule_id(gist_advice_rule(adv)));
        for (size_t i = 0; i < gist_advice_option_count(adv); i++) {
            const gist_option *o = gist_advice_option(adv, i);
            printf("  %zu. %s", i + 1, gist_option_summary(o));
            if (gist_option_dose_text(o)[0] != '\0')
                printf(" (%s)", gist_option_dose_text(o));
            printf("\n");
        }
        break;
    case GIST_OUTCOME_UNDETERMINED:
        /* Never guess: name each missing fact and how to establish it. */
        for (size_t i = 0; i < gist_advice_missing_count(adv); i++)
            printf("  missing %s: %s\n", gist_advice_missing_fact(adv, i), gist_advice_missing_hint(adv, i));
        break;
    case GIST_OUTCOME_NOT_COVERED:
        printf("  %s\n", gist_advice_rationale(adv));
        break;
    }
    for (size_t i = 0; i < gist_advice_alert_count(adv); i++) {
        const gist_alert *a = gist_advice_alert(adv, i);
        printf("  alert [%s] %s\n", gist_severity_name(gist_alert_severity(a)), gist_alert_text(a));
    }
    printf("  evidence:");
    for (size_t i = 0; i < gist_advice_evidence_count(adv); i++)
        printf(" %s", gist_advice_evidence(adv, i));
    printf("\n");
}

/* Advise one patient; the patient is freed here whatever happens. */
static int advise_one(const gist_pathway *pw, gist_patient *pt)
{
    gist_advice *adv = NULL;
    if (gist_advise(&adv, pw, pt) != GIST_OK) {
        gist_patient_free(pt);
        return report("gist_advise");
    }
    gist_patient_free(pt); /* the advice copies what it needs from the patient */
    print_advice(adv);
    gist_advice_free(adv);
    return 0;
}

int main(int argc, char **argv)
{
    gist_pathway *pw = NULL;
    if (gist_pathway_builtin(&pw, "gist-2016") != GIST_OK)
        return report("gist_pathway_builtin");

    int rc = 0;
    if (argc < 2) {
        gist_patient *pt = NULL;
        if (gist_patient_parse(&pt, demo_patient, strlen(demo_patient), "demo_patient") != GIST_OK)
            rc = report("gist_patient_parse");
        else
            rc = advise_one(pw, pt);
    }
    for (int i = 1; i < argc; i++) {
        gist_patient *pt = NULL;
        int r;
        if (gist_patient_load(&pt, argv[i]) != GIST_OK)
            r = report("gist_patient_load"); /* go on with the other files */
        else
            r = advise_one(pw, pt);
        if (rc == 0)
            rc = r;
    }
    gist_pathway_free(pw);
    return rc;
}
