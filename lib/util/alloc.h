/*
 * The library's allocation calls, routed through the allocator hook
 * (gist_allocator_set). Every allocation of the library goes through these.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_ALLOC_H
#define GIST_UTIL_ALLOC_H

#include <stddef.h>

void *gist__malloc(size_t size);
void *gist__calloc(size_t n, size_t size);
void *gist__realloc(void *ptr, size_t size);
void gist__free(void *ptr);
/* A NUL-terminated copy of the first n bytes of s, or NULL when out of memory. */
char *gist__strndup(const char *s, size_t n);

#endif
