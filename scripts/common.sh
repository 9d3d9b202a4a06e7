# Shared by scripts/demo and scripts/test: the Debian packages libgist needs
# and a function that installs the missing ones (when run as root).
# shellcheck shell=bash

# Build and C tests.
GIST_DEPS_CORE="build-essential cmake pkg-config libjansson-dev libcmocka-dev python3"
# Sanitizers, fuzzing, coverage, ABI checks, static analysis and formatting.
GIST_DEPS_CHECKS="clang libclang-rt-14-dev valgrind gcovr abigail-tools cppcheck clang-tidy clang-format"
# Bindings: SWIG, Python (Debian's /usr/bin/python3 and its python3-* packages), Lua 5.4 and LuaJIT.
GIST_DEPS_BINDINGS="swig python3-dev python3-setuptools python3-wheel python3-wheel-whl python3-venv python3-pip python3-pytest
  python3-hypothesis python3-numpy python3-pandas python3-matplotlib python3-nbclient python3-nbformat
  python3-ipykernel python3-dask python3-distributed liblua5.4-dev lua5.4 libluajit-5.1-dev luajit lua-busted
  luarocks"
# Reference documentation, pathway diagrams, the manual pages and their checks, and the headless
# browser that looks at the rendered reference.
GIST_DEPS_DOCS="doxygen graphviz groff-base man-db chromium"

# gist_install_deps PACKAGE...: install what dpkg does not have yet.
gist_install_deps() {
    local missing=()
    local p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages: ${missing[*]}" >&2
        echo "Run this script as root to install them, or: sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

gist_jobs() {
    nproc 2>/dev/null || echo 2
}
