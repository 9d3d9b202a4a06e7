/*
 * Built-in pathways, embedded at build time from lib/data/pathways/ (see
 * cmake/EmbedPathways.cmake).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_BUILTIN_H
#define GIST_MODEL_BUILTIN_H

#include <stddef.h>

struct gist_builtin_pathway {
    const char *id;
    const unsigned char *data;
    size_t length;
};

extern const struct gist_builtin_pathway gist__builtin_pathways[];
extern const size_t gist__builtin_pathway_count;

#endif
