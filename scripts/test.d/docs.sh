# Sourced by scripts/test: the Doxygen reference with zero warnings (the docs preset), the pages it
# must contain (the main page, one diagram per built-in pathway, one page per example), and the
# pathway diagrams page as a headless browser renders it (tests/docs/browser.sh: 1600 px wide,
# every diagram whole, no horizontal scrolling, no stray ";"; its screenshot is kept in
# build/docs/browser/).
# shellcheck shell=bash

docs_build() {
    cmake --preset docs && cmake --build --preset docs -j "$JOBS" || return 1
    local html=build/docs/docs/html f id rc=0
    [ -f "$html/index.html" ] || { echo "no $html/index.html"; return 1; }
    for f in lib/data/pathways/*.json; do
        id=$(basename "$f" .json)
        [ -s "$html/$id.svg" ] || { echo "no diagram of pathway $id in $html"; rc=1; }
    done
    for f in examples/c/*.c; do
        [ -f "$html/$(basename "$f" .c)_8c-example.html" ] || { echo "no example page for $f"; rc=1; }
    done
    grep -q 'gist-2016.svg' "$html/clinical_basis.html" || { echo "the clinical basis does not show its diagram"; rc=1; }
    tests/docs/browser.sh "$html" build/docs/browser || rc=1
    [ "$rc" -eq 0 ] && echo "reference: $(find "$html" -name '*.html' | wc -l) pages in $html"
    return $rc
}
stage docs "Doxygen reference, guides and pathway diagrams (warnings are errors)" -- docs_build
