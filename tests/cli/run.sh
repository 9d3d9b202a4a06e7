#!/usr/bin/env bash
# End-to-end tests of the gist command-line tool.
# Usage: run.sh path/to/gist source-dir
set -u
GIST=$1
SRC=$2
EX=$SRC/examples/patients
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
    local want=$1 what=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$what: exit $got, expected $want"; sed 's/^/  stderr: /' "$TMP/err" | head -5
    else ok; fi
}
expect_in() { # FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then ok; else fail "$3: missing \"$2\""; sed 's/^/  /' "$1" | head -5; fi
}
valid_json() { # FILE DESCRIPTION
    if /usr/bin/python3 -m json.tool "$1" >/dev/null 2>&1; then ok; else fail "$2: not valid JSON"; fi
}

# ---- basics ----
expect_exit 0 "--version" -- "$GIST" --version
expect_in "$TMP/out" "libgist" "--version"
expect_exit 0 "--help" -- "$GIST" --help
expect_in "$TMP/out" "Exit status" "--help"
expect_exit 64 "no command" -- "$GIST"
expect_exit 64 "unknown command" -- "$GIST" frobnicate
expect_in "$TMP/err" "unknown command" "unknown command message"
expect_exit 64 "unknown option" -- "$GIST" --frob advise x.json
expect_exit 64 "advise without files" -- "$GIST" advise
expect_exit 64 "pathway without show" -- "$GIST" pathway gist-2016
expect_exit 64 "--pathway without value" -- "$GIST" advise --pathway

# ---- every shipped example gives its documented outcome and rule ----
: >"$TMP/traces"
while IFS=$'\t' read -r file outcome rule; do
    case "$file" in '#'*|'') continue ;; esac
    expect_exit 0 "advise $file" -- "$GIST" advise --compact "$EX/$file"
    expect_in "$TMP/out" "\"outcome\":\"$outcome\"" "$file outcome"
    if [ "$rule" != "-" ]; then expect_in "$TMP/out" "\"rule\":\"$rule\"" "$file rule"; fi
    expect_in "$TMP/out" '"pathway":{"id":"gist-2016","version":"2016.1"}' "$file pathway id and version"
    cat "$TMP/out" >>"$TMP/traces"
    expect_exit 0 "advise text $file" -- "$GIST" advise "$EX/$file"
    expect_in "$TMP/out" "not a prescription" "$file disclaimer"
done <"$EX/expected.tsv"

# every rule of the 2016 pathway fires for at least one shipped example
"$GIST" pathway show gist-2016 | sed -n 's/^[0-9][0-9]*\. \([^ ]*\) \[.*/\1/p' >"$TMP/rules"
[ "$(wc -l <"$TMP/rules")" -ge 20 ] && ok || fail "could not list the rules of gist-2016"
while read -r r; do
    if grep -qF "\"rule\":\"$r\",\"result\":\"fired\"" "$TMP/traces"; then ok
    else fail "no shipped example fires rule $r"; fi
done <"$TMP/rules"

# ---- several files: text separated, JSON an array ----
expect_exit 0 "advise several --json" -- "$GIST" advise --json "$EX/p16-4-escalate.json" "$EX/scope-adjuvant.json"
valid_json "$TMP/out" "advise several --json"
expect_in "$TMP/out" "P16-4.escalate-to-800" "several: first"
expect_in "$TMP/out" "scope.adjuvant" "several: second"
expect_exit 0 "advise several text" -- "$GIST" advise "$EX/p16-4-escalate.json" "$EX/scope-adjuvant.json"
expect_in "$TMP/out" "p16-4-escalate.json" "several: file names"

# ---- bad input: clear errors with file, line, column and field; documented exit codes ----
expect_exit 66 "missing file" -- "$GIST" advise "$TMP/nope.json"
expect_in "$TMP/err" "nope.json: cannot open" "missing file message"
printf '{\n  "regimen": {"agent": "imatinib", "dose_mg": 40000}\n}\n' >"$TMP/absurd.json"
expect_exit 65 "absurd dose" -- "$GIST" advise "$TMP/absurd.json"
expect_in "$TMP/err" "absurd.json:2:47: /regimen/dose_mg: imatinib dose 40000 mg/day is implausible" "absurd dose message"
printf '{"regimen": {"agent": "imatinib", "dose_mg": 400}' >"$TMP/truncated.json"
expect_exit 65 "truncated JSON" -- "$GIST" advise "$TMP/truncated.json"
expect_in "$TMP/err" "truncated.json:1:" "truncated message"
printf '{"regimen": {"agent": "aspirin", "dose_mg": 100}}' >"$TMP/drug.json"
expect_exit 65 "unknown drug" -- "$GIST" advise "$TMP/drug.json"
expect_in "$TMP/err" "/regimen/agent: unknown agent \"aspirin\"" "unknown drug message"
printf '{"response": "stable", "response": "progression"}' >"$TMP/dup.json"
expect_exit 65 "duplicate key" -- "$GIST" advise "$TMP/dup.json"
expect_in "$TMP/err" "duplicate" "duplicate key message"
: >"$TMP/empty.json"
expect_exit 65 "empty file" -- "$GIST" advise "$TMP/empty.json"
# one bad file among good ones: the good ones are still advised, the exit code reports the failure
expect_exit 65 "bad among good" -- "$GIST" advise "$EX/p16-4-escalate.json" "$TMP/drug.json"
expect_in "$TMP/out" "P16-4.escalate-to-800" "good file still advised"

# ---- pathways ----
expect_exit 0 "pathways" -- "$GIST" pathways
expect_in "$TMP/out" "gist-2016" "pathways lists gist-2016"
expect_exit 0 "pathways --json" -- "$GIST" pathways --json
valid_json "$TMP/out" "pathways --json"
expect_exit 0 "pathway show" -- "$GIST" pathway show gist-2016
expect_in "$TMP/out" "P16-4.escalate-to-800 [recommend]" "pathway show text"
expect_exit 0 "pathway show --json" -- "$GIST" pathway show gist-2016 --json
valid_json "$TMP/out" "pathway show --json"
cp "$TMP/out" "$TMP/gist-2016-copy.json"
expect_exit 0 "pathway show --dot" -- "$GIST" pathway show gist-2016 --dot
expect_in "$TMP/out" "digraph \"gist-2016\" {" "dot header"
expect_in "$TMP/out" "\"imatinib 400 mg\" -> \"rule P16-4.escalate-to-800\"" "dot regimen to rule"
# Graphviz (when installed) renders the diagram without a single warning
if command -v dot >/dev/null 2>&1; then
    if dot -Tsvg -o "$TMP/pathway.svg" "$TMP/out" 2>"$TMP/dot.err" && [ ! -s "$TMP/dot.err" ] &&
        grep -q "P16&#45;4.escalate&#45;to&#45;800" "$TMP/pathway.svg"; then ok; else
        fail "dot cannot render gist pathway show --dot cleanly"; sed 's/^/  /' "$TMP/dot.err" | head -5
    fi
fi
expect_exit 64 "pathway show --json --dot" -- "$GIST" pathway show gist-2016 --json --dot
expect_exit 66 "pathway show missing" -- "$GIST" pathway show no-such-pathway
expect_in "$TMP/err" "no built-in pathway or file named \"no-such-pathway\"" "missing pathway message"
# a pathway from a file gives the same advice as the built-in one
expect_exit 0 "--pathway FILE" -- "$GIST" --pathway "$TMP/gist-2016-copy.json" advise --compact "$EX/p16-4-escalate.json"
expect_in "$TMP/out" "\"rule\":\"P16-4.escalate-to-800\"" "--pathway FILE advice"
sed 's/"agent": "sunitinib"/"agent": "sunitinab"/' "$TMP/gist-2016-copy.json" >"$TMP/broken.json"
expect_exit 65 "--pathway broken file" -- "$GIST" advise --pathway="$TMP/broken.json" "$EX/p16-4-escalate.json"
expect_in "$TMP/err" "broken.json:" "broken pathway names the file"
expect_in "$TMP/err" "/agent: unknown agent \"sunitinab\"; did you mean \"sunitinib\"?" "broken pathway names the field"

# ---- agents ----
expect_exit 0 "agents" -- "$GIST" agents
expect_in "$TMP/out" "L01EA01" "agents lists ATC"
expect_in "$TMP/out" "Gleevec" "agents lists brands"
expect_exit 0 "agents --json" -- "$GIST" agents --json
valid_json "$TMP/out" "agents --json"

echo "cli: $checks checks passed, $failures failed"
[ "$failures" -eq 0 ]
