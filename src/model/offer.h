/* Facilitation offers (DESIGN.md §2, invariant 3): professional help
 * enters an initiative only as an offer -- coaching, a connection to
 * another organisation, hours, or a room -- that an initiator accepts or
 * declines. An offer is made by a professional acting as
 * professional:<organisation id>, or by an admin of an organisation acting
 * as organisation_admin:<organisation id>, for that organisation; the
 * capacity is stored with it, so that an accepted offer shows who offered
 * it and in which capacity. Its maker (or an admin of its organisation)
 * withdraws it while it is open.
 *
 * Every write asks the policy table first: making and withdrawing through
 * capacity_authorise with the relation to the offer's organisation (MEMBER:
 * an admin of it; OWN: one's own offer) after initiative_relation (so that
 * an initiator cannot offer help to their own initiative in a
 * professional capacity), accepting and declining through
 * initiative_authorise (steering: initiators acting as residents, not while
 * frozen, a refusal logged). Each write records its public audit entry
 * (object "offer") and its notification in the same transaction. Times come
 * from act->now. */
#ifndef WIJK_MODEL_OFFER_H
#define WIJK_MODEL_OFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    OFFER_TEXT_MAX = 2000,  /* characters of what is offered */
    OFFER_HOURS_MAX = 2000, /* hours of one offer of hours */
    OFFER_LIST_MAX = 500,   /* rows a list gives at most */
};

struct offer {
    int64_t id;
    int64_t initiative_id;
    int64_t person_id;       /* who made it */
    int64_t organisation_id; /* for which organisation */
    const char *capacity;    /* "professional:17" or "organisation_admin:17" */
    const char *kind;        /* "coaching", "connection", "hours", "room" */
    const char *text;
    int hours;                       /* kind hours: 1..OFFER_HOURS_MAX; else 0 */
    int64_t connect_organisation_id; /* kind connection: the organisation; else 0 */
    const char *status;              /* "offered", "accepted", "declined", "withdrawn" */
    int64_t created_at;
    int64_t answered_by; /* 0: not accepted or declined */
    int64_t answered_at; /* 0: still offered */
};

/* An offer as lists show it, with the names a page needs. */
struct offer_row {
    struct offer offer;
    const char *person_name; /* the maker's display name */
    const char *organisation_name;
    const char *connect_name; /* kind connection: the organisation's name; else NULL */
};

/* What offer_make takes. */
struct offer_input {
    const char *kind;                /* one of offer_kinds() */
    const char *text;                /* 1..OFFER_TEXT_MAX characters */
    int hours;                       /* kind hours: 1..OFFER_HOURS_MAX; other kinds: 0 */
    int64_t connect_organisation_id; /* kind connection: an organisation; other kinds: 0 */
};

/* The kinds, NULL-terminated, static storage: coaching, connection, hours,
 * room. */
const char *const *offer_kinds(void);

/* Whether kind is one of offer_kinds(). */
bool offer_kind_valid(const char *kind);

/* Loads an offer; ERR_NOT_FOUND, "There is no such offer.", when there is
 * none. Strings from the arena. */
enum err offer_get(struct db *db, struct arena *a, int64_t id, struct offer *out, struct fault *f);

/* act makes an offer to initiative_id (policy offer.make), for the
 * organisation its capacity is qualified by ("professional:17",
 * "organisation_admin:17"; an unqualified one is completed when the person
 * holds it at exactly one organisation, else ERR_INVALID, field
 * "capacity"). In order: ERR_NOT_FOUND for an unknown initiative;
 * ERR_FORBIDDEN with the policy's reason for anyone else (a resident, an
 * initiator in any capacity); ERR_INVALID with the field for a bad input --
 * "kind", "text", "hours" (required for kind hours and only there),
 * "organisation" (required for kind connection and only there);
 * ERR_NOT_FOUND, field "organisation", "There is no organisation %s." for
 * an unknown one to connect to; ERR_CONFLICT for an initiative that has
 * ended. Records "offer.make" and notifies the initiators (offer_new,
 * detail: the organisation's name). *id may be NULL. The fault's arguments
 * come from a (the request's arena). */
enum err offer_make(struct db *db, struct arena *a, int64_t initiative_id,
                    const struct offer_input *in, const struct actor *act, int64_t *id,
                    struct fault *f);

/* Whether act may make an offer to initiative_id, as offer_make's policy
 * check decides it, writing nothing: ERR_OK, or the refusal (ERR_NOT_FOUND,
 * ERR_FORBIDDEN, ERR_INVALID for the capacity). For showing the form. */
enum err offer_authorise_make(struct db *db, int64_t initiative_id, const struct actor *act,
                              struct fault *f);

/* Withdraws an open offer (policy offer.withdraw: its maker, or an admin
 * of its organisation acting as such). ERR_NOT_FOUND for an unknown offer;
 * ERR_FORBIDDEN for anyone else; ERR_CONFLICT when it is no longer open.
 * Records "offer.withdraw" and notifies the initiators (offer_withdrawn). */
enum err offer_withdraw(struct db *db, int64_t offer_id, const struct actor *act, struct fault *f);

/* Accepts or declines an open offer, through initiative_authorise
 * (offer.accept / offer.decline: an initiator acting as resident; a
 * professional is told "Professionals facilitate: the initiators accept or
 * decline offers, including yours."; a frozen initiative refuses).
 * ERR_NOT_FOUND for an unknown offer; ERR_CONFLICT when it is no longer
 * open or the initiative has ended. Records "offer.accept" /
 * "offer.decline" and notifies the maker (offer_accepted /
 * offer_declined). Call outside a transaction (initiative_authorise logs a
 * refusal in one of its own). */
enum err offer_accept(struct db *db, int64_t offer_id, const struct actor *act, struct fault *f);
enum err offer_decline(struct db *db, int64_t offer_id, const struct actor *act, struct fault *f);

/* The offers to initiative_id, newest first, at most OFFER_LIST_MAX; with
 * status non-NULL only those in it (ERR_INVALID, field "status", for an
 * unknown status). Public (policy offer.view). *items from the arena. */
enum err offer_list(struct db *db, struct arena *a, int64_t initiative_id, const char *status,
                    struct offer_row **items, int *n, struct fault *f);

#endif
