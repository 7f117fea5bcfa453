/* Tasks of an initiative's plan (see task.h). Every change is a
 * conditional UPDATE on the state it comes from and on the initiative
 * being in execution, so a read before it only chooses the message; the
 * partial unique index on task_consent refuses a second open request. */
#include "model/task.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/pledge.h"
#include "model/tx.h"

/* Marks a message id for the catalogs (as render/req.h's N_). */
#define N_(msgid) (msgid)

static const char *const statuses[] = {"open", "in_progress", "done", "dropped", NULL};

const char *const *task_statuses(void)
{
    return statuses;
}

bool task_status_valid(const char *status)
{
    for (size_t i = 0; status && statuses[i]; i++)
        if (strcmp(status, statuses[i]) == 0)
            return true;
    return false;
}

#define TASK_COLUMNS                                                                               \
    "SELECT t.id, t.initiative_id, t.title, t.due_on, t.responsible_id, t.status, t.created_by, "  \
    "t.created_at, t.updated_at, h.display_name FROM task t "                                      \
    "LEFT JOIN person h ON h.id = t.responsible_id "

static struct task task_of(struct db_stmt *st, struct arena *a)
{
    return (struct task){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .title = arena_strdup(a, db_col_text(st, 2)),
        .due_on = db_col_text_dup(st, 3, a),
        .responsible_id = db_col_int(st, 4),
        .status = arena_strdup(a, db_col_text(st, 5)),
        .created_by = db_col_int(st, 6),
        .created_at = db_col_int(st, 7),
        .updated_at = db_col_int(st, 8),
        .responsible_name = db_col_text_dup(st, 9, a),
    };
}

enum err task_get(struct db *db, struct arena *a, int64_t id, struct task *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, TASK_COLUMNS "WHERE t.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = task_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such task.", NULL)
                         : ERR_OK;
}

/* Refusals outside execution, naming the phase. */
static const struct {
    const char *phase;
    const char *msgid;
} refusals[] = {
    {"idea", N_("Tasks are planned in the execution phase; this initiative is still in the idea "
                "phase.")},
    {"awareness", N_("Tasks are planned in the execution phase; this initiative is still in "
                     "the awareness phase.")},
    {"evaluation", N_("Tasks are planned in the execution phase; this initiative is in the "
                      "evaluation phase.")},
    {"anchored", N_("Tasks are planned in the execution phase; this initiative is anchored.")},
    {"stopped", N_("Tasks are planned in the execution phase; this initiative has stopped.")},
};

/* ERR_CONFLICT, field "phase", unless the initiative is in execution. */
static enum err in_execution(struct db *db, int64_t initiative_id, struct fault *f)
{
    struct arena *a = arena_new();
    struct initiative in;
    enum err e = initiative_get(db, a, initiative_id, &in, f);
    for (size_t i = 0; e == ERR_OK && i < sizeof refusals / sizeof refusals[0]; i++)
        if (strcmp(in.phase, refusals[i].phase) == 0)
            e = fault_set(f, ERR_CONFLICT, "phase", refusals[i].msgid, NULL);
    arena_free(a);
    return e;
}

static enum err date_check(const char *due_on, struct fault *f)
{
    int64_t t;
    if (due_on && *due_on && !clock_parse_date(due_on, &t))
        return fault_set(f, ERR_INVALID, "due_on", "Give the due date as a date (YYYY-MM-DD).",
                         NULL);
    return ERR_OK;
}

static enum err title_check(const char *title, struct fault *f)
{
    size_t len = title ? strlen(title) : 0;
    if (len == 0 || !utf8_valid(title, len) || utf8_has_controls(title, len, false) ||
        utf8_count(title, len) > TASK_TITLE_MAX)
        return fault_set(f, ERR_INVALID, "title",
                         "Give the task a title of one line, at most 200 characters.", NULL);
    return ERR_OK;
}

/* A public audit entry on the task, with an optional detail. */
static enum err record(struct db *db, const struct actor *act, const char *action, int64_t id,
                       json_t *detail, struct fault *f)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%" PRId64, id);
    struct audit_entry e = {.at = act->now,
                            .person_id = act->person_id,
                            .capacity = act->capacity,
                            .action = action,
                            .object_type = "task",
                            .object_id = oid,
                            .request_id = act->request_id,
                            .is_public = true,
                            .detail = detail};
    enum err r = audit_record(db, &e, f);
    json_decref(detail);
    return r;
}

static enum err insert_task(struct db *db, int64_t initiative_id, const char *title,
                            const char *due_on, int64_t responsible_id, const struct actor *act,
                            int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO task (initiative_id, title, due_on, responsible_id, status, created_by, "
            "created_at, updated_at) SELECT i.id, ?, ?, ?, 'open', ?, ?, ? FROM initiative i "
            "WHERE i.id = ? AND i.phase = 'execution' RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, title);
    db_bind_text(st, 2, due_on && *due_on ? due_on : NULL);
    if (responsible_id)
        db_bind_int(st, 3, responsible_id);
    else
        db_bind_null(st, 3);
    db_bind_int(st, 4, act->person_id);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, act->now);
    db_bind_int(st, 7, initiative_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return *id ? ERR_OK
               : fault_set(f, ERR_CONFLICT, "phase",
                           "The initiative's phase changed meanwhile; reload to see it now.", NULL);
}

enum err task_create(struct db *db, int64_t initiative_id, const char *title, const char *due_on,
                     int64_t responsible_id, const struct actor *act, int64_t *id, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_TASK_CREATE, act, f);
    if (e == ERR_OK)
        e = title_check(title, f);
    if (e == ERR_OK)
        e = date_check(due_on, f);
    if (e == ERR_OK && responsible_id != 0 && responsible_id != act->person_id)
        e = fault_set(f, ERR_CONFLICT, "responsible",
                      "A resident holds a task only after agreeing to it: create the task "
                      "without a holder, then ask them to hold it.",
                      NULL);
    if (e == ERR_OK)
        e = in_execution(db, initiative_id, f);
    int64_t new_id = 0;
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = insert_task(db, initiative_id, title, due_on, responsible_id, act, &new_id, f);
    if (e == ERR_OK)
        e = record(db, act, "task.create", new_id,
                   json_pack("{sI}", "initiative", (json_int_t)initiative_id), f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* The checks of task_ask after the policy's: the task is open to a
 * holder, the person pledged and does not hold it. */
static enum err ask_check(struct db *db, const struct task *t, int64_t person_id, struct fault *f)
{
    struct arena *a = arena_new();
    struct pledge p;
    bool pledged = false;
    enum err e = in_execution(db, t->initiative_id, f);
    if (e == ERR_OK && (strcmp(t->status, "done") == 0 || strcmp(t->status, "dropped") == 0))
        e = fault_set(f, ERR_CONFLICT, NULL, "This task is done or dropped.", NULL);
    if (e == ERR_OK && t->responsible_id == person_id)
        e = fault_set(f, ERR_CONFLICT, "person", "They hold this task already.", NULL);
    if (e == ERR_OK)
        e = pledge_active(db, a, t->initiative_id, person_id, &p, &pledged, f);
    if (e == ERR_OK && !pledged)
        e = fault_set(f, ERR_CONFLICT, "person",
                      "Only residents who pledged to this initiative can be asked to hold its "
                      "tasks.",
                      NULL);
    arena_free(a);
    return e;
}

static enum err insert_consent(struct db *db, const struct task *t, int64_t person_id,
                               const struct actor *act, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO task_consent (task_id, person_id, asked_by, status, asked_at) "
                       "VALUES (?, ?, ?, 'asked', ?) ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, t->id);
    db_bind_int(st, 2, person_id);
    db_bind_int(st, 3, act->person_id);
    db_bind_int(st, 4, act->now);
    int64_t id = 0;
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (id == 0)
        return fault_set(f, ERR_CONFLICT, "person",
                         "You asked them already; they have not answered yet.", NULL);
    enum err e =
        record(db, act, "task.ask", t->id, json_pack("{sI}", "person", (json_int_t)person_id), f);
    if (e == ERR_OK)
        e = notify(db, person_id, "task_asked", t->initiative_id, t->title, f);
    return e;
}

enum err task_ask(struct db *db, int64_t task_id, int64_t person_id, const struct actor *act,
                  struct fault *f)
{
    struct arena *a = arena_new();
    struct task t;
    enum err e = task_get(db, a, task_id, &t, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, t.initiative_id, ACT_TASK_ASSIGN, act, f);
    if (e == ERR_OK)
        e = ask_check(db, &t, person_id, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, insert_consent(db, &t, person_id, act, f), f);
    arena_free(a);
    return e;
}

/* Runs an UPDATE bound with (now, person, task id) or (now, task id) and
 * gives in *changed whether it changed a row. */
static enum err update3(struct db *db, const char *sql, const struct actor *act, bool person,
                        int64_t task_id, bool *changed, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    db_bind_int(st, i++, act->now);
    if (person)
        db_bind_int(st, i++, act->person_id);
    db_bind_int(st, i, task_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    *changed = rc != DB_ERROR && db_changes(db) > 0;
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

#define HOLDABLE                                                                                   \
    "status IN ('open', 'in_progress') AND EXISTS (SELECT 1 FROM initiative i "                    \
    "WHERE i.id = task.initiative_id AND i.phase = 'execution')"

static enum err answer_write(struct db *db, const struct task *t, bool accept,
                             const struct actor *act, struct fault *f)
{
    bool changed = false;
    enum err e = update3(db,
                         accept ? "UPDATE task_consent SET status = 'accepted', answered_at = ? "
                                  "WHERE person_id = ? AND task_id = ? AND status = 'asked'"
                                : "UPDATE task_consent SET status = 'declined', answered_at = ? "
                                  "WHERE person_id = ? AND task_id = ? AND status = 'asked'",
                         act, true, t->id, &changed, f);
    if (e == ERR_OK && !changed)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "Nobody asked you to hold this task.", NULL);
    if (e == ERR_OK && accept)
        e = update3(db,
                    "UPDATE task SET updated_at = ?, responsible_id = ? WHERE id = ? "
                    "AND " HOLDABLE,
                    act, true, t->id, &changed, f);
    if (e == ERR_OK && accept && !changed)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "This task can no longer be held: it is done or dropped, or the "
                      "initiative left its execution phase.",
                      NULL);
    if (e == ERR_OK)
        e = record(db, act, "task.consent", t->id,
                   json_pack("{ss}", "answer", accept ? "accepted" : "declined"), f);
    if (e == ERR_OK && accept)
        e = notify_initiators(db, t->initiative_id, "task_assigned", t->title, act->person_id, f);
    return e;
}

enum err task_answer(struct db *db, int64_t task_id, bool accept, const struct actor *act,
                     struct fault *f)
{
    struct arena *a = arena_new();
    struct task t;
    enum err e = task_get(db, a, task_id, &t, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, t.initiative_id, ACT_TASK_TAKE_ON, act, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, answer_write(db, &t, accept, act, f), f);
    arena_free(a);
    return e;
}

enum err task_take_on(struct db *db, int64_t task_id, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct task t;
    enum err e = task_get(db, a, task_id, &t, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, t.initiative_id, ACT_TASK_TAKE_ON, act, f);
    if (e == ERR_OK)
        e = in_execution(db, t.initiative_id, f);
    arena_free(a);
    bool own, changed = false;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = update3(db,
                "UPDATE task SET updated_at = ?, responsible_id = ? WHERE id = ? "
                "AND responsible_id IS NULL AND " HOLDABLE,
                act, true, task_id, &changed, f);
    if (e == ERR_OK && !changed)
        e = fault_set(f, ERR_CONFLICT, NULL,
                      "Someone holds this task already, or it is done or dropped.", NULL);
    if (e == ERR_OK)
        e = record(db, act, "task.take_on", task_id, NULL, f);
    return tx_end(db, own, e, f);
}

/* capacity_check in a relation this module decides itself (OWN), with a
 * refusal logged as initiative_authorise logs its own (initiative_id 0:
 * not known yet). */
static enum err check_logged(struct db *db, int64_t initiative_id, enum action action,
                             enum relation rel, const struct actor *act, struct fault *f)
{
    struct fault why = {0};
    enum err e = capacity_check(db, act, action, rel, &why);
    if (e == ERR_FORBIDDEN) {
        enum err logged = initiative_log_refusal(db, initiative_id, action, act, &why, f);
        if (logged != ERR_OK)
            return logged;
    }
    if (e != ERR_OK && f)
        *f = why;
    return e;
}

/* The policy for updating t: OWN for its holder (capacity_check), else
 * the relation initiative_authorise finds. */
static enum err update_authorise(struct db *db, const struct task *t, const struct actor *act,
                                 struct fault *f)
{
    if (act->person_id != 0 && t->responsible_id == act->person_id)
        return check_logged(db, t->initiative_id, ACT_TASK_UPDATE, REL_OWN, act, f);
    return initiative_authorise(db, t->initiative_id, ACT_TASK_UPDATE, act, f);
}

static enum err update_write(struct db *db, int64_t task_id, const char *status, const char *due_on,
                             const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "UPDATE task SET status = ?, due_on = CASE WHEN CAST(? AS TEXT) IS NULL THEN due_on "
            "WHEN CAST(? AS TEXT) = '' THEN NULL ELSE CAST(? AS TEXT) END, updated_at = ? "
            "WHERE id = ? AND EXISTS (SELECT 1 FROM initiative i WHERE i.id = task.initiative_id "
            "AND i.phase = 'execution')");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, status);
    db_bind_text(st, 2, due_on);
    db_bind_text(st, 3, due_on);
    db_bind_text(st, 4, due_on);
    db_bind_int(st, 5, act->now);
    db_bind_int(st, 6, task_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, "phase",
                         "The initiative's phase changed meanwhile; reload to see it now.", NULL);
    return record(db, act, "task.update", task_id, json_pack("{ss}", "status", status), f);
}

enum err task_update(struct db *db, int64_t task_id, const char *status, const char *due_on,
                     const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct task t;
    enum err e = task_get(db, a, task_id, &t, f);
    if (e == ERR_OK)
        e = update_authorise(db, &t, act, f);
    if (e == ERR_OK && !task_status_valid(status))
        e = fault_set(f, ERR_INVALID, "status",
                      "Choose a status: open, in progress, done or dropped.", NULL);
    if (e == ERR_OK)
        e = date_check(due_on, f);
    if (e == ERR_OK)
        e = in_execution(db, t.initiative_id, f);
    arena_free(a);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, update_write(db, task_id, status, due_on, act, f), f);
}

enum err task_list(struct db *db, struct arena *a, int64_t initiative_id, struct task **items,
                   int *n, struct fault *f)
{
    *n = 0;
    *items = NULL;
    struct db_stmt *st = db_prepare(db, TASK_COLUMNS "WHERE t.initiative_id = ? "
                                                     "ORDER BY t.id LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    *items = arena_array(a, TASK_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < TASK_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = task_of(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err task_consents(struct db *db, struct arena *a, int64_t initiative_id,
                       struct task_consent **items, int *n, struct fault *f)
{
    *n = 0;
    *items = NULL;
    struct db_stmt *st = db_prepare(
        db, "SELECT c.id, c.task_id, c.person_id, h.display_name, c.asked_by, c.status, "
            "c.asked_at, c.answered_at FROM task_consent c JOIN task t ON t.id = c.task_id "
            "JOIN person h ON h.id = c.person_id WHERE t.initiative_id = ? "
            "ORDER BY c.id DESC LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    *items = arena_array(a, TASK_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < TASK_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct task_consent){
            .id = db_col_int(st, 0),
            .task_id = db_col_int(st, 1),
            .person_id = db_col_int(st, 2),
            .person_name = arena_strdup(a, db_col_text(st, 3)),
            .asked_by = db_col_int(st, 4),
            .status = arena_strdup(a, db_col_text(st, 5)),
            .asked_at = db_col_int(st, 6),
            .answered_at = db_col_int(st, 7),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
