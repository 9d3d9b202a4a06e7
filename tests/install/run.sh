#!/usr/bin/env bash
# Install libgist into a temporary prefix and build every program in
# examples/c against it, once with pkg-config and once with find_package(gist),
# then run both.
# Usage: run.sh BUILD_DIR SOURCE_DIR WORK_DIR CMAKE CC
set -eu
BUILD=$1 SRC=$2 WORK=$3 CMAKE=$4 CC=$5
rm -rf "$WORK"
mkdir -p "$WORK"
PREFIX=$WORK/prefix
"$CMAKE" --install "$BUILD" --prefix "$PREFIX" >"$WORK/install.log"

pc=$(find "$PREFIX" -name gist.pc | head -n 1)
[ -n "$pc" ] || { echo "gist.pc was not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir gist)
[ -f "$libdir/libgist.so" ] || { echo "pkg-config libdir $libdir has no libgist.so"; exit 1; }
[ -f "$libdir/libgist.a" ] || { echo "static library missing in $libdir"; exit 1; }
[ -x "$PREFIX/bin/gist" ] || { echo "gist tool not installed"; exit 1; }
[ -n "$(find "$PREFIX" -path '*/man1/gist.1')" ] || { echo "manual page gist.1 not installed"; exit 1; }
"$PREFIX/bin/gist" --version | grep -qF "libgist $(pkg-config --modversion gist)" ||
    { echo "pkg-config version differs from the library's"; exit 1; }

# 1. pkg-config: every program in examples/c/, as C99 with warnings as errors, run from the prefix
examples=0
for src in "$SRC"/examples/c/*.c; do
    name=$(basename "$src" .c)
    # shellcheck disable=SC2046
    "$CC" -std=c99 -Wall -Wextra -Werror -o "$WORK/$name-pc" "$src" $(pkg-config --cflags --libs gist)
    LD_LIBRARY_PATH=$libdir "$WORK/$name-pc" >"$WORK/$name-pc.out" || { echo "examples/c/$name.c failed"; exit 1; }
    examples=$((examples + 1))
done
[ "$examples" -gt 1 ] || { echo "no examples found in $SRC/examples/c"; exit 1; }
grep -q "1. Increase imatinib to 800 mg daily \[escalate imatinib 800 mg/day\]" "$WORK/advise-pc.out"
grep -q "P16-5: About one third" "$WORK/advise-pc.out"

# 2. find_package(gist): the same programs build with CMake and print the same
"$CMAKE" -S "$SRC/examples/c" -B "$WORK/cmake-build" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_BUILD_RPATH="$libdir" >"$WORK/cmake.log"
"$CMAKE" --build "$WORK/cmake-build" >"$WORK/build.log"
for src in "$SRC"/examples/c/*.c; do
    name=$(basename "$src" .c)
    "$WORK/cmake-build/$name" >"$WORK/$name-cmake.out"
    cmp "$WORK/$name-pc.out" "$WORK/$name-cmake.out"
done

# 3. the installed tool runs from the prefix
"$PREFIX/bin/gist" advise "$SRC/examples/patients/p16-4-escalate.json" | grep -q "P16-4.escalate-to-800"

# 4. headers compile as C++ too
if command -v c++ >/dev/null; then
    printf '#include <gist/gist.h>\nint main() { return gist_version_number() > 0 ? 0 : 1; }\n' >"$WORK/cxx.cc"
    # shellcheck disable=SC2046
    c++ -Wall -Werror -o "$WORK/cxx" "$WORK/cxx.cc" $(pkg-config --cflags --libs gist)
    LD_LIBRARY_PATH=$libdir "$WORK/cxx"
fi
echo "install: $examples examples built with pkg-config and find_package and ran from $PREFIX"
