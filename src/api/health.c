/* GET /healthz: tells a load balancer or an operator whether this process can
 * answer, by asking its database connection something trivial and reading the
 * applied schema version. A process whose database does not answer reports
 * 503 with the usual JSON error body, so that it is taken out of rotation. */
#include "api/api.h"

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"
#include "db/migrate.h"
#include "render/json.h"
#include "render/req.h"

/* Runs "SELECT 1" on db and checks that the one row says 1. */
static bool database_answers(struct db *db)
{
    struct db_stmt *st = db_prepare(db, "SELECT 1");
    if (!st)
        return false;
    enum db_rc rc = db_step(st);
    bool ok = rc == DB_ROW && db_col_int(st, 0) == 1;
    if (ok)
        rc = db_step(st);
    db_done(st);
    return ok && rc == DB_DONE;
}

/* Logs the driver's error and fills r->fault as 503: for a health check any
 * database failure means "do not send traffic here". */
static enum err database_down(struct req *r)
{
    if (r->db)
        db_fault(r->db, &r->fault);
    return req_fail(r, ERR_UNAVAILABLE, NULL,
                    N_("The database is busy or unreachable; try again in a moment."));
}

enum err api_health(struct req *r)
{
    if (!r->db || !database_answers(r->db))
        return database_down(r);
    int version = migrate_version(r->db);
    if (version < 0)
        return database_down(r);

    json_t *body =
        json_pack("{s:s, s:s, s:i}", "status", "ok", "database", "ok", "schema_version", version);
    return json_reply(r, 200, body);
}
