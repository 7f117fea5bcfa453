/* Helpers for the skills, matching and practice tests (match_testing.h). */
#include "match_testing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "model/match.h"
#include "model/skill.h"

int64_t mtt_resident(struct at_fx *fx, const char *name, const char *buurt)
{
    char email[80];
    snprintf(email, sizeof email, "%s@example.nl", name);
    int64_t p = at_person(fx, email, name);
    ct_resident(fx, p, buurt);
    return p;
}

void mtt_register(struct at_fx *fx, int64_t person, const char *visibility, int hours,
                  const char *code, const char *level, bool willing)
{
    struct skill_entry e = {code, level, willing};
    struct skill_profile p = {
        .hours_month = hours, .visibility = visibility, .about = "", .skills = &e, .n_skills = 1};
    struct actor act = pt_resident(person);
    struct fault f = {0};
    if (skill_save(fx->db, &p, &act, &f) != ERR_OK)
        fail_msg("register: %s", f.msgid ? f.msgid : "?");
}

int64_t mtt_need(struct at_fx *fx, int64_t initiator, int64_t initiative, const char *code,
                 int hours)
{
    struct match_need_input in = {.skill_code = code, .hours_month = hours};
    struct actor act = pt_resident(initiator);
    struct fault f = {0};
    int64_t id = 0;
    if (match_need_add(fx->db, initiative, &in, &act, &id, &f) != ERR_OK)
        fail_msg("need: %s", f.msgid ? f.msgid : "?");
    return id;
}
