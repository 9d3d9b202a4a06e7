/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file helpers.h
 * @brief Helpers for the language bindings and the gist tools: a separately
 *        marked part of the C API that is not covered by the ABI promise.
 *
 * What the Python and Lua bindings and the command-line tools need from C
 * beyond the stable API lives here, in the library, documented and tested,
 * rather than as C code inside a SWIG interface or a tool. As with zstd's
 * `ZSTD_STATIC_LINKING_ONLY`, the declarations are visible only to a program
 * that asks for them:
 *
 * @code
 * #define GIST_HELPERS_API
 * #include <gist/helpers.h>
 * @endcode
 *
 * These functions may change or go in any release, whatever the SOVERSION:
 * `scripts/abi-check` leaves every `gist_helper_*` symbol out of the ABI it
 * compares. Programs other than the bindings and tools should use the
 * stable API only.
 *
 * @par Thread safety
 * As stated on each function.
 */
#if defined(GIST_HELPERS_API) && !defined(GIST_HELPERS_H)
#define GIST_HELPERS_H

#include <stddef.h>
#include "gist/gist.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup helpers Helpers for bindings and tools (not stable)
 * @brief See helpers.h: visible with `GIST_HELPERS_API`, outside the ABI promise.
 * @{
 */

/**
 * @brief The name closest to @p word among @p names: the one suggestion of a
 *        "did you mean" message, with the edit distance that agent names use.
 *
 * Case is ignored. Only a close misspelling is suggested: a name at most 3
 * single-character edits away (and fewer edits than @p word is long, so that
 * a short word is not "corrected" into an unrelated one).
 * @param[in] names Array of @p count names; NULL entries are skipped.
 * @param[in] count Number of names.
 * @param[in] word The misspelt word.
 * @return The closest name (one of @p names, borrowed from the caller), or
 *         NULL if none is close enough or an argument is NULL.
 * @par Thread safety
 * Safe from any thread.
 */
GIST_API const char *gist_helper_nearest(const char *const *names, size_t count, const char *word);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_HELPERS_API && !GIST_HELPERS_H */
