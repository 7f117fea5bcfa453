/* Responsibility in an initiative's plan (DESIGN.md §3): the matrix of who
 * is responsible, accountable, consulted and informed (RACI) per task, and
 * the register of responsibility questions ("who is liable for the
 * playground we built? who holds the key?") with their answers and who
 * gave them, in which capacity.
 *
 * Only the initiators set a matrix (responsibility.set_matrix, a steering
 * action: through initiative_authorise). A task's matrix has exactly one
 * accountable person; the responsible and accountable people are residents
 * (they hold a verified residency), while a professional may be consulted
 * or informed.
 *
 * Questions are asked by contributors (residents, professionals, admins of
 * organisations and gemeenten) and put to the initiators, to a
 * professional, to an organisation or to a gemeente; whoever they are put
 * to answers them (responsibility.answer): the initiators acting as
 * residents (INITIATOR), the professional acting as professional (OWN), an
 * admin of the organisation or gemeente acting as such (MEMBER); a refused
 * answer is logged as initiative_authorise logs its refusals. Each write
 * records its public audit entry in the same transaction. */
#ifndef WIJK_MODEL_RESPONSIBILITY_H
#define WIJK_MODEL_RESPONSIBILITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    RESPONSIBILITY_MATRIX_MAX = 50, /* people in one task's matrix */
    RESPONSIBILITY_TEXT_MAX = 2000, /* characters of a question or an answer */
    RESPONSIBILITY_LIST_MAX = 500,  /* rows a list gives at most */
};

/* One cell of a task's matrix. */
struct raci_entry {
    int64_t task_id; /* set by the lists; ignored by set_matrix */
    int64_t person_id;
    char letter;             /* 'R', 'A', 'C' or 'I' */
    const char *person_name; /* lists only */
};

/* Replaces the matrix of task_id with entries (n 1..RESPONSIBILITY_MATRIX_MAX).
 * Through initiative_authorise (responsibility.set_matrix; a professional
 * gets the facilitating reason). ERR_NOT_FOUND for an unknown task.
 * ERR_INVALID, field "matrix": a letter that is not R, A, C or I; a person
 * twice; not exactly one A; an R or A who is not a verified resident (field
 * "person" for an unknown person). Nothing changes on an error. Records
 * "responsibility.set_matrix" on the task. */
enum err responsibility_set_matrix(struct db *db, int64_t task_id, const struct raci_entry *entries,
                                   int n, const struct actor *act, struct fault *f);

/* The matrices of all tasks of initiative_id, by task then letter (A, R,
 * C, I) then name, with names; at most RESPONSIBILITY_LIST_MAX. Public. */
enum err responsibility_matrix(struct db *db, struct arena *a, int64_t initiative_id,
                               struct raci_entry **items, int *n, struct fault *f);

/* A responsibility question. put_to is "initiators", "professional" (with
 * put_to_person), "organisation" (with put_to_organisation) or "gemeente"
 * (with put_to_gemeente). */
struct responsibility_question {
    int64_t id;
    int64_t initiative_id;
    const char *question;
    int64_t asked_by;
    const char *asked_capacity;
    int64_t asked_at;
    const char *put_to;
    int64_t put_to_person;       /* 0: none */
    int64_t put_to_organisation; /* 0: none */
    const char *put_to_gemeente; /* NULL: none */
    const char *put_to_name;     /* lists: the person's, organisation's or gemeente's name */
    const char *answer;          /* NULL: not answered yet */
    int64_t answered_by;
    const char *answered_capacity;
    int64_t answered_at;
};

/* What a question is put to. */
struct responsibility_target {
    const char *put_to; /* as above */
    int64_t person_id;  /* "professional": someone with a confirmed post */
    int64_t organisation_id;
    const char *gemeente; /* "gemeente": a gemeente code */
};

/* Asks question (1..RESPONSIBILITY_TEXT_MAX characters; ERR_INVALID, field
 * "question") about initiative_id, put to target, through
 * initiative_authorise (responsibility.ask). ERR_INVALID, field "put_to"
 * for an unknown kind; field "person" for someone who holds no
 * professional post; field "organisation" / "gemeente" for an unknown one.
 * Records "responsibility.ask" and notifies the initiators or the
 * professional ("question_asked"). *id may be NULL. */
enum err responsibility_ask(struct db *db, int64_t initiative_id, const char *question,
                            const struct responsibility_target *target, const struct actor *act,
                            int64_t *id, struct fault *f);

/* Answers (or answers again) question_id with answer (1..RESPONSIBILITY_TEXT_MAX
 * characters, field "answer"), as whoever it is put to (see above; else
 * ERR_FORBIDDEN with the policy's reason). ERR_NOT_FOUND for an unknown
 * question. Stores who answered and in which capacity; records
 * "responsibility.answer" and notifies the asker ("question_answered"). */
enum err responsibility_answer(struct db *db, int64_t question_id, const char *answer,
                               const struct actor *act, struct fault *f);

/* Enters a question that is answered already into the register of
 * initiative_id: what a cooperation agreement (model/agreement.h) or a
 * rule-free zone (model/zone.h) settles about who is responsible for what.
 * question and answer as for responsibility_ask (ERR_INVALID, field
 * "question" or "answer"); target is "initiators", "organisation" or "gemeente" (not checked again: the
 * caller read it from its own rows). Asked and answered by act (the last
 * signer, the admin who granted), linked in responsibility_source to
 * agreement_id or zone_id (exactly one non-zero; else abort). No policy
 * check: the caller authorised the write that settles it. Joins the
 * caller's transaction. Records "responsibility.record" on the initiative
 * and notifies its initiators ("question_answered"). */
enum err responsibility_record(struct db *db, int64_t initiative_id, const char *question,
                               const char *answer, const struct responsibility_target *target,
                               int64_t agreement_id, int64_t zone_id, const struct actor *act,
                               struct fault *f);

/* Loads a question (put_to_name left NULL); ERR_NOT_FOUND when none. */
enum err responsibility_get(struct db *db, struct arena *a, int64_t id,
                            struct responsibility_question *out, struct fault *f);

/* The questions of initiative_id, newest first, at most
 * RESPONSIBILITY_LIST_MAX, with the names they are put to. Public. */
enum err responsibility_list(struct db *db, struct arena *a, int64_t initiative_id,
                             struct responsibility_question **items, int *n, struct fault *f);

#endif
