# Sourced by scripts/test: cppcheck and clang-tidy over lib/ and tools/ (scripts/lint); any finding
# not reviewed in tests/lint/known-findings.txt fails.
# shellcheck shell=bash
stage lint "cppcheck and clang-tidy, no new findings" -- scripts/lint
