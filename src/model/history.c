/* The neighbourhood's history (see history.h). An event and its actors are
 * inserted in one transaction with the audit entry; the timeline is read
 * newest first with a keyset cursor on (date, id), and each event's actors
 * are looked up through the actor registry (model/arena.h). */
#include "model/history.h"

#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/tx.h"

#define N_(msgid) (msgid)

static const char *const kinds[] = {"institution_arrived",
                                    "institution_left",
                                    "initiative_started",
                                    "initiative_ended",
                                    "decision",
                                    "renovation",
                                    "other",
                                    NULL};

const char *const *history_kinds(void)
{
    return kinds;
}

bool history_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

/* Whether the person is a verified resident of area (a buurt) or of a buurt
 * of it (a wijk), in the buurt they claim if they claim one. */
static enum err resident_of(struct db *db, const struct actor *act, const char *area, bool *yes,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COUNT(*) FROM residency r JOIN area b ON b.code = r.buurt_code "
            "WHERE r.person_id = ? AND r.status = 'verified' AND (b.code = ? OR b.parent_code = ?) "
            "AND (CAST(? AS TEXT) IS NULL OR r.buurt_code = ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_text(st, 2, area);
    db_bind_text(st, 3, area);
    db_bind_text(st, 4, capacity_qualifier(act));
    db_bind_text(st, 5, capacity_qualifier(act));
    enum db_rc rc = db_step(st);
    *yes = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Whether the person is a municipality admin of ar's gemeente, the one
 * they claim if they claim one. */
static enum err admin_of(struct db *db, struct arena *a, const struct actor *act,
                         const struct area *ar, bool *yes, struct fault *f)
{
    const char *gm = ar->code;
    enum err e = ERR_OK;
    *yes = false;
    if (ar->kind == AREA_WIJK)
        gm = ar->parent_code;
    else if (ar->kind == AREA_BUURT)
        e = capacity_buurt_gemeente(db, a, ar->code, &gm, f);
    if (e != ERR_OK || !gm || (capacity_qualifier(act) && strcmp(capacity_qualifier(act), gm) != 0))
        return e;
    return capacity_may_act(db, act->person_id, arena_printf(a, "municipality_admin:%s", gm), yes,
                            f);
}

/* area_get, with a malformed or unknown code as ERR_NOT_FOUND, field "area". */
static enum err find_area(struct db *db, struct arena *a, const char *code, struct area *out,
                          struct fault *f)
{
    enum err e = code ? area_get(db, a, code, out, f) : ERR_NOT_FOUND;
    if (e == ERR_NOT_FOUND || e == ERR_INVALID)
        return fault_set(f, ERR_NOT_FOUND, "area", N_("There is no area with this code."), NULL);
    return e;
}

enum err history_authorise(struct db *db, const char *area_code, const struct actor *act,
                           struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    bool member = false;
    struct area ar;
    struct arena *a = arena_new();
    enum err e = capacity_is_console(act) ? ERR_OK : capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && !capacity_is_console(act) &&
        !policy_check(ACT_HISTORY_ADD_EVENT, cap, REL_MEMBER).allowed)
        e = capacity_authorise(ACT_HISTORY_ADD_EVENT, cap, REL_OTHER, f);
    if (e == ERR_OK)
        e = find_area(db, a, area_code, &ar, f);
    if (e == ERR_OK && !capacity_is_console(act) && cap == CAP_RESIDENT)
        e = resident_of(db, act, ar.code, &member, f);
    else if (e == ERR_OK && !capacity_is_console(act) && cap == CAP_MUNI_ADMIN)
        e = admin_of(db, a, act, &ar, &member, f);
    arena_free(a);
    if (e != ERR_OK || capacity_is_console(act))
        return e;
    return capacity_authorise(ACT_HISTORY_ADD_EVENT, cap, member ? REL_MEMBER : REL_OTHER, f);
}

/* The length of s in characters, or -1 when it holds a line break. */
static long line_chars(const char *s)
{
    if (!s || strpbrk(s, "\r\n"))
        return -1;
    return (long)utf8_count(s, strlen(s));
}

static bool blank(const char *s)
{
    return !s || strspn(s, " \t") == strlen(s);
}

static enum err check_text(const struct history_event *in, int64_t now, struct fault *f)
{
    char today[11];
    int64_t t;
    clock_date(now, today);
    if (!in->date || !clock_parse_date(in->date, &t))
        return fault_set(f, ERR_INVALID, "date",
                         N_("Give the date of the event, such as 2019-09-01."), NULL);
    if (strcmp(in->date, today) > 0)
        return fault_set(f, ERR_INVALID, "date",
                         N_("The history holds what has happened: give a date no later than "
                            "today."),
                         NULL);
    if (!history_kind_valid(in->kind))
        return fault_set(f, ERR_INVALID, "kind", N_("Choose what kind of event this was."), NULL);
    long n = line_chars(in->title);
    if (blank(in->title) || n < 1 || n > HISTORY_TITLE_MAX)
        return fault_set(f, ERR_INVALID, "title",
                         N_("Give a title of 1 to 200 characters on one line."), NULL);
    if (in->description &&
        utf8_count(in->description, strlen(in->description)) > HISTORY_DESCRIPTION_MAX)
        return fault_set(f, ERR_INVALID, "description",
                         N_("A description has at most 5000 characters."), NULL);
    return ERR_OK;
}

/* The actors: at most HISTORY_ACTORS_MAX, each once, each there. */
static enum err check_actors(struct db *db, struct arena *a, struct history_event *ev,
                             struct fault *f)
{
    if (ev->nactors > HISTORY_ACTORS_MAX)
        return fault_set(f, ERR_INVALID, "actors", N_("Link at most 20 actors to one event."),
                         NULL);
    for (int i = 0; i < ev->nactors; i++) {
        for (int j = 0; j < i; j++)
            if (strcmp(ev->actors[i].type, ev->actors[j].type) == 0 &&
                ev->actors[i].id == ev->actors[j].id)
                return fault_set(f, ERR_INVALID, "actors",
                                 N_("An actor is named twice; name each one once."), NULL);
        enum err e = arena_actor_lookup(db, a, &ev->actors[i], "actors", f);
        if (e != ERR_OK)
            return e;
    }
    return ERR_OK;
}

static enum err insert_actor(struct db *db, int64_t event, const struct arena_actor *x,
                             struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO history_event_actor (event_id, actor_type, actor_id) VALUES (?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, event);
    db_bind_text(st, 2, x->type);
    db_bind_int(st, 3, x->id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err record(struct db *db, const struct history_event *ev, const struct actor *act,
                       struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, ev->id);
    json_t *detail = json_pack("{s:s}", "kind", ev->kind);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = "history.add_event",
                                .object_type = "history_event",
                                .object_id = object_id,
                                .area_code = ev->area_code,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

static enum err insert(struct db *db, struct history_event *ev, const struct actor *act,
                       struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO history_event (area_code, event_date, kind, title, description, "
            "author_id, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, ev->area_code);
    db_bind_text(st, 2, ev->date);
    db_bind_text(st, 3, ev->kind);
    db_bind_text(st, 4, ev->title);
    db_bind_text(st, 5, blank(ev->description) ? NULL : ev->description);
    if (act->person_id)
        db_bind_int(st, 6, act->person_id);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, act->capacity);
    db_bind_int(st, 8, act->now);
    enum db_rc rc = db_step(st);
    ev->id = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < ev->nactors; i++)
        e = insert_actor(db, ev->id, &ev->actors[i], f);
    return e == ERR_OK ? record(db, ev, act, f) : e;
}

enum err history_add(struct db *db, struct arena *a, const struct history_event *in,
                     const struct actor *act, int64_t *id, struct fault *f)
{
    struct history_event ev = *in;
    ev.actors = arena_array(a, (size_t)in->nactors + 1, sizeof *ev.actors);
    if (in->nactors > 0)
        memcpy(ev.actors, in->actors, (size_t)in->nactors * sizeof *ev.actors);
    enum err e = history_authorise(db, in->area_code, act, f);
    if (e == ERR_OK)
        e = check_text(&ev, act->now, f);
    if (e == ERR_OK)
        e = check_actors(db, a, &ev, f);
    bool own = false;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, insert(db, &ev, act, f), f);
    if (e == ERR_OK && id)
        *id = ev.id;
    return e;
}

/* ---- the timeline ---------------------------------------------------------- */

static enum err load_actors(struct db *db, struct arena *a, struct history_event *ev,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT actor_type, actor_id FROM history_event_actor WHERE event_id = ? ORDER BY id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, ev->id);
    ev->actors = arena_array(a, HISTORY_ACTORS_MAX + 1, sizeof *ev->actors);
    ev->nactors = 0;
    enum db_rc rc;
    const char *const *types = arena_actor_types();
    while ((rc = db_step(st)) == DB_ROW && ev->nactors < HISTORY_ACTORS_MAX)
        for (size_t i = 0; types[i]; i++)
            if (strcmp(types[i], db_col_text(st, 0)) == 0)
                ev->actors[ev->nactors++] =
                    (struct arena_actor){.type = types[i], .id = db_col_int(st, 1)};
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    struct fault ignored = {0}; /* an actor gone keeps its number, without a name */
    for (int i = 0; i < ev->nactors; i++)
        arena_actor_lookup(db, a, &ev->actors[i], NULL, &ignored);
    return ERR_OK;
}

static struct history_event read_event(struct db_stmt *st, struct arena *a)
{
    return (struct history_event){
        .id = db_col_int(st, 0),
        .area_code = arena_strdup(a, db_col_text(st, 1)),
        .date = arena_strdup(a, db_col_text(st, 2)),
        .kind = arena_strdup(a, db_col_text(st, 3)),
        .title = arena_strdup(a, db_col_text(st, 4)),
        .description = arena_strdup(a, db_col_text(st, 5)),
        .author_id = db_col_int(st, 6),
        .capacity = arena_strdup(a, db_col_text(st, 7)),
        .created_at = db_col_int(st, 8),
    };
}

enum err history_get(struct db *db, struct arena *a, int64_t id, struct history_event *out,
                     struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT id, area_code, event_date, kind, title, description, author_id, capacity, "
            "created_at FROM history_event WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = read_event(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (rc == DB_DONE)
        return fault_set(f, ERR_NOT_FOUND, NULL, N_("There is no such event."), NULL);
    return load_actors(db, a, out, f);
}

/* The date of the cursor's event; ERR_NOT_FOUND when there is none. */
static enum err cursor_date(struct db *db, struct arena *a, int64_t before, const char **date,
                            struct fault *f)
{
    *date = NULL;
    if (before == 0)
        return ERR_OK;
    struct db_stmt *st = db_prepare(db, "SELECT event_date FROM history_event WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, before);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *date = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *date ? ERR_OK
                 : fault_set(f, ERR_NOT_FOUND, "before",
                             N_("The page asked for does not exist; start from the newest."), NULL);
}

static enum err read_page(struct db *db, struct arena *a, const char *code, const char *date,
                          int64_t before, int limit, struct history_page *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT e.id, e.area_code, e.event_date, e.kind, e.title, e.description, e.author_id, "
            "e.capacity, e.created_at FROM history_event e WHERE (e.area_code = ? "
            "OR e.area_code IN (SELECT code FROM area WHERE parent_code = ?) "
            "OR e.area_code IN (SELECT c.code FROM area c JOIN area w ON w.code = c.parent_code "
            "WHERE w.parent_code = ?)) AND (CAST(? AS TEXT) IS NULL OR e.event_date < ? "
            "OR (e.event_date = ? AND e.id < ?)) ORDER BY e.event_date DESC, e.id DESC LIMIT ?");
    if (!st)
        return db_fault(db, f);
    for (int i = 1; i <= 3; i++)
        db_bind_text(st, i, code);
    for (int i = 4; i <= 6; i++)
        db_bind_text(st, i, date);
    db_bind_int(st, 7, before);
    db_bind_int(st, 8, limit + 1);
    out->items = arena_array(a, (size_t)limit + 1, sizeof *out->items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        out->items[out->n++] = read_event(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (out->n > limit) {
        out->n = limit;
        out->next = out->items[limit - 1].id;
    }
    return ERR_OK;
}

enum err history_list(struct db *db, struct arena *a, const char *area_code, int64_t before,
                      int limit, struct history_page *out, struct fault *f)
{
    *out = (struct history_page){0};
    if (limit < 1 || limit > HISTORY_PAGE_MAX)
        return fault_set(f, ERR_INVALID, "limit", N_("Ask for 1 to 100 events at a time."), NULL);
    struct area ar;
    const char *date = NULL;
    enum err e = find_area(db, a, area_code, &ar, f);
    if (e == ERR_OK)
        e = cursor_date(db, a, before, &date, f);
    if (e == ERR_OK)
        e = read_page(db, a, ar.code, date, before, limit, out, f);
    for (int i = 0; e == ERR_OK && i < out->n; i++)
        e = load_actors(db, a, &out->items[i], f);
    return e;
}
