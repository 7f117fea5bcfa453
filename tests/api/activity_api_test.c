/* Activities over real HTTP (tests/api/harness.h), on SQLite and, with
 * WIJKREGIE_TEST_DB_URL, on PostgreSQL: an initiative's initiator and a
 * collective's board organise activities; residents sign up (fifty
 * identical requests at once leave one sign-up), the full activity puts
 * them on the waiting list that moves up; bad input is 400 with the field
 * and changes nothing; a professional is refused with the facilitating
 * reason; cancelling a date and the whole activity notifies and shows in
 * the iCalendar feeds; the private feed needs its token and stops when it
 * is revoked; the pages show the activity and a refused form again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "client.h"
#include "core/buf.h"
#include "core/mem.h"
#include "db/db.h"
#include "harness.h"
#include "model/capacity.h"
#include "model/residency.h"

#define BU "BU99010101"
#define BU_FAR "BU99010201"

struct fixture {
    struct harness *h;
    struct client ann, bea, cas, far, pro;
    int64_t initiative; /* ann's, in BU */
    int64_t collective; /* ann, bea and cas */
};

static void path(char *out, size_t n, const char *base, int64_t id, const char *tail)
{
    snprintf(out, n, "%s%lld%s", base, (long long)id, tail);
}

/* Sends body as c; returns the status, the message in msg (may be NULL)
 * and the field at fault in field (may be NULL). */
static long send(struct client *c, const char *method, const char *p, const char *body, char *msg,
                 char *field)
{
    struct http_resp resp;
    long status = client_send(c, method, p, body, &resp);
    const char *m = json_string_value(json_object_get(resp.json, "message"));
    const char *fd = json_string_value(json_object_get(resp.json, "field"));
    if (msg)
        snprintf(msg, 300, "%s", m ? m : "");
    if (field)
        snprintf(field, 40, "%s", fd ? fd : "");
    http_resp_free(&resp);
    return status;
}

/* A date days from today, YYYY-MM-DD (UTC; the activities are in the
 * evening, far from midnight). */
static void date_in(char out[11], int days)
{
    time_t t = time(NULL) + (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Ann creates an activity of her initiative with extra JSON members. */
static int64_t organise(struct fixture *fx, const char *title, const char *extra)
{
    char body[900], day[11], p[100];
    date_in(day, 3);
    snprintf(body, sizeof body,
             "{\"title\": \"%s\", \"description\": \"Samen\", \"date\": \"%s\", \"starts\": "
             "\"19:30\", \"ends\": \"21:00\", \"address\": \"Buurthuis, Kerkstraat 1\"%s}",
             title, day, extra ? extra : "");
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/activities");
    return client_expect(&fx->ann, "POST", p, body, 201);
}

/* GET path as c; the body in out (malloc'ed), the status returned. */
static long fetch(struct client *c, const char *p, char **out)
{
    struct http_resp resp;
    long status = client_send(c, "GET", p, NULL, &resp);
    *out = xstrdup(buf_cstr(&resp.body));
    http_resp_free(&resp);
    return status;
}

static void test_an_initiator_organises_a_series_published_as_icalendar(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Repaircafe",
                          ", \"rrule\": \"FREQ=WEEKLY;COUNT=4\", \"capacity\": 8, \"roles\": "
                          "[{\"name\": \"Koffie\", \"needed\": 2}]");
    char p[120];
    struct http_resp resp;
    path(p, sizeof p, "/api/v1/activities/", id, "");
    json_t *a = client_get_json(&fx->far, p, &resp);
    assert_string_equal(json_string_value(json_object_get(a, "rrule")), "FREQ=WEEKLY;COUNT=4");
    assert_int_equal(json_integer_value(json_object_get(a, "capacity")), 8);
    assert_int_equal(json_array_size(json_object_get(a, "roles")), 1);
    http_resp_free(&resp);
    snprintf(p, sizeof p, "/api/v1/activities/%lld/occurrences?from=%lld&to=%lld", (long long)id,
             (long long)time(NULL), (long long)time(NULL) + 60 * 86400);
    json_t *o = client_get_json(&fx->far, p, &resp);
    assert_int_equal(json_array_size(json_object_get(o, "items")), 4);
    http_resp_free(&resp);
    char *ics;
    path(p, sizeof p, "/initiatives/", fx->initiative, "/activities.ics");
    assert_int_equal(client_send(&fx->far, "GET", p, NULL, &resp), 200);
    bool calendar = false;
    for (size_t i = 0; i < resp.nheaders; i++)
        if (strcasecmp(resp.headers[i].name, "Content-Type") == 0)
            calendar = strncmp(resp.headers[i].value, "text/calendar", 13) == 0;
    assert_true(calendar);
    ics = xstrdup(buf_cstr(&resp.body));
    http_resp_free(&resp);
    assert_non_null(strstr(ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"));
    assert_non_null(strstr(ics, "RRULE:FREQ=WEEKLY;COUNT=4\r\n"));
    assert_non_null(strstr(ics, "DTSTART;TZID=Europe/Amsterdam:"));
    assert_non_null(strstr(ics, "SUMMARY:Repaircafe\r\n"));
    free(ics);
}

static void test_fifty_simultaneous_identical_sign_ups_leave_one_row(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Buurtborrel", ", \"capacity\": 30");
    char p[100];
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-up");
    enum { N = 50 };
    long statuses[N];
    client_race(&fx->bea, 1, N, "POST", p, NULL, statuses);
    assert_int_equal(client_count_status(statuses, N, 201), 1);
    assert_int_equal(client_count_status(statuses, N, 200), N - 1);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM activity_signup WHERE activity_id = ?", id),
                     1);
    assert_int_equal(query_count(fx->h, "SELECT taken FROM activity WHERE id = ?", id), 1);
}

static void test_people_racing_for_the_last_places_never_overbook(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Rondleiding", ", \"capacity\": 3");
    char p[100];
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-up");
    enum { N = 12 };
    struct client racers[N];
    for (int i = 0; i < N; i++) {
        char email[60];
        snprintf(email, sizeof email, "racer-%d@example.nl", i);
        racers[i] = client_person(fx->h, email, NULL);
    }
    long statuses[N];
    client_race(racers, N, N, "POST", p, NULL, statuses);
    assert_int_equal(client_count_status(statuses, N, 201), N);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM activity_signup WHERE activity_id = ? AND "
                              "status = 'confirmed'",
                              id),
                     3);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM activity_signup WHERE activity_id = ? AND "
                              "status = 'waiting'",
                              id),
                     N - 3);
    assert_int_equal(query_count(fx->h, "SELECT taken FROM activity WHERE id = ?", id), 3);
}

static void test_a_full_activity_has_a_waiting_list_that_moves_up(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Kookles", ", \"capacity\": 1");
    char p[100];
    struct http_resp resp;
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-up");
    client_expect(&fx->bea, "POST", p, NULL, 201);
    assert_int_equal(client_send(&fx->cas, "POST", p, NULL, &resp), 201);
    assert_string_equal(json_string_value(json_object_get(resp.json, "my_status")), "waiting");
    assert_int_equal(json_integer_value(json_object_get(resp.json, "waiting_position")), 1);
    http_resp_free(&resp);
    client_expect(&fx->bea, "DELETE", p, NULL, 200);
    path(p, sizeof p, "/api/v1/activities/", id, "");
    json_t *a = client_get_json(&fx->cas, p, &resp);
    assert_string_equal(json_string_value(json_object_get(a, "my_status")), "confirmed");
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM notification WHERE kind = "
                              "'activity_place_offered' AND path = '/activities/' || CAST(? AS "
                              "TEXT)",
                              id),
                     1);
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-ups");
    a = client_get_json(&fx->ann, p, &resp);
    assert_int_equal(json_array_size(json_object_get(a, "items")), 1);
    http_resp_free(&resp);
    char msg[300];
    assert_int_equal(send(&fx->bea, "GET", p, NULL, msg, NULL), 403);
}

/* Posts body to the initiative's activities: 400 with field, nothing new. */
static void bad(struct fixture *fx, const char *body, const char *field)
{
    char p[100], msg[300], got[40];
    int64_t before = query_count(fx->h, "SELECT COUNT(*) FROM activity WHERE id > ?", 0);
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/activities");
    assert_int_equal(send(&fx->ann, "POST", p, body, msg, got), 400);
    if (strcmp(got, field) != 0)
        fail_msg("%s: field %s, not %s (%s)", body, got, field, msg);
    assert_true(strlen(msg) > 10);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM activity WHERE id > ?", 0), before);
}

static void test_bad_activities_are_400_with_the_field_and_change_nothing(void **state)
{
    struct fixture *fx = *state;
    const char *base = "\"title\": \"X\", \"date\": \"2030-05-07\", \"address\": \"Hier\"";
    char body[400];
    snprintf(body, sizeof body, "{%s, \"starts\": \"20:00\", \"ends\": \"19:00\"}", base);
    bad(fx, body, "ends"); /* an activity that ends before it starts */
    snprintf(body, sizeof body,
             "{%s, \"starts\": \"19:00\", \"ends\": \"20:00\", \"rrule\": "
             "\"FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2\"}",
             base);
    bad(fx, body, "bymonthday"); /* a recurrence that never occurs */
    snprintf(body, sizeof body,
             "{%s, \"starts\": \"19:00\", \"ends\": \"20:00\", \"rrule\": "
             "\"FREQ=WEEKLY;UNTIL=20300101\"}",
             base);
    bad(fx, body, "until");
    bad(fx,
        "{\"title\": \"X\", \"date\": \"2030-05-07\", \"starts\": \"19:00\", \"ends\": "
        "\"20:00\"}",
        "address");
    snprintf(body, sizeof body, "{%s, \"starts\": \"7 uur\", \"ends\": \"20:00\"}", base);
    bad(fx, body, "starts");
    snprintf(body, sizeof body,
             "{%s, \"starts\": \"19:00\", \"ends\": \"20:00\", \"capacity\": -1}", base);
    bad(fx, body, "capacity");
    snprintf(body, sizeof body,
             "{%s, \"starts\": \"19:00\", \"ends\": \"20:00\", \"roles\": \"koffie\"}", base);
    bad(fx, body, "roles");
}

static void test_a_professional_is_refused_with_the_reason(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Opruimdag", ", \"roles\": [{\"name\": \"Vegen\", \"needed\": 3}]");
    char p[100], msg[300];
    path(p, sizeof p, "/api/v1/initiatives/", fx->initiative, "/activities");
    assert_int_equal(send(&fx->pro, "POST", p,
                          "{\"title\": \"Van ons\", \"date\": \"2030-05-07\", \"starts\": "
                          "\"19:00\", \"ends\": \"20:00\", \"address\": \"Hier\"}",
                          msg, NULL),
                     403);
    assert_non_null(strstr(msg, "facilitate"));
    int64_t role = query_count(fx->h, "SELECT id FROM activity_role WHERE activity_id = ?", id);
    path(p, sizeof p, "/api/v1/activity-roles/", role, "/volunteer");
    assert_int_equal(send(&fx->pro, "POST", p, NULL, msg, NULL), 403);
    client_expect(&fx->bea, "POST", p, NULL, 201);
    assert_int_equal(
        query_count(fx->h, "SELECT COUNT(*) FROM activity_volunteer WHERE role_id = ?", role), 1);
}

static void test_cancelling_a_date_and_the_activity_notifies_and_shows_in_the_feed(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Wandelgroep", ", \"rrule\": \"FREQ=WEEKLY;COUNT=3\"");
    char p[120], body[200], msg[300], field[40];
    struct http_resp resp;
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-up");
    client_expect(&fx->cas, "POST", p, NULL, 201);
    path(p, sizeof p, "/api/v1/activities/", id, "/occurrences");
    json_t *a = client_get_json(&fx->cas, p, &resp);
    json_t *items = json_object_get(a, "items");
    assert_int_equal(json_array_size(items), 3);
    int64_t second = json_integer_value(json_object_get(json_array_get(items, 1), "starts_at"));
    http_resp_free(&resp);
    path(p, sizeof p, "/api/v1/activities/", id, "/occurrences/cancel");
    snprintf(body, sizeof body, "{\"starts_at\": %lld, \"reason\": \"Regen\"}",
             (long long)second + 60);
    assert_int_equal(send(&fx->ann, "POST", p, body, msg, field), 400);
    assert_string_equal(field, "starts_at");
    snprintf(body, sizeof body, "{\"starts_at\": %lld, \"reason\": \"Regen\"}", (long long)second);
    assert_int_equal(send(&fx->bea, "POST", p, body, msg, NULL), 403);
    client_expect(&fx->ann, "POST", p, body, 200);
    char *ics;
    path(p, sizeof p, "/initiatives/", fx->initiative, "/activities.ics");
    assert_int_equal(fetch(&fx->far, p, &ics), 200);
    assert_non_null(strstr(ics, "EXDATE;TZID=Europe/Amsterdam:"));
    free(ics);
    path(p, sizeof p, "/api/v1/activities/", id, "/cancel");
    client_expect(&fx->ann, "POST", p, "{\"reason\": \"Gids verhuisd\"}", 200);
    assert_int_equal(send(&fx->ann, "POST", p, "{}", msg, NULL), 409);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM notification WHERE kind = "
                              "'activity_cancelled' AND path = '/activities/' || CAST(? AS TEXT)",
                              id),
                     2);
    path(p, sizeof p, "/initiatives/", fx->initiative, "/activities.ics");
    assert_int_equal(fetch(&fx->far, p, &ics), 200);
    assert_non_null(strstr(ics, "STATUS:CANCELLED\r\n"));
    free(ics);
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-up");
    assert_int_equal(send(&fx->bea, "POST", p, NULL, msg, NULL), 409);
}

static void test_the_board_organises_for_the_collective_and_the_area_lists_it(void **state)
{
    struct fixture *fx = *state;
    char p[140], body[400], day[11], *text;
    date_in(day, 2);
    snprintf(body, sizeof body,
             "{\"title\": \"Ledenavond\", \"date\": \"%s\", \"starts\": \"20:00\", \"ends\": "
             "\"22:00\", \"address\": \"De Linde\"}",
             day);
    path(p, sizeof p, "/api/v1/collectives/", fx->collective, "/activities");
    char msg[300];
    assert_int_equal(send(&fx->far, "POST", p, body, msg, NULL), 403);
    int64_t id = client_expect(&fx->bea, "POST", p, body, 201);
    struct http_resp resp;
    json_t *list = client_get_json(&fx->far, "/api/v1/areas/" BU "/activities", &resp);
    bool found = false;
    json_t *item;
    size_t i;
    json_array_foreach(json_object_get(list, "items"), i, item) found |=
        json_integer_value(json_object_get(item, "activity_id")) == id;
    assert_true(found);
    http_resp_free(&resp);
    list = client_get_json(&fx->far, "/api/v1/areas/WK990101/activities", &resp);
    assert_true(json_array_size(json_object_get(list, "items")) > 0);
    http_resp_free(&resp);
    path(p, sizeof p, "/collectives/", fx->collective, "/activities.ics");
    assert_int_equal(fetch(&fx->far, p, &text), 200);
    assert_non_null(strstr(text, "SUMMARY:Ledenavond\r\n"));
    free(text);
    assert_int_equal(fetch(&fx->far, "/areas/" BU "/activities.ics", &text), 200);
    assert_non_null(strstr(text, "SUMMARY:Ledenavond\r\n"));
    free(text);
    assert_int_equal(fetch(&fx->far, "/areas/" BU "/activities", &text), 200);
    assert_non_null(strstr(text, "Ledenavond"));
    free(text);
    assert_int_equal(fetch(&fx->far, "/areas/" BU "/activities/print", &text), 200);
    assert_non_null(strstr(text, "Ledenavond"));
    assert_null(strstr(text, "site-nav")); /* no navigation on paper */
    free(text);
}

static void test_the_private_feed_needs_its_token_and_stops_when_revoked(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Taalcafe", NULL);
    char p[200], *text;
    path(p, sizeof p, "/api/v1/activities/", id, "/sign-up");
    client_expect(&fx->far, "POST", p, NULL, 201);
    struct http_resp resp;
    assert_int_equal(client_send(&fx->far, "POST", "/api/v1/me/calendar", NULL, &resp), 201);
    snprintf(p, sizeof p, "%s", json_string_value(json_object_get(resp.json, "path")));
    http_resp_free(&resp);
    if (fetch(&fx->ann, p, &text) != 200) /* whoever holds the link */
        fail_msg("%s: %s", p, text);
    if (!strstr(text, "SUMMARY:Taalcafe\r\n"))
        fail_msg("%s: %s", p, text);
    assert_null(strstr(text, "Repaircafe")); /* not signed up for that */
    free(text);
    assert_int_equal(fetch(&fx->ann,
                           "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"
                           "activities.ics",
                           &text),
                     404);
    free(text);
    client_expect(&fx->far, "DELETE", "/api/v1/me/calendar", NULL, 200);
    assert_int_equal(fetch(&fx->ann, p, &text), 404);
    free(text);
    assert_int_equal(query_count(fx->h, "SELECT COUNT(*) FROM activity_feed_token WHERE person_id = ?",
                              fx->far.person_id),
                     0);
}

static void test_pages_show_the_activity_and_a_bad_form_again(void **state)
{
    struct fixture *fx = *state;
    int64_t id = organise(fx, "Moestuin", ", \"capacity\": 5");
    char p[100], body[400], *text;
    path(p, sizeof p, "/activities/", id, "");
    assert_int_equal(fetch(&fx->far, p, &text), 200);
    assert_non_null(strstr(text, "Moestuin"));
    assert_non_null(strstr(text, "0 of 5"));
    free(text);
    struct http_resp resp;
    path(p, sizeof p, "/activities/", id, "/sign-up");
    snprintf(body, sizeof body, "csrf=%s", fx->far.csrf);
    assert_int_equal(client_send(&fx->far, "POST", p, body, &resp), 303);
    http_resp_free(&resp);
    path(p, sizeof p, "/initiatives/", fx->initiative, "/activities");
    snprintf(body, sizeof body,
             "csrf=%s&title=Moestuin&date=2030-05-07&starts=20%%3A00&ends=19%%3A00&address=Hier",
             fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", p, body, &resp), 400);
    assert_non_null(strstr(buf_cstr(&resp.body), "ends-error"));
    assert_non_null(strstr(buf_cstr(&resp.body), "ends before it starts"));
    http_resp_free(&resp);
    snprintf(body, sizeof body,
             "csrf=%s&title=Zaaien&date=2030-05-07&starts=19%%3A00&ends=20%%3A00&address=Hier&"
             "freq=WEEKLY&byday=TU&count=3&role_1_name=Gieter&role_1_needed=2",
             fx->ann.csrf);
    assert_int_equal(client_send(&fx->ann, "POST", p, body, &resp), 303);
    http_resp_free(&resp);
    assert_int_equal(query_count(fx->h,
                              "SELECT COUNT(*) FROM activity WHERE title = 'Zaaien' AND "
                              "rrule = 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' AND id > ?",
                              0),
                     1);
}

static int group_setup(void **state)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    struct fixture *fx = xcalloc(1, sizeof *fx);
    *state = fx;
    fx->h = harness_start();
    if (!fx->h)
        return -1;
    fx->ann = client_resident(fx->h, "ann@example.nl", "Ann", BU);
    fx->bea = client_resident(fx->h, "bea@example.nl", "Bea", BU);
    fx->cas = client_resident(fx->h, "cas@example.nl", "Cas", BU);
    fx->far = client_resident(fx->h, "far@example.nl", "Far", BU_FAR);
    fx->pro = client_professional(fx->h, "pro@example.nl", "Welzijn", 1);
    fx->initiative = client_expect(
        &fx->ann, "POST", "/api/v1/initiatives",
        "{\"title\": \"Buurtleven\", \"aim\": \"Samen\", \"areas\": [\"" BU "\"]}", 201);
    fx->collective = client_found_collective(&fx->ann, &fx->bea, &fx->cas, BU);
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    bool clean = harness_stop(fx->h);
    free(fx);
    return clean ? 0 : -1;
}

static void test_server_stops_cleanly(void **state)
{
    struct fixture *fx = *state;
    assert_true(harness_stop_server(fx->h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_initiator_organises_a_series_published_as_icalendar),
        cmocka_unit_test(test_fifty_simultaneous_identical_sign_ups_leave_one_row),
        cmocka_unit_test(test_people_racing_for_the_last_places_never_overbook),
        cmocka_unit_test(test_a_full_activity_has_a_waiting_list_that_moves_up),
        cmocka_unit_test(test_bad_activities_are_400_with_the_field_and_change_nothing),
        cmocka_unit_test(test_a_professional_is_refused_with_the_reason),
        cmocka_unit_test(test_cancelling_a_date_and_the_activity_notifies_and_shows_in_the_feed),
        cmocka_unit_test(test_the_board_organises_for_the_collective_and_the_area_lists_it),
        cmocka_unit_test(test_the_private_feed_needs_its_token_and_stops_when_revoked),
        cmocka_unit_test(test_pages_show_the_activity_and_a_bad_form_again),
        cmocka_unit_test(test_server_stops_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
