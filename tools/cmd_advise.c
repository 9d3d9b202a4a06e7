/*
 * gist advise FILE...: advice for each patient file.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>

#include "cli.h"

int cmd_advise(const cli_opts *opts, int argc, char **argv)
{
    const char *as_of = cli_take_as_of(&argc, argv);
    if (as_of != NULL)
        return cmd_advise_as_of(opts, as_of, argc, argv);
    int bad = cli_no_options("advise", argc, argv);
    if (bad)
        return bad;
    if (argc < 1) {
        fputs("gist advise: give one or more patient JSON files (format: docs/patient-format.md)\n", stderr);
        return EXIT_USAGE;
    }
    gist_pathway *pw = NULL;
    int rc = cli_load_pathway(opts, &pw);
    if (rc != EXIT_OK)
        return rc;
    int many = argc > 1;
    if (opts->json && many)
        fputs("[", stdout);
    int emitted = 0;
    for (int i = 0; i < argc; i++) {
        gist_patient *pt = NULL;
        gist_advice *adv = NULL;
        char *text = NULL;
        gist_status st = gist_patient_load(&pt, argv[i]);
        if (st == GIST_OK)
            st = gist_advise(&adv, pw, pt);
        if (st == GIST_OK) {
            if (opts->json)
                st = gist_advice_to_json(adv, opts->compact ? GIST_JSON_COMPACT : 0, &text);
            else
                st = gist_advice_to_text(adv, &text);
        }
        if (st != GIST_OK) {
            int code = cli_fail();
            if (rc == EXIT_OK || code == EXIT_SOFTWARE)
                rc = code;
        } else {
            if (opts->json && many)
                fputs(emitted ? ",\n" : "\n", stdout);
            else if (!opts->json && emitted)
                fputs("\n----------------------------------------------------------------------\n\n", stdout);
            if (!opts->json && many)
                printf("%s\n", argv[i]);
            int w = cli_emit(text);
            if (w != EXIT_OK)
                rc = w;
            emitted++;
        }
        gist_advice_free(adv);
        gist_patient_free(pt);
    }
    if (opts->json && many)
        fputs("]\n", stdout);
    gist_pathway_free(pw);
    return rc;
}
