/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_GIST_H
#define GIST_GIST_H

/**
 * @file gist.h
 * @brief Umbrella header: includes every public libgist header.
 *
 * @code
 * #include <gist/gist.h>
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
