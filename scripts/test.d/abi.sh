# Sourced by scripts/test: the exported symbols and the ABI of the dev build against the
# committed baseline (scripts/abi-check; record a deliberate change with scripts/abi-update).
# shellcheck shell=bash

abi_check() {
    # only the library is needed
    { cmake --preset dev && cmake --build --preset dev -j "$JOBS" --target gist; } >/dev/null || return 1
    scripts/abi-check build/dev
}
stage abi "exported symbols and ABI against tests/abi (abidiff)" -- abi_check
