/*
 * Shared by the fuzz targets: a property check that aborts (so that libFuzzer and the replay
 * driver both report it) with the violated condition and the library's last error.
 */
#ifndef GIST_FUZZ_CHECK_H
#define GIST_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#include <gist/gist.h>

#define FUZZ_CHECK(cond)                                                                                 \
    do {                                                                                                 \
        if (!(cond)) {                                                                                   \
            fprintf(stderr, "%s:%d: property violated: %s (last error: %s %s)\n", __FILE__, __LINE__,  \
                    #cond, gist_status_name(gist_error_last()->status), gist_error_last()->message);     \
            abort();                                                                                     \
        }                                                                                                \
    } while (0)

/* After a failure: nothing was returned and the thread's record names the same status. */
#define FUZZ_CHECK_FAILURE(st, out)                                                                      \
    do {                                                                                                 \
        FUZZ_CHECK((st) < 0);                                                                            \
        FUZZ_CHECK((out) == NULL);                                                                       \
        FUZZ_CHECK(gist_error_last()->status == (st));                                                   \
        FUZZ_CHECK(gist_error_last()->message[0] != '\0');                                               \
        FUZZ_CHECK((st) != GIST_ENOMEM && (st) != GIST_EINVAL && (st) != GIST_ESTATE);                   \
    } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#endif
