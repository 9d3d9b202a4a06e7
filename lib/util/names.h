/*
 * Machine names of the public enumerations (gist_*_name), shared by the
 * readers and writers.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_NAMES_H
#define GIST_UTIL_NAMES_H

#include "util/base.h"

/* Find value v with names[v] equal to s (case-sensitive, machine names). -1 if none. */
int gist__name_index(const char *const *names, int count, const char *s);

/* Levenshtein distance between a and b, ignoring ASCII case; strings over 63 bytes are 99 apart. */
size_t gist__edit_distance(const char *a, const char *b);
/* The first of the count names closest to word if it is closer than *below (then lowered to its
 * distance); else NULL. */
const char *gist__nearest_name(const char *word, const char *const *names, size_t count, size_t *below);

extern const char *const gist__setting_names[GIST_SETTING_COUNT];
extern const char *const gist__genotype_names[GIST_GENOTYPE_COUNT];
extern const char *const gist__response_names[GIST_RESPONSE_COUNT];
extern const char *const gist__basis_names[GIST_BASIS_COUNT];
extern const char *const gist__extent_names[GIST_EXTENT_COUNT];
extern const char *const gist__tolerance_names[GIST_TOLERANCE_COUNT];
extern const char *const gist__stop_names[GIST_STOP_COUNT];
extern const char *const gist__schedule_names[GIST_SCHEDULE_COUNT];
extern const char *const gist__action_names[GIST_ACTION_END];
extern const char *const gist__severity_names[GIST_SEVERITY_END];
extern const char *const gist__tristate_names[GIST_TRISTATE_COUNT];

#endif
