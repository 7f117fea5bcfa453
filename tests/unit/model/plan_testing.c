/* Helpers for the pledge, task and responsibility tests (plan_testing.h).
 * The world is made the way the platform makes it: residencies verified at
 * the console, the initiative started and moved on through the initiatives
 * module as its initiator. */
#include "plan_testing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "model/initiative.h"
#include "model/pledge.h"
#include "model_testing.h"

struct actor pt_resident(int64_t person_id)
{
    return ct_act(person_id, "resident");
}

struct actor pt_professional(int64_t person_id)
{
    return ct_act(person_id, "professional");
}

static void confirm_post(struct at_fx *fx, int64_t p)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO post (person_id, organisation_id, title, status, requested_at, "
             "start_at) VALUES (%lld, %d, 'welzijnswerker', 'confirmed', 1, 1)",
             (long long)p, CT_ORG1);
    mt_exec(fx->db, sql);
}

void pt_phase(struct at_fx *fx, const struct pt_world *w, const char *to)
{
    struct actor act = pt_resident(w->initiator);
    struct fault f = {0};
    if (initiative_change_phase(fx->db, w->initiative, to, "We are ready.", &act, &f) != ERR_OK)
        fail_msg("phase %s: %s", to, f.msgid ? f.msgid : "?");
}

void pt_world(struct at_fx *fx, struct pt_world *w)
{
    ct_world(fx);
    w->initiator = at_person(fx, "ini@example.nl", "Ini");
    w->ann = at_person(fx, "ann@example.nl", "Ann");
    w->bob = at_person(fx, "bob@example.nl", "Bob");
    w->far = at_person(fx, "far@example.nl", "Far");
    w->pro = at_person(fx, "pro@example.nl", "Pro");
    w->org_admin = at_person(fx, "org@example.nl", "Org");
    ct_resident(fx, w->initiator, CT_BU1);
    ct_resident(fx, w->ann, CT_BU1);
    ct_resident(fx, w->bob, CT_BU1);
    ct_resident(fx, w->far, CT_BU2);
    ct_resident(fx, w->pro, CT_BU1);
    confirm_post(fx, w->pro);
    ct_grant(fx, w->org_admin, CAP_ORG_ADMIN, CT_ORG1, NULL);
    const char *areas[] = {CT_BU1};
    struct initiative_scope s = {.title = "Speeltuin",
                                 .aim = "Een speeltuin voor de buurt",
                                 .areas = areas,
                                 .n_areas = 1,
                                 .threshold_residents = 3,
                                 .threshold_hours = 20};
    struct actor act = pt_resident(w->initiator);
    struct fault f = {0};
    w->initiative = 0;
    if (initiative_create(fx->db, &s, 0, &act, &w->initiative, &f) != ERR_OK)
        fail_msg("initiative: %s", f.msgid ? f.msgid : "?");
    pt_phase(fx, w, "awareness");
}

int64_t pt_pledge(struct at_fx *fx, const struct pt_world *w, int64_t person, int tenths,
                  const char *period)
{
    struct actor act = pt_resident(person);
    struct pledge_input in = {.hours_tenths = tenths, .period = period};
    struct fault f = {0};
    int64_t id = 0;
    if (pledge_make(fx->db, w->initiative, &in, &act, &id, NULL, &f) != ERR_OK)
        fail_msg("pledge: %s", f.msgid ? f.msgid : "?");
    return id;
}

int64_t pt_audits(struct at_fx *fx, const char *action)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit_log WHERE action = '%s'", action);
    return mt_int(fx->db, sql);
}
