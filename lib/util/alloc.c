/*
 * Memory: every allocation libgist makes goes through the allocator hook.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

static void *default_malloc(size_t size, void *ud)
{
    (void)ud;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

/* The one process-wide setting (see gist_allocator_set). */
static gist_allocator g_alloc = {GIST_ALLOCATOR_VERSION, default_malloc, default_realloc, default_free, NULL};

gist_status gist_allocator_init(gist_allocator *allocator)
{
    GIST_CHECK_NULL(allocator, "allocator");
    allocator->version = GIST_ALLOCATOR_VERSION;
    allocator->malloc_fn = default_malloc;
    allocator->realloc_fn = default_realloc;
    allocator->free_fn = default_free;
    allocator->user_data = NULL;
    return GIST_OK;
}

gist_status gist_allocator_set(const gist_allocator *allocator)
{
    if (allocator == NULL) {
        gist_allocator_init(&g_alloc);
        return GIST_OK;
    }
    if (allocator->version != GIST_ALLOCATOR_VERSION)
        return gist__error(GIST_EVERSION, "%s: allocator version %u is not %u", __func__, allocator->version,
                           (unsigned)GIST_ALLOCATOR_VERSION);
    if (allocator->malloc_fn == NULL || allocator->realloc_fn == NULL || allocator->free_fn == NULL)
        return gist__error(GIST_EINVAL, "%s: malloc_fn, realloc_fn and free_fn must all be set", __func__);
    g_alloc = *allocator;
    return GIST_OK;
}

void *gist__malloc(size_t size)
{
    return g_alloc.malloc_fn(size ? size : 1, g_alloc.user_data);
}

void *gist__calloc(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t total = n * size;
    void *p = gist__malloc(total);
    if (p != NULL && total > 0)
        memset(p, 0, total);
    return p;
}

void *gist__realloc(void *ptr, size_t size)
{
    return g_alloc.realloc_fn(ptr, size ? size : 1, g_alloc.user_data);
}

void gist__free(void *ptr)
{
    if (ptr != NULL)
        g_alloc.free_fn(ptr, g_alloc.user_data);
}

void gist_free(void *ptr)
{
    gist__free(ptr);
}

char *gist__strndup(const char *s, size_t n)
{
    char *p = gist__malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}
