/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_LUA_H
#define GIST_LUA_H

/*
 * <gist/lua.h>: libgist's Lua 5.4 module linked into a host program.
 *
 * The static library libgist_lua (CMake: find_package(gist COMPONENTS lua),
 * target gist::lua) holds the raw SWIG module gist.core and the Lua layer
 * gist (bindings/lua/gist.lua, compiled in), so a host that embeds Lua 5.4
 * needs no file beside it at run time:
 *
 *     lua_State *L = luaL_newstate();
 *     luaL_openlibs(L);
 *     gist_lua_preload(L);            // then scripts say: local gist = require "gist"
 *
 * The host links Lua 5.4 itself (pkg-config lua5.4). The functions follow
 * the lua_CFunction conventions; like every Lua call they belong to the
 * thread that owns the state.
 */

#include <lua.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Open the raw module gist.core: pushes its table (the C API with the gist_ prefix removed). */
int luaopen_gist_core(lua_State *L);

/* Open the module gist (the Lua layer over gist.core, which it requires): pushes its table.
 * A Lua error if the compiled-in source does not load. */
int luaopen_gist(lua_State *L);

/* Put both in package.preload, so that require "gist" and require "gist.core" find them. */
void gist_lua_preload(lua_State *L);

#ifdef __cplusplus
}
#endif

#endif /* GIST_LUA_H */
