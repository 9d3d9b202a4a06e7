/*
 * gist-synth: write a synthetic cohort in the event CSV format.
 * Usage: gist-synth [--patients N] [--seed S] [--first-id K] [FILE]
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gist/gist.h>

#include "synth.h"

static const char usage[] =
    "Usage: gist-synth [--patients N] [--seed S] [--first-id K] [FILE]\n"
    "\n"
    "Write a synthetic cohort in the event CSV format (to FILE, or standard output):\n"
    "N patients (default 1000) with ids from K (default 1), drawn from the seeded\n"
    "generator (seed S, default 1), so the same arguments always give the same file.\n"
    "The histories are synthetic test data, not clinical records.\n"
    "\n"
    "Options:\n"
    "  --patients N           number of patients (0 or more)\n"
    "  --seed S               seed of the generator (0 or more)\n"
    "  --first-id K           id of the first patient (0 or more)\n"
    "  -h, --help             this help\n"
    "  -V, --version          library version\n"
    "\n"
    "Exit status: 0 success; 64 usage error; 66 FILE cannot be opened;\n"
    "70 out of memory or a write error; 74 the output could not be completed.\n";

/* A whole number from an argument, or -1 if it is not one. */
static long long number(const char *s)
{
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    return end != s && *end == '\0' && v >= 0 ? v : -1;
}

int main(int argc, char **argv)
{
    long long patients = 1000, first = 1;
    unsigned long long seed = 1;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0) {
            printf("gist-synth %s (libgist %s)\n", GIST_VERSION_STRING, gist_version());
            return 0;
        } else if (strcmp(argv[i], "--patients") == 0 && i + 1 < argc)
            patients = number(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = (unsigned long long)number(argv[++i]);
        else if (strcmp(argv[i], "--first-id") == 0 && i + 1 < argc)
            first = number(argv[++i]);
        else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "gist-synth: unknown option %s\n%s", argv[i], usage);
            return 64;
        } else
            path = argv[i];
    }
    if (patients < 0 || first < 0 || (long long)seed < 0) {
        fprintf(stderr, "gist-synth: --patients, --seed and --first-id take whole numbers, 0 or more\n");
        return 64;
    }
    FILE *out = path ? fopen(path, "w") : stdout;
    if (out == NULL) {
        perror(path);
        return 66;
    }
    synth_rng r;
    synth_seed(&r, seed);
    synth_events e;
    synth_events_init(&e);
    fputs(synth_csv_header, out);
    for (long long p = 0; p < patients; p++) {
        e.n = 0;
        if (!synth_patient(&r, first + p, &e) || !synth_write_csv(&e, 0, out)) {
            fprintf(stderr, "gist-synth: out of memory or write error\n");
            return 70;
        }
    }
    synth_events_free(&e);
    int bad = fflush(out) != 0;
    if (path != NULL)
        bad |= fclose(out) != 0;
    if (bad) {
        perror("gist-synth");
        return 74;
    }
    return 0;
}
