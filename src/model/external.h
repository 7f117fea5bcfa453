/* External decisions (DESIGN.md §2, invariant 4): what the municipality or
 * a funder decided about an initiative -- a subsidy granted or refused, a
 * permit granted or refused, something else -- recorded as an event with
 * who decided (a gemeente or an organisation), the kind, the date and a
 * text. They are a record only: recording one never changes the
 * initiative's phase, frozen state, thresholds, initiators or anything
 * else of it; the initiators decide what follows.
 *
 * Who decided is the body the recorder acts for (policy external.record,
 * MEMBER): an admin of a gemeente acting as municipality_admin:<code>, for
 * a gemeente one of the initiative's buurten lies in; an admin of an
 * organisation acting as organisation_admin:<id>, for that organisation.
 * Recording writes a public audit entry (object "external_event") and
 * notifies the initiators, in one transaction. Times come from act->now. */
#ifndef WIJK_MODEL_EXTERNAL_H
#define WIJK_MODEL_EXTERNAL_H

#include <stdint.h>

#include "core/err.h"
#include "model/audit.h"

struct arena;
struct db;

enum {
    EXTERNAL_TEXT_MAX = 2000, /* characters */
    EXTERNAL_LIST_MAX = 500,  /* rows a list gives at most */
};

struct external_event {
    int64_t id;
    int64_t initiative_id;
    const char *kind;          /* one of external_kinds() */
    int64_t organisation_id;   /* decided by this organisation; 0: by a gemeente */
    const char *gemeente_code; /* decided by this gemeente; NULL: by an organisation */
    const char *decider_name;  /* the organisation's or the gemeente's name */
    const char *decided_on;    /* YYYY-MM-DD */
    const char *text;
    int64_t recorded_by;
    const char *capacity; /* the recorder's capacity */
    int64_t recorded_at;
};

/* What external_record takes. */
struct external_input {
    const char *kind;       /* one of external_kinds() */
    const char *decided_on; /* YYYY-MM-DD, a real date */
    const char *text;       /* 1..EXTERNAL_TEXT_MAX characters */
};

/* The kinds, NULL-terminated, static storage: subsidy_granted,
 * subsidy_refused, permit_granted, permit_refused, other. */
const char *const *external_kinds(void);

/* Records an external decision about initiative_id. In order:
 * ERR_NOT_FOUND for an unknown initiative; ERR_FORBIDDEN with the policy's
 * reason unless act acts as an admin of a gemeente one of the initiative's
 * buurten lies in, or of an organisation (the capacity's qualifier names
 * which; an unqualified one is completed when it fits exactly one);
 * ERR_INVALID with the field for a bad input: "kind", "date", "text".
 * Inserts the event, records "external.record" and notifies the initiators
 * (external_recorded, detail: the kind) -- and writes nothing else. *id
 * may be NULL. */
enum err external_record(struct db *db, int64_t initiative_id, const struct external_input *in,
                         const struct actor *act, int64_t *id, struct fault *f);

/* The external events of initiative_id, by date, newest first, at most
 * EXTERNAL_LIST_MAX. Public (policy external.view). *items from the
 * arena. */
enum err external_list(struct db *db, struct arena *a, int64_t initiative_id,
                       struct external_event **items, int *n, struct fault *f);

/* Whether act may record external decisions about initiative_id, as
 * external_record decides it (for showing the form): ERR_OK or the
 * refusal, without writing anything. */
enum err external_authorise(struct db *db, int64_t initiative_id, const struct actor *act,
                            struct fault *f);

#endif
