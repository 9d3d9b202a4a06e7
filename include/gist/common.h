/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_COMMON_H
#define GIST_COMMON_H

/**
 * @defgroup common Errors, memory and conventions
 * @brief Status codes, the thread-local last error, the allocator hook and
 *        memory returned to the caller.
 *
 * Every fallible function returns a ::gist_status: ::GIST_OK (zero) on
 * success, a negative code on failure. On failure the calling thread's last
 * error (gist_error_last()) says what went wrong and where: the source (file
 * name or `<string>`), the line and column, and the field. The return code is
 * the truth; the message is for people.
 *
 * Functions never print, never exit and never abort on any input.
 *
 * @par Thread safety
 * Every function here may be called from any thread, except
 * gist_allocator_set(), which must be called before any other libgist call
 * and never while other threads use the library. The last error is kept per
 * thread.
 *
 * @code
 * gist_pathway *pw = NULL;
 * gist_status st = gist_pathway_load(&pw, "my-pathway.json");
 * if (st != GIST_OK) {
 *     const gist_error *e = gist_error_last(); // valid until the next libgist call on this thread
 *     fprintf(stderr, "%s (%s)\n", e->message, gist_status_name(st));
 *     // e->source, e->line, e->column and e->field locate the problem in the input
 * }
 * gist_pathway_free(pw); // every free accepts NULL
 * @endcode
 * @{
 */

#include <math.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(GIST_STATIC)
#define GIST_API
#elif defined(_WIN32)
#if defined(GIST_BUILDING)
#define GIST_API __declspec(dllexport)
#else
#define GIST_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define GIST_API __attribute__((visibility("default")))
#else
#define GIST_API
#endif
/** @endcond */

/**
 * @brief Result of every fallible libgist function.
 *
 * The numbers never change once released; retired codes keep their slot.
 */
typedef enum gist_status {
    GIST_OK = 0,           /**< Success. */
    GIST_EINVAL = -1,      /**< An argument is invalid: NULL where a value is required, or an out-of-range enum value. */
    GIST_ENOMEM = -2,      /**< An allocation failed. Nothing was changed and nothing leaked. */
    GIST_ENOTFOUND = -3,   /**< A name or id does not exist (unknown agent, pathway, rule or evidence id). */
    GIST_EAMBIGUOUS = -4,  /**< A name matches more than one agent. */
    GIST_EPARSE = -5,      /**< Input is not well-formed (JSON or CSV syntax, invalid UTF-8, duplicate key). */
    GIST_ESCHEMA = -6,     /**< Input is well-formed but does not follow its format: unknown or missing field, wrong type, unknown value. */
    GIST_ERANGE = -7,      /**< A number is out of range: negative, zero, NaN, infinite or implausible dose, date outside 1900-2200. */
    GIST_EIO = -8,         /**< A file could not be opened or read. */
    GIST_ELIMIT = -9,      /**< Input exceeds a documented limit (size, nesting depth, string length, count). */
    GIST_EPATHWAY = -10,   /**< A pathway is inconsistent: contradictory or unreachable rule, reference to a rule or evidence id that does not exist. */
    GIST_EORDER = -11,     /**< Events are out of order or overlap. */
    GIST_EVERSION = -12,   /**< An options struct or file format has a version this library does not know. */
    GIST_ESTATE = -13      /**< The operation is not valid in the object's current state. */
} gist_status;

/**
 * @brief Static, human-readable description of a status code.
 * @param[in] status Any value; unknown values give "unknown status".
 * @return A static string (never NULL, never freed).
 * @par Thread safety
 * Safe from any thread.
 */
GIST_API const char *gist_strerror(gist_status status);

/**
 * @brief Symbolic name of a status code, such as `"GIST_ERANGE"`.
 * @param[in] status Any value; unknown values give `"GIST_E?"`.
 * @return A static string (never NULL, never freed).
 * @par Thread safety
 * Safe from any thread.
 */
GIST_API const char *gist_status_name(gist_status status);

/**
 * @brief Details of the last error on the calling thread.
 *
 * Returned by gist_error_last(). The library owns it; read it, never write
 * or free it. Fields are only ever added at the end.
 */
typedef struct gist_error {
    gist_status status;     /**< The code the failing function returned (::GIST_OK if nothing failed yet). */
    const char *message;    /**< Full message, including source and location when known. Never NULL. */
    const char *source;     /**< File name, `<string>` or `""` when the error is not about input. Never NULL. */
    const char *field;      /**< Field or JSON pointer the error is about, or `""`. Never NULL. */
    unsigned long line;     /**< 1-based line in the source, or 0 when not applicable. */
    unsigned long column;   /**< 1-based column (in bytes) in the source, or 0 when not applicable. */
} gist_error;

/**
 * @brief The last error recorded on the calling thread.
 *
 * Every function that returns a failure status records what and where
 * before returning. Successful calls leave the record untouched, so read it
 * right after a failure.
 *
 * @return A pointer to thread-local storage: never NULL, valid until the
 *         next libgist call on the same thread.
 * @par Thread safety
 * Each thread has its own record.
 */
GIST_API const gist_error *gist_error_last(void);

/**
 * @brief Reset the calling thread's last error to ::GIST_OK with an empty message.
 * @par Thread safety
 * Affects the calling thread's record only.
 */
GIST_API void gist_error_clear(void);

/**
 * @brief Version of the ::gist_allocator struct understood by this library.
 */
#define GIST_ALLOCATOR_VERSION 1

/**
 * @brief Memory functions used by libgist for every allocation it makes.
 *
 * Initialise with gist_allocator_init() and then set the three functions.
 * Each receives @c user_data as its last argument.
 */
typedef struct gist_allocator {
    unsigned int version;                               /**< Must be ::GIST_ALLOCATOR_VERSION. */
    void *(*malloc_fn)(size_t size, void *user_data);   /**< Allocate @p size bytes; return NULL on failure. */
    void *(*realloc_fn)(void *ptr, size_t size, void *user_data); /**< Resize; return NULL on failure, leaving @p ptr valid. */
    void (*free_fn)(void *ptr, void *user_data);        /**< Release; must accept NULL. */
    void *user_data;                                    /**< Passed to each function. */
} gist_allocator;

/**
 * @brief Fill @p allocator with the version and the C library's functions.
 * @param[out] allocator Struct to initialise (caller-owned; libgist keeps no pointer to it).
 * @return ::GIST_OK, or ::GIST_EINVAL if @p allocator is NULL.
 */
GIST_API gist_status gist_allocator_init(gist_allocator *allocator);

/**
 * @brief Route libgist's allocations through @p allocator.
 *
 * The only process-wide mutable setting in libgist. Call it before any other
 * libgist function and never while other threads use the library; memory
 * allocated under one allocator must not outlive a switch to another. (The
 * built-in agent registry is read when the library is loaded, before this
 * can be called, with the C library's allocator, and is never freed.)
 * JSON parsing also allocates through jansson, whose own hook is
 * json_set_alloc_funcs().
 *
 * @param[in] allocator The functions to use (copied), or NULL to restore the
 *            C library's malloc, realloc and free.
 * @return ::GIST_OK; ::GIST_EVERSION if the version is unknown;
 *         ::GIST_EINVAL if a function pointer is NULL.
 */
GIST_API gist_status gist_allocator_set(const gist_allocator *allocator);

/**
 * @brief Free memory that libgist returned to the caller (strings from
 *        `*_to_json` and `*_to_text` functions).
 *
 * Memory must be freed under the allocator it was allocated with (see
 * gist_allocator_set()).
 * @param[in] ptr Memory to free; NULL is accepted and ignored.
 */
GIST_API void gist_free(void *ptr);

/**
 * @brief Three-valued fact: unknown, no or yes.
 */
typedef enum gist_tristate {
    GIST_TRISTATE_UNKNOWN = 0, /**< Not recorded. */
    GIST_TRISTATE_NO = 1,      /**< Known to be false. */
    GIST_TRISTATE_YES = 2      /**< Known to be true. */
} gist_tristate;

/** Number of ::gist_tristate values. */
#define GIST_TRISTATE_COUNT 3

/**
 * @brief Machine name of a tristate: `"unknown"`, `"no"`, `"yes"`.
 * @param[in] value Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_tristate_name(gist_tristate value);

/**
 * @brief The largest line of therapy libgist accepts (lines are numbered from 1).
 *
 * Every reader of a line number (patients, pathway options, the bindings)
 * rejects a larger one with ::GIST_ERANGE or ::GIST_ESCHEMA; no record of GIST
 * therapy comes near it.
 */
#define GIST_LINE_MAX 20

/** Flag for `*_to_json` functions: write on one line without indentation. */
#define GIST_JSON_COMPACT 1u

/**
 * @brief The daily dose of a regimen or exposure that was not recorded (a NaN).
 *
 * Every libgist call that takes a daily dose in mg reads NaN as "not recorded"
 * and 0 as "held" (on the regimen but taking none: an interruption, which
 * P16-2 concerns); a negative or infinite dose is ::GIST_ERANGE. Test for it
 * with isnan(): a NaN never compares equal, not even to itself. Readers of
 * text formats write "not recorded" as an empty field or an absent member.
 */
#define GIST_DOSE_NOT_RECORDED ((double)NAN)

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_COMMON_H */
