/* Tests of notifications (src/model/notification.c) on SQLite and
 * PostgreSQL (see account_testing.h): notifying a person, the initiators
 * (never the actor) and the pledgers (only standing pledges); joining the
 * caller's transaction; the list newest first with its cursor; the unread
 * count (an index probe on SQLite); marking one, all, someone else's, and
 * twice; a long detail cut at a character boundary; an unknown kind
 * aborting; a link to a page of its own (notify_about) and a path that is
 * not local aborting; every kind accepted by the database's CHECK. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/notification.h"
#include "model/pledge.h"
#include "model_testing.h"
#include "plan_testing.h"

static int64_t unread(struct at_fx *fx, int64_t person)
{
    int64_t n = -1;
    assert_int_equal(notification_unread_count(fx->db, person, &n, NULL), ERR_OK);
    return n;
}

static int64_t of_kind(struct at_fx *fx, const char *kind)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM notification WHERE kind = '%s'", kind);
    return at_count(fx->db, sql);
}

static void test_a_person_is_notified_and_lists_newest_first(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t before = unread(fx, w.bob);
    assert_int_equal(notify(fx->db, w.bob, "task_asked", w.initiative, "Sleutel halen", NULL),
                     ERR_OK);
    assert_int_equal(notify(fx->db, w.bob, "offer_new", 0, NULL, NULL), ERR_OK);
    assert_int_equal(unread(fx, w.bob), before + 2);
    struct notification *items;
    int n = 0;
    int64_t next = -1;
    assert_int_equal(notification_list(fx->db, fx->a, w.bob, 0, 100, &items, &n, &next, NULL),
                     ERR_OK);
    assert_int_equal(n, before + 2);
    assert_string_equal(items[0].kind, "offer_new");
    assert_int_equal(items[0].initiative_id, 0);
    assert_null(items[0].initiative_title);
    assert_null(items[0].detail);
    assert_string_equal(items[1].kind, "task_asked");
    assert_string_equal(items[1].initiative_title, "Speeltuin");
    assert_string_equal(items[1].detail, "Sleutel halen");
    assert_int_equal(items[1].read_at, 0);
    assert_int_equal(next, 0);
}

static void test_the_list_pages_by_cursor(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t p = at_person(fx, "new@example.nl", "Nieuw");
    for (int i = 0; i < 3; i++)
        assert_int_equal(notify(fx->db, p, "phase_changed", w.initiative, NULL, NULL), ERR_OK);
    struct notification *items;
    int n = 0;
    int64_t next = 0;
    assert_int_equal(notification_list(fx->db, fx->a, p, 0, 2, &items, &n, &next, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(next, items[1].id);
    int64_t last = items[1].id;
    assert_int_equal(notification_list(fx->db, fx->a, p, next, 2, &items, &n, &next, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_true(items[0].id < last);
    assert_int_equal(next, 0);
    struct fault f = {0};
    assert_int_equal(notification_list(fx->db, fx->a, p, 0, 101, &items, &n, &next, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "limit");
}

static void test_the_initiators_are_notified_but_not_the_actor(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    assert_int_equal(notify_initiators(fx->db, w.initiative, "question_asked", NULL, w.ann, NULL),
                     ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification "
                                      "WHERE kind = 'question_asked'"),
                     1);
    assert_int_equal(
        notify_initiators(fx->db, w.initiative, "question_answered", NULL, w.initiator, NULL),
        ERR_OK);
    assert_int_equal(of_kind(fx, "question_answered"), 0);
}

static void test_the_owning_collectives_board_is_notified(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    mt_exec(fx->db, "INSERT INTO collective (id, name, kind, area_code, voting_rule, statutes, "
                    "status, created_at, activated_at) VALUES (1, 'De Linde', 'trust', "
                    "'" CT_BU1 "', 'majority', 'Artikel 1.', 'active', 1, 1)");
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO collective_member (collective_id, person_id, role, board_role, status, "
             "capacity, created_at, joined_at) VALUES (1, %lld, 'member', 'chair', 'joined', "
             "'resident', 1, 1), (1, %lld, 'member', NULL, 'joined', 'resident', 1, 1)",
             (long long)w.bob, (long long)w.ann);
    mt_exec(fx->db, sql);
    snprintf(sql, sizeof sql, "UPDATE initiative SET collective_id = 1 WHERE id = %lld",
             (long long)w.initiative);
    mt_exec(fx->db, sql);
    assert_int_equal(notify_initiators(fx->db, w.initiative, "offer_new", NULL, 0, NULL), ERR_OK);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE kind = 'offer_new' "
             "AND person_id IN (%lld, %lld)",
             (long long)w.bob, (long long)w.initiator);
    assert_int_equal(at_count(fx->db, sql), 2);
    assert_int_equal(of_kind(fx, "offer_new"), 2);
}

static void test_only_standing_pledgers_are_notified(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.ann, 20, "month");
    int64_t bobs = pt_pledge(fx, &w, w.bob, 20, "month");
    struct actor bob = pt_resident(w.bob);
    assert_int_equal(pledge_withdraw(fx->db, bobs, &bob, NULL), ERR_OK);
    assert_int_equal(notify_pledgers(fx->db, w.initiative, "initiative_frozen", "x", 0, NULL),
                     ERR_OK);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE "
             "kind = 'initiative_frozen' AND person_id = %lld",
             (long long)w.ann);
    assert_int_equal(at_count(fx->db, sql), 1);
    assert_int_equal(of_kind(fx, "initiative_frozen"), 1);
}

static void test_a_notification_joins_the_callers_transaction(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    assert_int_equal(db_begin(fx->db, NULL), ERR_OK);
    assert_int_equal(notify(fx->db, w.ann, "initiator_added", w.initiative, NULL, NULL), ERR_OK);
    db_rollback(fx->db);
    assert_int_equal(of_kind(fx, "initiator_added"), 0);
}

static void test_marking_one_all_and_twice(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t p = at_person(fx, "lezer@example.nl", "Lezer");
    for (int i = 0; i < 3; i++)
        assert_int_equal(notify(fx->db, p, "offer_new", w.initiative, NULL, NULL), ERR_OK);
    char sql[120];
    snprintf(sql, sizeof sql, "SELECT MIN(id) FROM notification WHERE person_id = %lld",
             (long long)p);
    int64_t first = at_count(fx->db, sql);
    struct actor act = at_actor(p, AT_NOW);
    int64_t marked = -1;
    assert_int_equal(notification_mark_read(fx->db, first, &act, &marked, NULL), ERR_OK);
    assert_int_equal(marked, 1);
    assert_int_equal(unread(fx, p), 2);
    assert_int_equal(notification_mark_read(fx->db, first, &act, &marked, NULL), ERR_OK);
    assert_int_equal(marked, 0);
    assert_int_equal(pt_audits(fx, "notification.read"), 1);
    assert_int_equal(notification_mark_read(fx->db, 0, &act, &marked, NULL), ERR_OK);
    assert_int_equal(marked, 2);
    assert_int_equal(unread(fx, p), 0);
    assert_int_equal(pt_audits(fx, "notification.read"), 2);
}

static void test_someone_elses_notification_is_not_found(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    assert_int_equal(notify(fx->db, w.bob, "offer_new", w.initiative, NULL, NULL), ERR_OK);
    char sql[120];
    snprintf(sql, sizeof sql, "SELECT MAX(id) FROM notification WHERE person_id = %lld",
             (long long)w.bob);
    int64_t id = at_count(fx->db, sql);
    struct actor ann = at_actor(w.ann, AT_NOW), nobody = at_actor(0, AT_NOW);
    assert_int_equal(notification_mark_read(fx->db, id, &ann, NULL, NULL), ERR_NOT_FOUND);
    assert_int_equal(notification_mark_read(fx->db, 0, &nobody, NULL, NULL), ERR_UNAUTHORIZED);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE id = %lld "
             "AND read_at IS NULL",
             (long long)id);
    assert_int_equal(at_count(fx->db, sql), 1);
}

static void test_a_long_detail_is_cut_at_a_character_boundary(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    char detail[3 * 300 + 1] = "";
    for (int i = 0; i < 300; i++)
        strcat(detail, "\xe2\x82\xac"); /* the euro sign, three bytes */
    assert_int_equal(notify(fx->db, w.ann, "task_asked", w.initiative, detail, NULL), ERR_OK);
    char *kept = mt_text(fx->db, "SELECT detail FROM notification WHERE kind = 'task_asked'");
    assert_true(utf8_valid(kept, strlen(kept)));
    assert_int_equal(utf8_count(kept, strlen(kept)), NOTIFY_DETAIL_MAX);
    free(kept);
}

static void unknown_kind(void *arg)
{
    struct at_fx *fx = arg;
    notify(fx->db, 1, "gossip", 0, NULL, NULL);
}

static void test_an_unknown_kind_aborts(void **state)
{
    struct at_fx *fx = at_fx(state);
    assert_true(at_dies_with_abort(unknown_kind, fx));
    assert_true(notify_kind_valid("pledge_new"));
    assert_false(notify_kind_valid("gossip"));
}

static void test_a_notification_links_to_its_page(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    assert_int_equal(notify_about(fx->db, w.bob, "decision_opened", 0, "/decisions/7",
                                  "Bankjes kiezen", NULL),
                     ERR_OK);
    assert_int_equal(notify_about(fx->db, w.bob, "activity_cancelled", w.initiative, NULL, NULL,
                                  NULL),
                     ERR_OK);
    struct notification *items;
    int n = 0;
    int64_t next = -1;
    assert_int_equal(notification_list(fx->db, fx->a, w.bob, 0, 2, &items, &n, &next, NULL),
                     ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].kind, "activity_cancelled");
    assert_null(items[0].path);
    assert_int_equal(items[0].initiative_id, w.initiative);
    assert_string_equal(items[1].kind, "decision_opened");
    assert_string_equal(items[1].path, "/decisions/7");
    assert_int_equal(items[1].initiative_id, 0);
}

static void foreign_path(void *arg)
{
    struct at_fx *fx = arg;
    notify_about(fx->db, 1, "decision_opened", 0, "//evil.example/x", NULL, NULL);
}

static void test_a_path_that_is_not_local_aborts(void **state)
{
    struct at_fx *fx = at_fx(state);
    assert_true(at_dies_with_abort(foreign_path, fx));
}

static void test_every_kind_passes_the_databases_check(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    const char *const *kinds = notify_kinds();
    size_t n = 0;
    for (; kinds[n]; n++)
        assert_int_equal(notify(fx->db, w.bob, kinds[n], 0, NULL, NULL), ERR_OK);
    assert_int_equal(n, 31);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(DISTINCT kind) FROM notification"), (int64_t)n);
}

static void test_the_unread_count_probes_the_partial_index(void **state)
{
    struct at_fx *fx = at_fx(state);
    if (db_kind(fx->db) != DB_SQLITE)
        skip();
    char *plan = mt_dump(fx->db, "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM notification "
                                 "WHERE person_id = 7 AND read_at IS NULL");
    assert_non_null(strstr(plan, "notification_unread_idx"));
    free(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_person_is_notified_and_lists_newest_first),
        AT_TEST(test_the_list_pages_by_cursor),
        AT_TEST(test_the_initiators_are_notified_but_not_the_actor),
        AT_TEST(test_the_owning_collectives_board_is_notified),
        AT_TEST(test_only_standing_pledgers_are_notified),
        AT_TEST(test_a_notification_joins_the_callers_transaction),
        AT_TEST(test_marking_one_all_and_twice),
        AT_TEST(test_someone_elses_notification_is_not_found),
        AT_TEST(test_a_long_detail_is_cut_at_a_character_boundary),
        AT_TEST(test_an_unknown_kind_aborts),
        AT_TEST(test_a_notification_links_to_its_page),
        AT_TEST(test_a_path_that_is_not_local_aborts),
        AT_TEST(test_every_kind_passes_the_databases_check),
        AT_TEST(test_the_unread_count_probes_the_partial_index),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
