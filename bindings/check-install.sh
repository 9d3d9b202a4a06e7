#!/bin/sh
# Install the build into a fresh prefix and use the bindings from there as
# docs/getting-started-*.md say: Python with the prefix's package directory
# on its path, Lua 5.4 and LuaJIT with the prefix's module directories on
# theirs. The one-liners must print the escalation to 800 mg with its basis,
# and each module must load libgist from the prefix (its run path is
# relative to its own location), not from the build tree.
#
# Usage: check-install.sh BUILD_DIR SOURCE_DIR WORK_DIR CMAKE [KEY=VALUE...] [--full]
#   PYTHON=  PYDIR=                        interpreter and package dir (relative to the prefix)
#   LUA54=   LUA_CMOD=   LUA_LMOD=          Lua 5.4 and its module dirs (relative)
#   LUAJIT=  LUAJIT_CMOD= LUAJIT_LMOD=      LuaJIT and its module dirs (relative)
#   --full   also run the Python and Lua test suites against the installed modules
#            (as does GIST_CHECK_INSTALL_FULL=1 in the environment)
set -eu
BUILD=$1 SRC=$2 WORK=$3 CMAKE=$4
shift 4
FULL=${GIST_CHECK_INSTALL_FULL:-0}
PYTHON="" PYDIR="" LUA54="" LUA_CMOD="" LUA_LMOD="" LUAJIT="" LUAJIT_CMOD="" LUAJIT_LMOD=""
for arg; do
    case $arg in
    --full) FULL=1 ;;
    PYTHON=*) PYTHON=${arg#*=} ;;
    PYDIR=*) PYDIR=${arg#*=} ;;
    LUA54=*) LUA54=${arg#*=} ;;
    LUA_CMOD=*) LUA_CMOD=${arg#*=} ;;
    LUA_LMOD=*) LUA_LMOD=${arg#*=} ;;
    LUAJIT=*) LUAJIT=${arg#*=} ;;
    LUAJIT_CMOD=*) LUAJIT_CMOD=${arg#*=} ;;
    LUAJIT_LMOD=*) LUAJIT_LMOD=${arg#*=} ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

rm -rf "$WORK"
mkdir -p "$WORK"
PREFIX=$(cd "$WORK" && pwd)/prefix
"$CMAKE" --install "$BUILD" --prefix "$PREFIX" >"$WORK/install.log"
unset LD_LIBRARY_PATH PYTHONPATH LUA_PATH LUA_CPATH LUA_PATH_5_4 LUA_CPATH_5_4 || true
cd "$WORK"   # no source or build tree on any search path

expect_escalation() { # FILE WHAT
    grep -q "Increase imatinib to 800 mg daily" "$1" && grep -q "P16-4" "$1" && grep -q "P16-5" "$1" ||
        { echo "$2 did not print the escalation with its basis:"; cat "$1"; exit 1; }
}

if [ -n "$PYTHON" ]; then
    [ -f "$PREFIX/$PYDIR/gist/__init__.py" ] || { echo "no Python package in $PREFIX/$PYDIR"; exit 1; }
    PYTHONPATH=$PREFIX/$PYDIR "$PYTHON" -c 'import gist; print(gist.Pathway.builtin("gist-2016").advise(gist.Patient(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")))' \
        >"$WORK/python.out"
    expect_escalation "$WORK/python.out" "the Python one-liner"
    PYTHONPATH=$PREFIX/$PYDIR "$PYTHON" - "$PREFIX" <<'PY'
import sys
import gist
prefix = sys.argv[1]
assert gist.__file__.startswith(prefix), gist.__file__
libs = {line.split()[-1] for line in open("/proc/self/maps") if "libgist.so" in line}
assert libs and all(p.startswith(prefix) for p in libs), libs
PY
    echo "python: the package and libgist load from $PREFIX"
    if [ "$FULL" -eq 1 ]; then
        PYTHONPATH=$PREFIX/$PYDIR PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -m pytest -p no:cacheprovider -q \
            "$SRC/bindings/python/tests"
    fi
fi

LUA_ONE_LINER='print(require("gist").pathway("gist-2016"):advise{regimen = {agent = "imatinib", dose = 400}, response = "progression", confirmed_by = "radiologic"})'
LUA_CHECK_LIB='
local prefix = ...
local found = false
for line in io.lines("/proc/self/maps") do
    local path = line:match("(%S*libgist%.so%S*)$")
    if path then
        assert(path:sub(1, #prefix) == prefix, "libgist loaded from " .. path)
        found = true
    end
end
assert(found, "libgist is not loaded")
assert(package.searchpath == nil or package.searchpath("gist", package.path):sub(1, #prefix) == prefix)'

check_lua() { # NAME INTERPRETER CMOD LMOD PATHVAR CPATHVAR
    name=$1 lua=$2 cmod=$PREFIX/$3 lmod=$PREFIX/$4
    [ -f "$cmod/gist/core.so" ] && [ -f "$lmod/gist.lua" ] || { echo "$name modules not installed in $cmod, $lmod"; exit 1; }
    env "$5=$lmod/?.lua;;" "$6=$cmod/?.so;;" "$lua" -e "$LUA_ONE_LINER" >"$WORK/$name.out"
    expect_escalation "$WORK/$name.out" "the $name one-liner"
    env "$5=$lmod/?.lua;;" "$6=$cmod/?.so;;" "$lua" -e "require 'gist'; (function(...) $LUA_CHECK_LIB end)('$PREFIX')"
    echo "$name: the module and libgist load from $PREFIX"
    if [ "$FULL" -eq 1 ]; then
        env "$5=$lmod/?.lua;;" "$6=$cmod/?.so;;" GIST_SOURCE_DIR="$SRC" "$lua" "$(command -v busted)" \
            --output=TAP "$SRC/bindings/lua/tests"
    fi
}
[ -z "$LUA54" ] || check_lua lua5.4 "$LUA54" "$LUA_CMOD" "$LUA_LMOD" LUA_PATH_5_4 LUA_CPATH_5_4
[ -z "$LUAJIT" ] || check_lua luajit "$LUAJIT" "$LUAJIT_CMOD" "$LUAJIT_LMOD" LUA_PATH LUA_CPATH
echo "bindings: installed and used from $PREFIX"
