/*
 * gist pathways, gist pathway show ID|FILE.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

int cmd_pathways(const cli_opts *opts, int argc, char **argv)
{
    if (cli_no_options("pathways", argc, argv))
        return EXIT_USAGE;
    if (argc != 0) {
        fputs("gist pathways: takes no arguments\n", stderr);
        return EXIT_USAGE;
    }
    if (opts->json)
        fputs("[", stdout);
    for (size_t i = 0; i < gist_pathway_builtin_count(); i++) {
        gist_pathway *pw = NULL;
        if (gist_pathway_builtin(&pw, gist_pathway_builtin_id(i)) != GIST_OK)
            return cli_fail();
        if (opts->json) {
            printf("%s{\"id\": ", i ? ", " : "");
            json_string(gist_pathway_id(pw));
            fputs(", \"version\": ", stdout);
            json_string(gist_pathway_version(pw));
            fputs(", \"title\": ", stdout);
            json_string(gist_pathway_title(pw));
            fputs(", \"rules\": ", stdout);
            printf("%zu}", gist_pathway_rule_count(pw));
        } else {
            printf("%-12s %-8s %3zu rules  %s\n", gist_pathway_id(pw), gist_pathway_version(pw),
                   gist_pathway_rule_count(pw), gist_pathway_title(pw));
        }
        gist_pathway_free(pw);
    }
    if (opts->json)
        fputs("]\n", stdout);
    return EXIT_OK;
}

int cmd_pathway(const cli_opts *opts, int argc, char **argv)
{
    if (cli_no_options("pathway", argc, argv))
        return EXIT_USAGE;
    if (argc != 2 || strcmp(argv[0], "show") != 0) {
        fputs("gist pathway: usage: gist pathway show ID|FILE [--json|--dot]\n", stderr);
        return EXIT_USAGE;
    }
    if (opts->json && opts->dot) {
        fputs("gist pathway show: choose one of --json and --dot\n", stderr);
        return EXIT_USAGE;
    }
    cli_opts o = *opts;
    o.pathway = argv[1];
    gist_pathway *pw = NULL;
    int rc = cli_load_pathway(&o, &pw);
    if (rc != EXIT_OK)
        return rc;
    char *text = NULL;
    gist_status st;
    if (opts->dot)
        st = gist_pathway_to_dot(pw, &text);
    else if (opts->json)
        st = gist_pathway_to_json(pw, opts->compact ? GIST_JSON_COMPACT : 0, &text);
    else
        st = gist_pathway_to_text(pw, &text);
    rc = st == GIST_OK ? cli_emit(text) : cli_fail();
    gist_pathway_free(pw);
    return rc;
}
