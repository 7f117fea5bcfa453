/* "In the caller's transaction, or in one of its own": model functions whose
 * writes span rows use these two so that a handler can wrap several model
 * calls (and their audit entries) in one transaction of its own, while a
 * caller that holds none still gets all-or-nothing. */
#ifndef WIJK_MODEL_TX_H
#define WIJK_MODEL_TX_H

#include <stdbool.h>

#include "core/err.h"

struct db;

/* Starts a transaction unless db is in one already; *own says whether it
 * did. Returns the error of db_begin (with f filled) when starting fails. */
enum err tx_begin(struct db *db, bool *own, struct fault *f);

/* Ends what tx_begin started: with e == ERR_OK commits when own (a failed
 * commit is returned with f filled), otherwise rolls back when own. When
 * not own it changes nothing and returns e: after an error the caller, who
 * owns the transaction, must roll it back. */
enum err tx_end(struct db *db, bool own, enum err e, struct fault *f);

#endif
