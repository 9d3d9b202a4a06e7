#!/usr/bin/env bash
# A tool's manual page against the tool itself: every command, option and exit status that
# `TOOL --help` lists must be in its page (gist(1): docs/gist.1; gist-synth(1): docs/gist-synth.1),
# and groff must format the page without a warning.
# Usage: man.sh path/to/tool path/to/tool.1
set -u
GIST=$1
PAGE=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

[ -f "$PAGE" ] || { echo "no manual page at $PAGE"; exit 1; }
help=$("$GIST" --help) || { echo "gist --help failed"; exit 1; }
# The page as plain text, with roff's escaped hyphens and font changes undone.
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIPR]//g' -e 's/\\(em/-/g' "$PAGE")

# Commands: the first word of each line of the "Commands:" section, and the section heading for it.
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' | sort -u)
if printf '%s\n' "$help" | grep -q '^Commands:'; then
    [ -n "$commands" ] || fail "no commands found in the Commands section of --help"
fi
for c in $commands; do
    printf '%s\n' "$text" | grep -q "^\.SS $c\b" || fail "command '$c' has no .SS section under COMMANDS"
    printf '%s\n' "$text" | grep -q "^\.B $c\b\|^\.B $c\$" || fail "command '$c' is not in SYNOPSIS"
done

# Options: every --long and -x option anywhere in the help.
options=$(printf '%s\n' "$help" | grep -o -- '\(^\|[ ,(]\)-\{1,2\}[a-zA-Z][a-zA-Z-]*' | sed 's/^[ ,(]//' | sort -u)
[ -n "$options" ] || fail "no options found in --help"
for o in $options; do
    printf '%s\n' "$text" | grep -q -- "^\.B[IR]* .*$o\b\|^\.B[IR]* $o\$" || fail "option '$o' is not described"
done

# Exit statuses: each number listed after "Exit status:" is a .B entry of EXIT STATUS.
statuses=$(printf '%s\n' "$help" | sed -n '/^Exit status:/,/^Errors/p' | grep -o '\b[0-9]\{1,3\}\b' | sort -un)
[ -n "$statuses" ] || fail "no exit statuses found in --help"
exit_section=$(printf '%s\n' "$text" | sed -n '/^\.SH EXIT STATUS/,/^\.SH /p')
for s in $statuses; do
    printf '%s\n' "$exit_section" | grep -q "^\.B $s\$" || fail "exit status $s is not in EXIT STATUS"
done

# Formatting: no warning from groff (all warning categories).
if command -v groff >/dev/null 2>&1; then
    warnings=$(groff -man -ww -z -Tutf8 "$PAGE" 2>&1)
    [ -z "$warnings" ] || fail "groff warns: $warnings"
fi

checked=$(($(echo "$commands" | wc -w) + $(echo "$options" | wc -w) + $(echo "$statuses" | wc -w)))
echo "man: $checked commands, options and exit statuses of $(basename "$GIST") --help checked, $failures missing"
[ "$failures" -eq 0 ]
