/*
 * The registry reader on files without a base: the form of the built-in
 * registry itself (lib/data/agents.json), which alone defines the schedules.
 * No public call reads such a file (the built-in one is read when the
 * library is loaded), so this suite calls the reader directly, linked with
 * the static library; and the fixed-storage arena the built-in registry
 * lives in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/agent.h"
#include "util/arena.h"

static gist_status read_base(const char *json, gist_registry *reg)
{
    memset(reg, 0, sizeof *reg);
    gist__arena_init(&reg->arena);
    gist_jin in;
    memset(&in, 0, sizeof in);
    in.text = json;
    in.length = strlen(json);
    in.source = "base.json";
    return gist__registry_read(reg, NULL, &in);
}

static void test_the_data_file_reads_as_the_builtin_registry(void **state)
{
    (void)state;
    FILE *f = fopen(GIST_SOURCE_DIR "/lib/data/agents.json", "rb");
    assert_non_null(f);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    gist_registry reg;
    assert_int_equal(read_base(text, &reg), GIST_OK);
    assert_int_equal(reg.count, gist__agent_count);
    for (size_t i = 0; i < reg.count; i++) {
        assert_string_equal(reg.agents[i]->name, gist__agents[i].name);
        assert_ptr_equal(reg.agents[i], reg.agents[0] + i); /* the new agents of a file are one array */
    }
    assert_int_equal(reg.schedules[GIST_SCHEDULE_4ON2OFF].cycle_days, 42);
    gist__arena_free(&reg.arena);
}

#define SCHED(c, f, t)                                                                                       \
    "{\"format\": \"gist-agents/1\", \"evidence\": {\"E\": \"e\"}, \"schedules\": {"                          \
    "\"continuous\": " c ", \"4on2off\": " f ", \"3on1off\": " t "}, \"agents\": [{\"name\": \"a\", \"class\": \"c\"}]}"
#define CONT "{\"on_days\": 1, \"cycle_days\": 1, \"text\": \"t\"}"
#define FOUR "{\"on_days\": 28, \"cycle_days\": 42, \"text\": \"t\", \"evidence\": \"E\"}"
#define THREE "{\"on_days\": 21, \"cycle_days\": 28, \"text\": \"t\", \"evidence\": \"E\"}"

static void test_schedules_are_checked(void **state)
{
    (void)state;
    struct {
        const char *json;
        gist_status status;
        const char *field, *message;
    } cases[] = {
        {SCHED(CONT, FOUR, THREE), GIST_OK, "", ""},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"a\", \"class\": \"c\"}]}", GIST_ESCHEMA, "",
         "missing required field \"schedules\""},
        {"{\"format\": \"gist-agents/1\", \"schedules\": [], \"agents\": [{\"name\": \"a\", \"class\": \"c\"}]}",
         GIST_ESCHEMA, "/schedules", "must be an object"},
        {"{\"format\": \"gist-agents/1\", \"schedules\": {\"continuous\": " CONT "}, \"agents\": []}", GIST_ESCHEMA,
         "/schedules", "schedule \"4on2off\" is not defined"},
        {"{\"format\": \"gist-agents/1\", \"schedules\": {\"weekly\": " CONT "}, \"agents\": []}", GIST_ESCHEMA,
         "/schedules/weekly", "unknown schedule \"weekly\""},
        {"{\"format\": \"gist-agents/1\", \"schedules\": {\"unspecified\": " CONT "}, \"agents\": []}", GIST_ESCHEMA,
         "/schedules/unspecified", "unknown schedule"},
        {SCHED("3", FOUR, THREE), GIST_ESCHEMA, "/schedules/continuous", "a schedule is an object"},
        {SCHED("{\"on_days\": 1, \"cycle_days\": 1, \"text\": \"t\", \"x\": 1}", FOUR, THREE), GIST_ESCHEMA,
         "/schedules/continuous/x", "unknown field \"x\""},
        {SCHED("{\"cycle_days\": 1, \"text\": \"t\"}", FOUR, THREE), GIST_ESCHEMA, "/schedules/continuous",
         "missing required field \"on_days\""},
        {SCHED("{\"on_days\": 1.5, \"cycle_days\": 1, \"text\": \"t\"}", FOUR, THREE), GIST_ESCHEMA,
         "/schedules/continuous/on_days", "whole number of days"},
        {SCHED("{\"on_days\": 0, \"cycle_days\": 1, \"text\": \"t\"}", FOUR, THREE), GIST_ERANGE,
         "/schedules/continuous/on_days", "1 to 365 days"},
        {SCHED(CONT, "{\"on_days\": 28, \"cycle_days\": 14, \"text\": \"t\", \"evidence\": \"E\"}", THREE), GIST_ERANGE,
         "/schedules/4on2off/cycle_days", "28 to 365 days"},
        {SCHED(CONT, "{\"on_days\": 28, \"cycle_days\": 400, \"text\": \"t\", \"evidence\": \"E\"}", THREE),
         GIST_ERANGE, "/schedules/4on2off/cycle_days", "28 to 365 days"},
        {SCHED("{\"on_days\": 1, \"cycle_days\": 2, \"text\": \"t\", \"evidence\": \"E\"}", FOUR, THREE), GIST_ESCHEMA,
         "/schedules/continuous", "a continuous schedule has no days off"},
        {SCHED(CONT, "{\"on_days\": 42, \"cycle_days\": 42, \"text\": \"t\"}", THREE), GIST_ESCHEMA, "/schedules/4on2off",
         "schedule \"4on2off\" has no days off"},
        {SCHED(CONT, "{\"on_days\": 28, \"cycle_days\": 42, \"text\": \"t\"}", THREE), GIST_ESCHEMA, "/schedules/4on2off",
         "missing required field \"evidence\""},
        {SCHED(CONT, "{\"on_days\": 28, \"cycle_days\": 42, \"text\": \"t\", \"evidence\": \"F\"}", THREE),
         GIST_ENOTFOUND, "/schedules/4on2off/evidence", "evidence id \"F\" is not in the registry's evidence table"},
        {SCHED(CONT, "{\"on_days\": 28, \"cycle_days\": 42, \"evidence\": \"E\"}", THREE), GIST_ESCHEMA,
         "/schedules/4on2off", "missing required field \"text\""},
        {"{\"format\": \"gist-agents/1\", \"evidence\": {\"E\": \"e\"}, \"schedules\": {\"continuous\": " CONT ", \"4on2off\": " FOUR
         ", \"3on1off\": " THREE "}, \"agents\": [{\"extends\": \"a\"}]}",
         GIST_ESCHEMA, "/agents/0", "\"extends\" adds names to an agent of a base registry; this file has none"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gist_registry reg;
        gist_status st = read_base(cases[i].json, &reg);
        const gist_error *e = gist_error_last();
        if (st != cases[i].status ||
            (st != GIST_OK && (strcmp(e->field, cases[i].field) != 0 || strstr(e->message, cases[i].message) == NULL)))
            fail_msg("case %zu: %s %s: %s", i, gist_status_name(st), e->field, e->message);
        if (st == GIST_OK) {
            assert_int_equal(reg.schedules[GIST_SCHEDULE_3ON1OFF].on_days, 21);
            assert_string_equal(reg.schedules[GIST_SCHEDULE_CONTINUOUS].evidence, "");
            assert_string_equal(reg.schedules[GIST_SCHEDULE_4ON2OFF].evidence, "E");
        }
        gist__arena_free(&reg.arena);
    }
}

static void test_fixed_arena_spills_to_the_allocator(void **state)
{
    (void)state;
    static _Alignas(16) unsigned char buf[256];
    gist_arena a;
    gist__arena_init_fixed(&a, buf, sizeof buf);
    unsigned char *first = gist__arena_alloc(&a, 64);
    assert_true(first >= buf && first < buf + sizeof buf); /* from the caller's storage */
    unsigned char *more = gist__arena_alloc(&a, 4096);  /* does not fit: a chunk from the allocator */
    assert_non_null(more);
    assert_true(more < buf || more >= buf + sizeof buf);
    memset(more, 1, 4096);
    gist__arena_free(&a); /* frees the allocator's chunk only (valgrind and ASan check) */
    gist__arena_init_fixed(&a, buf, 8); /* too small for even a chunk header: an ordinary arena */
    assert_null(a.head);
    assert_non_null(gist__arena_alloc(&a, 8));
    gist__arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_data_file_reads_as_the_builtin_registry),
        cmocka_unit_test(test_schedules_are_checked),
        cmocka_unit_test(test_fixed_arena_spills_to_the_allocator),
    };
    return cmocka_run_group_tests_name("agent_data", tests, NULL, NULL);
}
