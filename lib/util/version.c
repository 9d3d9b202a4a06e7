/*
 * Run-time version.
 * SPDX-License-Identifier: Apache-2.0
 */

#include "gist/gist.h"

const char *gist_version(void)
{
    return GIST_VERSION_STRING;
}

int gist_version_number(void)
{
    return GIST_VERSION_NUMBER;
}
