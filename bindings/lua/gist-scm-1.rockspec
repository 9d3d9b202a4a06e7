-- The Lua module gist over an installed libgist, built with luarocks' cmake backend
-- (bindings/lua/CMakeLists.txt, standalone mode). From this directory:
--
--   luarocks --lua-version 5.4 --tree ./t make GIST_DIR=<prefix of the installed libgist>
--
-- then `require "gist"` with the tree's paths (eval "$(luarocks --lua-version 5.4 --tree ./t path)").
-- For LuaJIT: --lua-version 5.1 LUA_INCDIR=/usr/include/luajit-2.1. Needs swig and cmake.
rockspec_format = "3.0"
package = "gist"
version = "scm-1"
-- The libgist repository this rockspec is in (two levels up): `luarocks make` builds the checkout
-- it is run in and fetches nothing.
source = {
   url = "git+file://../..",
}
description = {
   summary = "Therapy-sequencing decision support for advanced GIST (libgist's Lua module)",
   detailed = [[
Tables in, tables out: advice from a pathway for a patient, with its rule, rationale and evidence;
lines of therapy and audit findings from event files. libgist supports clinicians; it does not
prescribe.]],
   license = "Apache-2.0",
}
dependencies = {
   "lua >= 5.1, < 5.5",
}
external_dependencies = {
   GIST = {
      header = "gist/gist.h",
      library = "gist",
   },
}
build = {
   type = "cmake",
   variables = {
      CMAKE_BUILD_TYPE = "Release",
      CMAKE_PREFIX_PATH = "$(GIST_DIR)",
      LUA_INCDIR = "$(LUA_INCDIR)",
      LUA_LIBDIR = "$(LIBDIR)",
      LUA_LUADIR = "$(LUADIR)",
   },
}
