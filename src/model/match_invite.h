/* Invitations of matched persons (issue 9): an initiator (or a professional
 * who connects people) invites a person that matching showed them for a
 * skill need; the person accepts -- and becomes a pledger of the
 * initiative through the pledge model, with the need's skill and hours, or,
 * during execution for a need tied to a task, the holder of that task
 * through the task model (task_take_on: taking it on is the consent) --
 * or declines, with no reason owed. Nobody is assigned without consent.
 *
 * A person is invited at most once per need (a UNIQUE key, so two
 * initiators at once make one invitation), and the answer is a conditional
 * UPDATE on the invitation being open, so simultaneous answers leave one.
 * An invitation to a person who paused being asked, or whom the inviter may
 * not see, is refused with the same message as to someone unknown, so that
 * a refusal does not tell who exists. Invitations are sent while the
 * initiative gathers pledges (its awareness phase), and during execution
 * for needs tied to a task. */
#ifndef WIJK_MODEL_MATCH_INVITE_H
#define WIJK_MODEL_MATCH_INVITE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    MATCH_INVITE_MESSAGE_MAX = 500, /* characters */
    MATCH_INVITE_LIST_MAX = 200,    /* rows a list gives at most */
};

struct match_invite {
    int64_t id;
    int64_t need_id;
    int64_t initiative_id;
    const char *initiative_title;
    const char *skill_code;
    int hours_month;
    int64_t person_id;
    const char *person_name;
    int64_t invited_by;
    const char *inviter_name;
    const char *invited_capacity;
    const char *message;        /* "" when hidden by a moderator */
    const char *message_hidden; /* NULL, or the moderator's reason for hiding the message */
    const char *status;         /* "open", "accepted", "declined" */
    int64_t created_at;
    int64_t answered_at; /* 0: open */
    int64_t pledge_id;   /* 0: none */
    int64_t task_id;     /* the need's task, 0: none */
};

/* act invites person_id for need_id with an optional message (at most
 * MATCH_INVITE_MESSAGE_MAX characters, field "message"). Policy
 * match.invite through initiative_authorise (initiators; professionals
 * who connect). ERR_NOT_FOUND for an unknown need; ERR_CONFLICT for a
 * closed need, or (field "phase") an initiative outside awareness unless in
 * execution with a need tied to a task;
 * ERR_INVALID, field "person", "This person cannot be invited: they are
 * not among the matches you may see, or they paused being asked." for a
 * person who is unknown, hidden from act, paused, or act themself;
 * ERR_CONFLICT, field "person", "This person was invited for this need
 * already." for a second invitation. Records "match.invite" and notifies
 * the person ("match_invited", linking to /me/invitations). *id may be
 * NULL. */
enum err match_invite_send(struct db *db, int64_t need_id, int64_t person_id, const char *message,
                           const struct actor *act, int64_t *id, struct fault *f);

/* act's person answers their open invitation. Accepting pledges the need's
 * skill and hours a month to the initiative (pledge_make: policy
 * pledge.make and its errors, e.g. ERR_CONFLICT outside awareness), or in
 * execution, for a need tied to a task, takes the task on (task_take_on:
 * policy task.take_on; ERR_CONFLICT when someone holds it already);
 * declining asks the policy skill.register (OWN) and owes no reason.
 * ERR_NOT_FOUND, "There is no such invitation.", for an unknown one or
 * someone else's; ERR_CONFLICT, "You answered this invitation already.",
 * when it is not open (also when another request answered it meanwhile:
 * nothing changes). Records "match.accept" / "match.decline" and notifies
 * the inviter ("match_answered"). */
enum err match_invite_answer(struct db *db, int64_t invite_id, bool accept, const struct actor *act,
                             struct fault *f);

/* Loads an invitation (with names); ERR_NOT_FOUND as above. No policy. */
enum err match_invite_get(struct db *db, struct arena *a, int64_t id, struct match_invite *out,
                          struct fault *f);

/* act's own invitations, newest first, at most MATCH_INVITE_LIST_MAX
 * (policy skill.register, OWN). */
enum err match_invite_mine(struct db *db, struct arena *a, const struct actor *act,
                           struct match_invite **items, int *n, struct fault *f);

/* The invitations for a need, newest first (policy match.view through
 * initiative_authorise). */
enum err match_invite_for_need(struct db *db, struct arena *a, int64_t need_id,
                               const struct actor *act, struct match_invite **items, int *n,
                               struct fault *f);

/* Moderation (model/moderation.h): an invitation's message is content its
 * reader may report, object type "match_invite_message" with the
 * invitation's id, by the inviter (the registry there finds it). A hidden
 * message never leaves this module: invitations carry "" and
 * message_hidden instead. */

#endif
