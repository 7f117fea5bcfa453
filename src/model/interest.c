/* Reading one's own declarations of interest (see interest.h). */
#include "model/interest.h"

#include "core/arena.h"
#include "db/db.h"

enum err interest_list_mine(struct db *db, struct arena *a, int64_t person_id,
                            struct interest **items, int *n, struct fault *f)
{
    *items = arena_array(a, INTEREST_LIST_MAX, sizeof **items);
    *n = 0;
    struct db_stmt *st = db_prepare(
        db, "SELECT d.id, d.organisation_id, o.name, d.note, d.declared_at "
            "FROM interest_declaration d JOIN organisation o ON o.id = d.organisation_id "
            "WHERE d.person_id = ? ORDER BY d.declared_at DESC, d.id DESC LIMIT ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, INTEREST_LIST_MAX);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && *n < INTEREST_LIST_MAX) {
        struct interest *it = &(*items)[(*n)++];
        it->id = db_col_int(st, 0);
        it->organisation_id = db_col_int(st, 1);
        it->organisation_name = arena_strdup(a, db_col_text(st, 2));
        it->note = db_col_is_null(st, 3) ? NULL : arena_strdup(a, db_col_text(st, 3));
        it->declared_at = db_col_int(st, 4);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}
