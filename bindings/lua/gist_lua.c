/*
 * The Lua layer compiled into libgist_lua for embedding hosts (gist_lua.h,
 * installed as <gist/lua.h>): luaopen_gist() runs the embedded gist.lua.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <lauxlib.h>

#include "gist_lua.h"
#include "model/builtin.h" /* the embedded file's type (cmake/EmbedData.cmake) */

extern const struct gist_builtin_file gist_lua_sources[];

int luaopen_gist(lua_State *L)
{
    const struct gist_builtin_file *f = &gist_lua_sources[0];
    if (luaL_loadbuffer(L, (const char *)f->data, f->length, "=gist.lua") != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, "gist");
    lua_call(L, 1, 1);
    return 1;
}

void gist_lua_preload(lua_State *L)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_gist_core);
    lua_setfield(L, -2, "gist.core");
    lua_pushcfunction(L, luaopen_gist);
    lua_setfield(L, -2, "gist");
    lua_pop(L, 1);
}
