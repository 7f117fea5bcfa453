/* Responsibility matrices and questions (see responsibility.h). A matrix
 * is replaced whole -- delete and insert in one transaction, after every
 * entry has been checked -- and the partial unique index on task_raci
 * keeps a second accountable person out even when two requests race. */
#include "model/responsibility.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/initiative.h"
#include "model/notification.h"
#include "model/task.h"
#include "model/tx.h"

static enum err record(struct db *db, const struct actor *act, const char *action, const char *type,
                       int64_t id, json_t *detail, struct fault *f)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%" PRId64, id);
    struct audit_entry e = {.at = act->now,
                            .person_id = act->person_id,
                            .capacity = act->capacity,
                            .action = action,
                            .object_type = type,
                            .object_id = oid,
                            .request_id = act->request_id,
                            .is_public = true,
                            .detail = detail};
    enum err r = audit_record(db, &e, f);
    json_decref(detail);
    return r;
}

static bool is_letter(char c)
{
    return c == 'R' || c == 'A' || c == 'C' || c == 'I';
}

/* The checks of one entry: a known person; R and A verified residents. */
static enum err entry_check(struct db *db, const struct raci_entry *e, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM person WHERE id = ? "
                                        "AND erased_at IS NULL");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, e->person_id);
    enum db_rc rc = db_step(st);
    bool known = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (!known)
        return fault_set(f, ERR_INVALID, "person", "There is no such person.", NULL);
    bool resident = true;
    enum err r = ERR_OK;
    if (e->letter == 'R' || e->letter == 'A')
        r = capacity_may_act(db, e->person_id, "resident", &resident, f);
    if (r == ERR_OK && !resident)
        r = fault_set(f, ERR_INVALID, "matrix",
                      "Residents are responsible and accountable for a task; a professional can "
                      "be consulted or informed.",
                      NULL);
    return r;
}

static enum err matrix_check(struct db *db, const struct raci_entry *entries, int n,
                             struct fault *f)
{
    int accountable = 0;
    if (n < 1 || n > RESPONSIBILITY_MATRIX_MAX)
        return fault_set(f, ERR_INVALID, "matrix",
                         "Name between 1 and 50 people in a task's matrix.", NULL);
    for (int i = 0; i < n; i++) {
        if (!is_letter(entries[i].letter))
            return fault_set(f, ERR_INVALID, "matrix", "Give each person one letter: R, A, C or I.",
                             NULL);
        accountable += entries[i].letter == 'A';
        for (int j = 0; j < i; j++)
            if (entries[j].person_id == entries[i].person_id)
                return fault_set(f, ERR_INVALID, "matrix", "Give each person one letter only.",
                                 NULL);
    }
    if (accountable != 1)
        return fault_set(f, ERR_INVALID, "matrix",
                         "Name exactly one person accountable (A) for a task.", NULL);
    for (int i = 0; i < n; i++) {
        enum err e = entry_check(db, &entries[i], f);
        if (e != ERR_OK)
            return e;
    }
    return ERR_OK;
}

static enum err matrix_write(struct db *db, int64_t task_id, const struct raci_entry *entries,
                             int n, const struct actor *act, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM task_raci WHERE task_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, task_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    json_t *people = json_object();
    for (int i = 0; rc != DB_ERROR && i < n; i++) {
        st = db_prepare(db, "INSERT INTO task_raci (task_id, person_id, letter) VALUES (?, ?, ?)");
        if (!st) {
            json_decref(people);
            return db_fault(db, f);
        }
        char letter[2] = {entries[i].letter, '\0'}, key[24];
        db_bind_int(st, 1, task_id);
        db_bind_int(st, 2, entries[i].person_id);
        db_bind_text(st, 3, letter);
        rc = db_step(st);
        db_done(st);
        snprintf(key, sizeof key, "%" PRId64, entries[i].person_id);
        json_object_set_new(people, key, json_string(letter));
    }
    if (rc == DB_ERROR) {
        json_decref(people);
        return db_fault(db, f);
    }
    return record(db, act, "responsibility.set_matrix", "task", task_id,
                  json_pack("{so}", "matrix", people), f);
}

enum err responsibility_set_matrix(struct db *db, int64_t task_id, const struct raci_entry *entries,
                                   int n, const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct task t;
    enum err e = task_get(db, a, task_id, &t, f);
    if (e == ERR_OK)
        e = initiative_authorise(db, t.initiative_id, ACT_RESPONSIBILITY_SET_MATRIX, act, f);
    arena_free(a);
    if (e == ERR_OK)
        e = matrix_check(db, entries, n, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, matrix_write(db, task_id, entries, n, act, f), f);
}

enum err responsibility_matrix(struct db *db, struct arena *a, int64_t initiative_id,
                               struct raci_entry **items, int *n, struct fault *f)
{
    *n = 0;
    *items = NULL;
    struct db_stmt *st = db_prepare(
        db, "SELECT r.task_id, r.person_id, r.letter, h.display_name FROM task_raci r "
            "JOIN task t ON t.id = r.task_id JOIN person h ON h.id = r.person_id "
            "WHERE t.initiative_id = ? ORDER BY r.task_id, CASE r.letter WHEN 'A' THEN 0 "
            "WHEN 'R' THEN 1 WHEN 'C' THEN 2 ELSE 3 END, h.display_name, r.person_id LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    *items = arena_array(a, RESPONSIBILITY_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < RESPONSIBILITY_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = (struct raci_entry){
            .task_id = db_col_int(st, 0),
            .person_id = db_col_int(st, 1),
            .letter = db_col_text(st, 2)[0],
            .person_name = arena_strdup(a, db_col_text(st, 3)),
        };
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err text_check(const char *s, const char *field, struct fault *f)
{
    size_t len = s ? strlen(s) : 0;
    if (len == 0 || !utf8_valid(s, len) || utf8_has_controls(s, len, true) ||
        utf8_count(s, len) > RESPONSIBILITY_TEXT_MAX)
        return fault_set(f, ERR_INVALID, field, "Write between 1 and 2000 characters.", NULL);
    return ERR_OK;
}

/* Whether one row of sql, bound with an id or a text, counts more than 0. */
static enum err exists(struct db *db, const char *sql, int64_t id, const char *text, bool *yes,
                       struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    *yes = false;
    if (!st)
        return db_fault(db, f);
    if (text)
        db_bind_text(st, 1, text);
    else
        db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    *yes = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static enum err target_check(struct db *db, const struct responsibility_target *t, struct fault *f)
{
    const char *p = t->put_to ? t->put_to : "";
    bool ok = false;
    enum err e = ERR_OK;
    if (strcmp(p, "initiators") == 0)
        return ERR_OK;
    if (strcmp(p, "professional") == 0) {
        e = t->person_id > 0 ? capacity_may_act(db, t->person_id, "professional", &ok, f) : e;
        return e == ERR_OK && !ok ? fault_set(f, ERR_INVALID, "person",
                                              "Put the question to someone who works as a "
                                              "professional at an organisation.",
                                              NULL)
                                  : e;
    }
    if (strcmp(p, "organisation") == 0) {
        e = exists(db, "SELECT COUNT(*) FROM organisation WHERE id = ?", t->organisation_id, NULL,
                   &ok, f);
        return e == ERR_OK && !ok ? fault_set(f, ERR_INVALID, "organisation",
                                              "There is no such organisation.", NULL)
                                  : e;
    }
    if (strcmp(p, "gemeente") == 0) {
        e = t->gemeente ? exists(db,
                                 "SELECT COUNT(*) FROM area WHERE code = ? "
                                 "AND kind = 'gemeente'",
                                 0, t->gemeente, &ok, f)
                        : e;
        return e == ERR_OK && !ok
                   ? fault_set(f, ERR_INVALID, "gemeente", "There is no such gemeente.", NULL)
                   : e;
    }
    return fault_set(f, ERR_INVALID, "put_to",
                     "Put the question to the initiators, a professional, an organisation or a "
                     "gemeente.",
                     NULL);
}

static enum err insert_question(struct db *db, int64_t initiative_id, const char *question,
                                const struct responsibility_target *t, const struct actor *act,
                                int64_t *id, struct fault *f)
{
    bool pro = strcmp(t->put_to, "professional") == 0;
    bool org = strcmp(t->put_to, "organisation") == 0;
    bool gm = strcmp(t->put_to, "gemeente") == 0;
    struct db_stmt *st =
        db_prepare(db, "INSERT INTO responsibility_question (initiative_id, question, asked_by, "
                       "asked_capacity, asked_at, put_to, put_to_person, put_to_organisation, "
                       "put_to_gemeente) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    db_bind_text(st, 2, question);
    db_bind_int(st, 3, act->person_id);
    db_bind_text(st, 4, act->capacity);
    db_bind_int(st, 5, act->now);
    db_bind_text(st, 6, t->put_to);
    pro ? db_bind_int(st, 7, t->person_id) : db_bind_null(st, 7);
    org ? db_bind_int(st, 8, t->organisation_id) : db_bind_null(st, 8);
    db_bind_text(st, 9, gm ? t->gemeente : NULL);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    enum err e = record(db, act, "responsibility.ask", "initiative", initiative_id,
                        json_pack("{sIss}", "question", (json_int_t)*id, "put_to", t->put_to), f);
    if (e == ERR_OK && pro)
        e = notify(db, t->person_id, "question_asked", initiative_id, NULL, f);
    else if (e == ERR_OK && strcmp(t->put_to, "initiators") == 0)
        e = notify_initiators(db, initiative_id, "question_asked", NULL, act->person_id, f);
    return e;
}

enum err responsibility_ask(struct db *db, int64_t initiative_id, const char *question,
                            const struct responsibility_target *target, const struct actor *act,
                            int64_t *id, struct fault *f)
{
    enum err e = initiative_authorise(db, initiative_id, ACT_RESPONSIBILITY_ASK, act, f);
    if (e == ERR_OK)
        e = text_check(question, "question", f);
    if (e == ERR_OK)
        e = target_check(db, target, f);
    int64_t new_id = 0;
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = tx_end(db, own, insert_question(db, initiative_id, question, target, act, &new_id, f), f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

static enum err link_source(struct db *db, int64_t question_id, int64_t agreement_id,
                            int64_t zone_id, struct fault *f)
{
    if ((agreement_id != 0) == (zone_id != 0)) {
        fprintf(stderr, "responsibility_record: one source, agreement or zone\n");
        abort();
    }
    struct db_stmt *st = db_prepare(db, "INSERT INTO responsibility_source (question_id, "
                                        "agreement_id, zone_id) VALUES (?, ?, ?)");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, question_id);
    agreement_id ? db_bind_int(st, 2, agreement_id) : db_bind_null(st, 2);
    zone_id ? db_bind_int(st, 3, zone_id) : db_bind_null(st, 3);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err responsibility_record(struct db *db, int64_t initiative_id, const char *question,
                               const char *answer, const struct responsibility_target *target,
                               int64_t agreement_id, int64_t zone_id, const struct actor *act,
                               struct fault *f)
{
    enum err e = text_check(question, "question", f);
    if (e == ERR_OK)
        e = text_check(answer, "answer", f);
    if (e != ERR_OK)
        return e;
    bool org = strcmp(target->put_to, "organisation") == 0;
    bool gm = strcmp(target->put_to, "gemeente") == 0;
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO responsibility_question (initiative_id, question, asked_by, "
            "asked_capacity, asked_at, put_to, put_to_organisation, put_to_gemeente, answer, "
            "answered_by, answered_capacity, answered_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    db_bind_text(st, 2, question);
    db_bind_int(st, 3, act->person_id);
    db_bind_text(st, 4, act->capacity);
    db_bind_int(st, 5, act->now);
    db_bind_text(st, 6, target->put_to);
    org ? db_bind_int(st, 7, target->organisation_id) : db_bind_null(st, 7);
    db_bind_text(st, 8, gm ? target->gemeente : NULL);
    db_bind_text(st, 9, answer);
    db_bind_int(st, 10, act->person_id);
    db_bind_text(st, 11, act->capacity);
    db_bind_int(st, 12, act->now);
    int64_t id = 0;
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    e = link_source(db, id, agreement_id, zone_id, f);
    if (e == ERR_OK)
        e = record(db, act, "responsibility.record", "initiative", initiative_id,
                   json_pack("{sIsIsI}", "question", (json_int_t)id, "agreement",
                             (json_int_t)agreement_id, "zone", (json_int_t)zone_id),
                   f);
    if (e == ERR_OK)
        e = notify_initiators(db, initiative_id, "question_answered", NULL, act->person_id, f);
    return e;
}

#define QUESTION_COLUMNS                                                                           \
    "SELECT q.id, q.initiative_id, q.question, q.asked_by, q.asked_capacity, q.asked_at, "         \
    "q.put_to, q.put_to_person, q.put_to_organisation, q.put_to_gemeente, q.answer, "              \
    "q.answered_by, q.answered_capacity, q.answered_at"

static struct responsibility_question question_of(struct db_stmt *st, struct arena *a)
{
    return (struct responsibility_question){
        .id = db_col_int(st, 0),
        .initiative_id = db_col_int(st, 1),
        .question = arena_strdup(a, db_col_text(st, 2)),
        .asked_by = db_col_int(st, 3),
        .asked_capacity = db_col_text_dup(st, 4, a),
        .asked_at = db_col_int(st, 5),
        .put_to = arena_strdup(a, db_col_text(st, 6)),
        .put_to_person = db_col_int(st, 7),
        .put_to_organisation = db_col_int(st, 8),
        .put_to_gemeente = db_col_text_dup(st, 9, a),
        .answer = db_col_text_dup(st, 10, a),
        .answered_by = db_col_int(st, 11),
        .answered_capacity = db_col_text_dup(st, 12, a),
        .answered_at = db_col_int(st, 13),
    };
}

enum err responsibility_get(struct db *db, struct arena *a, int64_t id,
                            struct responsibility_question *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, QUESTION_COLUMNS " FROM responsibility_question q "
                                                         "WHERE q.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = question_of(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such question.", NULL)
                         : ERR_OK;
}

/* How act relates to question q: through the initiative for a question put
 * to the initiators; OWN for the professional it is put to; MEMBER for an
 * admin of the organisation or gemeente it is put to; else OTHER. */
static enum err question_relation(struct db *db, const struct responsibility_question *q,
                                  const struct actor *act, enum relation *rel, struct fault *f)
{
    *rel = REL_OTHER;
    if (strcmp(q->put_to, "initiators") == 0)
        return initiative_relation(db, q->initiative_id, act, rel, f);
    if (strcmp(q->put_to, "professional") == 0) {
        *rel = act->person_id != 0 && q->put_to_person == act->person_id ? REL_OWN : REL_OTHER;
        return ERR_OK;
    }
    char cap[64];
    if (strcmp(q->put_to, "organisation") == 0)
        snprintf(cap, sizeof cap, "organisation_admin:%" PRId64, q->put_to_organisation);
    else
        snprintf(cap, sizeof cap, "municipality_admin:%s", q->put_to_gemeente);
    bool admin = false;
    enum err e = act->person_id ? capacity_may_act(db, act->person_id, cap, &admin, f) : ERR_OK;
    *rel = admin ? REL_MEMBER : REL_OTHER;
    return e;
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

static enum err answer_write(struct db *db, const struct responsibility_question *q,
                             const char *answer, const struct actor *act, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE responsibility_question SET answer = ?, answered_by = ?, "
                       "answered_capacity = ?, answered_at = ? WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, answer);
    db_bind_int(st, 2, act->person_id);
    db_bind_text(st, 3, act->capacity);
    db_bind_int(st, 4, act->now);
    db_bind_int(st, 5, q->id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    enum err e = record(db, act, "responsibility.answer", "initiative", q->initiative_id,
                        json_pack("{sI}", "question", (json_int_t)q->id), f);
    if (e == ERR_OK && q->asked_by != act->person_id)
        e = notify(db, q->asked_by, "question_answered", q->initiative_id, NULL, f);
    return e;
}

enum err responsibility_answer(struct db *db, int64_t question_id, const char *answer,
                               const struct actor *act, struct fault *f)
{
    struct arena *a = arena_new();
    struct responsibility_question q;
    enum relation rel = REL_OTHER;
    enum err e = responsibility_get(db, a, question_id, &q, f);
    if (e == ERR_OK)
        e = question_relation(db, &q, act, &rel, f);
    if (e == ERR_OK)
        e = check_logged(db, q.initiative_id, ACT_RESPONSIBILITY_ANSWER, rel, act, f);
    if (e == ERR_OK)
        e = text_check(answer, "answer", f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK)
        e = tx_end(db, own, answer_write(db, &q, answer, act, f), f);
    arena_free(a);
    return e;
}

enum err responsibility_list(struct db *db, struct arena *a, int64_t initiative_id,
                             struct responsibility_question **items, int *n, struct fault *f)
{
    *n = 0;
    *items = NULL;
    struct db_stmt *st =
        db_prepare(db, QUESTION_COLUMNS ", COALESCE(h.display_name, o.name, g.name) "
                                        "FROM responsibility_question q "
                                        "LEFT JOIN person h ON h.id = q.put_to_person "
                                        "LEFT JOIN organisation o ON o.id = q.put_to_organisation "
                                        "LEFT JOIN area g ON g.code = q.put_to_gemeente "
                                        "WHERE q.initiative_id = ? ORDER BY q.id DESC LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, initiative_id);
    *items = arena_array(a, RESPONSIBILITY_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < RESPONSIBILITY_LIST_MAX && (rc = db_step(st)) == DB_ROW) {
        (*items)[*n] = question_of(st, a);
        (*items)[(*n)++].put_to_name = db_col_text_dup(st, 14, a);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
