/* Offers, external decisions and notifications in words (see
 * offer_words.h). The tables pair each stored value with its message id,
 * in the order of the model's lists. */
#include "web/offer_words.h"

#include <stddef.h>
#include <string.h>

#include "render/req.h"

struct word {
    const char *value;
    const char *msgid;
};

static const struct word offer_kinds[] = {
    {"coaching", N_("Coaching")},
    {"connection", N_("A connection to another organisation")},
    {"hours", N_("Hours of help")},
    {"room", N_("A room")},
    {NULL, NULL},
};

static const struct word offer_statuses[] = {
    {"offered", N_("Still open")},
    {"accepted", N_("Accepted by the initiators")},
    {"declined", N_("Declined by the initiators")},
    {"withdrawn", N_("Withdrawn by its maker")},
    {NULL, NULL},
};

static const struct word external_kinds[] = {
    {"subsidy_granted", N_("Subsidy granted")},
    {"subsidy_refused", N_("Subsidy refused")},
    {"permit_granted", N_("Permit granted")},
    {"permit_refused", N_("Permit refused")},
    {"other", N_("Other decision")},
    {NULL, NULL},
};

static const struct word sentences[] = {
    {"pledge_new", N_("New pledge to %s")},
    {"pledge_changed", N_("A pledge to %s changed")},
    {"pledge_withdrawn", N_("A pledge to %s was withdrawn")},
    {"offer_new", N_("New offer to %s")},
    {"offer_accepted", N_("Your offer to %s was accepted")},
    {"offer_declined", N_("Your offer to %s was declined")},
    {"offer_withdrawn", N_("An offer to %s was withdrawn")},
    {"phase_changed", N_("%s moved to another phase")},
    {"task_asked", N_("You are asked to take on a task in %s")},
    {"task_assigned", N_("A task in %s is now yours")},
    {"question_asked", N_("A responsibility question was asked in %s")},
    {"question_answered", N_("A responsibility question in %s was answered")},
    {"external_recorded", N_("A decision about %s was recorded")},
    {"initiative_frozen", N_("%s is frozen")},
    {"initiator_added", N_("You are now an initiator of %s")},
    {"activity_changed", N_("An activity you signed up for changed")},
    {"activity_cancelled", N_("An activity you signed up for was cancelled")},
    {"activity_place_offered", N_("A place came free: you are signed up for an activity")},
    {"decision_opened", N_("A decision is open for you to take part in")},
    {"decision_closed", N_("A decision you could take part in has closed")},
    {"decision_objection", N_("An objection was made to your proposal")},
    {"conflict_raised", N_("You are a party to a conflict case")},
    {"conflict_step", N_("A conflict case you are part of moved on")},
    {"agreement_version", N_("A cooperation agreement has a new version")},
    {"agreement_signature_needed", N_("A cooperation agreement needs your signature")},
    {"agreement_active", N_("A cooperation agreement is active")},
    {"zone_requested", N_("A rule-free zone was requested")},
    {"zone_decided", N_("A request for a rule-free zone was decided")},
    {"zone_evaluation_due", N_("A rule-free zone's evaluation is due")},
    {"match_invited", N_("You are invited to help an initiative")},
    {"match_answered", N_("Your invitation was answered")},
    {NULL, NULL},
};

static const char *lookup(struct req *r, const struct word *table, const char *value,
                          const char *fallback)
{
    for (size_t i = 0; value && table[i].value; i++)
        if (strcmp(table[i].value, value) == 0)
            return T(r, table[i].msgid);
    return fallback ? T(r, fallback) : value;
}

const char *offer_kind_label(struct req *r, const char *kind)
{
    return lookup(r, offer_kinds, kind, NULL);
}

const char *offer_status_label(struct req *r, const char *status)
{
    return lookup(r, offer_statuses, status, NULL);
}

const char *external_kind_label(struct req *r, const char *kind)
{
    return lookup(r, external_kinds, kind, NULL);
}

const char *notification_sentence(struct req *r, const char *kind)
{
    return lookup(r, sentences, kind, N_("News about %s"));
}
