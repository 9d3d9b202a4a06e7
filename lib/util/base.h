/*
 * Compiler helpers and input limits shared by every unit of the library.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_BASE_H
#define GIST_UTIL_BASE_H

#include <stddef.h>
#include <stdint.h>

#include "gist/gist.h"

#if defined(__GNUC__)
#define GIST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define GIST_LIKELY(x) __builtin_expect(!!(x), 1)
#define GIST_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define GIST_PRINTF(f, a)
#define GIST_LIKELY(x) (x)
#define GIST_UNLIKELY(x) (x)
#endif

/* Largest JSON document the readers accept. */
#define GIST_MAX_INPUT_BYTES (16u * 1024u * 1024u)
/* Longest name or identifier (agent names, ids). */
#define GIST_MAX_NAME_BYTES 256u
/* Longest free text in a pathway (rationale, description). */
#define GIST_MAX_TEXT_BYTES 65536u

#endif
