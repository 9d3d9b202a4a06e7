/*
 * gist: the command-line face of libgist, and its first client. Everything
 * it prints comes from the public API.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define GIST_HELPERS_API
#include <gist/helpers.h>

static const char usage[] =
    "Usage: gist [OPTIONS] COMMAND [ARGS]\n"
    "\n"
    "Therapy-sequencing decision support for advanced GIST. libgist supports\n"
    "clinicians; it does not prescribe. Every option it prints carries its\n"
    "rationale and evidence.\n"
    "\n"
    "Commands:\n"
    "  advise FILE...         advice for each patient JSON file\n"
    "  pathways               list the built-in pathways\n"
    "  pathway show ID|FILE   the rules of a pathway in readable form\n"
    "  agents [FILE]          the agent registry (names, codes, standard doses),\n"
    "                         extended by a registry FILE when given\n"
    "  lines FILE...          lines of therapy from event CSV or timeline JSON files\n"
    "  audit FILE...          findings where each history departs from the pathway\n"
    "  risk [--site SITE] [--size CM] [--mitoses N] [--mitotic-unit UNIT] [--rupture yes|no]\n"
    "                         risk category of a resected primary tumour by each risk\n"
    "                         table (--table ID|FILE for one); risk tables; risk show ID|FILE\n"
    "  advise --as-of DATE FILE...\n"
    "                         advice for each patient of a timeline as of a date\n"
    "\n"
    "Options:\n"
    "  --pathway ID|FILE      pathway to use (default: " GIST_DEFAULT_PATHWAY ")\n"
    "  --json                 machine-readable JSON instead of text\n"
    "  --compact              JSON on one line per document\n"
    "  --dot                  (pathway show) Graphviz DOT diagram of the rules\n"
    "  --combination-window DAYS, --interruption DAYS, --discontinuation DAYS,\n"
    "  --no-schedules, --unknown-setting advanced|adjuvant, --censor DATE\n"
    "                         (lines, audit, advise --as-of) lines-of-therapy options;\n"
    "                         defaults 28, 28, 180, schedules honoured, advanced, last event\n"
    "  -h, --help             this help\n"
    "  -V, --version          library version\n"
    "\n"
    "Exit status: 0 success; 64 usage error; 65 invalid input (malformed JSON,\n"
    "unknown field, agent or value, implausible dose, inconsistent pathway);\n"
    "66 input cannot be read; 70 out of memory or internal error.\n"
    "Errors name the file, line, column and field.\n";

int cli_exit_code(gist_status st)
{
    switch (st) {
    case GIST_OK: return EXIT_OK;
    case GIST_EIO: return EXIT_NOINPUT;
    case GIST_ENOMEM:
    case GIST_ESTATE: return EXIT_SOFTWARE;
    case GIST_EINVAL: return EXIT_USAGE;
    default: return EXIT_DATAERR;
    }
}

int cli_fail(void)
{
    const gist_error *e = gist_error_last();
    fprintf(stderr, "gist: %s\n", e->message);
    return cli_exit_code(e->status);
}

int cli_load_pathway(const cli_opts *opts, gist_pathway **out)
{
    const char *name = opts->pathway ? opts->pathway : GIST_DEFAULT_PATHWAY;
    for (size_t i = 0; i < gist_pathway_builtin_count(); i++)
        if (strcmp(gist_pathway_builtin_id(i), name) == 0)
            return gist_pathway_builtin(out, name) == GIST_OK ? EXIT_OK : cli_fail();
    struct stat sb;
    if (stat(name, &sb) != 0) {
        fprintf(stderr, "gist: no built-in pathway or file named \"%s\" (see `gist pathways`)\n", name);
        return EXIT_NOINPUT;
    }
    return gist_pathway_load(out, name) == GIST_OK ? EXIT_OK : cli_fail();
}

int cli_emit(char *text)
{
    int rc = fputs(text, stdout) < 0 ? EXIT_SOFTWARE : EXIT_OK;
    gist_free(text);
    return rc;
}

int cli_no_options(const char *command, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "gist %s: unknown option %s (see gist --help)\n", command, argv[i]);
            return EXIT_USAGE;
        }
    }
    return 0;
}

struct command {
    const char *name;
    int (*run)(const cli_opts *, int, char **);
};

static const struct command commands[] = {
    {"advise", cmd_advise},
    {"pathways", cmd_pathways},
    {"pathway", cmd_pathway},
    {"agents", cmd_agents},
    {"lines", cmd_lines},
    {"audit", cmd_audit},
    {"risk", cmd_risk},
};

int main(int argc, char **argv)
{
    cli_opts opts = {NULL, 0, 0, 0};
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int nrest = 0;
    if (rest == NULL) {
        fputs("gist: out of memory\n", stderr);
        return EXIT_SOFTWARE;
    }
    int rc = -1;
    for (int i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            rc = EXIT_OK;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("gist %s (libgist %s)\n", GIST_VERSION_STRING, gist_version());
            rc = EXIT_OK;
        } else if (strcmp(a, "--json") == 0) {
            opts.json = 1;
        } else if (strcmp(a, "--compact") == 0) {
            opts.json = opts.compact = 1;
        } else if (strcmp(a, "--dot") == 0) {
            opts.dot = 1;
        } else if (strcmp(a, "--pathway") == 0 || strncmp(a, "--pathway=", 10) == 0) {
            if (a[9] == '=') {
                opts.pathway = a + 10;
            } else if (i + 1 < argc) {
                opts.pathway = argv[++i];
            } else {
                fputs("gist: --pathway needs a built-in id or a file\n", stderr);
                rc = EXIT_USAGE;
            }
        } else if (strcmp(a, "--") == 0) {
            while (++i < argc)
                rest[nrest++] = argv[i];
        } else if (a[0] == '-' && a[1] != '-' && a[1] != '\0') {
            fprintf(stderr, "gist: unknown option %s (see gist --help)\n", a);
            rc = EXIT_USAGE;
        } else {
            /* files, and command options (checked by the command) */
            rest[nrest++] = argv[i];
        }
    }
    if (rc < 0 && nrest == 0) {
        fputs(usage, stderr);
        rc = EXIT_USAGE;
    }
    if (rc < 0) {
        /* the command is the first word; options before it move after it */
        int c = 0;
        while (c < nrest && strncmp(rest[c], "--", 2) == 0)
            c++;
        if (c == nrest) {
            fprintf(stderr, "gist: unknown option %s (see gist --help)\n", rest[0]);
            rc = EXIT_USAGE;
        } else {
            char *cmd = rest[c];
            memmove(rest + 1, rest, (size_t)c * sizeof *rest);
            rest[0] = cmd;
            const char *names[sizeof commands / sizeof commands[0]];
            for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
                names[k] = commands[k].name;
                if (strcmp(rest[0], commands[k].name) == 0)
                    rc = commands[k].run(&opts, nrest - 1, rest + 1);
            }
            if (rc < 0) {
                const char *hint = gist_helper_nearest(names, sizeof names / sizeof names[0], rest[0]);
                if (hint != NULL)
                    fprintf(stderr, "gist: unknown command \"%s\"; did you mean \"%s\"? (see gist --help)\n", rest[0],
                            hint);
                else
                    fprintf(stderr, "gist: unknown command \"%s\" (see gist --help)\n", rest[0]);
                rc = EXIT_USAGE;
            }
        }
    }
    free(rest);
    if (fflush(stdout) != 0 && rc == EXIT_OK)
        rc = EXIT_SOFTWARE;
    return rc;
}
