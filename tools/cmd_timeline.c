/*
 * gist lines, gist audit, gist advise --as-of: timelines from event CSV
 * (streamed patient by patient) or timeline JSON files.
 * SPDX-License-Identifier: Apache-2.0
 */
#define _POSIX_C_SOURCE 200809L /* isatty, fileno, clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- progress on a terminal ---- */

struct progress {
    int on;
    double last;
    unsigned long long patients;
    const char *what;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void progress_update(struct progress *p, const gist_event_reader *r, int final)
{
    if (!p->on)
        return;
    double t = now_seconds();
    if (!final && t - p->last < 0.2)
        return;
    p->last = t;
    unsigned long long done = 0, total = 0;
    gist_event_reader_progress(r, &done, &total);
    if (total > 0) {
        int width = 30, fill = (int)((double)done / (double)total * width);
        fprintf(stderr, "\r%s [%.*s%*s] %3.0f%%  %.1f of %.1f MB  %llu patients", p->what, fill,
                "##############################", width - fill, "", 100.0 * (double)done / (double)total,
                (double)done / 1e6, (double)total / 1e6, p->patients);
    } else {
        fprintf(stderr, "\r%s %.1f MB  %llu patients", p->what, (double)done / 1e6, p->patients);
    }
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ---- options ---- */

/* Parse the lines options out of argv (they are removed); 0 on success, else an exit code. */
static int parse_lines_options(int *argc, char **argv, gist_lines_options *o, const char **as_of)
{
    gist_lines_options_init(o, GIST_LINES_OPTIONS_VERSION);
    int out = 0;
    for (int i = 0; i < *argc; i++) {
        const char *a = argv[i];
        int *target = NULL;
        if (strcmp(a, "--combination-window") == 0)
            target = &o->combination_window_days;
        else if (strcmp(a, "--interruption") == 0)
            target = &o->interruption_days;
        else if (strcmp(a, "--discontinuation") == 0)
            target = &o->discontinuation_days;
        if (target != NULL) {
            char *end = NULL;
            long v = i + 1 < *argc ? strtol(argv[i + 1], &end, 10) : -1;
            if (i + 1 >= *argc || *end != '\0' || v < 0 || v > 36500) {
                fprintf(stderr, "gist: %s needs a number of days (0 to 36500)\n", a);
                return EXIT_USAGE;
            }
            *target = (int)v;
            i++;
        } else if (strcmp(a, "--no-schedules") == 0) {
            o->honor_schedules = 0;
        } else if (strcmp(a, "--unknown-setting") == 0) {
            const char *v = i + 1 < *argc ? argv[++i] : "";
            if (strcmp(v, "advanced") == 0)
                o->unknown_setting = GIST_SETTING_ADVANCED;
            else if (strcmp(v, "adjuvant") == 0)
                o->unknown_setting = GIST_SETTING_ADJUVANT;
            else {
                fprintf(stderr, "gist: --unknown-setting is advanced or adjuvant\n");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--censor") == 0 || strcmp(a, "--as-of") == 0) {
            const char *v = i + 1 < *argc ? argv[++i] : "";
            gist_date d;
            if (gist_date_parse(&d, v) != GIST_OK) {
                fprintf(stderr, "gist: %s needs a date YYYY-MM-DD: %s\n", a, gist_error_last()->message);
                return EXIT_USAGE;
            }
            if (a[2] == 'c')
                o->censor_date = d;
            else if (as_of != NULL)
                *as_of = v;
            else {
                fprintf(stderr, "gist: --as-of belongs to gist advise\n");
                return EXIT_USAGE;
            }
        } else if (strncmp(a, "--", 2) == 0 && strcmp(a, "--") != 0) {
            fprintf(stderr, "gist: unknown option %s (see gist --help)\n", a);
            return EXIT_USAGE;
        } else {
            argv[out++] = argv[i];
        }
    }
    *argc = out;
    return 0;
}

/* ---- running over every patient of the inputs ---- */

typedef int (*patient_fn)(void *ctx, const gist_timeline *t);

static int for_each_patient(int argc, char **argv, const char *what, patient_fn fn, void *ctx)
{
    int rc = EXIT_OK, ncsv = 0;
    gist_event_reader *reader = NULL;
    for (int i = 0; i < argc; i++) {
        if (ends_with(argv[i], ".json")) {
            gist_timeline *t = NULL;
            if (gist_timeline_load(&t, argv[i]) != GIST_OK) {
                int code = cli_fail();
                if (rc == EXIT_OK)
                    rc = code;
                continue;
            }
            int r = fn(ctx, t);
            gist_timeline_free(t);
            if (r != EXIT_OK && rc == EXIT_OK)
                rc = r;
            continue;
        }
        gist_status st = ncsv == 0 ? gist_event_reader_open(&reader, argv[i]) : gist_event_reader_add_file(reader, argv[i]);
        if (st != GIST_OK) {
            gist_event_reader_free(reader);
            return cli_fail();
        }
        ncsv++;
    }
    if (reader == NULL)
        return rc;
    gist_timeline *t = NULL;
    if (gist_timeline_new(&t) != GIST_OK) {
        gist_event_reader_free(reader);
        return cli_fail();
    }
    struct progress prog = {isatty(fileno(stderr)), 0, 0, what};
    for (;;) {
        int done = 0;
        if (gist_event_reader_next(reader, t, &done) != GIST_OK) {
            progress_update(&prog, reader, 1);
            rc = cli_fail();
            break;
        }
        if (done)
            break;
        int r = fn(ctx, t);
        if (r != EXIT_OK) {
            rc = r;
            if (r == EXIT_SOFTWARE)
                break;
        }
        prog.patients++;
        progress_update(&prog, reader, 0);
    }
    if (rc == EXIT_OK)
        progress_update(&prog, reader, 1);
    gist_timeline_free(t);
    gist_event_reader_free(reader);
    return rc;
}

/* ---- lines and audit ---- */

struct lines_ctx {
    const cli_opts *cli;
    const gist_lines_options *options;
    gist_pathway *pathway; /* audit only */
    int header_done;
};

static int emit_lines(void *vctx, const gist_timeline *t)
{
    struct lines_ctx *c = vctx;
    gist_lines *l = NULL;
    gist_status st = c->pathway ? gist_timeline_audit(&l, t, c->pathway, c->options)
                                : gist_timeline_lines(&l, t, c->options);
    if (st != GIST_OK)
        return cli_fail();
    char *text = NULL;
    if (c->cli->json)
        st = gist_lines_to_json(l, GIST_JSON_COMPACT, &text);
    else if (c->pathway)
        st = gist_lines_findings_to_csv(l, c->header_done ? 0 : GIST_CSV_HEADER, &text);
    else
        st = gist_lines_to_csv(l, c->header_done ? 0 : GIST_CSV_HEADER, &text);
    gist_lines_free(l);
    if (st != GIST_OK)
        return cli_fail();
    c->header_done = 1;
    int rc = cli_emit(text);
    if (c->cli->json && rc == EXIT_OK && putchar('\n') == EOF)
        rc = EXIT_SOFTWARE;
    return rc;
}

static int run_lines(const cli_opts *opts, int argc, char **argv, int audit)
{
    gist_lines_options o;
    int rc = parse_lines_options(&argc, argv, &o, NULL);
    if (rc != 0)
        return rc;
    if (argc < 1) {
        fprintf(stderr, "gist %s: give event CSV files or timeline JSON files (docs/event-formats.md)\n",
                audit ? "audit" : "lines");
        return EXIT_USAGE;
    }
    struct lines_ctx ctx = {opts, &o, NULL, 0};
    if (audit && (rc = cli_load_pathway(opts, &ctx.pathway)) != EXIT_OK)
        return rc;
    if (!opts->json) {
        char *desc = NULL;
        if (gist_lines_options_describe(&o, &desc) != GIST_OK) {
            gist_pathway_free(ctx.pathway);
            return cli_fail();
        }
        printf("# gist %s %s", audit ? "audit" : "lines", desc);
        if (ctx.pathway)
            printf(" pathway=%s@%s", gist_pathway_id(ctx.pathway), gist_pathway_version(ctx.pathway));
        putchar('\n');
        gist_free(desc);
    }
    rc = for_each_patient(argc, argv, audit ? "gist audit" : "gist lines", emit_lines, &ctx);
    gist_pathway_free(ctx.pathway);
    return rc;
}

int cmd_lines(const cli_opts *opts, int argc, char **argv)
{
    return run_lines(opts, argc, argv, 0);
}

int cmd_audit(const cli_opts *opts, int argc, char **argv)
{
    return run_lines(opts, argc, argv, 1);
}

/* ---- advice as of a date ---- */

struct asof_ctx {
    const cli_opts *cli;
    const gist_lines_options *options;
    gist_pathway *pathway;
    gist_date date;
    int emitted;
};

static int emit_advice(void *vctx, const gist_timeline *t)
{
    struct asof_ctx *c = vctx;
    gist_patient *p = NULL;
    gist_advice *a = NULL;
    char *text = NULL;
    gist_status st = gist_timeline_patient_at(&p, t, c->date, c->options);
    if (st == GIST_OK)
        st = gist_advise(&a, c->pathway, p);
    if (st == GIST_OK)
        st = c->cli->json ? gist_advice_to_json(a, GIST_JSON_COMPACT, &text) : gist_advice_to_text(a, &text);
    gist_advice_free(a);
    gist_patient_free(p);
    if (st != GIST_OK) {
        const gist_error *e = gist_error_last();
        fprintf(stderr, "gist: patient %s: %s\n", gist_timeline_id(t), e->message);
        return cli_exit_code(e->status);
    }
    if (!c->cli->json && c->emitted++)
        fputs("\n----------------------------------------------------------------------\n\n", stdout);
    int rc = cli_emit(text);
    if (c->cli->json && rc == EXIT_OK && putchar('\n') == EOF)
        rc = EXIT_SOFTWARE;
    return rc;
}

int cmd_advise_as_of(const cli_opts *opts, const char *as_of, int argc, char **argv)
{
    gist_lines_options o;
    int rc = parse_lines_options(&argc, argv, &o, NULL);
    if (rc != 0)
        return rc;
    struct asof_ctx ctx = {opts, &o, NULL, 0, 0};
    if (gist_date_parse(&ctx.date, as_of) != GIST_OK) {
        fprintf(stderr, "gist advise: --as-of needs a date YYYY-MM-DD: %s\n", gist_error_last()->message);
        return EXIT_USAGE;
    }
    if (argc < 1) {
        fputs("gist advise --as-of: give event CSV files or timeline JSON files\n", stderr);
        return EXIT_USAGE;
    }
    if ((rc = cli_load_pathway(opts, &ctx.pathway)) != EXIT_OK)
        return rc;
    rc = for_each_patient(argc, argv, "gist advise", emit_advice, &ctx);
    gist_pathway_free(ctx.pathway);
    return rc;
}

/* Split "--as-of DATE" out of advise's arguments: returns the date or NULL. */
const char *cli_take_as_of(int *argc, char **argv)
{
    const char *date = NULL;
    int out = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--as-of") == 0 && i + 1 < *argc)
            date = argv[++i];
        else if (strncmp(argv[i], "--as-of=", 8) == 0)
            date = argv[i] + 8;
        else
            argv[out++] = argv[i];
    }
    *argc = out;
    return date;
}
