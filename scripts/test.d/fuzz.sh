# Sourced by scripts/test. Every CTest run replays the fuzz corpora (fuzz.replay.<target>, in the
# unit and asan stages); this stage replays them under valgrind too. With GIST_FUZZ_SECONDS set,
# each libFuzzer target also runs for that many seconds (scripts/fuzz).
# shellcheck shell=bash

fuzz_replay_valgrind() {
    local t rc=0 n=0 targets
    # only the replay drivers are needed
    cmake --preset dev >/dev/null || return 1
    targets=$(tr ';' '\n' <build/dev/tests/fuzz/targets.txt | sed 's/^/fuzz_replay_/')
    # shellcheck disable=SC2086
    cmake --build --preset dev -j "$JOBS" --target $targets >/dev/null || return 1
    for t in build/dev/tests/fuzz/fuzz_replay_*; do
        [ -x "$t" ] || continue
        echo "== $t"
        valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect "$t" || rc=1
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] || { echo "no fuzz replay drivers in build/dev/tests/fuzz"; return 1; }
    return $rc
}
stage fuzz-replay "fuzz corpora replayed under valgrind" -- fuzz_replay_valgrind

if [ "${GIST_FUZZ_SECONDS:-0}" != 0 ]; then
    stage fuzz "each libFuzzer target for ${GIST_FUZZ_SECONDS}s (scripts/fuzz)" -- scripts/fuzz "$GIST_FUZZ_SECONDS"
fi
