/*
 * Data built into the library: the pathways of lib/data/pathways/, the agent
 * registry lib/data/agents.json and the risk tables of lib/data/risk/,
 * embedded at build time by cmake/EmbedData.cmake.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_BUILTIN_H
#define GIST_MODEL_BUILTIN_H

#include <stddef.h>

struct gist_builtin_file {
    const char *id; /* the file name without its extension */
    const unsigned char *data;
    size_t length;
};

extern const struct gist_builtin_file gist__builtin_pathways[];
extern const size_t gist__builtin_pathway_count;
/* One entry: agents.json. */
extern const struct gist_builtin_file gist__builtin_registry[];
extern const size_t gist__builtin_registry_count;
/* The risk tables, by id (lib/data/risk/<id>.json). */
extern const struct gist_builtin_file gist__builtin_risk_tables[];
extern const size_t gist__builtin_risk_table_count;

#endif
