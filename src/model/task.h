/* Tasks of an initiative's plan (DESIGN.md §3), during its execution
 * phase: a title, a due date, a status and the resident who holds it.
 *
 * A resident holds a task only by their own act: they take on a task that
 * nobody holds (task_take_on), or the initiators ask a pledger to hold it
 * (task_ask) and the pledger accepts or declines (task_answer). The
 * initiators can never make someone else the holder directly; a task
 * created with another person as holder is refused and nothing changes.
 *
 * Writes go through initiative_authorise (model/initiative.h): the
 * actor's relation to the initiative, the policy row of the action, the
 * frozen check for steering actions (task.create, task.assign) and the
 * logging of a refused attempt. Updating a task one holds is OWN, asked of
 * the policy table through capacity_check, its refusal logged the same way
 * (initiative_log_refusal). Each write records its public
 * audit entry (object "task") in the same transaction. Times come from
 * act->now. */
#ifndef WIJK_MODEL_TASK_H
#define WIJK_MODEL_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    TASK_TITLE_MAX = 200, /* characters */
    TASK_LIST_MAX = 500,  /* rows a list gives at most */
};

struct task {
    int64_t id;
    int64_t initiative_id;
    const char *title;
    const char *due_on;     /* YYYY-MM-DD, NULL: none */
    int64_t responsible_id; /* 0: nobody holds it */
    const char *status;     /* task_statuses() */
    int64_t created_by;
    int64_t created_at;
    int64_t updated_at;
    const char *responsible_name; /* the holder's display name, NULL: none (lists) */
};

/* A request to hold a task, and its answer. */
struct task_consent {
    int64_t id;
    int64_t task_id;
    int64_t person_id;
    const char *person_name;
    int64_t asked_by;
    const char *status; /* "asked", "accepted" or "declined" */
    int64_t asked_at;
    int64_t answered_at; /* 0: not answered */
};

/* The statuses, NULL-terminated: open, in_progress, done, dropped. */
const char *const *task_statuses(void);

/* Whether status is one of task_statuses(). */
bool task_status_valid(const char *status);

/* Loads a task; ERR_NOT_FOUND, "There is no such task.", when there is
 * none. Strings from the arena. */
enum err task_get(struct db *db, struct arena *a, int64_t id, struct task *out, struct fault *f);

/* The initiators (policy task.create, through initiative_authorise; a
 * professional gets the facilitating reason) add a task, status "open", to
 * an initiative in its execution phase (else ERR_CONFLICT, field "phase",
 * naming the phase). title: one line of 1..TASK_TITLE_MAX characters
 * (ERR_INVALID, field "title"); due_on: NULL or a valid YYYY-MM-DD date
 * (field "due_on"). responsible_id: 0 or act's own person id; anyone else
 * has not consented yet: ERR_CONFLICT, field "responsible", and nothing is
 * created. Records "task.create". *id may be NULL. */
enum err task_create(struct db *db, int64_t initiative_id, const char *title, const char *due_on,
                     int64_t responsible_id, const struct actor *act, int64_t *id, struct fault *f);

/* The initiators (policy task.assign) ask person_id to hold the task.
 * ERR_NOT_FOUND for an unknown task; ERR_CONFLICT, field "phase", outside
 * execution; ERR_CONFLICT for a task that is done or dropped or that the
 * person holds already, field "person" for a person without an active
 * pledge to the initiative ("Only residents who pledged ..."), and for a
 * question they have not answered yet. Records "task.ask" and notifies the
 * person ("task_asked"). */
enum err task_ask(struct db *db, int64_t task_id, int64_t person_id, const struct actor *act,
                  struct fault *f);

/* act's person answers the request to hold the task (policy
 * task.take_on: verified residents acting as residents). ERR_NOT_FOUND,
 * "Nobody asked you to hold this task.", without an open request.
 * Accepting makes them the holder (ERR_CONFLICT for a task that is done or
 * dropped, or outside execution, and nothing changes); declining changes
 * only the request. Records "task.consent" (detail {"answer": "accepted" |
 * "declined"}) and notifies the initiators ("task_assigned") of an
 * acceptance. */
enum err task_answer(struct db *db, int64_t task_id, bool accept, const struct actor *act,
                     struct fault *f);

/* act's person takes on a task nobody holds (policy task.take_on).
 * ERR_CONFLICT when someone holds it, when it is done or dropped, or
 * outside execution. Records "task.take_on". */
enum err task_take_on(struct db *db, int64_t task_id, const struct actor *act, struct fault *f);

/* Sets the status (task_statuses(); else ERR_INVALID, field "status") and,
 * when due_on is non-NULL, the due date ("" removes it; else a valid date,
 * field "due_on"), during execution: the holder (OWN) or the initiators
 * (policy task.update). ERR_CONFLICT outside execution. Records
 * "task.update". */
enum err task_update(struct db *db, int64_t task_id, const char *status, const char *due_on,
                     const struct actor *act, struct fault *f);

/* The tasks of an initiative, oldest first, at most TASK_LIST_MAX, with
 * the holders' names. Public (task.view). */
enum err task_list(struct db *db, struct arena *a, int64_t initiative_id, struct task **items,
                   int *n, struct fault *f);

/* The requests to hold tasks of an initiative (all statuses), newest
 * first, at most TASK_LIST_MAX, with the asked persons' names. */
enum err task_consents(struct db *db, struct arena *a, int64_t initiative_id,
                       struct task_consent **items, int *n, struct fault *f);

#endif
