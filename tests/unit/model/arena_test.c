/* Tests of the arena (src/model/arena.c) on SQLite and PostgreSQL: the
 * actor registry and its lookup (a missing actor named in the message),
 * parsing "organisation:12", and an area's network -- the organisations
 * serving it (itself, the areas it lies in, the areas in it) and only the
 * relations among them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/arena.h"
#include "model/relation.h"
#include "model_testing.h"

static void test_the_registry_knows_organisations_only(void **state)
{
    (void)state;
    assert_true(arena_actor_type_valid("organisation"));
    assert_false(arena_actor_type_valid("collective"));
    assert_string_equal(arena_actor_admin_capacity("organisation"), "organisation_admin");
    assert_null(arena_actor_admin_capacity("club"));
    struct arena_actor x;
    assert_int_equal(arena_actor_parse("organisation:12", &x, NULL), ERR_OK);
    assert_int_equal(x.id, 12);
    const char *bad[] = {"organisation:0", "organisation:", "organisation:1x",
                         "club:1",         "organisation",  "organisation:-3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(arena_actor_parse(bad[i], &x, &f), ERR_INVALID);
        assert_string_equal(f.args[0], bad[i]);
    }
}

static void test_lookup_names_a_missing_actor(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct arena_actor x = {.type = "organisation", .id = CT_ORG1};
    assert_int_equal(arena_actor_lookup(fx->db, fx->a, &x, "to", NULL), ERR_OK);
    assert_string_equal(x.name, "Welzijn Eerstestad");
    assert_string_equal(x.kind, "institution");
    struct arena_actor gone = {.type = "organisation", .id = 42};
    struct fault f = {0};
    assert_int_equal(arena_actor_lookup(fx->db, fx->a, &gone, "to", &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "to");
    assert_string_equal(f.args[0], "42");
    assert_non_null(strstr(f.msgid, "organisation"));
}

static void relate(struct at_fx *fx, int64_t from, const char *kind, int64_t to)
{
    struct actor console = ct_console();
    struct relationship r = {.from = {.type = "organisation", .id = from},
                             .to = {.type = "organisation", .id = to},
                             .kind = kind,
                             .start_date = "2020-01-01"};
    assert_int_equal(relation_create(fx->db, fx->a, &r, &console, NULL, NULL), ERR_OK);
}

static void test_a_buurts_network_holds_its_actors_and_their_relations(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    mt_exec(fx->db, "INSERT INTO organisation (name, kind, created_at) VALUES "
                    "('Buurtclub', 'informal_group', 0), ('Elders', 'business', 0)");
    mt_exec(fx->db, "INSERT INTO organisation_area (organisation_id, area_code) VALUES "
                    "(1, 'GM0001'), (2, 'WK000101'), (3, 'BU00010101'), (4, 'BU00020101')");
    relate(fx, 1, "funds", 3);
    relate(fx, 2, "houses", 3);
    relate(fx, 1, "collaborates_with", 4); /* Elders serves another gemeente */
    struct arena_network net;
    assert_int_equal(arena_network_load(fx->db, fx->a, CT_BU1, &net, NULL), ERR_OK);
    assert_int_equal(net.nnodes, 3);
    assert_int_equal(net.nedges, 2);
    for (int j = 0; j < net.nedges; j++)
        assert_string_equal(net.nodes[net.edges[j].to].name, "Buurtclub");
    /* the other buurt of the wijk: no Buurtclub, so no relations */
    assert_int_equal(arena_network_load(fx->db, fx->a, CT_BU1B, &net, NULL), ERR_OK);
    assert_int_equal(net.nnodes, 2);
    assert_int_equal(net.nedges, 0);
    /* the wijk holds its buurten's actors */
    assert_int_equal(arena_network_load(fx->db, fx->a, "WK000101", &net, NULL), ERR_OK);
    assert_int_equal(net.nnodes, 3);
    assert_int_equal(net.nedges, 2);
    assert_int_equal(arena_network_load(fx->db, fx->a, "BU99999999", &net, NULL), ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_registry_knows_organisations_only),
        AT_TEST(test_lookup_names_a_missing_actor),
        AT_TEST(test_a_buurts_network_holds_its_actors_and_their_relations),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
