#!/bin/sh
# Test of gist-lua-host: triage.lua over every example patient must give the
# outcome and deciding rule listed in examples/patients/expected.tsv; a bad
# document must be reported with its name and the library's message while
# the others are still handled; a script that returns no function is refused.
# Usage: check.sh HOST SOURCE_DIR WORK_DIR
set -eu
HOST=$1 SRC=$2 WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
PATIENTS=$SRC/examples/patients

# 1. Every example patient: outcome and deciding rule as expected.
"$HOST" "$SRC/examples/lua/host/triage.lua" "$PATIENTS"/*.json >"$WORK/triage.out"
cut -f 1-3 "$WORK/triage.out" | sort >"$WORK/got.tsv"
grep -v '^#' "$PATIENTS/expected.tsv" | sort >"$WORK/want.tsv"
if ! cmp -s "$WORK/got.tsv" "$WORK/want.tsv"; then
    echo "triage differs from expected.tsv:"
    diff "$WORK/want.tsv" "$WORK/got.tsv" || true
    exit 1
fi
grep -q "^p16-4-escalate.json	recommended	P16-4.escalate-to-800	Increase imatinib to 800 mg daily \[P16-4, P16-5\]$" \
    "$WORK/triage.out"
grep -q "^undetermined-confirmation.json	undetermined	-	missing: confirmed_by$" "$WORK/triage.out"

# 2. A malformed and a missing document fail alone: exit status 1, one
#    message each naming the document, and the good document still handled.
printf '{"regimen": {"agent": "imatinib", "dose_mg": 40000}}' >"$WORK/implausible.json"
status=0
"$HOST" "$SRC/examples/lua/host/triage.lua" "$WORK/implausible.json" "$WORK/absent.json" \
    "$PATIENTS/p16-1-maintain-400.json" >"$WORK/bad.out" 2>"$WORK/bad.err" || status=$?
[ "$status" -eq 1 ] || { echo "expected exit status 1 for bad documents, got $status"; exit 1; }
grep -q "implausible.json: GIST_ERANGE: .*implausible.json:1:.*imatinib dose 40000 mg/day is implausible" "$WORK/bad.err" ||
    { echo "no range error for implausible.json:"; cat "$WORK/bad.err"; exit 1; }
grep -q "absent.json: No such file or directory" "$WORK/bad.err" ||
    { echo "no error for absent.json:"; cat "$WORK/bad.err"; exit 1; }
[ "$(wc -l <"$WORK/bad.err")" -eq 2 ] || { echo "expected two error lines:"; cat "$WORK/bad.err"; exit 1; }
grep -q "^p16-1-maintain-400.json	recommended	P16-1.maintain-400	" "$WORK/bad.out"

# 3. A script that does not return a function is a usage error (status 2).
echo 'return 42' >"$WORK/not-a-handler.lua"
status=0
"$HOST" "$WORK/not-a-handler.lua" "$PATIENTS/p16-1-maintain-400.json" 2>"$WORK/usage.err" || status=$?
[ "$status" -eq 2 ] && grep -q "must return a function" "$WORK/usage.err" ||
    { echo "expected status 2 and a message for a script returning a number (got $status)"; exit 1; }

# 4. Errors raised by the library reach the script as catchable Lua errors.
cat >"$WORK/pcall.lua" <<'LUA'
local gist = require "gist"
return function(text, name)
    local ok, err = pcall(gist.pathway, "no-such-pathway")
    assert(not ok and err.code == "GIST_ENOTFOUND" and tostring(err):match("^GIST_ENOTFOUND: "), tostring(err))
    return "caught " .. err.code
end
LUA
"$HOST" "$WORK/pcall.lua" "$PATIENTS/p16-1-maintain-400.json" >"$WORK/pcall.out"
grep -qx "caught GIST_ENOTFOUND" "$WORK/pcall.out"
echo "gist-lua-host: $(wc -l <"$WORK/triage.out") example patients triaged as expected; errors reported per document"
