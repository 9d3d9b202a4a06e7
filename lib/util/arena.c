/*
 * Arena: the many small pieces of a loaded pathway, freed in one go.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include <stdint.h>


struct gist_arena_chunk {
    gist_arena_chunk *next;
    size_t used;
    size_t size;
    int fixed; /* the caller's storage: never freed */
    _Alignas(16) unsigned char data[];
};

#define CHUNK_BYTES 8192u

void gist__arena_init(gist_arena *a)
{
    a->head = NULL;
}

void gist__arena_init_fixed(gist_arena *a, void *buf, size_t size)
{
    gist_arena_chunk *c = buf;
    a->head = NULL;
    if (size <= sizeof *c)
        return;
    c->next = NULL;
    c->used = 0;
    c->size = size - sizeof *c;
    c->fixed = 1;
    a->head = c;
}

void gist__arena_free(gist_arena *a)
{
    gist_arena_chunk *c = a->head;
    while (c != NULL) {
        gist_arena_chunk *next = c->next;
        if (!c->fixed)
            gist__free(c);
        c = next;
    }
    a->head = NULL;
}

void *gist__arena_alloc(gist_arena *a, size_t size)
{
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0)
        size = 16;
    gist_arena_chunk *c = a->head;
    if (c == NULL || c->size - c->used < size) {
        size_t want = size > CHUNK_BYTES ? size : CHUNK_BYTES;
        if (want > SIZE_MAX - sizeof *c)
            return NULL;
        c = gist__malloc(sizeof *c + want);
        if (c == NULL)
            return NULL;
        c->size = want;
        c->used = 0;
        c->fixed = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *gist__arena_strndup(gist_arena *a, const char *s, size_t n)
{
    char *p = gist__arena_alloc(a, n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *gist__arena_strdup(gist_arena *a, const char *s)
{
    return gist__arena_strndup(a, s, strlen(s));
}
