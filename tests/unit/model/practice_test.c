/* Tests of the practice library (src/model/practice.c, practice_read.c) on
 * SQLite and PostgreSQL: publishing refused without an evaluation, with bad
 * themes and for a professional, with nothing changed; publishing and
 * publishing again; full-text search (through the driver's db_fts_*) with
 * theme and area filters and bad input; words that are search syntax
 * elsewhere taken literally; and similar initiatives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "db/db.h"
#include "match_testing.h"
#include "model/initiative.h"
#include "model/practice.h"
#include "model_testing.h"

static const char *const green[] = {"greenery", "youth"};

static void evaluate(struct at_fx *fx, const struct pt_world *w, const char *worked)
{
    struct actor act = pt_resident(w->initiator);
    struct initiative_evaluation ev = {.results = "Een speeltuin met twintig kinderen",
                                       .worked = worked,
                                       .did_not_work = "De gemeente was traag met de vergunning",
                                       .conditions = "Een vaste groep ouders"};
    struct fault f = {0};
    if (initiative_evaluate(fx->db, w->initiative, &ev, &act, &f) != ERR_OK)
        fail_msg("evaluate: %s", f.msgid ? f.msgid : "?");
}

/* The initiative moved on to evaluation (its thresholds are met first). */
static void to_evaluation(struct at_fx *fx, const struct pt_world *w)
{
    pt_pledge(fx, w, w->ann, 100, "month");
    pt_pledge(fx, w, w->bob, 100, "month");
    pt_pledge(fx, w, w->initiator, 100, "month");
    pt_phase(fx, w, "execution");
    pt_phase(fx, w, "evaluation");
}

static int64_t publish(struct at_fx *fx, const struct pt_world *w)
{
    struct practice_input in = {.themes = green, .n_themes = 2, .contact_me = true};
    struct actor act = pt_resident(w->initiator);
    int64_t id = 0;
    struct fault f = {0};
    if (practice_publish(fx->db, w->initiative, &in, &act, &id, &f) != ERR_OK)
        fail_msg("publish: %s", f.msgid ? f.msgid : "?");
    return id;
}

static int search(struct at_fx *fx, const char *words, const char *theme, const char *area,
                  struct practice **items)
{
    struct practice_query q = {words, theme, area};
    int n = -1;
    struct fault f = {0};
    if (practice_search(fx->db, fx->a, &q, items, &n, &f) != ERR_OK)
        fail_msg("search: %s", f.msgid ? f.msgid : "?");
    return n;
}

static void test_a_practice_needs_an_evaluated_initiative(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct practice_input in = {.themes = green, .n_themes = 2};
    struct actor act = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(practice_publish(fx->db, w.initiative, &in, &act, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "evaluation");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM practice"), 0);
    assert_int_equal(practice_publish(fx->db, w.initiative + 100, &in, &act, NULL, NULL),
                     ERR_NOT_FOUND);
}

static void test_bad_themes_and_professionals_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    to_evaluation(fx, &w);
    evaluate(fx, &w, "Samen bouwen op zaterdag");
    struct actor act = pt_resident(w.initiator);
    const char *unknown[] = {"greenery", "astrology"};
    const char *twice[] = {"food", "food"};
    const char *many[] = {"food", "care", "youth", "sport", "energy", "safety"};
    struct practice_input bad[] = {
        {unknown, 2, false}, {twice, 2, false}, {many, 6, false}, {green, 0, false}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fault f = {0};
        assert_int_equal(practice_publish(fx->db, w.initiative, &bad[i], &act, NULL, &f),
                         ERR_INVALID);
        assert_string_equal(f.field, "themes");
    }
    struct practice_input ok = {green, 2, false};
    struct actor pro = pt_professional(w.pro);
    assert_int_equal(practice_publish(fx->db, w.initiative, &ok, &pro, NULL, NULL), ERR_FORBIDDEN);
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(practice_publish(fx->db, w.initiative, &ok, &ann, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM practice"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM practice_theme"), 0);
}

static void test_a_published_lesson_is_found_and_updated(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    to_evaluation(fx, &w);
    evaluate(fx, &w, "Samen bouwen op zaterdag met buurtvaders");
    int64_t id = publish(fx, &w);
    struct practice p;
    assert_int_equal(practice_get(fx->db, fx->a, id, &p, NULL), ERR_OK);
    assert_string_equal(p.title, "Speeltuin");
    assert_string_equal(p.buurt_code, CT_BU1);
    assert_string_equal(p.wijk_code, "WK000101");
    assert_string_equal(p.gemeente_code, CT_GM1);
    assert_int_equal(p.contact_id, w.initiator);
    assert_int_equal(p.n_themes, 2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'practice.publish' AND public = 1"),
                     1);
    struct practice *items;
    assert_int_equal(search(fx, "buurtvaders", NULL, NULL, &items), 1);
    assert_int_equal(items[0].id, id);
    assert_int_equal(search(fx, "ZATERDAG speeltuin", NULL, NULL, &items), 1);
    assert_int_equal(search(fx, "zaterdag olifant", NULL, NULL, &items), 0);
    /* publishing again updates the copy, and the index follows */
    evaluate(fx, &w, "Bouwen met de scouting");
    assert_int_equal(publish(fx, &w), id);
    assert_int_equal(search(fx, "buurtvaders", NULL, NULL, &items), 0);
    assert_int_equal(search(fx, "scouting", NULL, NULL, &items), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM practice"), 1);
}

static void test_search_filters_by_theme_and_area(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    to_evaluation(fx, &w);
    evaluate(fx, &w, "Samen bouwen");
    publish(fx, &w);
    struct practice *items;
    assert_int_equal(search(fx, NULL, NULL, NULL, &items), 1);
    assert_int_equal(search(fx, "", "greenery", NULL, &items), 1);
    assert_int_equal(search(fx, "", "food", NULL, &items), 0);
    assert_int_equal(search(fx, "samen", "youth", CT_BU1, &items), 1);
    assert_int_equal(search(fx, "samen", NULL, "WK000101", &items), 1);
    assert_int_equal(search(fx, NULL, NULL, CT_GM1, &items), 1);
    assert_int_equal(search(fx, NULL, NULL, CT_GM2, &items), 0);
    struct practice_query bad[] = {{NULL, "astrology", NULL}, {NULL, NULL, "BU99999999"}};
    const char *fields[] = {"theme", "area"};
    for (int i = 0; i < 2; i++) {
        struct fault f = {0};
        int n;
        assert_int_equal(practice_search(fx->db, fx->a, &bad[i], &items, &n, &f), ERR_INVALID);
        assert_string_equal(f.field, fields[i]);
    }
    char longq[300];
    memset(longq, 'a', sizeof longq - 1);
    longq[sizeof longq - 1] = '\0';
    struct practice_query q = {longq, NULL, NULL};
    int n;
    struct fault f = {0};
    assert_int_equal(practice_search(fx->db, fx->a, &q, &items, &n, &f), ERR_INVALID);
    assert_string_equal(f.field, "q");
}

static void test_search_syntax_is_taken_literally(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    to_evaluation(fx, &w);
    evaluate(fx, &w, "Samen bouwen");
    publish(fx, &w);
    struct practice *items;
    assert_int_equal(search(fx, "\"samen\" OR NEAR(x) * -bouwen", NULL, NULL, &items), 0);
    assert_int_equal(search(fx, "samen \"bouwen\"", NULL, NULL, &items), 1);
    assert_int_equal(search(fx, "!!! ???", NULL, NULL, &items), 1); /* no words: browse */
    bool pg = db_kind(fx->db) == DB_POSTGRES;
    assert_string_equal(db_fts_query(fx->db, "a-b c", false, fx->a), "\"a\" \"b\" \"c\"");
    assert_string_equal(db_fts_query(fx->db, "a b", true, fx->a),
                        pg ? "\"a\" or \"b\"" : "\"a\" OR \"b\"");
    assert_null(db_fts_query(fx->db, " ,; ", false, fx->a));
}

static void test_similar_initiatives_share_words(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor ann = pt_resident(w.ann);
    const char *areas[] = {CT_BU1};
    struct initiative_scope a = {
        .title = "Speeltuin aan het plein", .aim = "Klimrekken", .areas = areas, .n_areas = 1};
    struct initiative_scope b = {
        .title = "Buurtmoestuin", .aim = "Groente kweken", .areas = areas, .n_areas = 1};
    int64_t ia = 0, ib = 0;
    assert_int_equal(initiative_create(fx->db, &a, 0, &ann, &ia, NULL), ERR_OK);
    assert_int_equal(initiative_create(fx->db, &b, 0, &ann, &ib, NULL), ERR_OK);
    struct practice_similar *items;
    int n;
    assert_int_equal(practice_similar(fx->db, fx->a, w.initiative, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].initiative_id, ia);
    assert_int_equal(items[0].practice_id, 0);
    assert_int_equal(practice_similar(fx->db, fx->a, ib, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(practice_similar(fx->db, fx->a, ib + 100, &items, &n, NULL), ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_practice_needs_an_evaluated_initiative),
        AT_TEST(test_bad_themes_and_professionals_are_refused),
        AT_TEST(test_a_published_lesson_is_found_and_updated),
        AT_TEST(test_search_filters_by_theme_and_area),
        AT_TEST(test_search_syntax_is_taken_literally),
        AT_TEST(test_similar_initiatives_share_words),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
