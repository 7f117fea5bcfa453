/* External decisions (see external.h). The decider is never taken from the
 * input: it is the body the recorder acts for, so that a record always
 * says truthfully who decided. This file writes only the external_event
 * row, its audit entry and the initiators' notifications -- the test
 * tests/unit/model/external_test.c proves the initiative is untouched. */
#include "model/external.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/tx.h"

static const char *const kinds[] = {"subsidy_granted", "subsidy_refused", "permit_granted",
                                    "permit_refused",  "other",           NULL};

const char *const *external_kinds(void)
{
    return kinds;
}

static bool kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

/* Who decided: one of the two is set. */
struct decider {
    int64_t organisation_id;
    const char *gemeente_code;
};

/* For a municipality admin: the gemeente of one of the initiative's
 * buurten that act administers (the qualifier's, when given). */
static enum err gemeente_of(struct db *db, struct arena *a, const struct initiative *ini,
                            const struct actor *act, struct decider *d, struct fault *f)
{
    const char *want = capacity_qualifier(act);
    for (int i = 0; i < ini->n_areas && !d->gemeente_code; i++) {
        const char *gm;
        bool admin = false;
        enum err e = capacity_buurt_gemeente(db, a, ini->areas[i], &gm, f);
        if (e == ERR_OK && !want)
            e = capacity_may_act(db, act->person_id, arena_printf(a, "municipality_admin:%s", gm),
                                 &admin, f);
        if (e != ERR_OK)
            return e;
        if (want ? strcmp(want, gm) == 0 : admin)
            d->gemeente_code = gm;
    }
    return ERR_OK;
}

/* For an organisation admin: the organisation of the qualifier, or the
 * only one act administers. */
static enum err organisation_of(struct db *db, struct arena *a, const struct actor *act,
                                struct decider *d, struct fault *f)
{
    const char *want = capacity_qualifier(act);
    if (want) {
        d->organisation_id = strtoll(want, NULL, 10);
        return ERR_OK;
    }
    struct capacity_held *held;
    int n, found = 0;
    enum err e = capacity_list(db, a, act->person_id, &held, &n, f);
    for (int i = 0; e == ERR_OK && i < n; i++)
        if (held[i].capacity == CAP_ORG_ADMIN && held[i].qualifier && found++ == 0)
            d->organisation_id = strtoll(held[i].qualifier, NULL, 10);
    if (found > 1)
        d->organisation_id = 0;
    return e;
}

/* The policy's verdict for act on initiative_id, and who decided when it
 * allows. */
static enum err authorise(struct db *db, struct arena *a, int64_t initiative_id,
                          const struct actor *act, struct decider *d, struct fault *f)
{
    struct initiative ini;
    enum capacity cap;
    *d = (struct decider){0};
    enum err e = initiative_get(db, a, initiative_id, &ini, f);
    if (e == ERR_OK)
        e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && cap == CAP_MUNI_ADMIN)
        e = gemeente_of(db, a, &ini, act, d, f);
    else if (e == ERR_OK && cap == CAP_ORG_ADMIN)
        e = organisation_of(db, a, act, d, f);
    if (e != ERR_OK)
        return e;
    bool member = d->gemeente_code || d->organisation_id > 0;
    return capacity_authorise(ACT_EXTERNAL_RECORD, cap, member ? REL_MEMBER : REL_OTHER, f);
}

enum err external_authorise(struct db *db, int64_t initiative_id, const struct actor *act,
                            struct fault *f)
{
    struct arena *a = arena_new();
    struct decider d;
    enum err e = authorise(db, a, initiative_id, act, &d, f);
    arena_free(a);
    return e;
}

static enum err check_input(const struct external_input *in, struct fault *f)
{
    int64_t t;
    if (!kind_valid(in->kind))
        return fault_set(f, ERR_INVALID, "kind",
                         "Choose what was decided: a subsidy or a permit granted or refused, or "
                         "something else.",
                         NULL);
    if (!in->decided_on || !clock_parse_date(in->decided_on, &t))
        return fault_set(f, ERR_INVALID, "date", "Give the date of the decision as YYYY-MM-DD.",
                         NULL);
    size_t n = in->text ? utf8_count(in->text, strlen(in->text)) : 0;
    if (n < 1 || n > EXTERNAL_TEXT_MAX)
        return fault_set(f, ERR_INVALID, "text", "Describe the decision in 1 to 2000 characters.",
                         NULL);
    return ERR_OK;
}

static enum err insert_event(struct db *db, struct arena *a, int64_t initiative_id,
                             const struct decider *d, const struct external_input *in,
                             const struct actor *act, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO external_event (initiative_id, kind, decided_by_organisation_id, "
            "decided_by_gemeente, decided_on, body, recorded_by, capacity, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    db_bind_text(st, 2, in->kind);
    if (d->gemeente_code) {
        db_bind_null(st, 3);
        db_bind_text(st, 4, d->gemeente_code);
    } else {
        db_bind_int(st, 3, d->organisation_id);
        db_bind_null(st, 4);
    }
    db_bind_text(st, 5, in->decided_on);
    db_bind_text(st, 6, in->text);
    db_bind_int(st, 7, act->person_id);
    db_bind_text(st, 8, act->capacity ? act->capacity : "");
    db_bind_int(st, 9, act->now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_ROW)
        return db_fault(db, f);
    json_t *detail =
        json_pack("{s:I, s:s}", "initiative", (json_int_t)initiative_id, "kind", in->kind);
    struct audit_entry entry = {
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = "external.record",
        .object_type = "external_event",
        .object_id = arena_printf(a, "%" PRId64, *id),
        .request_id = act->request_id,
        .is_public = true,
        .detail = detail,
    };
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e == ERR_OK ? notify_initiators(db, initiative_id, "external_recorded", in->kind,
                                           act->person_id, f)
                       : e;
}

enum err external_record(struct db *db, int64_t initiative_id, const struct external_input *in,
                         const struct actor *act, int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    struct decider d;
    int64_t new_id = 0;
    bool own;
    enum err e = authorise(db, a, initiative_id, act, &d, f);
    if (e == ERR_OK)
        e = check_input(in, f);
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, insert_event(db, a, initiative_id, &d, in, act, &new_id, f), f);
    arena_free(a);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

static struct external_event event_of(struct db_stmt *st, struct arena *a)
{
    return (struct external_event){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .kind = arena_strdup(a, db_col_text(st, 2)),
        .organisation_id = db_col_int(st, 3),
        .gemeente_code = db_col_is_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4)),
        .decider_name = arena_strdup(a, db_col_text(st, 5)),
        .decided_on = arena_strdup(a, db_col_text(st, 6)),
        .text = arena_strdup(a, db_col_text(st, 7)),
        .recorded_by = db_col_int(st, 8),
        .capacity = arena_strdup(a, db_col_text(st, 9)),
        .recorded_at = db_col_int(st, 10),
    };
}

enum err external_list(struct db *db, struct arena *a, int64_t initiative_id,
                       struct external_event **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    struct db_stmt *st = db_prepare(
        db, "SELECT e.id, e.initiative_id, e.kind, e.decided_by_organisation_id, "
            "e.decided_by_gemeente, COALESCE(g.name, ar.name, ''), e.decided_on, e.body, "
            "e.recorded_by, e.capacity, e.recorded_at FROM external_event e "
            "LEFT JOIN organisation g ON g.id = e.decided_by_organisation_id "
            "LEFT JOIN area ar ON ar.code = e.decided_by_gemeente "
            "WHERE e.initiative_id = ? ORDER BY e.decided_on DESC, e.id DESC LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    *items = arena_array(a, EXTERNAL_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < EXTERNAL_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = event_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
