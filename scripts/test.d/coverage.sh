# Sourced by scripts/test: line and branch coverage of lib/ by the C tests, with a floor
# (scripts/coverage --check; report in build/coverage/).
# shellcheck shell=bash
stage coverage "line and branch coverage of lib/ (gcovr), with a floor" -- scripts/coverage --check
