/* Helpers for the capacity tests; see capacity_testing.h. */
#include "capacity_testing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/capacity.h"
#include "model/residency.h"
#include "model/role.h"

void ct_world(struct at_fx *fx)
{
    struct fault f = {0};
    const char *sql =
        "INSERT INTO area (code, kind, name, parent_code, created_at, updated_at) VALUES "
        "('GM0001', 'gemeente', 'Eerstestad', NULL, 0, 0), "
        "('WK000101', 'wijk', 'Centrum', 'GM0001', 0, 0), "
        "('BU00010101', 'buurt', 'Oude Haven', 'WK000101', 0, 0), "
        "('BU00010102', 'buurt', 'Nieuwe Haven', 'WK000101', 0, 0), "
        "('GM0002', 'gemeente', 'Tweedorp', NULL, 0, 0), "
        "('WK000201', 'wijk', 'Dorp', 'GM0002', 0, 0), "
        "('BU00020101', 'buurt', 'Kerkbuurt', 'WK000201', 0, 0);"
        "INSERT INTO organisation (name, kind, created_at) VALUES "
        "('Welzijn Eerstestad', 'institution', 0), ('Woonstad', 'business', 0);";
    if (db_exec_script(fx->db, sql, &f) != ERR_OK)
        fail_msg("world: %s", db_errmsg(fx->db));
}

struct actor ct_act(int64_t person_id, const char *capacity)
{
    struct actor act = at_actor(person_id, AT_NOW);
    act.capacity = capacity;
    return act;
}

struct actor ct_console(void)
{
    return ct_act(0, CAPACITY_CONSOLE);
}

int64_t ct_grant(struct at_fx *fx, int64_t person_id, enum capacity role, int64_t org,
                 const char *gemeente)
{
    struct actor act = ct_console();
    struct role_scope scope = {org, gemeente};
    struct fault f = {0};
    int64_t id = 0;
    if (role_grant_console(fx->db, person_id, role, &scope, &act, &id, &f) != ERR_OK)
        fail_msg("grant: %s", f.msgid ? f.msgid : "?");
    return id;
}

int64_t ct_resident(struct at_fx *fx, int64_t person_id, const char *buurt)
{
    struct actor act = ct_console();
    struct fault f = {0};
    int64_t id = 0;
    if (residency_verify_console(fx->db, person_id, buurt, &act, &id, &f) != ERR_OK)
        fail_msg("resident: %s", f.msgid ? f.msgid : "?");
    return id;
}
