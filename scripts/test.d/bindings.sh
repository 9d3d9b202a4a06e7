# Sourced by scripts/test: the Python and Lua bindings (bindings/, examples/lua/host,
# examples/python). Each stage builds the dev preset (a no-op when the unit stage
# already did) and runs the CTest tests of one label, or an install check.
# shellcheck shell=bash

GIST_PYTHON=${GIST_PYTHON:-/usr/bin/python3}

# bindings_ctest LABEL: the CTest tests labelled exactly LABEL, verbosely.
bindings_ctest() {
    build_preset dev || return 1
    ctest --preset dev -L "^$1\$" --no-tests=error -V
}

# Install with cmake into a fresh prefix: the one-liners, then the Python and
# Lua suites against the installed modules.
bindings_cmake_install() {
    build_preset dev || return 1
    GIST_CHECK_INSTALL_FULL=1 ctest --preset dev -L '^bindings-install$' --no-tests=error -V
}

# Install the C library into a fresh prefix, then the Python package with pip
# into a venv that sees Debian's packages; the one-liner and the suite run
# with the venv's interpreter from outside the source tree.
bindings_pip() (
    # runs inside `if`, where `set -e` does nothing: every step fails explicitly
    fail() { echo "FAIL: $*"; exit 1; }
    build_preset dev || fail "the dev build failed"
    src=$PWD
    work=$src/build/pip-test
    rm -rf "$work"
    mkdir -p "$work"
    cmake --install build/dev --prefix "$work/prefix" >"$work/install.log" || fail "cmake --install"
    pcdir=$(dirname "$(find "$work/prefix" -name gist.pc | head -n 1)")
    "$GIST_PYTHON" -m venv --system-site-packages "$work/venv" || fail "venv"
    # pip builds in the source tree; leave nothing behind there.
    rm -rf "$src/bindings/python/build" "$src"/bindings/python/*.egg-info
    trap 'rm -rf "$src/bindings/python/build" "$src"/bindings/python/*.egg-info' EXIT
    PKG_CONFIG_PATH=$pcdir PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$work/venv/bin/python" -m pip install --no-build-isolation --no-index bindings/python || fail "pip install"
    cd "$work" || fail "no $work"
    unset PYTHONPATH LD_LIBRARY_PATH
    venv/bin/python -c 'import gist; print(gist.Pathway.builtin("gist-2016").advise(gist.Patient(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")))' \
        | tee one-liner.out
    grep -q "Increase imatinib to 800 mg daily" one-liner.out && grep -q "P16-5" one-liner.out ||
        fail "the one-liner did not print the escalation with its basis"
    venv/bin/python - "$work" <<'PY' || fail "gist or libgist did not load from the venv and the prefix"
import sys
import gist
work = sys.argv[1]
assert gist.__file__.startswith(work + "/venv/"), gist.__file__
libs = {line.split()[-1] for line in open("/proc/self/maps") if "libgist.so" in line}
assert libs and all(p.startswith(work + "/prefix/") for p in libs), libs
print("pip: gist from", gist.__file__, "with", *libs)
PY
    PYTHONDONTWRITEBYTECODE=1 venv/bin/python -m pytest -p no:cacheprovider -q "$src/bindings/python/tests" ||
        fail "the Python suite against the pip install"
)

# Memory errors across the boundary, whatever order objects are freed in:
# the Python lifetime tests, the Lua suite (with leak checking) and the host.
bindings_valgrind() {
    build_preset dev || return 1
    local vg="valgrind --quiet --error-exitcode=1" rc=0
    echo "== Python lifetime tests"
    PYTHONMALLOC=malloc PYTHONPATH=build/dev/bindings/python PYTHONDONTWRITEBYTECODE=1 \
        $vg --leak-check=no "$GIST_PYTHON" -m pytest -p no:cacheprovider -q bindings/python/tests/test_lifetime.py || rc=1
    echo "== Lua 5.4 suite"
    LUA_PATH_5_4="bindings/lua/?.lua;;" LUA_CPATH_5_4="build/dev/bindings/lua/lua5.4/?.so;;" \
        $vg --leak-check=full --errors-for-leak-kinds=definite,indirect \
        lua5.4 "$(command -v busted)" --output=TAP bindings/lua/tests || rc=1
    echo "== gist-lua-host over the example patients"
    $vg --leak-check=full --errors-for-leak-kinds=definite,indirect \
        build/dev/bindings/lua/host/gist-lua-host examples/lua/host/triage.lua examples/patients/*.json || rc=1
    return $rc
}

stage python "Python bindings: pytest and hypothesis properties" -- bindings_ctest python
stage lua54 "Lua bindings under Lua 5.4 (busted)" -- bindings_ctest lua54
stage luajit "Lua bindings under LuaJIT (busted)" -- bindings_ctest luajit
stage lua-host "gist-lua-host: Lua 5.4 embedded in C, over the example patients" -- bindings_ctest lua-host
stage notebook "examples/python/*.ipynb (quickstart, cohort) executed with nbclient" -- bindings_ctest notebook
stage bindings-install "cmake --install: one-liners and suites against the installed modules" -- bindings_cmake_install
stage pip "pip install --no-build-isolation into a venv: one-liner and pytest" -- bindings_pip
stage bindings-valgrind "bindings under valgrind: Python lifetimes, Lua suite, Lua host" -- bindings_valgrind
