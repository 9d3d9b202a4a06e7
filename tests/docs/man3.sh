#!/usr/bin/env bash
# The section 3 manual pages of the C API (docs/man3): each page renders with man at 80 columns
# without a warning, each link page (one per function, type, enum value and macro) names a page
# that exists, every module has its page, and a function's page shows its module's.
# Usage: man3.sh MAN_DIR    (the directory holding man3/)
set -u
DIR=$1
cd "$DIR" || { echo "no manual pages in $DIR"; exit 1; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
command -v man >/dev/null || { echo "man (Debian package man-db) is needed"; exit 1; }

pages=0 links=0
for page in man3/*.3; do
    target=$(sed -n '1s/^\.so //p' "$page")
    if [ -n "$target" ]; then
        links=$((links + 1))
        [ -f "$target" ] || fail "$page links to $target, which does not exist"
        continue
    fi
    pages=$((pages + 1))
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "$page: $warnings"
done
[ "$links" -gt 100 ] || fail "only $links link pages in $DIR/man3"
for module in common version agent patient pathway advice timeline cohort helpers; do
    [ -f "man3/libgist-$module.3" ] || fail "no page for the module $module"
done
[ -f man3/libgist.3 ] || fail "no overview page libgist.3"
out=$(MANWIDTH=80 man -l man3/gist_advise.3 2>&1)
printf '%s\n' "$out" | grep -q "gist_advise" && printf '%s\n' "$out" | grep -q "Apply a pathway to a patient" ||
    fail "man3/gist_advise.3 does not show the advice module"
out=$(MANWIDTH=80 man -l man3/GIST_SCHEDULE_4ON2OFF.3 2>&1)
printf '%s\n' "$out" | grep -q "gist_schedule_cycle" || fail "an enum value's page does not show its module"
echo "man3: $pages pages render without a warning and $links link pages find theirs; $failures problem(s)"
[ "$failures" -eq 0 ]
