/*
 * The gist command-line tool: shared declarations.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_CLI_H
#define GIST_CLI_H

#include <stdio.h>

#include <gist/gist.h>

/* Exit codes (documented in docs/gist.1.md and `gist --help`), after sysexits.h. */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 64,    /* the command line is wrong */
    EXIT_DATAERR = 65,  /* an input file is malformed or invalid */
    EXIT_NOINPUT = 66,  /* an input file cannot be opened or read */
    EXIT_SOFTWARE = 70  /* out of memory or another internal failure */
};

/* Options every command understands. */
typedef struct cli_opts {
    const char *pathway; /* built-in id or file; NULL for the default */
    int json;            /* --json */
    int compact;         /* --compact */
    int dot;             /* --dot */
} cli_opts;

/* Print "gist: <message of the last error>" and map its status to an exit code. */
int cli_fail(void);
int cli_exit_code(gist_status st);
/* Load the pathway named by opts->pathway (default gist-2016). */
int cli_load_pathway(const cli_opts *opts, gist_pathway **out);
/* Write text and free it; a failed write is an I/O error. */
int cli_emit(char *text);

int cmd_advise(const cli_opts *opts, int argc, char **argv);
int cmd_pathways(const cli_opts *opts, int argc, char **argv);
int cmd_pathway(const cli_opts *opts, int argc, char **argv);
int cmd_agents(const cli_opts *opts, int argc, char **argv);
int cmd_lines(const cli_opts *opts, int argc, char **argv);
int cmd_audit(const cli_opts *opts, int argc, char **argv);
int cmd_risk(const cli_opts *opts, int argc, char **argv);
int cmd_advise_as_of(const cli_opts *opts, const char *as_of, int argc, char **argv);
const char *cli_take_as_of(int *argc, char **argv);
/* 0 if no argument is an unknown --option, else EXIT_USAGE (with a message). */
int cli_no_options(const char *command, int argc, char **argv);

#define GIST_DEFAULT_PATHWAY "gist-2016"

#endif
