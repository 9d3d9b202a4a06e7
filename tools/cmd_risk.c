/*
 * gist risk: the risk category of a resected primary tumour, by each
 * built-in risk table or one named table; gist risk tables; gist risk show.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char risk_usage[] =
    "usage: gist risk [--table ID|FILE] [--site SITE] [--size CM] [--mitoses N]\n"
    "                 [--mitotic-unit per_50_hpf|per_5_mm2] [--rupture yes|no|unknown]\n"
    "       gist risk tables\n"
    "       gist risk show ID|FILE\n";

static int load_table(const char *name, gist_risk_table **out)
{
    for (size_t i = 0; i < gist_risk_table_builtin_count(); i++)
        if (strcmp(gist_risk_table_builtin_id(i), name) == 0)
            return gist_risk_table_builtin(out, name) == GIST_OK ? EXIT_OK : cli_fail();
    struct stat sb;
    if (stat(name, &sb) != 0) {
        fprintf(stderr, "gist risk: no built-in risk table or file named \"%s\" (see `gist risk tables`)\n", name);
        return EXIT_NOINPUT;
    }
    return gist_risk_table_load(out, name) == GIST_OK ? EXIT_OK : cli_fail();
}

static int list_tables(const cli_opts *opts)
{
    if (opts->json)
        fputs("[", stdout);
    for (size_t i = 0; i < gist_risk_table_builtin_count(); i++) {
        gist_risk_table *t = NULL;
        if (gist_risk_table_builtin(&t, gist_risk_table_builtin_id(i)) != GIST_OK)
            return cli_fail();
        size_t left = 0, verified = 0, n = gist_risk_table_cell_count(t);
        for (size_t k = 0; k < n; k++) {
            const gist_risk_cell *c = gist_risk_table_cell(t, k);
            left += (size_t)gist_risk_cell_left_out(c);
            verified += gist_risk_cell_verification(c) == GIST_VERIFICATION_VERIFIED;
        }
        if (opts->json)
            printf("%s{\"id\": \"%s\", \"version\": \"%s\", \"evidence\": \"%s\", \"cells\": %zu, \"left_out\": %zu, "
                   "\"verified\": %zu}",
                   i ? ", " : "", gist_risk_table_id(t), gist_risk_table_version(t), gist_risk_table_evidence(t), n,
                   left, verified);
        else
            printf("%-20s %-7s %-15s %2zu cells (%zu verified, %zu left out)  %s\n", gist_risk_table_id(t),
                   gist_risk_table_version(t), gist_risk_table_evidence(t), n, verified, left,
                   gist_risk_table_title(t));
        gist_risk_table_free(t);
    }
    if (opts->json)
        fputs("]\n", stdout);
    return EXIT_OK;
}

static int show_table(const cli_opts *opts, const char *name)
{
    gist_risk_table *t = NULL;
    int rc = load_table(name, &t);
    if (rc != EXIT_OK)
        return rc;
    char *text = NULL;
    gist_status st = opts->json ? gist_risk_table_to_json(&text, t, opts->compact ? GIST_JSON_COMPACT : 0)
                                : gist_risk_table_to_text(&text, t);
    rc = st == GIST_OK ? cli_emit(text) : cli_fail();
    gist_risk_table_free(t);
    return rc;
}

/* Assess with one table; *first says whether a separator is due. */
static int assess(const cli_opts *opts, gist_risk_table *t, const gist_risk_input *in, int *first)
{
    gist_risk_result *r = NULL;
    if (gist_risk_assess(&r, t, in) != GIST_OK)
        return cli_fail();
    char *text = NULL;
    gist_status st = opts->json ? gist_risk_result_to_json(&text, r, opts->compact ? GIST_JSON_COMPACT : 0)
                                : gist_risk_result_to_text(&text, r);
    gist_risk_result_free(r);
    if (st != GIST_OK)
        return cli_fail();
    if (!*first)
        fputs(opts->json ? "," : "\n", stdout);
    *first = 0;
    return cli_emit(text);
}

int cmd_risk(const cli_opts *opts, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "tables") == 0) {
        if (argc != 1) {
            fputs("gist risk tables: takes no arguments\n", stderr);
            return EXIT_USAGE;
        }
        return list_tables(opts);
    }
    if (argc >= 1 && strcmp(argv[0], "show") == 0) {
        if (argc != 2 || strncmp(argv[1], "--", 2) == 0) {
            fputs(risk_usage, stderr);
            return EXIT_USAGE;
        }
        return show_table(opts, argv[1]);
    }
    static const struct {
        const char *option, *field;
    } map[] = {{"--site", "site"},
               {"--size", "size_cm"},
               {"--mitoses", "mitotic_count"},
               {"--mitotic-unit", "mitotic_unit"},
               {"--rupture", "rupture"}};
    gist_risk_input in;
    gist_risk_input_init(&in);
    const char *table = NULL;
    for (int i = 0; i < argc; i++) {
        const char *field = NULL;
        for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
            if (strcmp(argv[i], map[k].option) == 0)
                field = map[k].field;
        if (field == NULL && strcmp(argv[i], "--table") != 0) {
            fprintf(stderr, "gist risk: unexpected argument \"%s\"\n%s", argv[i], risk_usage);
            return EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "gist risk: %s needs a value\n", argv[i]);
            return EXIT_USAGE;
        }
        if (field == NULL) {
            table = argv[++i];
        } else if (gist_risk_input_set(&in, field, argv[i + 1]) != GIST_OK) {
            fprintf(stderr, "gist risk: %s %s: %s\n", argv[i], argv[i + 1], gist_error_last()->message);
            return EXIT_USAGE;
        } else {
            i++;
        }
    }
    int first = 1, rc = EXIT_OK;
    if (opts->json)
        fputs("[", stdout);
    if (table != NULL) {
        gist_risk_table *t = NULL;
        rc = load_table(table, &t);
        if (rc == EXIT_OK)
            rc = assess(opts, t, &in, &first);
        gist_risk_table_free(t);
    } else {
        for (size_t i = 0; i < gist_risk_table_builtin_count() && rc == EXIT_OK; i++) {
            gist_risk_table *t = NULL;
            if (gist_risk_table_builtin(&t, gist_risk_table_builtin_id(i)) != GIST_OK)
                return cli_fail();
            rc = assess(opts, t, &in, &first);
            gist_risk_table_free(t);
        }
    }
    if (opts->json)
        fputs("]\n", stdout);
    return rc;
}
