/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_GIST_H
#define GIST_GIST_H

/**
 * @file gist.h
 * @brief Umbrella header: includes every header of the stable C API.
 *
 * One header per module, each with its own group (and section 3 manual
 * page: `man 3 libgist`). Not included: `gist/helpers.h`, the helpers for
 * the bindings and tools outside the ABI promise, visible only with
 * `GIST_HELPERS_API` defined.
 *
 * @code
 * #include <gist/gist.h>
 *
 * int main(void)
 * {
 *     printf("libgist %s\n", gist_version()); // the library loaded, against GIST_VERSION_STRING
 *     return gist_version_number() == GIST_VERSION_NUMBER ? 0 : 1;
 * }
 * @endcode
 */

#include "gist/common.h"
#include "gist/version.h"
#include "gist/agent.h"
#include "gist/patient.h"
#include "gist/pathway.h"
#include "gist/advice.h"
#include "gist/timeline.h"
#include "gist/cohort.h"
#include "gist/risk.h"

#endif /* GIST_GIST_H */
