# Sourced by scripts/test: what a user of a fresh Debian 12 machine does with an installed libgist
# (docs/getting-started-*.md): `cmake --install` into a prefix, then from outside the source tree
#   - man 3 gist_advise, man 3 libgist, man gist-synth and man gist with MANPATH set;
#   - gist-synth from the prefix;
#   - the Lua module with luarocks into a local tree (bindings/lua/gist-scm-1.rockspec, Lua 5.4 and
#     LuaJIT), then require "gist";
#   - pip install of the Python package in a venv without Debian's packages: the build tools come
#     from Debian's wheels (/usr/share/python-wheels) and no package index is reachable, so pip
#     must stop with a clear error naming the missing dependency numpy (with an index, it would
#     install numpy);
#   - examples/lua/host built against the prefix and run over the example patients.
# The stage runs inside `if`, where `set -e` does nothing: every check fails explicitly.
# shellcheck shell=bash

packaging() (
    fail() { echo "FAIL: $*"; exit 1; }
    # the libgist a program loads, as a canonical path
    libgist_of() { readlink -f "$(ldd "$1" | sed -n 's/^.*libgist\.so\.[0-9]* => \([^ ]*\) .*$/\1/p')"; }
    build_preset dev || fail "the dev build failed"
    src=$PWD
    work=$src/build/packaging-test
    rm -rf "$work"
    mkdir -p "$work"
    prefix=$work/prefix
    cmake --install build/dev --prefix "$prefix" >"$work/install.log" || fail "cmake --install failed"
    unset PYTHONPATH LD_LIBRARY_PATH LUA_PATH LUA_CPATH LUA_PATH_5_4 LUA_CPATH_5_4 MANPATH
    cd "$work" || fail "no $work"

    echo "== manual pages"
    export MANWIDTH=80
    MANPATH=$prefix/share/man man 3 gist_advise >man-advise.txt || fail "man 3 gist_advise"
    grep -q "gist_advise" man-advise.txt && grep -q "Apply a pathway to a patient" man-advise.txt ||
        fail "man 3 gist_advise does not show the advice module"
    MANPATH=$prefix/share/man man 3 libgist | grep -q "libgist-advice" || fail "man 3 libgist"
    MANPATH=$prefix/share/man man gist-synth | grep -q "synthetic cohort" || fail "man gist-synth"
    MANPATH=$prefix/share/man man 1 gist | grep -q "gist-synth" || fail "man gist"
    echo "man 3 gist_advise, man 3 libgist, man gist-synth and man gist read from $prefix/share/man"

    echo "== gist-synth from the prefix"
    "$prefix/bin/gist-synth" --patients 3 --seed 7 >synth.csv || fail "gist-synth"
    [ "$(wc -l <synth.csv)" -gt 3 ] || fail "gist-synth wrote no events"
    "$prefix/bin/gist" lines synth.csv >synth-lines.csv || fail "gist lines over gist-synth's output"
    case $(libgist_of "$prefix/bin/gist-synth") in "$prefix"/*) ;; *) fail "gist-synth does not use the prefix's libgist" ;; esac

    echo "== luarocks: the rockspec into a local tree"
    # luarocks make builds in the rockspec's directory: build a copy of bindings/lua and
    # bindings/swig, so that the checkout stays clean.
    mkdir -p rock/bindings && cp -r "$src/bindings/lua" "$src/bindings/swig" rock/bindings/ || fail "copy"
    rm -rf rock/bindings/lua/build.luarocks
    (cd rock/bindings/lua && luarocks --lua-version 5.4 --tree "$work/t" make GIST_DIR="$prefix") \
        >luarocks-5.4.log 2>&1 || { cat luarocks-5.4.log; fail "luarocks make (Lua 5.4)"; }
    (cd rock/bindings/lua && rm -rf build.luarocks &&
        luarocks --lua-version 5.1 --tree "$work/tj" make GIST_DIR="$prefix" LUA_INCDIR=/usr/include/luajit-2.1) \
        >luarocks-luajit.log 2>&1 || { cat luarocks-luajit.log; fail "luarocks make (LuaJIT)"; }
    one_liner='local gist = require "gist"
assert(package.searchpath("gist.core", package.cpath):find(os.getenv("GIST_TREE"), 1, true), "gist.core is not the rock")
print(gist.pathway("gist-2016"):advise{regimen = {agent = "imatinib", dose = 400}, response = "progression",
                                      confirmed_by = "radiologic"}.options[1].summary)'
    (eval "$(luarocks --lua-version 5.4 --tree "$work/t" path)" && GIST_TREE=$work/t/ lua5.4 -e "$one_liner") >lua54.out 2>&1
    grep -qx "Increase imatinib to 800 mg daily" lua54.out || { cat lua54.out; fail "require \"gist\" (Lua 5.4)"; }
    (eval "$(luarocks --lua-version 5.1 --tree "$work/tj" path)" && GIST_TREE=$work/tj/ luajit -e "$one_liner") >luajit.out 2>&1
    grep -qx "Increase imatinib to 800 mg daily" luajit.out || { cat luajit.out; fail "require \"gist\" (LuaJIT)"; }
    echo "luarocks make into ./t (Lua 5.4) and ./tj (LuaJIT); require \"gist\" advises from both"

    echo "== pip in a venv without Debian's numpy"
    /usr/bin/python3 -m venv "$work/bare-venv" || fail "python3 -m venv"
    "$work/bare-venv/bin/python" -c 'import numpy' 2>/dev/null && fail "the bare venv sees a numpy"
    rm -rf "$src/bindings/python/build" "$src"/bindings/python/*.egg-info
    env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
        PIP_DISABLE_PIP_VERSION_CHECK=1 PKG_CONFIG_PATH="$(dirname "$(find "$prefix" -name gist.pc | head -n 1)")" \
        "$work/bare-venv/bin/python" -m pip install --no-index --find-links /usr/share/python-wheels \
        "$src/bindings/python" >pip-bare.log 2>&1
    status=$?
    rm -rf "$src/bindings/python/build" "$src"/bindings/python/*.egg-info
    cat pip-bare.log
    [ "$status" -ne 0 ] || fail "pip installed the package without numpy"
    grep -q "No matching distribution found for numpy" pip-bare.log || fail "pip's error does not name numpy"
    "$work/bare-venv/bin/python" -c 'import gist' 2>/dev/null && fail "a broken gist was left installed"
    echo "pip without numpy: refused, naming the missing dependency numpy"

    echo "== examples/lua/host against the prefix"
    cmake -S "$src/examples/lua/host" -B host-build -DCMAKE_PREFIX_PATH="$prefix" >host-cmake.log 2>&1 ||
        { cat host-cmake.log; fail "configure examples/lua/host against the prefix"; }
    cmake --build host-build >host-build.log 2>&1 || { cat host-build.log; fail "build examples/lua/host"; }
    grep -q "$src/build/dev" host-build/CMakeCache.txt && fail "the host build refers to the build tree"
    "$src/examples/lua/host/check.sh" "$work/host-build/gist-lua-host" "$src" "$work/host-check" ||
        fail "the host built against the prefix"
    case $(libgist_of host-build/gist-lua-host) in "$prefix"/*) ;; *) fail "the host does not use the prefix's libgist" ;; esac
    echo "packaging: every check passed"
)
stage packaging "installed prefix: man 3, gist-synth, luarocks make, pip without numpy, Lua host" -- packaging
