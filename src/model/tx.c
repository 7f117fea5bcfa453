/* Transactions owned by the caller or by the model function: see tx.h. */
#include "model/tx.h"

#include "db/db.h"

enum err tx_begin(struct db *db, bool *own, struct fault *f)
{
    *own = !db_in_transaction(db);
    return *own ? db_begin(db, f) : ERR_OK;
}

enum err tx_end(struct db *db, bool own, enum err e, struct fault *f)
{
    if (!own)
        return e;
    if (e != ERR_OK) {
        db_rollback(db);
        return e;
    }
    return db_commit(db, f);
}
