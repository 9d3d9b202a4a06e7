-- Lines of therapy and audit from Lua: the hand-checked fixture gives exactly its expected CSV.
-- SPDX-License-Identifier: Apache-2.0

local gist = require "gist"

local helpers = dofile((debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or ".") .. "/helpers.lua")
local source_dir, read = helpers.source_dir, helpers.read

local LOT = source_dir() .. "/tests/data/lot"

describe("lines of therapy (" .. _VERSION .. (jit and (", " .. jit.version) or "") .. ")", function()
    it("gives the fixture exactly its expected lines CSV", function()
        assert.are.equal(read(LOT .. "/cohort.lines.csv"), gist.lines(LOT .. "/cohort.csv"):to_csv())
    end)

    it("gives the fixture exactly its expected findings CSV", function()
        local result = gist.audit(LOT .. "/cohort.csv")
        assert.are.equal(read(LOT .. "/cohort.audit.csv"), result:findings_to_csv())
        assert.are.equal(read(LOT .. "/cohort.lines.csv"), result:to_csv())
    end)

    it("reads CSV text as it reads the file", function()
        local text = read(LOT .. "/cohort.csv")
        assert.are.equal(read(LOT .. "/cohort.lines.csv"), gist.lines({text = text, name = "cohort"}):to_csv())
    end)

    it("P16-4: a dose step stays inside its line", function()
        local lines = gist.lines(LOT .. "/cohort.csv").lines
        local first = lines[1]
        assert.are.equal("A", first.patient)
        assert.are.equal(1, first.line)
        assert.are.equal("advanced", first.setting)
        assert.are.equal("progression", first.end_reason)
        assert.are.same({"imatinib"}, first.agents)
        assert.are.equal(2, #first.dose_steps)
        assert.are.same({date = "2016-07-01", agent = "imatinib", dose_mg = 800, reason = "progression"},
            first.dose_steps[2])
    end)

    it("P16-2: an interruption while benefiting is a warning with its row", function()
        local findings = gist.audit(LOT .. "/cohort.csv").findings
        local found
        for _, f in ipairs(findings) do
            if f.patient == "B" and f.code == "interruption" then
                found = f
            end
        end
        assert.is_truthy(found)
        assert.are.equal("warning", found.severity)
        assert.are.equal(16, found.row)
        assert.are.same({"P16-2", "P16-3"}, found.evidence)
    end)

    it("echoes and applies the options", function()
        local result = gist.audit(LOT .. "/cohort.csv", {interruption_days = 90, censor_date = "2020-01-01"})
        assert.are.equal(90, result.options.interruption_days)
        assert.are.equal("2020-01-01", result.options.censor_date)
        for _, f in ipairs(result.findings) do
            assert.is_false(f.patient == "B" and f.code == "interruption")
        end
        assert.has_error(function() gist.lines(LOT .. "/cohort.csv", {interuption_days = 3}) end)
    end)

    it("raises with the file, line and column on bad input", function()
        local ok, err = pcall(gist.lines, {text = "patient,date,agent\n1,2015-01-01,aspirinib\n", name = "bad.csv"})
        assert.is_false(ok)
        assert.matches("^GIST_ENOTFOUND: bad.csv:2:", tostring(err))
        ok, err = pcall(gist.lines, {text = "patient,date,agent\n1,1899-12-31,imatinib\n"})
        assert.is_false(ok)
        assert.matches("^GIST_ERANGE", tostring(err))
        ok, err = pcall(gist.lines, {text = ""})
        assert.is_false(ok)
        assert.matches("empty", tostring(err))
        ok, err = pcall(gist.lines, LOT .. "/no-such-file.csv")
        assert.is_false(ok)
        assert.matches("^GIST_EIO", tostring(err))
    end)
end)
