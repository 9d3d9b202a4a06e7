-- libgist - therapy-sequencing decision support for advanced GIST.
-- SPDX-License-Identifier: Apache-2.0
--
-- Risk of recurrence from Lua: the tables as the library holds them (MIETTINEN-2006,
-- JOENSUU-2008), undetermined results, errors and lifetimes.

local gist = require "gist"

local function collect()
    collectgarbage("collect")
    collectgarbage("collect")
end

describe("risk tables (" .. _VERSION .. ")", function()
    it("lists the built-in tables", function()
        assert.same({"afip-miettinen-2006", "joensuu-2008"}, gist.risk_tables())
        local t = gist.risk_table("joensuu-2008")
        assert.equal("JOENSUU-2008", t.evidence)
        assert.equal("2026.1", t.version)
        assert.equal("per_50_hpf", t:mitotic_unit())
        assert.equal(13, #t:cells())
    end)

    it("JOENSUU_2008: a gastric 6 cm tumour with 3 mitoses is intermediate, unverified", function()
        local r = gist.risk_table("joensuu-2008"):assess{
            site = "stomach", size_cm = 6, mitotic_count = 3, mitotic_unit = "per_50_hpf", rupture = false}
        assert.equal("intermediate", r.category)
        assert.equal("unverified", r.verification)
        assert.equal("gastric.gt5-le10.le5", r.cells[1].id)
        assert.same({"MA"}, r.cells[1].sources)
        assert.equal("joensuu-2008", r.table)
        assert.matches("Risk by joensuu%-2008: intermediate", tostring(r))
    end)

    it("JOENSUU_2008: rupture is high whatever else, verified", function()
        local r = gist.risk_table("joensuu-2008"):assess{rupture = true}
        assert.equal("high", r.category)
        assert.equal("verified", r.verification)
        assert.same({}, r.missing)
    end)

    it("MIETTINEN_2006: percentages where the copies agree, none where they conflict", function()
        local t = gist.risk_table("afip-miettinen-2006")
        local r = t:assess{site = "stomach", size_cm = 7, mitotic_count = 8, mitotic_unit = "per_50_hpf"}
        assert.equal("high", r.category)
        assert.equal(55, r.cells[1].percent)
        r = t:assess{site = "stomach", size_cm = 12, mitotic_count = 2, mitotic_unit = "per_50_hpf"}
        assert.equal("moderate", r.category)
        assert.is_nil(r.cells[1].percent)
        assert.matches("12%%", r.cells[1].note)
    end)

    it("MIETTINEN_2006: a duodenal cell left out is undetermined, with the reason", function()
        local r = gist.risk_table("afip-miettinen-2006"):assess{
            site = "duodenum", size_cm = 7, mitotic_count = 2, mitotic_unit = "per_50_hpf"}
        assert.equal("undetermined", r.category)
        assert.is_true(r.cells[1].left_out)
        assert.matches("which column is the duodenum is not settled", r.why)
    end)

    it("names the facts that would decide", function()
        local results = gist.assess_risk{size_cm = 7, mitotic_count = 3, mitotic_unit = "per_50_hpf", rupture = false}
        assert.equal(2, #results)
        assert.equal("undetermined", results[2].category)
        assert.same({"site"}, results[2].missing)
        assert.matches("record the primary site", results[2].why)
    end)

    it("raises the library's errors", function()
        local t = gist.risk_table("joensuu-2008")
        local ok, err = pcall(t.assess, t, {size_cm = 0})
        assert.is_false(ok)
        assert.matches("^GIST_ERANGE: size_cm:", err)
        ok, err = pcall(t.assess, t, {site = "liver"})
        assert.matches("^GIST_ESCHEMA: site: unknown value", err)
        ok, err = pcall(t.assess, t, {grade = 2})
        assert.matches("^GIST_EINVAL", err)
        ok, err = pcall(gist.risk_table, "nih-2002")
        assert.matches("^GIST_ENOTFOUND", err)
        ok, err = pcall(gist.parse_risk_table, "{\"format\": \"gist-risk/9\"}", "x.json")
        assert.matches("^GIST_EVERSION: x.json:1:", err)
    end)

    it("keeps the table alive while a result is used", function()
        local r = gist.risk_table("joensuu-2008"):assess{site = "rectum", size_cm = 3, mitotic_count = 8,
                                                           mitotic_unit = "per_5_mm2", rupture = false}
        collect()
        assert.equal("high", r.category)
        assert.matches("an inference", r.notes[1])
        assert.matches("\"id\":\"joensuu%-2008\"", r:json(true))
    end)
end)
