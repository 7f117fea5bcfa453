/* Services, part three (see service.h): where and when. A location belongs
 * to an organisation and is linked to a service by a service_at_location
 * row; a schedule belongs to the service or to one such link. Schedules are
 * stored in their canonical text (schedule_rrule_text's parts) and parsed
 * again when loaded, so what is shown is what was checked. */
#include "model/service.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/tx.h"

#define N_(msgid) (msgid) /* marks a message id for xgettext */

/* Loads the service and asks who may (the policy's capacity check, then the
 * relation: service_authorise once the organisation is known). */
static enum err service_for_write(struct db *db, struct arena *a, int64_t service_id,
                                  const struct actor *act, struct service *s, struct fault *f)
{
    if (!capacity_is_console(act)) {
        enum capacity cap;
        enum err e = capacity_of_actor(db, act, &cap, f);
        if (e == ERR_OK && !policy_check(ACT_ORGANISATION_MANAGE_SERVICES, cap, REL_MEMBER).allowed)
            e = capacity_authorise(ACT_ORGANISATION_MANAGE_SERVICES, cap, REL_OTHER, f);
        if (e != ERR_OK)
            return e;
    }
    enum err e = service_get(db, a, service_id, s, f);
    return e == ERR_OK ? service_authorise(db, s->organisation_id, act, f) : e;
}

/* Whether area code exists; the fault names it as the caller wrote it
 * (written: it must outlive this call, unlike the trimmed copy). */
static enum err area_exists(struct db *db, const char *code, const char *written, struct fault *f)
{
    if (!code)
        return ERR_OK;
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM area WHERE code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return found ? ERR_OK
                 : fault_set(f, ERR_NOT_FOUND, "area_code", N_("There is no area with code %s."),
                             written, NULL);
}

static enum err insert_location(struct db *db, int64_t org, const struct location_input *in,
                                int64_t now, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO location (name, description, street, postal_code, city, area_code, "
            "organisation_id, created_at, latitude, longitude) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    const char *texts[] = {in->name,        in->description, in->street,
                           in->postal_code, in->city,        in->area_code};
    for (int i = 0; i < 6; i++)
        db_bind_text(st, i + 1, texts[i]);
    db_bind_int(st, 7, org);
    db_bind_int(st, 8, now);
    if (in->latitude) {
        db_bind_double(st, 9, strtod(in->latitude, NULL));
        db_bind_double(st, 10, strtod(in->longitude, NULL));
    } else {
        db_bind_null(st, 9);
        db_bind_null(st, 10);
    }
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

/* One accessibility row per non-empty line of text. */
static enum err insert_access(struct db *db, struct arena *a, int64_t location_id, const char *text,
                              struct fault *f)
{
    for (const char *s = text; s && *s;) {
        size_t n = strcspn(s, "\r\n");
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n > 0) {
            struct db_stmt *st = db_prepare(db, "INSERT INTO location_accessibility "
                                                "(location_id, description) VALUES (?, ?)");
            if (!st)
                return db_fault(db, f);
            db_bind_int(st, 1, location_id);
            db_bind_text(st, 2, arena_strndup(a, s, n));
            enum db_rc rc = db_step(st);
            db_done(st);
            if (rc == DB_ERROR)
                return db_fault(db, f);
        }
        s += strcspn(s, "\r\n");
        s += strspn(s, "\r\n \t");
    }
    return ERR_OK;
}

static enum err link(struct db *db, int64_t service_id, int64_t location_id, int64_t now,
                     struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "INSERT INTO service_at_location (service_id, "
                                        "location_id, created_at) VALUES (?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, service_id);
    db_bind_int(st, 2, location_id);
    db_bind_int(st, 3, now);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err service_add_location(struct db *db, int64_t service_id, const struct location_input *in,
                              const struct actor *act, int64_t *location_id, struct fault *f)
{
    struct arena *a = arena_new();
    struct service s;
    struct location_input ok;
    int64_t id = 0;
    enum err e = service_for_write(db, a, service_id, act, &s, f);
    if (e == ERR_OK)
        e = service_check_location(a, in, &ok, f);
    if (e == ERR_OK)
        e = area_exists(db, ok.area_code, in->area_code, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = insert_location(db, s.organisation_id, &ok, act->now, &id, f);
        if (e == ERR_OK)
            e = insert_access(db, a, id, ok.accessibility, f);
        if (e == ERR_OK)
            e = link(db, service_id, id, act->now, f);
        if (e == ERR_OK)
            e = service_record(db, act, "service.add_location", service_id, s.organisation_id,
                               "location_id", id, ok.area_code, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    if (e == ERR_OK && location_id)
        *location_id = id;
    return e;
}

/* The service_at_location row of service_id at location_id. */
static enum err find_link(struct db *db, int64_t service_id, int64_t location_id, int64_t *sal,
                          struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT id FROM service_at_location "
                                        "WHERE service_id = ? AND location_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, service_id);
    db_bind_int(st, 2, location_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *sal = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_ROW ? ERR_OK
                        : fault_set(f, ERR_NOT_FOUND, "location_id",
                                    N_("The service is not given at that location."), NULL);
}

static enum err insert_schedule(struct db *db, int64_t service_id, int64_t sal,
                                const struct schedule_rule *r, const char *description, int64_t now,
                                int64_t *id, struct fault *f)
{
    struct buf byday = BUF_INIT, bymonthday = BUF_INIT, bymonth = BUF_INIT;
    schedule_byday_text(r, &byday);
    schedule_bymonthday_text(r, &bymonthday);
    schedule_bymonth_text(r, &bymonth);
    char dates[4][11], opens[6], closes[6];
    int64_t days[4] = {r->dtstart, r->until, r->valid_from, r->valid_to};
    const char *date[4];
    for (int i = 0; i < 4; i++) {
        schedule_day_text(days[i], dates[i]);
        date[i] = days[i] >= 0 ? dates[i] : NULL;
    }
    schedule_time_text(r->opens, opens);
    schedule_time_text(r->closes, closes);
    const char *texts[] = {r->freq == SCHEDULE_WEEKLY ? "WEEKLY" : "MONTHLY",
                           byday.len ? buf_cstr(&byday) : NULL,
                           bymonthday.len ? buf_cstr(&bymonthday) : NULL,
                           bymonth.len ? buf_cstr(&bymonth) : NULL,
                           date[0],
                           date[1],
                           opens,
                           closes,
                           date[2],
                           date[3],
                           description};
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO schedule (freq, byday, bymonthday, bymonth, dtstart, until, opens_at, "
            "closes_at, valid_from, valid_to, description, interval_n, count_n, service_id, "
            "service_at_location_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    enum db_rc rc = DB_ERROR;
    if (st) {
        for (int i = 0; i < 11; i++)
            db_bind_text(st, i + 1, texts[i]);
        db_bind_int(st, 12, r->interval);
        int64_t nullable[3] = {r->count, sal ? 0 : service_id, sal};
        for (int i = 0; i < 3; i++)
            nullable[i] ? db_bind_int(st, 13 + i, nullable[i]) : db_bind_null(st, 13 + i);
        db_bind_int(st, 16, now);
        if ((rc = db_step(st)) == DB_ROW)
            *id = db_col_int(st, 0);
        db_done(st);
    }
    buf_free(&byday);
    buf_free(&bymonthday);
    buf_free(&bymonth);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

static enum err check_description(const char *s, struct fault *f)
{
    size_t n = s ? strlen(s) : 0;
    if (n && (!utf8_valid(s, n) || utf8_has_controls(s, n, false) || utf8_count(s, n) > 500))
        return fault_set(f, ERR_INVALID, "description",
                         N_("Describe the schedule on one line, at most 500 characters."), NULL);
    return ERR_OK;
}

enum err service_add_schedule(struct db *db, int64_t service_id, int64_t location_id,
                              const struct schedule_input *in, const char *description,
                              const struct actor *act, int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    struct service s;
    struct schedule_rule rule;
    int64_t sal = 0, new_id = 0;
    enum err e = service_for_write(db, a, service_id, act, &s, f);
    if (e == ERR_OK && location_id)
        e = find_link(db, service_id, location_id, &sal, f);
    if (e == ERR_OK)
        e = schedule_parse(in, &rule, f);
    if (e == ERR_OK)
        e = check_description(description, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = insert_schedule(db, service_id, sal, &rule,
                            description && *description ? description : NULL, act->now, &new_id, f);
        if (e == ERR_OK)
            e = service_record(db, act, "service.add_schedule", service_id, s.organisation_id,
                               "schedule_id", new_id, NULL, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* ---- loading --------------------------------------------------------------- */

static enum err load_access(struct db *db, struct arena *a, struct location *l, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT description FROM location_accessibility "
                                        "WHERE location_id = ? ORDER BY id LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, l->id);
    l->accessibility = arena_array(a, SERVICE_PARTS_MAX, sizeof *l->accessibility);
    enum db_rc rc = DB_DONE;
    while (l->naccessibility < SERVICE_PARTS_MAX && (rc = db_step(st)) == DB_ROW)
        l->accessibility[l->naccessibility++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

#define LOCATION_COLUMNS                                                                           \
    "SELECT l.id, l.organisation_id, l.name, l.description, l.street, l.postal_code, l.city, "     \
    "l.area_code, ar.name, l.latitude, l.longitude, "

static struct location location_row(struct db_stmt *st, struct arena *a)
{
    return (struct location){
        .id = db_col_int(st, 0),
        .organisation_id = db_col_int(st, 1),
        .name = arena_strdup(a, db_col_text(st, 2)),
        .description = db_col_text_dup(st, 3, a),
        .street = db_col_text_dup(st, 4, a),
        .postal_code = db_col_text_dup(st, 5, a),
        .city = db_col_text_dup(st, 6, a),
        .area_code = db_col_text_dup(st, 7, a),
        .area_name = db_col_text_dup(st, 8, a),
        .has_position = !db_col_is_null(st, 9),
        .latitude = db_col_double(st, 9),
        .longitude = db_col_double(st, 10),
        .service_at_location_id = db_col_int(st, 11),
    };
}

/* Runs st (bound by the caller) into a list of locations with their
 * accessibility. */
static enum err collect_locations(struct db *db, struct db_stmt *st, struct arena *a,
                                  struct location **items, int *n, struct fault *f)
{
    *items = arena_array(a, SERVICE_PARTS_MAX, sizeof **items);
    *n = 0;
    enum db_rc rc = DB_DONE;
    while (*n < SERVICE_PARTS_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = location_row(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < *n; i++)
        e = load_access(db, a, &(*items)[i], f);
    return e;
}

enum err service_locations_of(struct db *db, struct arena *a, int64_t organisation_id,
                              struct location **items, int *n, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, LOCATION_COLUMNS "0 FROM location l LEFT JOIN area ar "
                                                         "ON ar.code = l.area_code WHERE "
                                                         "l.organisation_id = ? ORDER BY l.name, "
                                                         "l.id LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, organisation_id);
    return collect_locations(db, st, a, items, n, f);
}

static enum err load_locations(struct db *db, struct arena *a, struct service_detail *out,
                               struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, LOCATION_COLUMNS "sal.id FROM service_at_location sal JOIN location l ON "
                                        "l.id = sal.location_id LEFT JOIN area ar ON ar.code = "
                                        "l.area_code WHERE sal.service_id = ? ORDER BY l.name, "
                                        "l.id LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->service.id);
    return collect_locations(db, st, a, &out->locations, &out->nlocations, f);
}

/* A stored schedule row back into a rule; false when it no longer parses
 * (then it is left out). */
static bool schedule_row(struct db_stmt *st, struct arena *a, struct service_schedule *out)
{
    const char *t[13];
    for (int i = 0; i < 13; i++)
        t[i] = db_col_text_dup(st, i + 3, a);
    struct schedule_input in = {t[0], t[1], t[2], t[3], t[4],  t[5],
                                t[6], t[7], t[8], t[9], t[10], t[11]};
    out->id = db_col_int(st, 0);
    out->service_at_location_id = db_col_int(st, 1);
    out->location_id = db_col_int(st, 2);
    out->description = t[12];
    return schedule_parse(&in, &out->rule, NULL) == ERR_OK;
}

static enum err load_schedules(struct db *db, struct arena *a, struct service_detail *out,
                               struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT sc.id, COALESCE(sc.service_at_location_id, 0), COALESCE(sal.location_id, 0), "
            "sc.freq, CAST(sc.interval_n AS TEXT), sc.byday, sc.bymonthday, sc.bymonth, "
            "sc.dtstart, sc.until, CAST(sc.count_n AS TEXT), sc.opens_at, sc.closes_at, "
            "sc.valid_from, sc.valid_to, sc.description FROM schedule sc "
            "LEFT JOIN service_at_location sal ON sal.id = sc.service_at_location_id "
            "WHERE sc.service_id = ? OR sal.service_id = ? "
            "ORDER BY COALESCE(sc.service_at_location_id, 0), sc.id LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->service.id);
    db_bind_int(st, 2, out->service.id);
    out->schedules = arena_array(a, SERVICE_PARTS_MAX, sizeof *out->schedules);
    enum db_rc rc = DB_DONE;
    while (out->nschedules < SERVICE_PARTS_MAX && (rc = db_step(st)) == DB_ROW)
        out->nschedules += schedule_row(st, a, &out->schedules[out->nschedules]);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err load_small(struct db *db, struct arena *a, struct service_detail *out,
                           struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT code FROM service_language WHERE service_id = ? "
                                        "ORDER BY code LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->service.id);
    out->languages = arena_array(a, SERVICE_PARTS_MAX, sizeof *out->languages);
    enum db_rc rc = DB_DONE;
    while (out->nlanguages < SERVICE_PARTS_MAX && (rc = db_step(st)) == DB_ROW)
        out->languages[out->nlanguages++] = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    st = db_prepare(db, "SELECT id, amount_cents, currency, option_text, amount_description "
                        "FROM cost_option WHERE service_id = ? ORDER BY id LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->service.id);
    out->costs = arena_array(a, SERVICE_PARTS_MAX, sizeof *out->costs);
    while (out->ncosts < SERVICE_PARTS_MAX && (rc = db_step(st)) == DB_ROW)
        out->costs[out->ncosts++] =
            (struct service_cost){db_col_int(st, 0),         !db_col_is_null(st, 1),
                                  db_col_int(st, 1),         arena_strdup(a, db_col_text(st, 2)),
                                  db_col_text_dup(st, 3, a), db_col_text_dup(st, 4, a)};
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    st = db_prepare(db, "SELECT id, name, title, email, phone FROM service_contact "
                        "WHERE service_id = ? ORDER BY id LIMIT 200");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->service.id);
    out->contacts = arena_array(a, SERVICE_PARTS_MAX, sizeof *out->contacts);
    while (out->ncontacts < SERVICE_PARTS_MAX && (rc = db_step(st)) == DB_ROW)
        out->contacts[out->ncontacts++] = (struct service_contact){
            db_col_int(st, 0), db_col_text_dup(st, 1, a), db_col_text_dup(st, 2, a),
            db_col_text_dup(st, 3, a), db_col_text_dup(st, 4, a)};
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err service_load_places(struct db *db, struct arena *a, struct service_detail *out,
                             struct fault *f)
{
    enum err e = load_locations(db, a, out, f);
    if (e == ERR_OK)
        e = load_schedules(db, a, out, f);
    if (e == ERR_OK)
        e = load_small(db, a, out, f);
    return e;
}
