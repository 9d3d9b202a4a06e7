-- libgist - therapy-sequencing decision support for advanced GIST.
-- SPDX-License-Identifier: Apache-2.0
--
-- What the Lua specs share: where the source tree is, and reading a file whole.
-- Loaded with dofile from the specs (busted runs only the *_spec.lua files).

local helpers = {}

-- The source tree: GIST_SOURCE_DIR, else three levels above this file (bindings/lua/tests).
function helpers.source_dir()
    local env = os.getenv("GIST_SOURCE_DIR")
    if env and env ~= "" then
        return env
    end
    local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
    return here .. "/../../.."
end

function helpers.read(path)
    local f = assert(io.open(path, "rb"))
    local text = f:read("*a")
    f:close()
    return text
end

return helpers
