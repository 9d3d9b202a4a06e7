-- A script for gist-lua-host: triage each incoming patient document against
-- the built-in 2016 pathway, one tab-separated line per document:
--   file  outcome  deciding rule ('-' when none)  first option (or what is missing)
--
--   gist-lua-host examples/lua/host/triage.lua examples/patients/*.json
local gist = require "gist"

local pathway = gist.pathway("gist-2016")

return function(text, name)
    local patient = gist.parse_patient(text, name)
    local advice = pathway:advise(patient)
    local detail
    if advice.outcome == "recommended" then
        local first = advice.options[1]
        detail = string.format("%s [%s]", first.summary, table.concat(first.evidence, ", "))
    elseif advice.outcome == "undetermined" then
        local facts = {}
        for _, m in ipairs(advice.missing) do
            facts[#facts + 1] = m.fact
        end
        detail = "missing: " .. table.concat(facts, ", ")
    else
        detail = "not covered"
    end
    return table.concat({name:match("[^/]*$"), advice.outcome, advice.rule or "-", detail}, "\t")
end
