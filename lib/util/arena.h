/*
 * An arena: many small allocations freed together (a loaded pathway).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_ARENA_H
#define GIST_UTIL_ARENA_H

#include <stddef.h>

typedef struct gist_arena_chunk gist_arena_chunk;
typedef struct gist_arena {
    gist_arena_chunk *head;
} gist_arena;

void gist__arena_init(gist_arena *a);
/* An arena whose first chunk is the caller's buffer (static storage that is never freed; later
 * chunks, if it fills, come from the allocator as usual). buf must be 16-byte aligned. */
void gist__arena_init_fixed(gist_arena *a, void *buf, size_t size);
void gist__arena_free(gist_arena *a);
void *gist__arena_alloc(gist_arena *a, size_t size); /* zeroed, 16-byte aligned; NULL on failure */
char *gist__arena_strndup(gist_arena *a, const char *s, size_t n);
char *gist__arena_strdup(gist_arena *a, const char *s);

#endif
