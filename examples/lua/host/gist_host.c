/*
 * gist-lua-host: how a host application (an integration engine, a clinical
 * system) scripts libgist from Lua.
 *
 * The host embeds Lua 5.4 and links libgist's Lua module in (libgist_lua,
 * <gist/lua.h>): a script says `local gist = require "gist"` and needs no
 * file beside the host. The host
 * owns the input: it reads each patient document itself and hands its text to
 * the script, the way an engine hands over each message it receives. An error
 * in one document is reported and the host goes on with the next.
 *
 * Usage: gist-lua-host SCRIPT [FILE...]
 *
 * SCRIPT runs once and must return a function. The host calls it for each
 * FILE as handler(text, name); a string it returns is printed on standard
 * output (nothing is printed for nil). A Lua error is printed on standard
 * error as "FILE: message".
 *
 * Exit status: 0 when every file was handled, 1 when a handler failed for at
 * least one file, 2 for a usage error or a script that does not load, run
 * or return a function.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <gist/gist.h>
#include <gist/lua.h>

/* Largest patient document the host accepts; libgist's own limit is 16 MiB. */
#define HOST_MAX_DOCUMENT (16u * 1024u * 1024u)

/* Read a whole file into a new buffer; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
        if (len == cap) {
            if (cap >= HOST_MAX_DOCUMENT) {
                free(buf);
                buf = NULL;
                errno = EFBIG;
                break;
            }
            char *more = realloc(buf, cap * 2);
            if (!more) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = more;
            cap *= 2;
        }
    }
    int failed = buf && ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *size = len;
    return buf;
}

/* Message handlers: the error's text (its __tostring if it has one), with
   or without a traceback. */
static int message_only(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    return 1;
}

static int traceback(lua_State *L)
{
    const char *msg = luaL_tolstring(L, 1, NULL);
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Call the function below the top `nargs` values, reporting an error on
   stderr as "what: message". */
static int protected_call(lua_State *L, int nargs, int nresults, const char *what, lua_CFunction handler)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, handler);
    lua_insert(L, base);
    int rc = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (rc != LUA_OK) {
        fprintf(stderr, "%s: %s\n", what, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: %s SCRIPT [FILE...]\n"
                "Runs SCRIPT (which returns a function) in Lua 5.4 with libgist %s, then calls\n"
                "that function as handler(text, name) for each FILE and prints what it returns.\n",
                argv[0], gist_version());
        return argc < 2 ? 2 : 0;
    }
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, "%s: cannot create a Lua state\n", argv[0]);
        return 2;
    }
    luaL_openlibs(L);
    gist_lua_preload(L); /* require "gist" and "gist.core" find the linked-in modules */

    int status = 0;
    if (luaL_loadfile(L, argv[1]) != LUA_OK) {
        fprintf(stderr, "%s\n", lua_tostring(L, -1));
        lua_close(L);
        return 2;
    }
    if (protected_call(L, 0, 1, argv[1], traceback) != LUA_OK) {
        lua_close(L);
        return 2;
    }
    if (!lua_isfunction(L, -1)) {
        fprintf(stderr, "%s: the script must return a function (handler(text, name)), not a %s\n", argv[1],
                luaL_typename(L, -1));
        lua_close(L);
        return 2;
    }
    int handler = lua_gettop(L);

    for (int i = 2; i < argc; i++) {
        size_t size = 0;
        char *text = read_file(argv[i], &size);
        if (!text) {
            fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        lua_pushvalue(L, handler);
        lua_pushlstring(L, text, size);
        lua_pushstring(L, argv[i]);
        free(text);
        /* One line per failed document, as an engine's log wants it. */
        if (protected_call(L, 2, 1, argv[i], message_only) != LUA_OK) {
            status = 1;
            continue;
        }
        if (!lua_isnil(L, -1)) {
            size_t len = 0;
            const char *out = luaL_tolstring(L, -1, &len);
            fwrite(out, 1, len, stdout);
            fputc('\n', stdout);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        /* Each document's objects go before the next is read, as in a long-running engine. */
        lua_gc(L, LUA_GCCOLLECT, 0);
    }
    lua_close(L);
    if (fflush(stdout) != 0)
        status = 1;
    return status;
}
