--- libgist for Lua: therapy-sequencing decision support for advanced GIST.
--
-- Tables in, tables out, over the raw SWIG module gist.core:
--
--     local gist = require "gist"
--     local pw = gist.pathway("gist-2016")
--     local advice = pw:advise{regimen = {agent = "imatinib", dose = 400},
--                              response = "progression", confirmed_by = "radiologic"}
--     print(advice.outcome, advice.options[1].summary)   --> recommended  Increase imatinib to 800 mg daily
--     print(advice)                                       --> the readable advice
--
-- Errors are raised as tables (catch them with pcall) that callers can
-- branch on: e.code is the C library's status name ("GIST_ENOTFOUND"),
-- e.status its number, e.message says what and where, and e.file, e.line,
-- e.column and e.field locate a problem in input when it is about input.
-- tostring(e) gives "GIST_<CODE>: message". Every error, from this module or
-- from gist.core, shares the metatable gist.Error. Works with Lua 5.4 and
-- LuaJIT.
--
-- libgist supports clinicians; it does not prescribe. Every option carries
-- its rule, rationale, evidence ids and the pathway version.
--
-- SPDX-License-Identifier: Apache-2.0

local core = require "gist.core"

local error, getmetatable, ipairs, pairs, select, setmetatable, tostring, type =
    error, getmetatable, ipairs, pairs, select, setmetatable, tostring, type
local floor = math.floor
local tointeger = math.tointeger
local unpack = table.unpack or unpack
local format, lower = string.format, string.lower
local concat = table.concat

local M = {}

--- Version of the libgist library loaded, "MAJOR.MINOR.PATCH".
M.version = core.version()
--- The raw SWIG module (the C API with the gist_ prefix removed).
M.core = core
--- The metatable of every error this module and gist.core raise.
M.Error = core.Error

-- Raw objects behind the tables this module returns, kept out of the
-- tables themselves so that iterating a table shows only its data.
local RAW = setmetatable({}, {__mode = "k"})

-- The one place this module raises: an error table like gist.core's.
local function fail(code, fmt, ...)
    error(setmetatable({code = code, status = core[code:sub(6)], message = format(fmt, ...)}, core.Error), 0)
end

-- An integral float becomes an integer (Lua 5.3 and later) so that it prints as 400, not 400.0.
local function number(x)
    if tointeger then
        return tointeger(x) or x
    end
    return x
end

local function nonempty(s)
    if s == nil or s == "" then
        return nil
    end
    return s
end

local function list(count, get, raw)
    local out = {}
    for i = 0, count(raw) - 1 do
        out[#out + 1] = get(raw, i)
    end
    return out
end

---------------------------------------------------------------------------
-- Enums: machine names (those of the JSON formats) to C values and back,
-- read from the library itself.

local function enum(name_of)
    local to_c, from_c = {}, {}
    for v = 0, 63 do
        local name = name_of(v)
        if name then
            to_c[name] = v
            if v ~= 0 then
                from_c[v] = name
            end
        end
    end
    return {to_c = to_c, from_c = from_c}
end

local SETTING = enum(core.setting_name)
local GENOTYPE = enum(core.genotype_name)
local RESPONSE = enum(core.response_name)
local BASIS = enum(core.basis_name)
local EXTENT = enum(core.extent_name)
local TOLERANCE = enum(core.tolerance_name)
local STOP = enum(core.stop_reason_name)
local SCHEDULE = enum(core.schedule_name)
local ACTION = enum(core.action_name)
local SEVERITY = enum(core.severity_name)
local OUTCOME = enum(core.outcome_name)
local TRACE = enum(core.trace_result_name)
local KIND = enum(core.rule_kind_name)

local function names(e)
    local out = {}
    for name, v in pairs(e.to_c) do
        if v ~= 0 then
            out[#out + 1] = name
        end
    end
    table.sort(out)
    return concat(out, ", ")
end

-- Enum value from a name (any case); nil and "unknown" are the unknown value 0.
local function to_enum(e, value, what)
    if value == nil then
        return 0
    end
    if type(value) ~= "string" then
        fail("GIST_ESCHEMA", "%s: expected a string, got %s", what, type(value))
    end
    local v = e.to_c[lower(value)]
    if v == nil then
        fail("GIST_ESCHEMA", "%s: unknown value %q (expected one of: %s)", what, value, names(e))
    end
    return v
end

local function from_enum(e, v)
    return e.from_c[v]
end

---------------------------------------------------------------------------
-- Agents

local function agent_table(raw)
    local doses = {}
    for i = 0, core.agent_dose_count(raw) - 1 do
        doses[#doses + 1] = {
            dose_mg = number(core.agent_dose_mg(raw, i)),
            schedule = from_enum(SCHEDULE, core.agent_dose_schedule(raw, i)),
            text = core.agent_dose_text(raw, i),
            evidence = core.agent_dose_evidence(raw, i),
        }
    end
    return {
        name = core.agent_name(raw),
        atc = nonempty(core.agent_atc(raw)),
        atc_legacy = nonempty(core.agent_atc_legacy(raw)),
        rxnorm = nonempty(core.agent_rxnorm(raw)),
        class = core.agent_class(raw),
        synonyms = list(core.agent_synonym_count, core.agent_synonym, raw),
        brands = list(core.agent_brand_count, core.agent_brand, raw),
        targets = list(core.agent_target_count, core.agent_target, raw),
        doses = doses,
        max_daily_mg = number(core.agent_max_daily_mg(raw)),
    }
end

--- Every agent of the registry, in registry order: an array of agent tables
-- {name, atc, atc_legacy, rxnorm, class, synonyms, brands, targets, doses, max_daily_mg}.
function M.agents()
    local out = {}
    for i = 0, core.agent_count() - 1 do
        out[#out + 1] = agent_table(core.agent_at(i))
    end
    return out
end

--- The agent table for any name (canonical, synonym, brand or ATC code, any case).
-- Raises GIST_ENOTFOUND for an unknown name, GIST_EAMBIGUOUS for a name of several agents.
function M.agent(name)
    if type(name) ~= "string" then
        fail("GIST_EINVAL", "agent name: expected a string, got %s", type(name))
    end
    return agent_table(core.agent_lookup(name))
end

---------------------------------------------------------------------------
-- Patients

local Patient = {}
local FACTS = {
    id = true, setting = true, genotype = true, regimen = true, response = true, confirmed_by = true,
    extent = true, tolerance = true, interrupted = true, referred = true, prior = true,
}

local function check_fields(t, allowed, what)
    for k in pairs(t) do
        if type(k) ~= "string" or not allowed[k] then
            fail("GIST_ESCHEMA", "%s: unknown field %s", what, type(k) == "string" and format("%q", k) or tostring(k))
        end
    end
end

local function agent_name(value, what)
    if type(value) ~= "string" then
        fail("GIST_ESCHEMA", "%s: expected an agent name, got %s", what, type(value))
    end
    return value
end

local function tristate(value, what)
    if value == nil then
        return 0
    end
    if type(value) ~= "boolean" then
        fail("GIST_ESCHEMA", "%s: expected true, false or nil, got %s", what, type(value))
    end
    return value and 2 or 1
end

local REGIMEN_FIELDS = {agent = true, dose = true, dose_mg = true, schedule = true, line = true}
local PRIOR_FIELDS = {agent = true, stopped = true, setting = true}

-- Validate every fact before anything is applied: returns a list of setter calls.
local function plan(facts)
    if type(facts) ~= "table" then
        fail("GIST_EINVAL", "patient: expected a table of facts, got %s", type(facts))
    end
    check_fields(facts, FACTS, "patient")
    local steps = {}
    local function step(f, ...)
        steps[#steps + 1] = {f, select("#", ...), ...}  -- {setter, number of arguments, arguments...}
    end
    if facts.id ~= nil then
        if type(facts.id) ~= "string" then
            fail("GIST_ESCHEMA", "patient.id: expected a string, got %s", type(facts.id))
        end
        step(core.patient_set_id, facts.id)
    end
    step(core.patient_set_setting, to_enum(SETTING, facts.setting, "patient.setting"))
    step(core.patient_set_genotype, to_enum(GENOTYPE, facts.genotype, "patient.genotype"))
    local r = facts.regimen
    if r == "none" then
        step(core.patient_set_no_regimen)
    elseif r ~= nil then
        if type(r) ~= "table" then
            fail("GIST_ESCHEMA", 'patient.regimen: expected a table {agent = ..., dose = ...} or "none", got %s',
                tostring(type(r) == "string" and format("%q", r) or type(r)))
        end
        check_fields(r, REGIMEN_FIELDS, "patient.regimen")
        if r.dose ~= nil and r.dose_mg ~= nil then
            fail("GIST_ESCHEMA", "patient.regimen: give dose or dose_mg, not both")
        end
        local dose = r.dose_mg
        if dose == nil then
            dose = r.dose
        end
        if type(dose) ~= "number" then
            fail("GIST_ESCHEMA", "patient.regimen.dose: expected a number (total daily mg), got %s", type(dose))
        end
        step(core.patient_set_regimen, agent_name(r.agent, "patient.regimen.agent"), dose)
        local schedule = to_enum(SCHEDULE, r.schedule, "patient.regimen.schedule")
        if schedule ~= 0 then
            step(core.patient_set_schedule, schedule)
        end
        if r.line ~= nil then
            local line = r.line
            if type(line) ~= "number" or line ~= floor(line) or line < 1 or line > 20 then
                fail("GIST_ERANGE", "patient.regimen.line: expected a whole number from 1 to 20, got %s", tostring(line))
            end
            step(core.patient_set_line, line)
        end
    end
    step(core.patient_set_response, to_enum(RESPONSE, facts.response, "patient.response"),
        to_enum(BASIS, facts.confirmed_by, "patient.confirmed_by"))
    step(core.patient_set_extent, to_enum(EXTENT, facts.extent, "patient.extent"))
    step(core.patient_set_tolerance, to_enum(TOLERANCE, facts.tolerance, "patient.tolerance"))
    step(core.patient_set_interrupted, tristate(facts.interrupted, "patient.interrupted"))
    step(core.patient_set_referred, tristate(facts.referred, "patient.referred"))
    local prior = facts.prior
    if prior ~= nil then
        if type(prior) ~= "table" then
            fail("GIST_ESCHEMA", "patient.prior: expected an array of previous lines, got %s", type(prior))
        end
        step(core.patient_set_no_prior)
        for k in pairs(prior) do
            if type(k) ~= "number" or k < 1 or k > #prior or k ~= floor(k) then
                fail("GIST_ESCHEMA", "patient.prior: expected an array, found key %s", tostring(k))
            end
        end
        for i, entry in ipairs(prior) do
            local what = format("patient.prior[%d]", i)
            if type(entry) ~= "table" then
                fail("GIST_ESCHEMA", "%s: expected a table {agent = ..., stopped = ...}, got %s", what, type(entry))
            end
            check_fields(entry, PRIOR_FIELDS, what)
            local setting = to_enum(SETTING, entry.setting, what .. ".setting")
            if setting == 0 then
                setting = SETTING.to_c.advanced
            end
            step(core.patient_add_prior, agent_name(entry.agent, what .. ".agent"),
                to_enum(STOP, entry.stopped, what .. ".stopped"), setting)
        end
    end
    return steps
end

local function new_patient(raw)
    local p = setmetatable({}, Patient)
    RAW[p] = raw
    return p
end

--- A patient from a table of facts, with the fields of the patient JSON format
-- (docs/patient-format.md); every fact is optional and unknown until given:
--   id, setting ("advanced"/"adjuvant"), genotype ("kit_exon11", ...),
--   regimen = {agent = "imatinib", dose = 400 [, schedule = "continuous"] [, line = 1]} or "none",
--   response ("responding"/"stable"/"progression"), confirmed_by ("clinical"/"radiologic"),
--   extent ("limited"/"generalized"), tolerance ("tolerating"/"intolerant"),
--   interrupted, referred (booleans),
--   prior = { {agent = "imatinib", stopped = "progression" [, setting = "adjuvant"]}, ... } ({} for none).
-- Raises GIST_ESCHEMA for an unknown field, wrong type or unknown value, GIST_ENOTFOUND for
-- an unknown agent, GIST_ERANGE for an implausible or NaN dose.
function M.patient(facts)
    local steps = plan(facts == nil and {} or facts)
    local raw = core.patient_new()
    for _, s in ipairs(steps) do
        s[1](raw, unpack(s, 3, s[2] + 2))
    end
    return new_patient(raw)
end

--- A patient read from JSON text; source names it in error messages.
function M.parse_patient(text, source)
    if type(text) ~= "string" then
        fail("GIST_EINVAL", "patient text: expected a string, got %s", type(text))
    end
    return new_patient(core.patient_parse(text, source))
end

--- A patient read from a JSON file.
function M.load_patient(path)
    if type(path) ~= "string" then
        fail("GIST_EINVAL", "patient path: expected a string, got %s", type(path))
    end
    return new_patient(core.patient_load(path))
end

local function live(obj, what)
    local raw = RAW[obj]
    if raw == nil then
        fail("GIST_ESTATE", "the %s is closed", what)
    end
    return raw
end

local PATIENT_GET = {
    id = function(raw) return nonempty(core.patient_id(raw)) end,
    setting = function(raw) return from_enum(SETTING, core.patient_setting(raw)) end,
    genotype = function(raw) return from_enum(GENOTYPE, core.patient_genotype(raw)) end,
    regimen = function(raw)
        local on = core.patient_on_treatment(raw)
        if on == 1 then
            return "none"
        elseif on == 0 then
            return nil
        end
        local line = core.patient_line(raw)
        return {
            agent = core.agent_name(core.patient_agent(raw)),
            dose_mg = number(core.patient_dose_mg(raw)),
            schedule = from_enum(SCHEDULE, core.patient_schedule(raw)),
            line = line ~= 0 and line or nil,
        }
    end,
    line = function(raw)
        local line = core.patient_line(raw)
        return line ~= 0 and line or nil
    end,
    failed_lines = function(raw)
        local n = core.patient_failed_lines(raw)
        return n >= 0 and n or nil
    end,
    response = function(raw) return from_enum(RESPONSE, core.patient_response(raw)) end,
    confirmed_by = function(raw) return from_enum(BASIS, core.patient_basis(raw)) end,
    extent = function(raw) return from_enum(EXTENT, core.patient_extent(raw)) end,
    tolerance = function(raw) return from_enum(TOLERANCE, core.patient_tolerance(raw)) end,
    interrupted = function(raw)
        local v = core.patient_interrupted(raw)
        if v == 0 then return nil end
        return v == 2
    end,
    referred = function(raw)
        local v = core.patient_referred(raw)
        if v == 0 then return nil end
        return v == 2
    end,
    prior = function(raw)
        if core.patient_prior_known(raw) ~= 2 then
            return nil
        end
        local out = {}
        for i = 0, core.patient_prior_count(raw) - 1 do
            out[#out + 1] = {
                agent = core.agent_name(core.patient_prior_agent(raw, i)),
                stopped = from_enum(STOP, core.patient_prior_reason(raw, i)),
                setting = from_enum(SETTING, core.patient_prior_setting(raw, i)),
            }
        end
        return out
    end,
}

--- Facts read back: patient.response, patient.regimen, patient.line (stated or
-- derived), patient.failed_lines, ... (nil when unknown).
Patient.__index = function(p, key)
    local method = Patient[key]
    if method ~= nil then
        return method
    end
    local get = PATIENT_GET[key]
    if get ~= nil then
        return get(live(p, "patient"))
    end
    return nil
end

--- The patient in the JSON format parse_patient reads (compact on one line if asked).
function Patient:to_json(compact)
    return core.patient_to_json(live(self, "patient"), compact and core.JSON_COMPACT or 0)
end

--- An independent copy.
function Patient:copy()
    return new_patient(core.patient_clone(live(self, "patient")))
end

--- Release the patient (again does nothing; using it afterwards raises GIST_ESTATE).
function Patient:close()
    RAW[self] = nil
end
Patient.__close = Patient.close

function Patient.__tostring(p)
    local raw = RAW[p]
    if raw == nil then
        return "gist patient (closed)"
    end
    return "gist patient " .. core.patient_to_json(raw, core.JSON_COMPACT)
end

---------------------------------------------------------------------------
-- Rules, options, alerts

local function option_table(raw, rank)
    local agent = core.option_agent(raw)
    local dose, line = core.option_dose_mg(raw), core.option_line(raw)
    return {
        rank = rank,
        action = from_enum(ACTION, core.option_action(raw)),
        agent = agent and core.agent_name(agent) or nil,
        dose_mg = dose ~= 0 and number(dose) or nil,
        schedule = from_enum(SCHEDULE, core.option_schedule(raw)),
        dose_text = core.option_dose_text(raw),
        line = line ~= 0 and line or nil,
        summary = core.option_summary(raw),
        rationale = core.option_rationale(raw),
        evidence = list(core.option_evidence_count, core.option_evidence, raw),
    }
end

local function alert_table(raw)
    return {
        id = core.alert_id(raw),
        severity = from_enum(SEVERITY, core.alert_severity(raw)),
        text = core.alert_text(raw),
        evidence = list(core.alert_evidence_count, core.alert_evidence, raw),
    }
end

local function rule_table(raw)
    local options, alerts = {}, {}
    for i = 0, core.rule_option_count(raw) - 1 do
        options[#options + 1] = option_table(core.rule_option(raw, i), i + 1)
    end
    for i = 0, core.rule_alert_count(raw) - 1 do
        alerts[#alerts + 1] = alert_table(core.rule_alert(raw, i))
    end
    return {
        id = core.rule_id(raw),
        kind = from_enum(KIND, core.rule_kind_of(raw)),
        title = core.rule_title(raw),
        conditions = list(core.rule_condition_count, core.rule_condition, raw),
        options = options,
        alerts = alerts,
        rationale = core.rule_rationale(raw),
        evidence = list(core.rule_evidence_count, core.rule_evidence, raw),
    }
end

---------------------------------------------------------------------------
-- Advice

local Advice = {}
Advice.__index = Advice

local function advice_table(raw)
    local a = {
        outcome = from_enum(OUTCOME, core.advice_outcome(raw)),
        pathway = {id = core.advice_pathway_id(raw), version = core.advice_pathway_version(raw)},
        patient_id = nonempty(core.advice_patient_id(raw)),
        rationale = core.advice_rationale(raw),
        evidence = list(core.advice_evidence_count, core.advice_evidence, raw),
        options = {},
        alerts = {},
        missing = {},
        trace = {},
        references = {},
    }
    local rule = core.advice_rule(raw)
    if rule then
        a.rule = core.rule_id(rule)
        a.rule_title = core.rule_title(rule)
    end
    local function cite(ids)
        for _, id in ipairs(ids) do
            a.references[id] = core.advice_evidence_text(raw, id)
        end
    end
    cite(a.evidence)
    for i = 0, core.advice_option_count(raw) - 1 do
        local o = option_table(core.advice_option(raw, i), i + 1)
        a.options[#a.options + 1] = o
        cite(o.evidence)
    end
    for i = 0, core.advice_alert_count(raw) - 1 do
        local al = alert_table(core.advice_alert(raw, i))
        a.alerts[#a.alerts + 1] = al
        cite(al.evidence)
    end
    for i = 0, core.advice_missing_count(raw) - 1 do
        a.missing[#a.missing + 1] = {fact = core.advice_missing_fact(raw, i), hint = core.advice_missing_hint(raw, i)}
    end
    for i = 0, core.advice_trace_count(raw) - 1 do
        a.trace[#a.trace + 1] = {
            rule = core.rule_id(core.advice_trace_rule(raw, i)),
            result = from_enum(TRACE, core.advice_trace_result(raw, i)),
        }
    end
    setmetatable(a, Advice)
    RAW[a] = raw
    return a
end

--- The advice JSON format (docs/advice-format.md), on one line if compact.
function Advice:to_json(compact)
    return core.advice_to_json(live(self, "advice"), compact and core.JSON_COMPACT or 0)
end

--- The advice as readable text for a clinician (also what tostring gives).
function Advice:to_text()
    return core.advice_to_text(live(self, "advice"))
end

--- Release the C advice (its fields stay; to_json and to_text then raise GIST_ESTATE).
function Advice:close()
    RAW[self] = nil
end
Advice.__close = Advice.close

function Advice.__tostring(a)
    local raw = RAW[a]
    if raw == nil then
        return "gist advice (closed)"
    end
    return core.advice_to_text(raw)
end

---------------------------------------------------------------------------
-- Registries: the built-in one, and those extended by registry files

local Registry = {}
Registry.__index = Registry

local function new_registry(raw)
    local r = setmetatable({}, Registry)
    RAW[r] = raw
    return r
end

local function registry_base(base)
    if base == nil then
        return nil
    end
    if getmetatable(base) ~= Registry then
        fail("GIST_EINVAL", "registry base: expected a registry, got %s", type(base))
    end
    return live(base, "registry")
end

--- The built-in registry extended by a registry file (docs/agents-format.md), or by base
-- (another registry) when given. Errors name the file, line, column and field.
function M.load_registry(path, base)
    if type(path) ~= "string" then
        fail("GIST_EINVAL", "registry path: expected a string, got %s", type(path))
    end
    return new_registry(core.registry_load(registry_base(base), path))
end

--- As load_registry, from JSON text; source names it in error messages.
function M.parse_registry(text, source, base)
    if type(text) ~= "string" then
        fail("GIST_EINVAL", "registry text: expected a string, got %s", type(text))
    end
    return new_registry(core.registry_parse(registry_base(base), text, source))
end

--- Every agent of the registry, in registry order (agent tables, as gist.agents()).
function Registry:agents()
    local raw = live(self, "registry")
    local out = {}
    for i = 0, core.registry_count(raw) - 1 do
        out[#out + 1] = agent_table(core.registry_agent(raw, i))
    end
    return out
end

--- The agent table for any name of the registry's agents.
function Registry:agent(name)
    if type(name) ~= "string" then
        fail("GIST_EINVAL", "agent name: expected a string, got %s", type(name))
    end
    return agent_table(core.registry_lookup(live(self, "registry"), name))
end

--- The whole registry in the registry file format.
function Registry:to_json(compact)
    return core.registry_to_json(live(self, "registry"), compact and core.JSON_COMPACT or 0)
end

--- Release the registry now (agent tables taken from it stay valid). Idempotent.
function Registry:close()
    RAW[self] = nil
end
Registry.__close = Registry.close

function Registry.__tostring(r)
    local raw = RAW[r]
    if raw == nil then
        return "gist registry (closed)"
    end
    return format("gist registry of %d agents", core.registry_count(raw))
end

---------------------------------------------------------------------------
-- Pathways

local Pathway = {}

local function new_pathway(raw)
    local pw = setmetatable({}, Pathway)
    RAW[pw] = raw
    return pw
end

--- Ids of the pathways built into the library, such as {"gist-2016"}.
function M.pathways()
    local out = {}
    for i = 0, core.pathway_builtin_count() - 1 do
        out[#out + 1] = core.pathway_builtin_id(i)
    end
    return out
end

--- A built-in pathway by id (GIST_ENOTFOUND for an unknown id).
function M.pathway(id)
    if type(id) ~= "string" then
        fail("GIST_EINVAL", "pathway id: expected a string, got %s", type(id))
    end
    return new_pathway(core.pathway_builtin(id))
end

--- A pathway loaded and validated from a JSON file (docs/pathway-format.md).
function M.load_pathway(path)
    if type(path) ~= "string" then
        fail("GIST_EINVAL", "pathway path: expected a string, got %s", type(path))
    end
    return new_pathway(core.pathway_load(path))
end

--- A pathway loaded and validated from JSON text; source names it in error messages.
function M.parse_pathway(text, source)
    if type(text) ~= "string" then
        fail("GIST_EINVAL", "pathway text: expected a string, got %s", type(text))
    end
    return new_pathway(core.pathway_parse(text, source))
end

local PATHWAY_GET = {
    id = core.pathway_id,
    version = core.pathway_version,
    title = core.pathway_title,
    description = core.pathway_description,
    source = core.pathway_source,
}

--- pathway.id, .version, .title, .description and .source, and the methods below.
Pathway.__index = function(pw, key)
    local method = Pathway[key]
    if method ~= nil then
        return method
    end
    local get = PATHWAY_GET[key]
    if get ~= nil then
        return get(live(pw, "pathway"))
    end
    return nil
end

local function as_patient(p, what)
    if getmetatable(p) == Patient then
        return live(p, "patient")
    end
    if type(p) ~= "table" then
        fail("GIST_EINVAL", "%s: expected a patient or a table of facts, got %s", what, type(p))
    end
    return RAW[M.patient(p)]
end

--- Apply the pathway to a patient (a gist.patient or a table of facts) and return the
-- advice: a table with outcome, rule, rule_title, rationale, evidence, options, alerts,
-- missing, trace, references, pathway {id, version} and patient_id; tostring gives the text.
function Pathway:advise(patient)
    local raw = live(self, "pathway")
    return advice_table(core.advise(raw, as_patient(patient, "patient")))
end

--- The outcome and deciding rule id for each of many patients (an array of patients or
-- tables of facts), exactly as advise would give them: an array of {outcome = ..., rule = ...}.
function Pathway:decide(patients)
    local raw = live(self, "pathway")
    if type(patients) ~= "table" then
        fail("GIST_EINVAL", "patients: expected an array, got %s", type(patients))
    end
    local raws = {}
    for i, p in ipairs(patients) do
        raws[i] = as_patient(p, format("patients[%d]", i))
    end
    local outcomes, rules = core.advise_batch(raw, raws)
    local out = {}
    for i = 1, #raws do
        out[i] = {outcome = from_enum(OUTCOME, outcomes[i]), rule = rules[i] and core.rule_id(rules[i]) or nil}
    end
    return out
end

--- The rules in evaluation order: an array of tables {id, kind, title, conditions, options,
-- alerts, rationale, evidence}.
function Pathway:rules()
    local raw = live(self, "pathway")
    local out = {}
    for i = 0, core.pathway_rule_count(raw) - 1 do
        out[#out + 1] = rule_table(core.pathway_rule(raw, i))
    end
    return out
end

--- The rule with id `id` as a table, or nil.
function Pathway:rule(id)
    local r = core.pathway_rule_lookup(live(self, "pathway"), id)
    return r and rule_table(r) or nil
end

--- The evidence table {id = "statement and citation"}, or the text of one id.
function Pathway:evidence(id)
    local raw = live(self, "pathway")
    if id ~= nil then
        return core.pathway_evidence_lookup(raw, id)
    end
    local out = {}
    for i = 0, core.pathway_evidence_count(raw) - 1 do
        out[core.pathway_evidence_id(raw, i)] = core.pathway_evidence_text(raw, i)
    end
    return out
end

--- The pathway in its JSON file format (normalised).
function Pathway:to_json(compact)
    return core.pathway_to_json(live(self, "pathway"), compact and core.JSON_COMPACT or 0)
end

--- The rules in readable form.
function Pathway:to_text()
    return core.pathway_to_text(live(self, "pathway"))
end

--- The pathway as a Graphviz DOT digraph.
function Pathway:to_dot()
    return core.pathway_to_dot(live(self, "pathway"))
end

--- Release the pathway (again does nothing); advice made from it stays valid.
function Pathway:close()
    RAW[self] = nil
end
Pathway.__close = Pathway.close

function Pathway.__tostring(pw)
    local raw = RAW[pw]
    if raw == nil then
        return "gist pathway (closed)"
    end
    return format("gist pathway %s %s: %s", core.pathway_id(raw), core.pathway_version(raw), core.pathway_title(raw))
end

---------------------------------------------------------------------------
-- Lines of therapy and audit over event CSV (docs/event-formats.md)

local LINE_END = enum(core.line_end_name)
local FINDING_CODE = enum(core.finding_code_name)

local LINES_OPTION_FIELDS = {
    combination_window_days = true, interruption_days = true, discontinuation_days = true,
    honor_schedules = true, unknown_setting = true, censor_date = true,
}

-- A raw gist_lines_options from a table of options (the defaults for the others).
local function lines_options(opts)
    local o = core.lines_options()
    if opts == nil then
        return o
    end
    if type(opts) ~= "table" then
        fail("GIST_EINVAL", "options: expected a table, got %s", type(opts))
    end
    for k, v in pairs(opts) do
        if not LINES_OPTION_FIELDS[k] then
            fail("GIST_EINVAL", "unknown lines option %q", tostring(k))
        end
        if k == "honor_schedules" then
            if type(v) ~= "boolean" then
                fail("GIST_EINVAL", "honor_schedules: expected a boolean, got %s", type(v))
            end
            o.honor_schedules = v and 1 or 0
        elseif k == "unknown_setting" then
            local code = to_enum(SETTING, v, "unknown_setting")
            if code == 0 then
                fail("GIST_EINVAL", "unknown_setting: advanced or adjuvant")
            end
            o.unknown_setting = code
        elseif k == "censor_date" then
            if type(v) ~= "string" then
                fail("GIST_EINVAL", "censor_date: expected \"YYYY-MM-DD\", got %s", type(v))
            end
            o.censor_date = core.date_parse(v)
        else
            if type(v) ~= "number" or floor(v) ~= v then
                fail("GIST_EINVAL", "%s: expected a whole number of days, got %s", k, tostring(v))
            end
            o[k] = v
        end
    end
    return o
end

local function options_table(raw)
    return {
        lines_options_version = raw.version,
        combination_window_days = raw.combination_window_days,
        interruption_days = raw.interruption_days,
        discontinuation_days = raw.discontinuation_days,
        honor_schedules = raw.honor_schedules ~= 0,
        unknown_setting = from_enum(SETTING, raw.unknown_setting),
        censor_date = raw.censor_date ~= core.DATE_NONE and core.date_format(raw.censor_date) or nil,
    }
end

local function date_text(d)
    if d == core.DATE_NONE then
        return nil
    end
    return core.date_format(d)
end

-- The rows of one patient's result, appended to the result's lists.
local function collect_lines(raw, out)
    local id = core.lines_patient_id(raw)
    local nlines = core.lines_count(raw)
    local counts = {}
    for k = 0, core.lines_finding_count(raw) - 1 do
        local i = core.finding_line(raw, k)
        counts[i] = (counts[i] or 0) + 1
    end
    for i = 0, nlines - 1 do
        local agents, steps = {}, {}
        for k = 0, core.line_agent_count(raw, i) - 1 do
            agents[#agents + 1] = core.agent_name(core.line_agent(raw, i, k))
        end
        for k = 0, core.line_step_count(raw, i) - 1 do
            local dose = core.line_step_dose_mg(raw, i, k)
            steps[#steps + 1] = {
                date = date_text(core.line_step_date(raw, i, k)),
                agent = core.agent_name(core.line_step_agent(raw, i, k)),
                dose_mg = dose ~= 0 and number(dose) or nil,
                reason = from_enum(STOP, core.line_step_reason(raw, i, k)),
            }
        end
        out.lines[#out.lines + 1] = {
            patient = id, setting = from_enum(SETTING, core.line_setting(raw, i)), line = core.line_number(raw, i),
            start = date_text(core.line_start_date(raw, i)), ["end"] = date_text(core.line_end_date(raw, i)),
            end_reason = LINE_END.from_c[core.line_end_reason(raw, i)], agents = agents,
            rechallenge = core.line_rechallenge(raw, i) ~= 0, dose_steps = steps, findings = counts[i] or 0,
        }
    end
    for k = 0, core.lines_finding_count(raw) - 1 do
        local i = core.finding_line(raw, k)
        -- (size_t)-1, about no line, arrives as -1 (Lua 5.4) or a huge number (LuaJIT)
        if i < 0 or i >= nlines then
            i = nlines
        end
        local evidence = {}
        for e = 0, core.finding_evidence_count(raw, k) - 1 do
            evidence[#evidence + 1] = core.finding_evidence(raw, k, e)
        end
        local rule = core.finding_rule(raw, k)
        local row = core.finding_row(raw, k)
        out.findings[#out.findings + 1] = {
            patient = id, date = date_text(core.finding_date(raw, k)),
            setting = i < nlines and from_enum(SETTING, core.line_setting(raw, i)) or nil,
            line = i < nlines and core.line_number(raw, i) or nil,
            code = FINDING_CODE.from_c[core.finding_code_of(raw, k)],
            severity = SEVERITY.from_c[core.finding_severity_of(raw, k)],
            rule = rule and core.rule_id(rule) or nil, evidence = evidence,
            row = row ~= 0 and row or nil, message = core.finding_message(raw, k),
        }
    end
end

local Lines = {}
Lines.__index = Lines

local LINES_HEADER = "patient,setting,line,start,end,end_reason,agents,rechallenge,dose_steps,findings\n"
local FINDINGS_HEADER = "patient,date,setting,line,code,severity,rule,evidence,row,message\n"

--- The lines as CSV, as `gist lines` writes them (without its first `#` line).
function Lines:to_csv()
    return LINES_HEADER .. concat(RAW[self].lines_csv)
end

--- The findings as CSV, as `gist audit` writes them (without its first `#` line).
function Lines:findings_to_csv()
    return FINDINGS_HEADER .. concat(RAW[self].findings_csv)
end

function Lines.__tostring(r)
    return format("gist lines: %d lines, %d findings", #r.lines, #r.findings)
end

local function run_lines(source, opts, pathway)
    local reader
    if type(source) == "string" then
        reader = core.event_reader_open(source)
    elseif type(source) == "table" and type(source.text) == "string" then
        reader = core.event_reader_open_string(source.text, source.name)
    else
        fail("GIST_EINVAL", "events: expected a file name or {text = csv[, name = source]}, got %s", type(source))
    end
    local options = lines_options(opts)
    local pw_raw = pathway and RAW[pathway]
    local timeline = core.timeline_new()
    local out = setmetatable({lines = {}, findings = {}, options = options_table(options)}, Lines)
    local texts = {lines_csv = {}, findings_csv = {}}
    while true do
        local done = core.event_reader_next(reader, timeline)
        if done ~= 0 then
            break
        end
        -- lines come from the lines rules alone; findings from the audit when there is a pathway
        local lines_raw = core.timeline_lines(timeline, options)
        local raw = pw_raw and core.timeline_audit(timeline, pw_raw, options) or lines_raw
        local before = #out.lines
        collect_lines(raw, out)
        if pw_raw then
            -- keep the lines' own finding counts (as `gist lines` gives them)
            local counts = {}
            for k = 0, core.lines_finding_count(lines_raw) - 1 do
                local i = core.finding_line(lines_raw, k)
                counts[i] = (counts[i] or 0) + 1
            end
            for i = before + 1, #out.lines do
                out.lines[i].findings = counts[i - before - 1] or 0
            end
        end
        texts.lines_csv[#texts.lines_csv + 1] = core.lines_to_csv(lines_raw, 0)
        texts.findings_csv[#texts.findings_csv + 1] = core.lines_findings_to_csv(raw, 0)
    end
    RAW[out] = texts
    if pathway then
        out.pathway = core.pathway_id(pw_raw) .. "@" .. core.pathway_version(pw_raw)
    end
    return out
end

--- Lines of therapy of every patient of an event CSV file (or of {text = csv, name = source}).
-- Returns {lines = {...}, findings = {...}, options = {...}} with :to_csv() and
-- :findings_to_csv() writing what `gist lines` writes. Options: combination_window_days,
-- interruption_days, discontinuation_days, honor_schedules, unknown_setting, censor_date.
function M.lines(source, options)
    return run_lines(source, options, nil)
end

--- The lines and the findings where each history departs from a pathway (default gist-2016).
function M.audit(source, options, pathway)
    if pathway == nil or type(pathway) == "string" then
        pathway = M.pathway(pathway or "gist-2016")
    end
    return run_lines(source, options, pathway)
end

---------------------------------------------------------------------------
-- Risk of recurrence of a resected primary tumour (docs/risk.md)

local MITOTIC_UNIT = enum(core.mitotic_unit_name)

local RiskTable = {}
local RISK_FACTS = {site = true, size_cm = true, mitotic_count = true, mitotic_unit = true, rupture = true}

local function new_risk_table(raw)
    local t = setmetatable({}, RiskTable)
    RAW[t] = raw
    return t
end

local function cell_table(raw)
    local percent = core.risk_cell_percent(raw)
    return {
        id = core.risk_cell_id(raw),
        label = core.risk_cell_label(raw),
        category = core.risk_category_name(core.risk_cell_category(raw)),
        percent = percent == percent and number(percent) or nil, -- NaN: the table gives none
        verification = core.verification_name(core.risk_cell_verification(raw)),
        left_out = core.risk_cell_left_out(raw) ~= 0,
        note = core.risk_cell_note(raw),
        sources = list(core.risk_cell_source_count, core.risk_cell_source, raw),
    }
end

--- Ids of the risk tables built into the library, such as {"afip-miettinen-2006", "joensuu-2008"}.
function M.risk_tables()
    local out = {}
    for i = 0, core.risk_table_builtin_count() - 1 do
        out[#out + 1] = core.risk_table_builtin_id(i)
    end
    return out
end

--- A built-in risk table by id (GIST_ENOTFOUND for an unknown id).
function M.risk_table(id)
    if type(id) ~= "string" then
        fail("GIST_EINVAL", "risk table id: expected a string, got %s", type(id))
    end
    return new_risk_table(core.risk_table_builtin(id))
end

--- A risk table loaded and validated from a JSON file (format gist-risk/1).
function M.load_risk_table(path)
    if type(path) ~= "string" then
        fail("GIST_EINVAL", "risk table path: expected a string, got %s", type(path))
    end
    return new_risk_table(core.risk_table_load(path))
end

--- A risk table loaded and validated from JSON text; source names it in error messages.
function M.parse_risk_table(text, source)
    if type(text) ~= "string" then
        fail("GIST_EINVAL", "risk table text: expected a string, got %s", type(text))
    end
    return new_risk_table(core.risk_table_parse(text, source))
end

-- The raw gist_risk_input for a table of facts; the library checks every value.
local function risk_input(facts)
    local raw = core.risk_input()
    if facts == nil then
        return raw
    end
    if type(facts) ~= "table" then
        fail("GIST_EINVAL", "tumour: expected a table of facts, got %s", type(facts))
    end
    for k, v in pairs(facts) do
        if not RISK_FACTS[k] then
            fail("GIST_EINVAL", "unknown tumour fact %q (site, size_cm, mitotic_count, mitotic_unit, rupture)",
                 tostring(k))
        end
        if k == "size_cm" or k == "mitotic_count" then
            if type(v) ~= "number" then
                fail("GIST_EINVAL", "%s: expected a number, got %s", k, type(v))
            end
            raw[k] = v
        elseif k == "rupture" then
            if type(v) ~= "boolean" then
                fail("GIST_EINVAL", "rupture: expected a boolean, got %s", type(v))
            end
            core.risk_input_set(raw, "rupture", v and "yes" or "no")
        else
            if type(v) ~= "string" then
                fail("GIST_EINVAL", "%s: expected a string, got %s", k, type(v))
            end
            core.risk_input_set(raw, k, v)
        end
    end
    return raw
end

local RiskResult = {}
RiskResult.__index = RiskResult

local function risk_result_table(raw)
    local t = core.risk_result_table(raw)
    local cells = {}
    for i = 0, core.risk_result_cell_count(raw) - 1 do
        cells[#cells + 1] = cell_table(core.risk_result_cell(raw, i))
    end
    local r = setmetatable({
        category = core.risk_category_name(core.risk_result_category(raw)),
        verification = core.verification_name(core.risk_result_verification(raw)),
        table = core.risk_table_id(t),
        table_version = core.risk_table_version(t),
        evidence = core.risk_table_evidence(t),
        cells = cells,
        missing = list(core.risk_result_missing_count, core.risk_result_missing, raw),
        why = core.risk_result_why(raw),
        notes = list(core.risk_result_note_count, core.risk_result_note, raw),
    }, RiskResult)
    RAW[r] = raw
    return r
end

--- The result as JSON text (compact when compact is true).
function RiskResult:json(compact)
    return core.risk_result_to_json(RAW[self], compact and core.JSON_COMPACT or 0)
end

RiskResult.__tostring = function(r)
    return core.risk_result_to_text(RAW[r])
end

local RISK_TABLE_GET = {
    id = core.risk_table_id,
    version = core.risk_table_version,
    title = core.risk_table_title,
    description = core.risk_table_description,
    evidence = core.risk_table_evidence,
    citation = core.risk_table_citation,
}

--- table.id, .version, .title, .description, .evidence, .citation and the methods below.
RiskTable.__index = function(t, key)
    local method = RiskTable[key]
    if method ~= nil then
        return method
    end
    local get = RISK_TABLE_GET[key]
    if get ~= nil then
        return get(live(t, "risk table"))
    end
    return nil
end

--- The risk of a tumour: {site=, size_cm=, mitotic_count=, mitotic_unit=, rupture=}, any left out.
-- The result: category ("undetermined" when the table gives none), verification, table, cells,
-- missing (the facts that would decide), why and notes.
function RiskTable:assess(facts)
    return risk_result_table(core.risk_assess(live(self, "risk table"), risk_input(facts)))
end

--- Every cell of the table, the cells left out included.
function RiskTable:cells()
    local raw = live(self, "risk table")
    local out = {}
    for i = 0, core.risk_table_cell_count(raw) - 1 do
        out[#out + 1] = cell_table(core.risk_table_cell(raw, i))
    end
    return out
end

--- The unit of the table's mitotic counts, such as "per_50_hpf".
function RiskTable:mitotic_unit()
    return from_enum(MITOTIC_UNIT, core.risk_table_mitotic_unit(live(self, "risk table")))
end

RiskTable.__tostring = function(t)
    return core.risk_table_to_text(live(t, "risk table"))
end

--- One result per built-in risk table for a tumour, in the order of gist.risk_tables().
function M.assess_risk(facts)
    local out = {}
    for _, id in ipairs(M.risk_tables()) do
        out[#out + 1] = M.risk_table(id):assess(facts)
    end
    return out
end

return M
