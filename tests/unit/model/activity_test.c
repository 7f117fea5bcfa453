/* Tests of activities (src/model/activity*.c) on SQLite and PostgreSQL
 * (see account_testing.h), in the world of plan_testing.h: an initiative
 * in CT_BU1 with its initiator, two residents (ann, bob), a resident
 * elsewhere and a professional. Creating with recurrence and roles, every
 * bad input named in issue 7 that concerns activities (an end before the
 * start, a recurrence that never occurs, a sign-up beyond the capacity)
 * refused or handled with nothing else changed, the waiting list that
 * moves up, cancellation of the whole and of one date with its
 * notifications, volunteering, who sees the sign-ups, the agenda of a
 * buurt and its wijk, and the private feed token. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/activity.h"
#include "model/moderation.h"
#include "model_testing.h"
#include "plan_testing.h"

/* 2026-03-03 (a Tuesday) at local hh:mm in winter time (UTC+1). */
static int64_t winter(int day_of_march, int hh, int mm)
{
    return schedule_days_from_civil(2026, 3, day_of_march) * 86400 + (hh - 1) * 3600 + mm * 60;
}

static struct activity_input base(void)
{
    return (struct activity_input){.title = "Repaircafé",
                                   .description = "Samen repareren; koffie staat klaar.",
                                   .date = "2026-03-03",
                                   .starts = "19:30",
                                   .ends = "21:00",
                                   .address = "Buurthuis, Kerkstraat 1"};
}

static int64_t create(struct at_fx *fx, const struct pt_world *w, struct activity_input in)
{
    struct actor act = pt_resident(w->initiator);
    int64_t id = 0;
    struct fault f = {0};
    assert_int_equal(activity_create(fx->db, w->initiative, 0, &in, &act, &id, &f), ERR_OK);
    assert_true(id > 0);
    return id;
}

static int64_t rows(struct at_fx *fx, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    return at_count(fx->db, sql);
}

static int64_t notes(struct at_fx *fx, const char *kind)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM notification WHERE kind = '%s'", kind);
    return at_count(fx->db, sql);
}

/* A bad input: refused with field, and no activity written. */
static void refused(struct at_fx *fx, const struct pt_world *w, struct activity_input in,
                    const char *field)
{
    struct actor act = pt_resident(w->initiator);
    struct fault f = {0};
    int64_t before = rows(fx, "activity");
    assert_int_equal(activity_create(fx->db, w->initiative, 0, &in, &act, NULL, &f), ERR_INVALID);
    if (!f.field || strcmp(f.field, field) != 0)
        fail_msg("expected field %s, got %s (%s)", field, f.field ? f.field : "none",
                 f.msgid ? f.msgid : "");
    assert_non_null(f.msgid);
    assert_int_equal(rows(fx, "activity"), before);
    assert_int_equal(rows(fx, "activity_role"), 0);
}

static void test_an_initiator_creates_a_recurring_activity_with_roles(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_role_input roles[] = {{"Koffie schenken", 2}, {"Gastvrouw", 1}};
    struct activity_input in = base();
    in.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=5";
    in.capacity = 12;
    in.roles = roles;
    in.n_roles = 2;
    int64_t id = create(fx, &w, in);
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, id, &a, NULL), ERR_OK);
    assert_string_equal(a.rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=5");
    assert_int_equal(a.starts_at, winter(3, 19, 30));
    assert_int_equal(a.ends_at, winter(3, 21, 0));
    assert_string_equal(a.buurt_code, CT_BU1); /* the initiative's only buurt */
    assert_int_equal(a.capacity, 12);
    assert_string_equal(a.status, "scheduled");
    struct activity_occurrence *occ;
    int n = 0;
    assert_int_equal(activity_occurrences(fx->db, fx->a, &a, 0, INT64_MAX / 2, 100, &occ, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 5);
    assert_int_equal(occ[1].starts_at, winter(17, 19, 30));
    struct activity_role *r;
    assert_int_equal(activity_roles(fx->db, fx->a, id, &r, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(r[0].name, "Koffie schenken");
    assert_int_equal(r[0].needed, 2);
    assert_int_equal(pt_audits(fx, "activity.create"), 1);
}

static void test_occurrences_keep_their_local_time_across_summer_time(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.date = "2026-03-17";
    in.freq = "WEEKLY";
    in.count = "3";
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, create(fx, &w, in), &a, NULL), ERR_OK);
    struct activity_occurrence *occ;
    int n = 0;
    assert_int_equal(activity_occurrences(fx->db, fx->a, &a, 0, INT64_MAX / 2, 10, &occ, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(occ[1].starts_at, winter(24, 19, 30));        /* CET */
    assert_int_equal(occ[2].starts_at, winter(31, 19, 30) - 3600); /* CEST since the 29th */
    assert_int_equal(occ[2].ends_at - occ[2].starts_at, 90 * 60);
}

static void test_the_first_date_moves_to_the_first_day_the_rule_names(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.date = "2026-03-02";              /* a Monday */
    in.rrule = "FREQ=MONTHLY;BYDAY=1TH"; /* the first Thursday: 5 March */
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, create(fx, &w, in), &a, NULL), ERR_OK);
    assert_int_equal(a.starts_at, winter(5, 19, 30));
}

static void test_an_activity_that_ends_before_it_starts_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.ends = "18:00";
    refused(fx, &w, in, "ends");
    in.ends = "19:30"; /* no length at all */
    refused(fx, &w, in, "ends");
    in.ends = "21:00";
    in.end_date = "2026-03-02"; /* the day before */
    refused(fx, &w, in, "ends");
}

static void test_a_recurrence_that_never_occurs_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.rrule = "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2";
    refused(fx, &w, in, "bymonthday");
    in.rrule = NULL;
    in.freq = "WEEKLY";
    in.until = "2026-02-01";
    refused(fx, &w, in, "until");
    in.until = NULL;
    in.freq = "YEARLY";
    refused(fx, &w, in, "freq");
    in.freq = NULL;
    in.rrule = "FREQ=WEEKLY;BYDAY=XX";
    refused(fx, &w, in, "byday");
    in.rrule = "FREQ=WEEKLY;SOMETHING";
    refused(fx, &w, in, "rrule");
}

static void test_bad_inputs_are_refused_with_their_field(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.title = "";
    refused(fx, &w, in, "title");
    in = base();
    in.title = "Twee\nregels";
    refused(fx, &w, in, "title");
    in = base();
    in.address = NULL;
    refused(fx, &w, in, "address"); /* neither an address nor a location */
    in = base();
    in.location_id = 1;
    refused(fx, &w, in, "address"); /* both */
    in = base();
    in.capacity = ACTIVITY_CAPACITY_MAX + 1;
    refused(fx, &w, in, "capacity");
    in = base();
    in.date = "2026-02-30";
    refused(fx, &w, in, "date");
    in = base();
    in.starts = "25:00";
    refused(fx, &w, in, "starts");
    in = base();
    in.end_date = "2026-03-30";
    refused(fx, &w, in, "end_date");
    struct activity_role_input twice[] = {{"Koffie", 1}, {"Koffie", 2}};
    in = base();
    in.roles = twice;
    in.n_roles = 2;
    refused(fx, &w, in, "roles");
    struct activity_role_input none[] = {{"Koffie", 0}};
    in.roles = none;
    in.n_roles = 1;
    refused(fx, &w, in, "roles");
    in = base();
    in.buurt = CT_BU2; /* not the initiative's */
    struct actor act = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(activity_create(fx->db, w.initiative, 0, &in, &act, NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "buurt");
    assert_int_equal(rows(fx, "activity"), 0);
}

static void test_only_the_initiators_acting_as_residents_create(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    struct actor pro = pt_professional(w.pro);
    struct fault f = {0};
    assert_int_equal(activity_create(fx->db, w.initiative, 0, &in, &pro, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "facilitat"));
    struct actor ann = pt_resident(w.ann);
    f = (struct fault){0};
    assert_int_equal(activity_create(fx->db, w.initiative, 0, &in, &ann, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(rows(fx, "activity"), 0);
    assert_int_equal(pt_audits(fx, "activity.create"), 0);
}

static void test_a_sign_up_beyond_the_capacity_goes_to_the_waiting_list(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.capacity = 1;
    int64_t id = create(fx, &w, in);
    struct actor ann = pt_resident(w.ann), bob = pt_resident(w.bob);
    const char *status = NULL;
    assert_int_equal(activity_sign_up(fx->db, id, &ann, &status, NULL, NULL), ERR_OK);
    assert_string_equal(status, "confirmed");
    assert_int_equal(activity_sign_up(fx->db, id, &bob, &status, NULL, NULL), ERR_OK);
    assert_string_equal(status, "waiting");
    int position = 0;
    assert_int_equal(activity_my_status(fx->db, id, w.bob, &status, &position, NULL), ERR_OK);
    assert_string_equal(status, "waiting");
    assert_int_equal(position, 1);
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, id, &a, NULL), ERR_OK);
    assert_int_equal(a.taken, 1);
    assert_int_equal(a.waiting, 1);
}

static void test_signing_up_again_changes_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = create(fx, &w, base());
    struct actor ann = pt_resident(w.ann);
    bool again = true;
    assert_int_equal(activity_sign_up(fx->db, id, &ann, NULL, &again, NULL), ERR_OK);
    assert_false(again);
    const char *status = NULL;
    assert_int_equal(activity_sign_up(fx->db, id, &ann, &status, &again, NULL), ERR_OK);
    assert_true(again);
    assert_string_equal(status, "confirmed");
    assert_int_equal(rows(fx, "activity_signup"), 1);
    assert_int_equal(pt_audits(fx, "activity.sign_up"), 1);
}

static void test_a_freed_place_goes_to_the_first_waiting_who_is_told(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.capacity = 1;
    int64_t id = create(fx, &w, in);
    struct actor ann = pt_resident(w.ann), bob = pt_resident(w.bob), far = pt_resident(w.far);
    assert_int_equal(activity_sign_up(fx->db, id, &ann, NULL, NULL, NULL), ERR_OK);
    assert_int_equal(activity_sign_up(fx->db, id, &bob, NULL, NULL, NULL), ERR_OK);
    assert_int_equal(activity_sign_up(fx->db, id, &far, NULL, NULL, NULL), ERR_OK);
    assert_int_equal(activity_sign_up_cancel(fx->db, id, &ann, NULL), ERR_OK);
    const char *status = NULL;
    int position = 0;
    assert_int_equal(activity_my_status(fx->db, id, w.bob, &status, &position, NULL), ERR_OK);
    assert_string_equal(status, "confirmed");
    assert_int_equal(activity_my_status(fx->db, id, w.far, &status, &position, NULL), ERR_OK);
    assert_string_equal(status, "waiting");
    assert_int_equal(position, 1);
    assert_int_equal(notes(fx, "activity_place_offered"), 1);
    char *path = mt_text(fx->db, "SELECT path FROM notification WHERE kind = "
                                 "'activity_place_offered'");
    char want[40];
    snprintf(want, sizeof want, "/activities/%lld", (long long)id);
    assert_string_equal(path, want);
    free(path);
    struct fault f = {0};
    assert_int_equal(activity_sign_up_cancel(fx->db, id, &ann, &f), ERR_NOT_FOUND);
}

static void test_a_larger_capacity_moves_people_up_and_a_smaller_one_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.capacity = 1;
    int64_t id = create(fx, &w, in);
    struct actor ann = pt_resident(w.ann), bob = pt_resident(w.bob), org = pt_resident(w.initiator);
    assert_int_equal(activity_sign_up(fx->db, id, &ann, NULL, NULL, NULL), ERR_OK);
    assert_int_equal(activity_sign_up(fx->db, id, &bob, NULL, NULL, NULL), ERR_OK);
    in.capacity = 2;
    assert_int_equal(activity_update(fx->db, id, &in, &org, NULL), ERR_OK);
    const char *status = NULL;
    int position = 0;
    assert_int_equal(activity_my_status(fx->db, id, w.bob, &status, &position, NULL), ERR_OK);
    assert_string_equal(status, "confirmed");
    assert_int_equal(notes(fx, "activity_changed"), 2);
    in.capacity = 1;
    struct fault f = {0};
    assert_int_equal(activity_update(fx->db, id, &in, &org, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "capacity");
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, id, &a, NULL), ERR_OK);
    assert_int_equal(a.capacity, 2);
    assert_int_equal(a.sequence, 1);
}

static void test_cancelling_an_activity_tells_everyone_signed_up(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_role_input roles[] = {{"Opruimen", 1}};
    struct activity_input in = base();
    in.roles = roles;
    in.n_roles = 1;
    int64_t id = create(fx, &w, in);
    struct actor ann = pt_resident(w.ann), bob = pt_resident(w.bob), org = pt_resident(w.initiator);
    struct activity_role *r;
    int n;
    assert_int_equal(activity_roles(fx->db, fx->a, id, &r, &n, NULL), ERR_OK);
    assert_int_equal(activity_sign_up(fx->db, id, &ann, NULL, NULL, NULL), ERR_OK);
    assert_int_equal(activity_volunteer(fx->db, r[0].id, &bob, NULL, NULL), ERR_OK);
    struct fault f = {0};
    struct actor pro = pt_professional(w.pro);
    assert_int_equal(activity_cancel(fx->db, id, "Zaal onder water", &pro, &f), ERR_FORBIDDEN);
    assert_int_equal(activity_cancel(fx->db, id, "Zaal onder water", &org, NULL), ERR_OK);
    assert_int_equal(notes(fx, "activity_cancelled"), 2);
    f = (struct fault){0};
    assert_int_equal(activity_cancel(fx->db, id, NULL, &org, &f), ERR_CONFLICT);
    struct actor far = pt_resident(w.far);
    f = (struct fault){0};
    assert_int_equal(activity_sign_up(fx->db, id, &far, NULL, NULL, &f), ERR_CONFLICT);
    assert_int_equal(rows(fx, "activity_signup"), 1);
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, id, &a, NULL), ERR_OK);
    assert_string_equal(a.status, "cancelled");
    assert_string_equal(a.cancel_reason, "Zaal onder water");
}

static void test_one_date_of_a_series_is_cancelled_as_an_exception(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.rrule = "FREQ=WEEKLY;COUNT=4";
    int64_t id = create(fx, &w, in);
    struct actor ann = pt_resident(w.ann), org = pt_resident(w.initiator);
    assert_int_equal(activity_sign_up(fx->db, id, &ann, NULL, NULL, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(activity_cancel_occurrence(fx->db, id, winter(10, 19, 0), NULL, &org, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "starts_at");
    assert_int_equal(activity_cancel_occurrence(fx->db, id, winter(10, 19, 30), "Ziek", &org, NULL),
                     ERR_OK);
    f = (struct fault){0};
    assert_int_equal(activity_cancel_occurrence(fx->db, id, winter(10, 19, 30), NULL, &org, &f),
                     ERR_CONFLICT);
    assert_int_equal(notes(fx, "activity_cancelled"), 1);
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, id, &a, NULL), ERR_OK);
    struct activity_occurrence *occ;
    int n = 0;
    assert_int_equal(activity_occurrences(fx->db, fx->a, &a, 0, INT64_MAX / 2, 10, &occ, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 4);
    assert_false(occ[0].cancelled);
    assert_true(occ[1].cancelled);
    assert_false(occ[2].cancelled);
    /* one that happens once has no dates to cancel */
    int64_t once = create(fx, &w, base());
    f = (struct fault){0};
    assert_int_equal(activity_cancel_occurrence(fx->db, once, winter(3, 19, 30), NULL, &org, &f),
                     ERR_INVALID);
    assert_int_equal(rows(fx, "activity_exception"), 1);
}

static void test_volunteers_fill_a_role_up_to_what_it_needs(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_role_input roles[] = {{"Koffie", 1}};
    struct activity_input in = base();
    in.roles = roles;
    in.n_roles = 1;
    int64_t id = create(fx, &w, in);
    struct activity_role *r;
    int n;
    assert_int_equal(activity_roles(fx->db, fx->a, id, &r, &n, NULL), ERR_OK);
    struct actor ann = pt_resident(w.ann), bob = pt_resident(w.bob), pro = pt_professional(w.pro);
    struct fault f = {0};
    assert_int_equal(activity_volunteer(fx->db, r[0].id, &pro, NULL, &f), ERR_FORBIDDEN);
    bool again = true;
    assert_int_equal(activity_volunteer(fx->db, r[0].id, &ann, &again, NULL), ERR_OK);
    assert_false(again);
    assert_int_equal(activity_volunteer(fx->db, r[0].id, &ann, &again, NULL), ERR_OK);
    assert_true(again);
    f = (struct fault){0};
    assert_int_equal(activity_volunteer(fx->db, r[0].id, &bob, NULL, &f), ERR_CONFLICT);
    assert_int_equal(rows(fx, "activity_volunteer"), 1);
    assert_int_equal(activity_volunteer_withdraw(fx->db, r[0].id, &ann, NULL), ERR_OK);
    assert_int_equal(activity_volunteer(fx->db, r[0].id, &bob, NULL, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT taken FROM activity_role"), 1);
}

static void test_only_the_organisers_see_who_signed_up(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t id = create(fx, &w, base());
    struct actor ann = pt_resident(w.ann), org = pt_resident(w.initiator);
    struct actor pro = pt_professional(w.pro);
    assert_int_equal(activity_sign_up(fx->db, id, &ann, NULL, NULL, NULL), ERR_OK);
    struct activity_signup *items;
    int n = 0;
    assert_int_equal(activity_signups(fx->db, fx->a, id, &org, &items, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].person_id, w.ann);
    struct fault f = {0};
    assert_int_equal(activity_signups(fx->db, fx->a, id, &ann, &items, &n, &f), ERR_FORBIDDEN);
    f = (struct fault){0};
    assert_int_equal(activity_signups(fx->db, fx->a, id, &pro, &items, &n, &f), ERR_FORBIDDEN);
}

static void test_the_agenda_of_a_buurt_and_its_wijk(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.rrule = "FREQ=WEEKLY;COUNT=3";
    create(fx, &w, in);
    in = base();
    in.title = "Buurtborrel";
    in.date = "2026-03-04";
    create(fx, &w, in);
    struct activity_dated *items;
    int n = 0;
    int64_t from = winter(1, 0, 0), to = winter(11, 0, 0);
    assert_int_equal(activity_agenda(fx->db, fx->a, ACTIVITY_IN_AREA, 0, CT_BU1, from, to, true,
                                     &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 3); /* the 3rd, the 4th, the 10th */
    assert_string_equal(items[1].activity->title, "Buurtborrel");
    assert_int_equal(activity_agenda(fx->db, fx->a, ACTIVITY_IN_AREA, 0, "WK000101", from, to, true,
                                     &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(activity_agenda(fx->db, fx->a, ACTIVITY_IN_AREA, 0, CT_BU1B, from, to, true,
                                     &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 0);
}

static void test_the_private_feed_token_is_revocable(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor ann = pt_resident(w.ann);
    const char *first = NULL, *second = NULL;
    assert_int_equal(activity_feed_token_new(fx->db, fx->a, &ann, &first, NULL), ERR_OK);
    int64_t person = 0;
    assert_int_equal(activity_feed_person(fx->db, first, &person, NULL), ERR_OK);
    assert_int_equal(person, w.ann);
    assert_int_equal(activity_feed_token_new(fx->db, fx->a, &ann, &second, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(activity_feed_person(fx->db, first, &person, &f), ERR_NOT_FOUND);
    assert_int_equal(activity_feed_person(fx->db, second, &person, NULL), ERR_OK);
    assert_int_equal(rows(fx, "activity_feed_token"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM activity_feed_token WHERE "
                                      "token_hash LIKE '%-%'"),
                     0); /* a hash, not the token */
    assert_int_equal(activity_feed_token_revoke(fx->db, &ann, NULL), ERR_OK);
    f = (struct fault){0};
    assert_int_equal(activity_feed_person(fx->db, second, &person, &f), ERR_NOT_FOUND);
    f = (struct fault){0};
    assert_int_equal(activity_feed_person(fx->db, "not a token", &person, &f), ERR_NOT_FOUND);
}

static void test_a_moderator_hides_what_an_activity_says(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct activity_input in = base();
    in.title = "Iets grofs";
    int64_t id = create(fx, &w, in);
    char object[24];
    snprintf(object, sizeof object, "%lld", (long long)id);
    int64_t author = 0;
    const char *text = NULL;
    assert_int_equal(moderation_content(fx->db, fx->a, "activity", object, &author, &text, NULL),
                     ERR_OK);
    assert_int_equal(author, w.initiator);
    /* title and description, one text */
    assert_string_equal(text, "Iets grofs\n\nSamen repareren; koffie staat klaar.");
    int64_t mod = at_person(fx, "moderator@example.nl", "Moderator");
    ct_grant(fx, mod, CAP_MODERATOR, 0, NULL);
    struct actor as_mod = ct_act(mod, "moderator");
    assert_int_equal(moderation_hide_content(fx->db, "activity", object, "Grof", &as_mod, NULL),
                     ERR_OK);
    struct activity a;
    assert_int_equal(activity_get(fx->db, fx->a, id, &a, NULL), ERR_OK);
    assert_string_equal(a.hidden, "Grof");
    assert_string_equal(a.title, ""); /* the content never leaves the model */
    assert_string_equal(a.description, "");
    struct fault f = {0};
    assert_int_equal(moderation_content(fx->db, fx->a, "activity", "0", &author, NULL, &f),
                     ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_an_initiator_creates_a_recurring_activity_with_roles),
        AT_TEST(test_occurrences_keep_their_local_time_across_summer_time),
        AT_TEST(test_the_first_date_moves_to_the_first_day_the_rule_names),
        AT_TEST(test_an_activity_that_ends_before_it_starts_is_refused),
        AT_TEST(test_a_recurrence_that_never_occurs_is_refused),
        AT_TEST(test_bad_inputs_are_refused_with_their_field),
        AT_TEST(test_only_the_initiators_acting_as_residents_create),
        AT_TEST(test_a_sign_up_beyond_the_capacity_goes_to_the_waiting_list),
        AT_TEST(test_signing_up_again_changes_nothing),
        AT_TEST(test_a_freed_place_goes_to_the_first_waiting_who_is_told),
        AT_TEST(test_a_larger_capacity_moves_people_up_and_a_smaller_one_is_refused),
        AT_TEST(test_cancelling_an_activity_tells_everyone_signed_up),
        AT_TEST(test_one_date_of_a_series_is_cancelled_as_an_exception),
        AT_TEST(test_volunteers_fill_a_role_up_to_what_it_needs),
        AT_TEST(test_only_the_organisers_see_who_signed_up),
        AT_TEST(test_the_agenda_of_a_buurt_and_its_wijk),
        AT_TEST(test_the_private_feed_token_is_revocable),
        AT_TEST(test_a_moderator_hides_what_an_activity_says),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
