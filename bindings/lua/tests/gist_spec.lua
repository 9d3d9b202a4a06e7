-- libgist - therapy-sequencing decision support for advanced GIST.
-- SPDX-License-Identifier: Apache-2.0
--
-- The Lua module `gist`, run by busted under Lua 5.4 and under LuaJIT.
-- Clinical tests are named after the rule or statement they check.

local gist = require "gist"
local core = require "gist.core"

local helpers = dofile((debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or ".") .. "/helpers.lua")
local source_dir, read = helpers.source_dir, helpers.read

local PATIENTS = source_dir() .. "/examples/patients"

local function collect()
    collectgarbage("collect")
    collectgarbage("collect")
end

local PROGRESSION = {regimen = {agent = "imatinib", dose = 400}, response = "progression", confirmed_by = "radiologic"}

local function ids(list, field)
    local out = {}
    for i, item in ipairs(list) do
        out[i] = item[field]
    end
    return out
end

describe("gist (" .. _VERSION .. (jit and (", " .. jit.version) or "") .. ")", function()
    local pw

    before_each(function()
        pw = gist.pathway("gist-2016")
    end)

    describe("the 2016 pathway", function()
        it("gives every example patient its listed outcome and rule", function()
            local count = 0
            for line in io.lines(PATIENTS .. "/expected.tsv") do
                if not line:match("^#") and line ~= "" then
                    local file, outcome, rule = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
                    local path = PATIENTS .. "/" .. file
                    local advice = pw:advise(gist.parse_patient(read(path), file))
                    assert.are.equal(outcome, advice.outcome, file)
                    assert.are.equal(rule ~= "-" and rule or nil, advice.rule, file)
                    assert.are.same(advice.outcome, pw:advise(gist.load_patient(path)).outcome)
                    count = count + 1
                end
            end
            assert.is_true(count >= 28)
        end)

        it("P16-4: escalates imatinib 400 to 800 mg on radiologic progression, with its basis", function()
            local advice = pw:advise(PROGRESSION)
            assert.are.equal("recommended", advice.outcome)
            assert.are.equal("P16-4.escalate-to-800", advice.rule)
            assert.are.equal(1, #advice.options)
            local o = advice.options[1]
            assert.are.same({rank = 1, action = "escalate", agent = "imatinib", dose_mg = 800, schedule = "continuous",
                             dose_text = "800 mg daily", line = 1, summary = "Increase imatinib to 800 mg daily",
                             rationale = o.rationale, evidence = {"P16-4", "P16-5"}}, o)
            assert.truthy(advice.references["P16-5"]:find("one third", 1, true))
            assert.are.same({id = "gist-2016", version = "2016.1"}, advice.pathway)
            local text = tostring(advice)
            assert.truthy(text:find("Increase imatinib to 800 mg daily", 1, true))
            assert.truthy(text:find("P16-4", 1, true) and text:find("P16-5", 1, true))
            assert.are.equal(text, advice:to_text())
        end)

        it("P16-1: maintains imatinib 400 mg while responding and tolerating", function()
            local advice = pw:advise{setting = "advanced", regimen = {agent = "imatinib", dose_mg = 400},
                                     response = "stable", confirmed_by = "radiologic", tolerance = "tolerating",
                                     interrupted = false}
            assert.are.equal("P16-1.maintain-400", advice.rule)
            assert.are.equal("continue", advice.options[1].action)
            assert.are.equal(400, advice.options[1].dose_mg)
        end)

        it("P16-2: resumes interrupted imatinib and alerts against treatment holidays", function()
            local advice = pw:advise{setting = "advanced", regimen = {agent = "imatinib", dose = 400},
                                     response = "stable", confirmed_by = "radiologic", tolerance = "tolerating",
                                     interrupted = true}
            assert.are.equal("P16-2.resume-imatinib", advice.rule)
            assert.are.same({"resume"}, ids(advice.options, "action"))
            assert.are.same({"P16-2.no-holidays"}, ids(advice.alerts, "id"))
            assert.are.equal("warning", advice.alerts[1].severity)
        end)

        it("P16-3: unknown confirmation is undetermined and names the missing fact", function()
            local advice = pw:advise{setting = "advanced", regimen = {agent = "imatinib", dose = 400},
                                     response = "progression"}
            assert.are.equal("undetermined", advice.outcome)
            assert.is_nil(advice.rule)
            assert.are.same({}, advice.options)
            assert.are.same({"confirmed_by"}, ids(advice.missing, "fact"))
            assert.are.same({{rule = "P16-3.confirm-progression", result = "unknown"}}, advice.trace)
        end)

        it("P16-6: switches to sunitinib, line 2, without an invented dose", function()
            local advice = pw:advise{setting = "advanced", regimen = {agent = "imatinib", dose = 800},
                                     tolerance = "intolerant"}
            local o = advice.options[1]
            assert.are.same({"switch", "sunitinib", 2}, {o.action, o.agent, o.line})
            assert.is_nil(o.dose_mg)
            assert.is_nil(o.schedule)
        end)

        it("P16-9: regorafenib is third line after progression on sunitinib", function()
            local advice = pw:advise{setting = "advanced", regimen = {agent = "Sutent", dose = 50, schedule = "4on2off"},
                                     response = "progression", confirmed_by = "radiologic"}
            assert.are.equal("P16-9.regorafenib-after-progression-on-sunitinib", advice.rule)
            assert.are.same({"switch", "regorafenib", 3}, {advice.options[1].action, advice.options[1].agent,
                                                            advice.options[1].line})
        end)

        it("P16-10 and P16-12: refer after three failed lines, with the off-label TKIs", function()
            local advice = pw:advise{setting = "advanced", regimen = "none", prior = {
                {agent = "imatinib", stopped = "progression"}, {agent = "sunitinib", stopped = "progression"},
                {agent = "regorafenib", stopped = "intolerance"}}}
            assert.are.equal("P16-10.refer-after-three-lines", advice.rule)
            assert.are.equal("refer", advice.options[1].action)
            local off_label = {}
            for _, o in ipairs(advice.options) do
                if o.action == "consider_off_label" then
                    off_label[#off_label + 1] = o.agent
                end
            end
            assert.are.same({"dasatinib", "nilotinib", "sorafenib", "pazopanib", "axitinib"}, off_label)
        end)

        it("P16-silent: the adjuvant setting is not covered", function()
            local advice = pw:advise{setting = "adjuvant", regimen = {agent = "imatinib", dose = 400}}
            assert.are.equal("not_covered", advice.outcome)
            assert.are.equal("scope.adjuvant", advice.rule)
        end)

        it("decide agrees with advise", function()
            local list = {gist.patient(PROGRESSION), {regimen = {agent = "imatinib", dose = 400},
                                                      response = "progression"}}
            local d = pw:decide(list)
            assert.are.same({{outcome = "recommended", rule = "P16-4.escalate-to-800"}, {outcome = "undetermined"}}, d)
            assert.are.same({}, pw:decide{})
        end)
    end)

    describe("objects", function()
        it("reads pathway fields, rules and evidence", function()
            assert.are.same({"gist-2016"}, gist.pathways())
            assert.are.equal("2016.1", pw.version)
            assert.truthy(pw.title and pw.description and pw.source)
            local rules = pw:rules()
            assert.are.equal(27, #rules)
            assert.are.equal("scope.setting-not-stated", rules[1].id)
            local r = pw:rule("P16-4.escalate-to-800")
            assert.are.equal("recommend", r.kind)
            assert.are.equal(800, r.options[1].dose_mg)
            assert.is_nil(pw:rule("no-such-rule"))
            assert.truthy(pw:evidence()["P16-12"])
            assert.are.equal(pw:evidence()["P16-4"], pw:evidence("P16-4"))
            assert.truthy(pw:to_dot():find("digraph", 1, true))
            assert.truthy(pw:to_text():find("P16-4.escalate-to-800", 1, true))
            assert.truthy(tostring(pw):find("gist pathway gist-2016 2016.1", 1, true))
        end)

        it("round-trips a pathway through JSON text and a file", function()
            local text = pw:to_json()
            local again = gist.parse_pathway(text, "copy.json")
            assert.are.equal(text, again:to_json())
            local path = os.tmpname()
            local f = assert(io.open(path, "wb"))
            f:write(text)
            f:close()
            local loaded = gist.load_pathway(path)
            os.remove(path)
            assert.are.equal("P16-4.escalate-to-800", loaded:advise(PROGRESSION).rule)
        end)

        it("builds a patient from every fact and reads them back", function()
            local p = gist.patient{id = "P-1", setting = "advanced", genotype = "kit_exon11",
                                   regimen = {agent = "Glivec", dose = 800, schedule = "continuous", line = 1},
                                   response = "progression", confirmed_by = "radiologic", extent = "generalized",
                                   tolerance = "tolerating", interrupted = false, referred = true,
                                   prior = {{agent = "imatinib", stopped = "completed", setting = "adjuvant"}}}
            assert.are.same({agent = "imatinib", dose_mg = 800, schedule = "continuous", line = 1}, p.regimen)
            assert.are.same({"P-1", "advanced", "kit_exon11", "progression", "radiologic", "generalized", "tolerating",
                             false, true, 1, 1},
                            {p.id, p.setting, p.genotype, p.response, p.confirmed_by, p.extent, p.tolerance,
                             p.interrupted, p.referred, p.line, p.failed_lines})
            assert.are.same({{agent = "imatinib", stopped = "completed", setting = "adjuvant"}}, p.prior)
            local again = gist.parse_patient(p:to_json())
            assert.are.equal(p:to_json(), again:to_json())
            assert.are.equal(p:to_json(true), p:copy():to_json(true))
            local unknown = gist.patient()
            assert.is_nil(unknown.response)
            assert.is_nil(unknown.regimen)
            assert.is_nil(unknown.prior)
            assert.is_nil(unknown.line)
            assert.are.equal("none", gist.patient{regimen = "none"}.regimen)
            assert.are.same({}, gist.patient{prior = {}}.prior)
        end)

        it("gives the advice JSON format", function()
            local json = pw:advise(PROGRESSION):to_json(true)
            assert.truthy(json:find('"format":"gist-advice/1"', 1, true))
            assert.truthy(json:find('"rule":"P16-4.escalate-to-800"', 1, true))
            assert.is_nil(json:find("\n", 1, true))
        end)

        it("lists and looks up agents", function()
            local agents = gist.agents()
            assert.are.equal("imatinib", agents[1].name)
            local a = gist.agent("GLEEVEC")
            assert.are.equal("imatinib", a.name)
            assert.are.equal("L01EA01", a.atc)
            assert.are.equal("282388", a.rxnorm)
            assert.are.same({400, 800}, ids(a.doses, "dose_mg"))
            assert.is_nil(gist.agent("regorafenib").rxnorm)
        end)

        it("extends the registry from a file, leaving the built-in one unchanged", function()
            local text = '{"format": "gist-agents/1", "agents": [{"extends": "imatinib", "brands": ["Testivec"]},'
                .. ' {"name": "exampletinib", "class": "tyrosine kinase inhibitor"}]}'
            local reg = gist.parse_registry(text, "formulary.json")
            local agents = reg:agents()
            assert.are.equal(#gist.agents() + 1, #agents)
            assert.are.equal("exampletinib", agents[#agents].name)
            assert.are.equal("imatinib", reg:agent("testivec").name)
            assert.are.same({"Gleevec", "Glivec", "Testivec"}, reg:agent("imatinib").brands)
            assert.are.same({"Gleevec", "Glivec"}, gist.agent("imatinib").brands)
            assert.truthy(reg:to_json(true):find('"Testivec"', 1, true))
            local more = gist.parse_registry('{"format": "gist-agents/1", "agents": [{"extends": "exampletinib", '
                .. '"brands": ["Examplo"]}]}', nil, reg)
            reg:close()
            reg:close()
            assert.are.equal("gist registry (closed)", tostring(reg))
            assert.are.equal("exampletinib", more:agent("Examplo").name)
            local ok, e = pcall(reg.agents, reg)
            assert.are.equal("GIST_ESTATE", e.code)
            ok, e = pcall(gist.parse_registry, '{"format": "gist-agents/1",\n"agents": [{"extends": "imatinb"}]}',
                          "bad.json")
            assert.is_false(ok)
            assert.are.same({"GIST_ENOTFOUND", "bad.json", 2, "/agents/0/extends"}, {e.code, e.file, e.line, e.field})
            assert.truthy(e.message:match('did you mean "imatinib"'))
        end)

        it("gives whole numbers as integers where the language has them", function()
            local o = pw:advise(PROGRESSION).options[1]
            if math.type then
                assert.are.equal("integer", math.type(o.line))
                assert.are.equal("integer", math.type(o.dose_mg))
                assert.are.equal("integer", math.type(core.pathway_rule_count(core.pathway_builtin("gist-2016"))))
            end
            assert.are.equal("1", tostring(o.line))
        end)

        it("exposes the version of the running library", function()
            assert.are.equal(core.VERSION_STRING, gist.version)
            assert.truthy(gist.version:match("^%d+%.%d+%.%d+$"))
        end)
    end)

    describe("errors", function()
        local function err(f, ...)
            local ok, e = pcall(f, ...)
            assert.is_false(ok, "expected an error")
            assert.are.equal("table", type(e))
            assert.are.equal(gist.Error, getmetatable(e))
            assert.are.equal(core[e.code:sub(6)], e.status)
            return tostring(e)
        end

        it("are tables a caller can branch on, with the location of bad input", function()
            local ok, e = pcall(gist.parse_patient, '{\n  "regimen": 3\n}', "p.json")
            assert.is_false(ok)
            assert.are.equal("GIST_ESCHEMA", e.code)
            assert.are.equal(core.ESCHEMA, e.status)
            assert.are.equal("p.json", e.file)
            assert.are.equal(2, e.line)
            assert.are.equal(14, e.column)
            assert.are.equal("/regimen", e.field)
            assert.truthy(e.message:match("^p%.json:2:14: /regimen: "), e.message)
            assert.are.equal("GIST_ESCHEMA: " .. e.message, tostring(e))
            -- an error that is not about input has no location
            ok, e = pcall(gist.pathway, "gist-1999")
            assert.are.equal("GIST_ENOTFOUND", e.code)
            assert.is_nil(e.file)
            assert.is_nil(e.line)
            assert.is_nil(e.column)
            assert.is_nil(e.field)
            -- the module's own errors are the same kind of table
            ok, e = pcall(gist.agent, 42)
            assert.are.equal("GIST_EINVAL", e.code)
            assert.are.equal(core.EINVAL, e.status)
            assert.are.equal(gist.Error, getmetatable(e))
            -- and so are those of the raw module
            ok, e = pcall(core.agent_lookup, "imatinb")
            assert.are.equal("GIST_ENOTFOUND", e.code)
            assert.truthy(e.message:match('did you mean "imatinib"'))
        end)

        it("carry the status name and the library's message", function()
            assert.truthy(err(gist.pathway, "gist-1999"):match('^GIST_ENOTFOUND: no built%-in pathway "gist%-1999"'))
            local e = err(gist.parse_patient, '{\n  "regimen": 3\n}', "p.json")
            assert.truthy(e:match("^GIST_ESCHEMA: p%.json:2:14: /regimen: "), e)
            assert.truthy(err(gist.load_pathway, "no/such/file.json"):match("^GIST_EIO: "))
        end)

        it("come from the raw module as from the wrapper", function()
            assert.truthy(err(core.agent_lookup, "no-such-drug"):match("^GIST_ENOTFOUND: "))
            assert.truthy(err(core.agent_lookup, nil):match("^GIST_EINVAL: "))
            assert.truthy(err(core.advise, core.pathway_builtin("gist-2016"), nil):match("^GIST_EINVAL: "))
            assert.truthy(err(core.advise_batch, core.pathway_builtin("gist-2016"), {core.patient_new(), 3})
                          :match("^GIST_EINVAL: patients%[2%]"))
        end)

        it("refuse NaN, infinite, zero, negative and implausible doses", function()
            for _, dose in ipairs({0 / 0, math.huge, -math.huge, 0, -400, 40000}) do
                local e = err(gist.patient, {regimen = {agent = "imatinib", dose = dose}})
                assert.truthy(e:match("^GIST_ERANGE: "), e)
            end
        end)

        it("refuse wrong types, nil and unknown names", function()
            local cases = {
                {{respons = "stable"}, "^GIST_ESCHEMA: patient: unknown field \"respons\""},
                {{response = "sideways"}, "^GIST_ESCHEMA: patient.response: unknown value"},
                {{response = 3}, "^GIST_ESCHEMA: patient.response: expected a string"},
                {{interrupted = "yes"}, "^GIST_ESCHEMA: patient.interrupted"},
                {{regimen = "imatinib"}, "^GIST_ESCHEMA: patient.regimen"},
                {{regimen = {agent = "imatinib"}}, "^GIST_ESCHEMA: patient.regimen.dose"},
                {{regimen = {agent = "imatinib", dose = "400"}}, "^GIST_ESCHEMA: patient.regimen.dose"},
                {{regimen = {agent = "imatinib", dose = 400, dose_mg = 400}}, "^GIST_ESCHEMA: patient.regimen"},
                {{regimen = {dose = 400}}, "^GIST_ESCHEMA: patient.regimen.agent"},
                {{regimen = {agent = "imatinib", dose = 400, line = 1.5}}, "^GIST_ERANGE: patient.regimen.line"},
                {{regimen = {agent = "no-such-drug", dose = 1}}, "^GIST_ENOTFOUND: unknown agent"},
                {{regimen = {agent = "dabrafenib + trametinib", dose = 100}}, "^GIST_EAMBIGUOUS: "},
                {{prior = "imatinib"}, "^GIST_ESCHEMA: patient.prior"},
                {{prior = {{agent = "imatinib", stopped = "bored"}}}, "^GIST_ESCHEMA: patient.prior%[1%].stopped"},
                {{prior = {[2] = {agent = "imatinib"}}}, "^GIST_ESCHEMA: patient.prior: expected an array"},
                {{[1] = "positional"}, "^GIST_ESCHEMA: patient: unknown field 1"},
                {{id = 42}, "^GIST_ESCHEMA: patient.id"},
            }
            for _, case in ipairs(cases) do
                local e = err(gist.patient, case[1])
                assert.truthy(e:match(case[2]), e)
            end
            assert.truthy(err(gist.patient, 42):match("^GIST_EINVAL: "))
            assert.truthy(err(gist.pathway, nil):match("^GIST_EINVAL: "))
            assert.truthy(err(gist.agent, nil):match("^GIST_EINVAL: "))
            assert.truthy(err(gist.parse_patient, nil):match("^GIST_EINVAL: "))
            assert.truthy(err(function() return pw:advise(42) end):match("^GIST_EINVAL: "))
            assert.truthy(err(gist.agent, "no-such-drug"):match("^GIST_ENOTFOUND: "))
        end)

        it("refuse huge strings rather than truncating them", function()
            assert.truthy(err(gist.patient, {id = string.rep("x", 257)}):match("^GIST_ELIMIT: "))
            assert.are.equal(string.rep("x", 256), gist.patient{id = string.rep("x", 256)}.id)
            assert.truthy(err(gist.agent, string.rep("imatinib", 1000)):match("^GIST_ELIMIT: "))
            assert.truthy(err(gist.parse_patient, string.rep(" ", 16 * 1024 * 1024 + 1)):match("^GIST_ELIMIT: "))
            assert.truthy(err(gist.parse_patient, '{"id": "a\0b"}'):match("^GIST_EPARSE: "))
            local prior = {}
            for i = 1, 65 do
                prior[i] = {agent = "imatinib", stopped = "progression"}
            end
            assert.truthy(err(gist.patient, {prior = prior}):match("^GIST_ELIMIT: "))
        end)

        it("refuse closed objects", function()
            local p = gist.patient(PROGRESSION)
            p:close()
            p:close()
            assert.truthy(err(function() return p:to_json() end):match("^GIST_ESTATE: the patient is closed"))
            assert.truthy(err(function() return pw:advise(p) end):match("^GIST_ESTATE: "))
            pw:close()
            assert.truthy(err(function() return pw:rules() end):match("^GIST_ESTATE: the pathway is closed"))
            assert.are.equal("gist pathway (closed)", tostring(pw))
        end)
    end)

    describe("lifetimes", function()
        it("closes objects early, and with Lua 5.4's <close> variables", function()
            local advice = pw:advise(PROGRESSION)
            local options = advice.options
            advice:close()
            advice:close()
            assert.are.equal("gist advice (closed)", tostring(advice))
            assert.are.equal(800, options[1].dose_mg)
            local ok, e = pcall(advice.to_json, advice)
            assert.is_false(ok)
            assert.truthy(tostring(e):match("^GIST_ESTATE: the advice is closed"))
            if _VERSION == "Lua 5.4" then
                local block = assert(load([[
                    local gist = ...
                    local kept
                    do
                        local p <close> = gist.pathway("gist-2016")
                        kept = p
                        assert(p:advise{regimen = {agent = "imatinib", dose = 400}}.outcome)
                    end
                    return kept
                ]]))
                assert.are.equal("gist pathway (closed)", tostring(block(gist)))
            end
        end)

        it("keeps advice valid after its pathway is collected first", function()
            local pathway = gist.pathway("gist-2016")
            local advice = pathway:advise(PROGRESSION)
            local options = advice.options
            pathway, pw = nil, nil
            collect()
            assert.are.equal(800, options[1].dose_mg)
            assert.truthy(tostring(advice):find("Increase imatinib to 800 mg daily", 1, true))
            assert.truthy(advice:to_json():find("gist-2016", 1, true))
        end)

        it("keeps raw advice valid after the raw pathway is collected first", function()
            local raw_pw = core.pathway_builtin("gist-2016")
            local pt = core.patient_new()
            core.patient_set_regimen(pt, "imatinib", 400)
            core.patient_set_response(pt, core.RESPONSE_PROGRESSION, core.BASIS_RADIOLOGIC)
            local raw_advice = core.advise(raw_pw, pt)
            raw_pw, pt = nil, nil
            collect()
            assert.are.equal("P16-4.escalate-to-800", core.rule_id(core.advice_rule(raw_advice)))
        end)

        it("keeps raw children valid after their parent is collected", function()
            local raw_pw = core.pathway_builtin("gist-2016")
            local pt = core.patient_new()
            core.patient_set_regimen(pt, "imatinib", 400)
            core.patient_set_response(pt, core.RESPONSE_PROGRESSION, core.BASIS_RADIOLOGIC)
            local raw_advice = core.advise(raw_pw, pt)
            local option = core.advice_option(raw_advice, 0)
            local rule = core.pathway_rule_lookup(raw_pw, "P16-9.continue-regorafenib")
            local rule_option = core.rule_option(rule, 0)
            local _, batch_rules = core.advise_batch(raw_pw, {pt})
            raw_pw, pt, raw_advice, rule = nil, nil, nil, nil
            collect()
            assert.are.equal("Increase imatinib to 800 mg daily", core.option_summary(option))
            assert.are.equal("regorafenib", core.agent_name(core.option_agent(rule_option)))
            assert.are.equal("P16-4.escalate-to-800", core.rule_id(batch_rules[1]))
        end)

        it("survives many objects freed in any order", function()
            local seed = 2016
            local function random(n)
                seed = (seed * 1103515245 + 12345) % 2147483648
                return seed % n + 1
            end
            for _ = 1, 300 do
                local objects = {}
                local raw_pw = core.pathway_builtin("gist-2016")
                local pt = core.patient_new()
                core.patient_set_regimen(pt, "imatinib", 400)
                core.patient_set_response(pt, core.RESPONSE_PROGRESSION, core.BASIS_RADIOLOGIC)
                local raw_advice = core.advise(raw_pw, pt)
                objects = {raw_pw, pt, raw_advice, core.advice_option(raw_advice, 0),
                           core.advice_trace_rule(raw_advice, 0), core.pathway_rule(raw_pw, 3)}
                raw_pw, pt, raw_advice = nil, nil, nil
                local keep = random(#objects)
                local kept = objects[keep]
                for i = #objects, 1, -1 do
                    if i ~= keep then
                        objects[i] = nil
                        if random(2) == 1 then
                            collectgarbage("step")
                        end
                    end
                end
                objects = nil
                collect()
                if keep == 4 then
                    assert.are.equal(800, core.option_dose_mg(kept))
                elseif keep == 5 or keep == 6 then
                    assert.truthy(core.rule_id(kept))
                elseif keep == 3 then
                    assert.are.equal(1, core.advice_option_count(kept))
                elseif keep == 1 then
                    assert.are.equal("gist-2016", core.pathway_id(kept))
                else
                    assert.are.equal(400, core.patient_dose_mg(kept))
                end
            end
        end)
    end)
end)
