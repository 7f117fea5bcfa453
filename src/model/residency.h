/* Residency in a buurt (DESIGN.md §2): what makes a person a resident. A
 * person requests it; it is verified in one of three ways -- by a
 * municipality admin of the gemeente the buurt lies in (or the operator at
 * the console), by a one-time code printed on a letter to an address in
 * the buurt, or by two vouches of verified residents of the same buurt --
 * or turned down; later it ends. A person has at most one active
 * (requested or verified) residency per buurt.
 *
 * Every write checks its actor (model/capacity.h): the capacity claimed
 * must be held, and the policy table must allow the action in it with the
 * relation found here (OWN: one's own request; MEMBER: a municipality admin
 * of the buurt's gemeente, or for vouching a verified resident of the
 * buurt). A refusal is ERR_FORBIDDEN with the policy's reason. Each write
 * records its restricted audit entry in the same transaction (own or the
 * caller's). Times come from act->now. */
#ifndef WIJK_MODEL_RESIDENCY_H
#define WIJK_MODEL_RESIDENCY_H

#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    RESIDENCY_LETTER_TTL = 30 * 24 * 3600, /* a letter's code is valid 30 days */
    RESIDENCY_LETTERS_MAX = 2000,          /* addresses in one batch */
    RESIDENCY_ADDRESS_MAX = 200,           /* characters */
    RESIDENCY_VOUCHES_NEEDED = 2,
};

struct residency {
    int64_t id;
    int64_t person_id;
    const char *buurt_code;
    const char *status;  /* "requested", "verified", "rejected", "ended" */
    const char *method;  /* "admin", "letter", "vouch"; NULL until verified */
    int64_t verified_by; /* 0: not verified, or by letter, vouches or the console */
    int64_t verified_at;
    int vouches;
    int64_t requested_at;
    int64_t start_at; /* 0: not begun */
    int64_t end_at;   /* 0: not ended */
};

/* Loads a residency; ERR_NOT_FOUND when there is none. Strings from the
 * arena. */
enum err residency_get(struct db *db, struct arena *a, int64_t id, struct residency *out,
                       struct fault *f);

/* act's person asks to be a resident of buurt_code (policy
 * residency.request, OWN). The errors of capacity_buurt_gemeente for the
 * code; ERR_CONFLICT, field "buurt", when they have an active residency
 * there already. Records "residency.request". *id may be NULL. */
enum err residency_request(struct db *db, const char *buurt_code, const struct actor *act,
                           int64_t *id, struct fault *f);

/* Verifies a requested residency, as a municipality admin of the gemeente
 * the buurt lies in (policy residency.verify, MEMBER). ERR_NOT_FOUND for an
 * unknown residency, ERR_CONFLICT when it is no longer requested. Records
 * "residency.verify". */
enum err residency_verify(struct db *db, int64_t residency_id, const struct actor *act,
                          struct fault *f);

/* Turns a requested residency down, as residency_verify (policy
 * residency.reject). Records "residency.reject". */
enum err residency_reject(struct db *db, int64_t residency_id, const struct actor *act,
                          struct fault *f);

/* The operator at the console (act->capacity CAPACITY_CONSOLE) makes
 * person_id a verified resident of buurt_code: their request there is
 * verified, or one is made and verified at once. No policy check (the
 * operator holds the database); for the command line only. The errors of
 * capacity_buurt_gemeente; ERR_NOT_FOUND for an unknown or erased person;
 * ERR_CONFLICT when they are verified there already. Records
 * "residency.verify" with the console's capacity. *id may be NULL. */
enum err residency_verify_console(struct db *db, int64_t person_id, const char *buurt_code,
                                  const struct actor *act, int64_t *id, struct fault *f);

/* Ends a verified or requested residency: its own resident, or a
 * municipality admin of its gemeente (policy residency.end).
 * ERR_CONFLICT when it is not active. Records "residency.end". Then the
 * initiatives the person is an initiator of are checked against invariant
 * 1 (initiative_check_ownership_of), so they freeze at once. */
enum err residency_end(struct db *db, int64_t residency_id, const struct actor *act,
                       struct fault *f);

/* act's person, acting as a verified resident of the same buurt, vouches
 * for the residency request residency_id (policy residency.vouch: MEMBER;
 * one's own request is OWN and refused). The vouch that makes
 * RESIDENCY_VOUCHES_NEEDED verifies the residency (method "vouch").
 * ERR_NOT_FOUND for an unknown residency; ERR_CONFLICT when it is not a
 * request any more or this person vouched for it already. *verified (may be
 * NULL) says whether this vouch verified it. Records "residency.vouch" and,
 * when it verifies, "residency.verify". */
enum err residency_vouch(struct db *db, int64_t residency_id, const struct actor *act,
                         bool *verified, struct fault *f);

/* One printed letter: an address and its code, shown once. */
struct residency_letter_code {
    const char *address;
    const char *code; /* "7KQ4-M2XD-P9RT-HB3C": 16 Crockford base32 digits */
    int64_t letter_id;
};

/* Makes one letter for each of the n addresses (1..RESIDENCY_LETTERS_MAX;
 * each 1..200 characters on one line, else ERR_INVALID, field
 * "addresses") in buurt_code, as a municipality admin of its gemeente
 * (policy residency.print_letters, MEMBER) or at the console (act->capacity
 * CAPACITY_CONSOLE and act->person_id 0). Each code is 80 random bits,
 * valid RESIDENCY_LETTER_TTL from act->now, single use; only its hash is
 * stored. *out (n items, from the arena, in the order of addresses) is the
 * one moment the codes exist in the clear: print them. Records
 * "residency.print_letters" (restricted, on the buurt). */
enum err residency_letters_create(struct db *db, struct arena *a, const char *buurt_code,
                                  const char *const *addresses, int n, const struct actor *act,
                                  struct residency_letter_code **out, struct fault *f);

/* act's person redeems a letter code (typing is forgiving: case, dashes and
 * spaces do not matter, O reads as 0, I and L as 1) for their own request in
 * the letter's buurt (policy residency.redeem_code, OWN), which becomes
 * verified (method "letter"). ERR_NOT_FOUND, field "code", "This code is
 * not valid." for a malformed or unknown code; ERR_CONFLICT, field "code",
 * for a used or expired code, or when the person has no open request in
 * the letter's buurt. Records "residency.redeem_code" and
 * "residency.verify". *residency_id (may be NULL) gets the residency. */
enum err residency_redeem(struct db *db, const char *code, const struct actor *act,
                          int64_t *residency_id, struct fault *f);

#endif
