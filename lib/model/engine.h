/*
 * Rule evaluation, shared by the engine and the pathway checks.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_ENGINE_H
#define GIST_MODEL_ENGINE_H

#include "model/pathway.h"

/* Kleene conjunction of a rule's conditions; *unknown_facts (may be NULL) collects the facts of
 * unknown conditions. Returns GIST_FALSE, GIST_TRUE or GIST_UNKNOWN. */
int gist__rule_eval(const struct gist_rule *rule, const gist_facts *facts, uint32_t *unknown_facts);

#endif
