/* Tests of initiatives (src/model/initiative*.c) on SQLite and PostgreSQL
 * (see account_testing.h): residents start and own them; the board of a
 * sound collective starts them for it; a professional -- or an initiator
 * acting as one -- cannot start, own, advance or edit one, and each
 * refused attempt is logged; phases move one at a time without skipping
 * awareness, execution below the pledge threshold and stopping need a
 * reason, anchoring needs an evaluation; an initiative whose initiator
 * moves away is frozen until that is fixed; bad input changes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "capacity_testing.h"
#include "model/capacity.h"
#include "model/collective.h"
#include "model/initiative.h"
#include "model/pledge.h"
#include "model/residency.h"
#include "model_testing.h"

static const char *const bu1[] = {CT_BU1};

static struct initiative_scope scope(void)
{
    static const struct initiative_need needs[] = {
        {"skills", "Someone who can build a bench", -1},
        {"hours", "Watering in summer", 12},
    };
    return (struct initiative_scope){.title = "Moestuin aan de Lindenlaan",
                                     .aim = "Samen groente kweken.",
                                     .areas = bu1,
                                     .n_areas = 1,
                                     .needs = needs,
                                     .n_needs = 2};
}

/* A verified resident of buurt, acting as resident. */
static struct actor resident(struct at_fx *fx, const char *email, const char *buurt)
{
    int64_t p = at_person(fx, email, "Bewoner");
    ct_resident(fx, p, buurt);
    return ct_act(p, "resident");
}

/* A person with a confirmed post at CT_ORG1, acting as professional. */
static struct actor professional(struct at_fx *fx, int64_t p)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
             "start_at) VALUES (%lld, %d, 'welzijnswerker', 'confirmed', 1, 1)",
             (long long)p, CT_ORG1);
    mt_exec(fx->db, sql);
    return ct_act(p, "professional:1");
}

static int64_t create(struct at_fx *fx, const struct actor *act)
{
    struct initiative_scope s = scope();
    int64_t id = 0;
    struct fault f = {0};
    assert_int_equal(initiative_create(fx->db, &s, 0, act, &id, &f), ERR_OK);
    return id;
}

static const char *phase_of(struct at_fx *fx, int64_t id)
{
    struct initiative it;
    assert_int_equal(initiative_get(fx->db, fx->a, id, &it, NULL), ERR_OK);
    return it.phase;
}

static void move(struct at_fx *fx, int64_t id, const char *to, const char *reason,
                 const struct actor *act)
{
    struct fault f = {0};
    assert_int_equal(initiative_change_phase(fx->db, id, to, reason, act, &f), ERR_OK);
    assert_string_equal(phase_of(fx, id), to);
}

static int64_t refusals(struct at_fx *fx, const char *action)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM audit_log WHERE action = 'initiative.refused' "
             "AND public = 0 AND detail LIKE '%%\"%s\"%%'",
             action);
    return at_count(fx->db, sql);
}

static void assert_facilitates(enum err e, const struct fault *f)
{
    assert_int_equal(e, ERR_FORBIDDEN);
    assert_non_null(f->msgid);
    assert_non_null(strstr(f->msgid, "Professionals facilitate"));
}

static void test_a_resident_starts_an_initiative_and_is_its_initiator(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct initiative it;
    assert_int_equal(initiative_get(fx->db, fx->a, id, &it, NULL), ERR_OK);
    assert_string_equal(it.title, "Moestuin aan de Lindenlaan");
    assert_string_equal(it.phase, "idea");
    assert_int_equal(it.n_areas, 1);
    assert_string_equal(it.areas[0], CT_BU1);
    assert_null(it.frozen_reason);
    struct initiative_initiator *ii;
    int n = 0;
    assert_int_equal(initiative_initiators(fx->db, fx->a, id, &ii, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ii[0].person_id, ann.person_id);
    struct initiative_need *needs;
    assert_int_equal(initiative_needs(fx->db, fx->a, id, &needs, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(needs[0].amount, -1);
    assert_int_equal(needs[1].amount, 12);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'initiative.create' AND public = 1 "
                                      "AND area_code = 'BU00010101'"),
                     1);
}

static void test_a_resident_of_another_buurt_cannot_start_one_there(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor bob = resident(fx, "bob@example.nl", CT_BU2);
    struct initiative_scope s = scope();
    struct fault f = {0};
    assert_int_equal(initiative_create(fx->db, &s, 0, &bob, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative"), 0);
    assert_int_equal(refusals(fx, "initiative.create"), 1);
}

static void test_a_professional_cannot_start_one_and_the_attempt_is_logged(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t p = at_person(fx, "pro@example.nl", "Pro");
    ct_resident(fx, p, CT_BU1);
    struct actor pro = professional(fx, p);
    struct initiative_scope s = scope();
    struct fault f = {0};
    assert_facilitates(initiative_create(fx->db, &s, 0, &pro, NULL, &f), &f);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative"), 0);
    assert_int_equal(refusals(fx, "initiative.create"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action = "
                                      "'initiative.refused' AND capacity = 'professional:1'"),
                     1);
}

static void test_bad_scope_is_refused_with_its_field_and_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    static const char *const unknown[] = {"BU09990101"};
    static const char *const twice[] = {CT_BU1, CT_BU1};
    static const struct initiative_need bad_need[] = {{"love", "Veel", -1}};
    static const struct initiative_need absurd[] = {{"hours", "Heel veel", 200000000}};
    static const struct initiative_need negative[] = {{"money", "Schuld", -50}};
    struct {
        struct initiative_scope s;
        const char *field;
    } cases[] = {
        {scope(), "title"},           {scope(), "title"}, {scope(), "areas"},
        {scope(), "areas"},           {scope(), "needs"}, {scope(), "threshold_residents"},
        {scope(), "threshold_hours"}, {scope(), "areas"}, {scope(), "needs"},
        {scope(), "needs"},
    };
    cases[0].s.title = "";
    cases[1].s.title = "Twee\nregels";
    cases[2].s.areas = unknown;
    cases[3].s.areas = twice, cases[3].s.n_areas = 2;
    cases[4].s.needs = bad_need, cases[4].s.n_needs = 1;
    cases[5].s.threshold_residents = -1;
    cases[6].s.threshold_hours = 2000000;
    cases[7].s.n_areas = 0;
    cases[8].s.needs = absurd, cases[8].s.n_needs = 1;
    cases[9].s.needs = negative, cases[9].s.n_needs = 1;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fault f = {0};
        assert_int_equal(initiative_create(fx->db, &cases[i].s, 0, &ann, NULL, &f), ERR_INVALID);
        assert_string_equal(f.field, cases[i].field);
    }
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative"), 0);
}

/* A collective of three residents of CT_BU1, active; *t gets the actors. */
static int64_t collective(struct at_fx *fx, struct actor t[3], int64_t res[3])
{
    static const char *const emails[] = {"c1@example.nl", "c2@example.nl", "c3@example.nl"};
    for (int i = 0; i < 3; i++) {
        int64_t p = at_person(fx, emails[i], "Lid");
        res[i] = ct_resident(fx, p, CT_BU1);
        t[i] = ct_act(p, "resident");
    }
    struct collective in = {.name = "Buurttrust",
                            .kind = "trust",
                            .area_code = CT_BU1,
                            .voting_rule = "majority",
                            .statutes = ""};
    int64_t co[2] = {t[1].person_id, t[2].person_id}, id = 0;
    assert_int_equal(collective_found(fx->db, &in, co, &t[0], &id, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &t[1], NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &t[2], NULL), ERR_OK);
    return id;
}

static void test_the_board_of_a_sound_collective_starts_one_for_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor t[3];
    int64_t res[3];
    int64_t c = collective(fx, t, res);
    struct initiative_scope s = scope();
    int64_t id = 0;
    assert_int_equal(initiative_create(fx->db, &s, c, &t[0], &id, NULL), ERR_OK);
    enum relation rel = REL_OTHER;
    assert_int_equal(initiative_relation(fx->db, id, &t[1], &rel, NULL), ERR_OK);
    assert_int_equal(rel, REL_INITIATOR);
    move(fx, id, "awareness", NULL, &t[1]);
    struct actor outsider = resident(fx, "out@example.nl", CT_BU1);
    struct fault f = {0};
    assert_int_equal(initiative_create(fx->db, &s, c, &outsider, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(initiative_create(fx->db, &s, 999, &t[0], NULL, &f), ERR_NOT_FOUND);
}

static void test_an_unsound_collective_is_frozen_and_cannot_start_one(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor t[3];
    int64_t res[3];
    int64_t c = collective(fx, t, res);
    struct initiative_scope s = scope();
    int64_t id = 0;
    assert_int_equal(initiative_create(fx->db, &s, c, &t[0], &id, NULL), ERR_OK);
    assert_int_equal(residency_end(fx->db, res[1], &t[1], NULL), ERR_OK);
    assert_int_equal(residency_end(fx->db, res[2], &t[2], NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(initiative_create(fx->db, &s, c, &t[0], NULL, &f), ERR_CONFLICT);
    assert_int_equal(initiative_change_phase(fx->db, id, "awareness", NULL, &t[0], &f),
                     ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "frozen"));
    assert_string_equal(phase_of(fx, id), "idea");
}

static void test_phases_move_one_at_a_time_to_anchored(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    move(fx, id, "awareness", NULL, &ann);
    move(fx, id, "execution", NULL, &ann);
    move(fx, id, "evaluation", "Done building", &ann);
    struct fault f = {0};
    assert_int_equal(initiative_change_phase(fx->db, id, "anchored", NULL, &ann, &f), ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "evaluation"));
    struct initiative_evaluation ev = {.results = "Tien bakken",
                                       .worked = "Samen",
                                       .did_not_work = "Water",
                                       .conditions = "Een kraan"};
    assert_int_equal(initiative_evaluate(fx->db, id, &ev, &ann, NULL), ERR_OK);
    move(fx, id, "anchored", NULL, &ann);
    struct initiative_phase_change *h;
    int n = 0;
    assert_int_equal(initiative_history(fx->db, fx->a, id, &h, &n, NULL), ERR_OK);
    assert_int_equal(n, 4);
    assert_string_equal(h[0].from, "idea");
    assert_string_equal(h[0].to, "awareness");
    assert_string_equal(h[2].reason, "Done building");
    assert_string_equal(h[3].to, "anchored");
    assert_string_equal(h[3].capacity, "resident");
    assert_int_equal(h[3].person_id, ann.person_id);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log "
                                      "WHERE action = 'initiative.change_phase' AND public = 1"),
                     4);
    assert_int_equal(initiative_change_phase(fx->db, id, "stopped", "x", &ann, &f), ERR_CONFLICT);
}

static void test_skipping_awareness_is_refused_and_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct fault f = {0};
    assert_int_equal(initiative_change_phase(fx->db, id, "execution", "Snel", &ann, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "phase");
    assert_non_null(strstr(f.msgid, "skip the awareness phase"));
    assert_int_equal(initiative_change_phase(fx->db, id, "evaluation", NULL, &ann, &f),
                     ERR_INVALID);
    assert_int_equal(initiative_change_phase(fx->db, id, "idea", NULL, &ann, &f), ERR_INVALID);
    assert_int_equal(initiative_change_phase(fx->db, id, "finished", NULL, &ann, &f), ERR_INVALID);
    assert_string_equal(phase_of(fx, id), "idea");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_phase_change"), 0);
}

static void test_stopping_needs_a_reason_and_ends_the_initiative(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    move(fx, id, "awareness", NULL, &ann);
    struct fault f = {0};
    assert_int_equal(initiative_change_phase(fx->db, id, "stopped", "  ", &ann, &f), ERR_INVALID);
    assert_string_equal(f.field, "reason");
    move(fx, id, "stopped", "Geen grond gevonden", &ann);
    assert_int_equal(initiative_change_phase(fx->db, id, "awareness", NULL, &ann, &f),
                     ERR_CONFLICT);
    struct initiative_scope s = scope();
    assert_int_equal(initiative_update(fx->db, id, &s, &ann, &f), ERR_CONFLICT);
}

static void test_execution_below_the_pledge_threshold_needs_a_reason(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    struct initiative_scope s = scope();
    s.threshold_residents = 2;
    s.threshold_hours = 8;
    int64_t id = 0;
    assert_int_equal(initiative_create(fx->db, &s, 0, &ann, &id, NULL), ERR_OK);
    move(fx, id, "awareness", NULL, &ann);
    struct actor bea = resident(fx, "bea@example.nl", CT_BU1);
    struct pledge_input in = {.hours_tenths = 100, .period = "month"};
    assert_int_equal(pledge_make(fx->db, id, &in, &bea, NULL, NULL, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(initiative_change_phase(fx->db, id, "execution", "", &ann, &f), ERR_INVALID);
    assert_string_equal(f.field, "reason");
    assert_string_equal(phase_of(fx, id), "awareness");
    struct actor cor = resident(fx, "cor@example.nl", CT_BU1);
    assert_int_equal(pledge_make(fx->db, id, &in, &cor, NULL, NULL, NULL), ERR_OK);
    move(fx, id, "execution", NULL, &ann);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification "
                                      "WHERE kind = 'phase_changed'"),
                     2);
}

static void test_below_the_threshold_a_reason_is_enough(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    struct initiative_scope s = scope();
    s.threshold_residents = 10;
    int64_t id = 0;
    assert_int_equal(initiative_create(fx->db, &s, 0, &ann, &id, NULL), ERR_OK);
    move(fx, id, "awareness", NULL, &ann);
    move(fx, id, "execution", "We beginnen klein", &ann);
}

static void test_a_professional_cannot_advance_edit_or_add(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct actor pro = professional(fx, at_person(fx, "pro@example.nl", "Pro"));
    struct fault f = {0};
    assert_facilitates(initiative_change_phase(fx->db, id, "awareness", NULL, &pro, &f), &f);
    struct initiative_scope s = scope();
    s.title = "Overgenomen";
    assert_facilitates(initiative_update(fx->db, id, &s, &pro, &f), &f);
    assert_facilitates(initiative_add_initiator(fx->db, id, pro.person_id, &pro, &f), &f);
    struct initiative_evaluation ev = {
        .results = "a", .worked = "b", .did_not_work = "c", .conditions = "d"};
    assert_facilitates(initiative_evaluate(fx->db, id, &ev, &pro, &f), &f);
    assert_string_equal(phase_of(fx, id), "idea");
    assert_int_equal(refusals(fx, "initiative.change_phase"), 1);
    assert_int_equal(refusals(fx, "initiative.change_scope"), 2);
    assert_int_equal(refusals(fx, "initiative.add_initiator"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative "
                                      "WHERE title = 'Overgenomen'"),
                     0);
}

static void test_an_initiator_acting_as_professional_cannot_steer(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct actor as_pro = professional(fx, ann.person_id);
    enum relation rel = REL_OTHER;
    assert_int_equal(initiative_relation(fx->db, id, &as_pro, &rel, NULL), ERR_OK);
    assert_int_equal(rel, REL_INITIATOR);
    struct fault f = {0};
    assert_facilitates(initiative_change_phase(fx->db, id, "awareness", NULL, &as_pro, &f), &f);
    assert_string_equal(phase_of(fx, id), "idea");
    assert_int_equal(refusals(fx, "initiative.change_phase"), 1);
    move(fx, id, "awareness", NULL, &ann);
}

static void test_only_verified_residents_of_its_buurt_become_initiators(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct actor pro = professional(fx, at_person(fx, "pro@example.nl", "Pro"));
    struct actor far = resident(fx, "far@example.nl", CT_BU2);
    struct actor bea = resident(fx, "bea@example.nl", CT_BU1);
    struct fault f = {0};
    assert_int_equal(initiative_add_initiator(fx->db, id, pro.person_id, &ann, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "never hold the initiator role"));
    assert_int_equal(initiative_add_initiator(fx->db, id, far.person_id, &ann, &f), ERR_FORBIDDEN);
    assert_int_equal(initiative_add_initiator(fx->db, id, 999, &ann, &f), ERR_NOT_FOUND);
    assert_int_equal(initiative_add_initiator(fx->db, id, bea.person_id, &ann, &f), ERR_OK);
    assert_int_equal(initiative_add_initiator(fx->db, id, bea.person_id, &ann, &f), ERR_CONFLICT);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_initiator "
                                      "WHERE until_at IS NULL"),
                     2);
    assert_int_equal(refusals(fx, "initiative.add_initiator"), 2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification "
                                      "WHERE kind = 'initiator_added'"),
                     1);
}

static void test_the_last_initiator_cannot_step_down(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    struct actor bea = resident(fx, "bea@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct fault f = {0};
    assert_int_equal(initiative_remove_initiator(fx->db, id, ann.person_id, &ann, &f),
                     ERR_CONFLICT);
    assert_int_equal(initiative_remove_initiator(fx->db, id, bea.person_id, &ann, &f),
                     ERR_NOT_FOUND);
    assert_int_equal(initiative_add_initiator(fx->db, id, bea.person_id, &ann, &f), ERR_OK);
    assert_int_equal(initiative_remove_initiator(fx->db, id, ann.person_id, &ann, &f), ERR_OK);
    enum relation rel = REL_INITIATOR;
    assert_int_equal(initiative_relation(fx->db, id, &ann, &rel, NULL), ERR_OK);
    assert_int_equal(rel, REL_MEMBER);
}

static void test_frozen_when_an_initiators_residency_ends_until_fixed(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t bea_p = at_person(fx, "bea@example.nl", "Bea");
    int64_t bea_res = ct_resident(fx, bea_p, CT_BU1);
    struct actor bea = ct_act(bea_p, "resident");
    int64_t id = create(fx, &ann);
    assert_int_equal(initiative_add_initiator(fx->db, id, bea_p, &ann, NULL), ERR_OK);
    assert_int_equal(residency_end(fx->db, bea_res, &bea, NULL), ERR_OK);
    const char *why = NULL;
    assert_int_equal(initiative_ownership(fx->db, id, &why, NULL), ERR_OK);
    assert_non_null(why);
    assert_int_equal(initiative_check_ownership_of(fx->db, bea_p, 0, &bea, NULL), ERR_OK);
    struct initiative it;
    assert_int_equal(initiative_get(fx->db, fx->a, id, &it, NULL), ERR_OK);
    assert_string_equal(it.frozen_reason, why);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification "
                                      "WHERE kind = 'initiative_frozen'"),
                     2);
    struct fault f = {0};
    assert_int_equal(initiative_change_phase(fx->db, id, "awareness", NULL, &ann, &f),
                     ERR_CONFLICT);
    assert_string_equal(f.msgid, why);
    assert_int_equal(refusals(fx, "initiative.change_phase"), 1);
    assert_int_equal(initiative_remove_initiator(fx->db, id, bea_p, &ann, &f), ERR_OK);
    assert_int_equal(initiative_get(fx->db, fx->a, id, &it, NULL), ERR_OK);
    assert_null(it.frozen_reason);
    move(fx, id, "awareness", NULL, &ann);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM audit_log WHERE action IN "
                                      "('initiative.freeze', 'initiative.unfreeze')"),
                     2);
}

static void test_the_steering_check_freezes_without_being_told(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    int64_t ann_p = at_person(fx, "ann@example.nl", "Ann");
    int64_t res = ct_resident(fx, ann_p, CT_BU1);
    struct actor ann = ct_act(ann_p, "resident");
    int64_t id = create(fx, &ann);
    ct_resident(fx, ann_p, CT_BU2);
    assert_int_equal(residency_end(fx->db, res, &ann, NULL), ERR_OK);
    struct fault f = {0};
    struct initiative_scope s = scope();
    assert_int_equal(initiative_update(fx->db, id, &s, &ann, &f), ERR_CONFLICT);
    assert_non_null(strstr(f.msgid, "frozen"));
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative "
                                      "WHERE frozen_reason IS NOT NULL"),
                     1);
}

static void test_scope_changes_replace_areas_and_needs(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    static const char *const both[] = {CT_BU1, CT_BU1B};
    static const char *const other[] = {CT_BU1B};
    struct initiative_scope s = scope();
    s.title = "Moestuinen";
    s.areas = both;
    s.n_areas = 2;
    s.n_needs = 1;
    s.threshold_residents = 5;
    assert_int_equal(initiative_update(fx->db, id, &s, &ann, NULL), ERR_OK);
    struct initiative it;
    assert_int_equal(initiative_get(fx->db, fx->a, id, &it, NULL), ERR_OK);
    assert_string_equal(it.title, "Moestuinen");
    assert_int_equal(it.n_areas, 2);
    assert_int_equal(it.threshold_residents, 5);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_need"), 1);
    s.areas = other;
    s.n_areas = 1;
    struct fault f = {0};
    assert_int_equal(initiative_update(fx->db, id, &s, &ann, &f), ERR_INVALID);
    assert_string_equal(f.field, "areas");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM initiative_area"), 2);
}

static void test_the_evaluation_is_entered_in_the_evaluation_phase(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    int64_t id = create(fx, &ann);
    struct initiative_evaluation ev = {.results = "Tien bakken",
                                       .worked = "Samen",
                                       .did_not_work = "Water",
                                       .conditions = "Een kraan"};
    struct fault f = {0};
    assert_int_equal(initiative_evaluate(fx->db, id, &ev, &ann, &f), ERR_CONFLICT);
    move(fx, id, "awareness", NULL, &ann);
    move(fx, id, "execution", NULL, &ann);
    move(fx, id, "evaluation", NULL, &ann);
    struct initiative_evaluation empty = {
        .results = "Tien bakken", .worked = "", .did_not_work = "Water", .conditions = "Een kraan"};
    assert_int_equal(initiative_evaluate(fx->db, id, &empty, &ann, &f), ERR_INVALID);
    assert_string_equal(f.field, "worked");
    assert_int_equal(initiative_evaluate(fx->db, id, &ev, &ann, &f), ERR_OK);
    ev.results = "Twaalf bakken";
    assert_int_equal(initiative_evaluate(fx->db, id, &ev, &ann, &f), ERR_OK);
    struct initiative_evaluation got;
    assert_int_equal(initiative_evaluation_get(fx->db, fx->a, id, &got, NULL), ERR_OK);
    assert_string_equal(got.results, "Twaalf bakken");
    assert_int_equal(got.updated_by, ann.person_id);
    move(fx, id, "stopped", "Geen vrijwilligers meer", &ann);
}

static void test_relation_and_lists_by_buurt_and_phase(void **state)
{
    struct at_fx *fx = at_fx(state);
    ct_world(fx);
    struct actor ann = resident(fx, "ann@example.nl", CT_BU1);
    struct actor bea = resident(fx, "bea@example.nl", CT_BU1);
    struct actor far = resident(fx, "far@example.nl", CT_BU2);
    int64_t a = create(fx, &ann);
    int64_t b = create(fx, &ann);
    move(fx, b, "awareness", NULL, &ann);
    enum relation rel;
    assert_int_equal(initiative_relation(fx->db, a, &bea, &rel, NULL), ERR_OK);
    assert_int_equal(rel, REL_MEMBER);
    assert_int_equal(initiative_relation(fx->db, a, &far, &rel, NULL), ERR_OK);
    assert_int_equal(rel, REL_OTHER);
    assert_int_equal(initiative_relation(fx->db, 999, &far, &rel, NULL), ERR_NOT_FOUND);
    struct initiative *items;
    int n = 0;
    assert_int_equal(initiative_list(fx->db, fx->a, CT_BU1, NULL, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[0].id, a); /* idea before awareness */
    assert_int_equal(initiative_list(fx->db, fx->a, NULL, "awareness", &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, b);
    assert_int_equal(initiative_list(fx->db, fx->a, CT_BU2, NULL, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    struct fault f = {0};
    assert_int_equal(initiative_list(fx->db, fx->a, NULL, "done", &items, &n, &f), ERR_INVALID);
}

static void test_phase_names(void **state)
{
    (void)state;
    assert_true(initiative_phase_valid("awareness"));
    assert_false(initiative_phase_valid("Awareness"));
    assert_false(initiative_phase_valid(NULL));
    assert_true(initiative_phase_ended("stopped"));
    assert_false(initiative_phase_ended("evaluation"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_resident_starts_an_initiative_and_is_its_initiator),
        AT_TEST(test_a_resident_of_another_buurt_cannot_start_one_there),
        AT_TEST(test_a_professional_cannot_start_one_and_the_attempt_is_logged),
        AT_TEST(test_bad_scope_is_refused_with_its_field_and_changes_nothing),
        AT_TEST(test_the_board_of_a_sound_collective_starts_one_for_it),
        AT_TEST(test_an_unsound_collective_is_frozen_and_cannot_start_one),
        AT_TEST(test_phases_move_one_at_a_time_to_anchored),
        AT_TEST(test_skipping_awareness_is_refused_and_changes_nothing),
        AT_TEST(test_stopping_needs_a_reason_and_ends_the_initiative),
        AT_TEST(test_execution_below_the_pledge_threshold_needs_a_reason),
        AT_TEST(test_below_the_threshold_a_reason_is_enough),
        AT_TEST(test_a_professional_cannot_advance_edit_or_add),
        AT_TEST(test_an_initiator_acting_as_professional_cannot_steer),
        AT_TEST(test_only_verified_residents_of_its_buurt_become_initiators),
        AT_TEST(test_the_last_initiator_cannot_step_down),
        AT_TEST(test_frozen_when_an_initiators_residency_ends_until_fixed),
        AT_TEST(test_the_steering_check_freezes_without_being_told),
        AT_TEST(test_scope_changes_replace_areas_and_needs),
        AT_TEST(test_the_evaluation_is_entered_in_the_evaluation_phase),
        AT_TEST(test_relation_and_lists_by_buurt_and_phase),
        cmocka_unit_test(test_phase_names),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
