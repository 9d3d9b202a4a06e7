/*
 * The helpers of gist/helpers.h: what the bindings and tools need from C
 * beyond the stable API.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#define GIST_HELPERS_API
#include "gist/helpers.h"
#include "util/names.h"

const char *gist_helper_nearest(const char *const *names, size_t count, const char *word)
{
    if (names == NULL || word == NULL)
        return NULL;
    size_t n = strlen(word);
    size_t below = n < 4 ? n : 4; /* at most 3 edits, and fewer than the word is long */
    return gist__nearest_name(word, names, count, &below);
}
