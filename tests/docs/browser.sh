#!/usr/bin/env bash
# The rendered reference in a headless browser: the pathway diagrams page, 1600 px wide, shows
# every diagram whole without horizontal scrolling and no stray ";" (what a CMake list joined into
# the text leaves at the start of a line), and a screenshot of it is kept for people to look at.
# Usage: browser.sh HTML_DIR OUT_DIR
set -u
HTML=$(cd "$1" && pwd) OUT=$2
mkdir -p "$OUT" || exit 1
OUT=$(cd "$OUT" && pwd)
BROWSER=$(command -v chromium || command -v chromium-browser) || { echo "chromium (Debian package chromium) is needed"; exit 1; }
page=$HTML/pathway_diagrams.html
[ -f "$page" ] || { echo "no $page"; exit 1; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

browser() { # a fresh profile each time, nothing fetched from the network
    local profile
    profile=$(mktemp -d)
    timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
        --allow-file-access-from-files \
        --user-data-dir="$profile" --window-size=1600,1200 --virtual-time-budget=10000 "$@" 2>"$OUT/browser.log"
    local rc=$?
    rm -rf "$profile"
    return $rc
}

# A copy of the page beside it (its styles and images resolve the same) that measures itself once
# loaded and writes the figures into its title, which the dumped DOM shows.
probe=$HTML/pathway_diagrams.probe.html
sed 's|</body>|<script>window.addEventListener("load", function () {\
  var images = Array.prototype.slice.call(document.querySelectorAll(".contents img, .contents object"));\
  var box = document.getElementById("doc-content") \|\| document.scrollingElement;\
  var text = (document.querySelector(".contents") \|\| document.body).innerText;\
  document.title = "PROBE " + JSON.stringify({\
    viewport: window.innerWidth, pageWidth: document.scrollingElement.scrollWidth,\
    boxWidth: box.clientWidth, boxScrollWidth: box.scrollWidth,\
    boxRight: Math.round(box.getBoundingClientRect().left + box.clientWidth),\
    images: images.map(function (i) { var r = i.getBoundingClientRect();\
      var svg = i.contentDocument \&\& i.contentDocument.documentElement;\
      var natural = i.naturalWidth \|\| (svg \&\& svg.getBoundingClientRect().width) \|\| 0;\
      return {src: i.getAttribute("src") \|\| i.getAttribute("data"), complete: natural > 0,\
              width: Math.round(r.width), right: Math.round(r.right), natural: Math.round(natural)}; }),\
    semicolons: (text.match(/(^\|\\n)[ \\t]*;/g) \|\| []).length});\
});</script></body>|' "$page" >"$probe"
browser --dump-dom "file://$probe" >"$OUT/probe.html"
rm -f "$probe"
figures=$(sed -n 's|.*<title>PROBE \(.*\)</title>.*|\1|p' "$OUT/probe.html" | sed 's/&quot;/"/g')
[ -n "$figures" ] || { cat "$OUT/browser.log"; echo "the page did not measure itself"; exit 1; }
echo "$figures" >"$OUT/figures.json"
/usr/bin/python3 - "$OUT/figures.json" "$HTML" <<'PY' || failures=$((failures + 1))
import glob, json, os, sys
f = json.load(open(sys.argv[1]))
want = sorted(os.path.basename(p) for p in glob.glob(os.path.join(sys.argv[2], "*.svg"))
              if os.path.basename(p) != "doxygen.svg")
problems = []
if f["pageWidth"] > f["viewport"] or f["viewport"] > 1600:
    problems.append("the page scrolls horizontally: %d px wide in a %d px window" % (f["pageWidth"], f["viewport"]))
if f["boxScrollWidth"] > f["boxWidth"]:
    problems.append("the content scrolls horizontally: %d px in %d px" % (f["boxScrollWidth"], f["boxWidth"]))
shown = [i["src"] for i in f["images"] if i["src"].endswith(".svg")]
for src in want:
    if src not in shown:
        problems.append("diagram %s is not on the page" % src)
for i in f["images"]:
    if not i["complete"]:
        problems.append("image %s did not load" % i["src"])
    if i["right"] > f["boxRight"] or i["width"] < i["natural"]:
        problems.append("image %s does not fit: %d px wide (%d natural), right edge at %d, the content's at %d"
                        % (i["src"], i["width"], i["natural"], i["right"], f["boxRight"]))
if f["semicolons"]:
    problems.append("%d stray ';' in the page text" % f["semicolons"])
for p in problems:
    print("FAIL:", p)
print("browser: %d px window, page %d px, diagrams %s" %
      (f["viewport"], f["pageWidth"], ", ".join("%s %d px" % (i["src"], i["width"]) for i in f["images"])))
sys.exit(1 if problems else 0)
PY
# The screenshot, for people to look at (build/docs/browser/pathway_diagrams.png).
browser --screenshot="$OUT/pathway_diagrams.png" "file://$page" >/dev/null
[ -s "$OUT/pathway_diagrams.png" ] || fail "no screenshot"
echo "browser: screenshot in $OUT/pathway_diagrams.png; $failures problem(s)"
[ "$failures" -eq 0 ]
