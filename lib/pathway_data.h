/*
 * Built-in pathways, embedded at build time from lib/pathways/ (see
 * cmake/EmbedPathways.cmake).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_PATHWAY_DATA_H
#define GIST_PATHWAY_DATA_H

#include <stddef.h>

struct gist_builtin_pathway {
    const char *id;
    const unsigned char *data;
    size_t length;
};

extern const struct gist_builtin_pathway gist__builtin_pathways[];
extern const size_t gist__builtin_pathway_count;

#endif
