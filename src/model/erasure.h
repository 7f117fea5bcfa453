/* The erasure journal: an erased account must stay erased when an older
 * backup is restored. A table cannot remember that, since a restore
 * replaces it with the backup's, so every erasure is also written to a
 * file beside the SQLite database, DB + "-erasures", which a restore does
 * not touch:
 *   - append-only, one line per erased person: "PERSON_ID ERASED_AT\n"
 *     (decimal; unix seconds), never a name, address or anything personal;
 *   - written and fsync'ed inside the erasure's transaction, before its
 *     commit: an erasure that committed is always in the journal (one that
 *     then failed to commit may be too, and is carried out on replay, which
 *     is what the person asked for);
 *   - replayed by `wijkregie restore` and by `wijkregie serve` at start:
 *     every person it names who is in the database and not erased is
 *     erased again (person_erase).
 * A PostgreSQL database has no file beside it: there the journal is not
 * kept (docs/operations.md says what to do after a pg_restore). */
#ifndef WIJK_MODEL_ERASURE_H
#define WIJK_MODEL_ERASURE_H

#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;

/* The journal of the SQLite database file db_path: db_path + "-erasures",
 * malloc'ed (the caller frees it). */
char *erasure_journal_path(const char *db_path);

/* Notes in the journal of db's file that person_id was erased at `at`,
 * unless the journal names person_id already: appends the line (on a line
 * of its own, also after a torn last line), creating the file with mode
 * 0600, and fsyncs it (and its directory when the file is new). Does
 * nothing for a database without a file (PostgreSQL, in-memory). Errors:
 * ERR_UNAVAILABLE "The erasure could not be recorded safely; nothing was
 * erased. Try again later." when the journal cannot be read or written
 * (the reason is logged); the caller rolls back. */
enum err erasure_journal_note(struct db *db, int64_t person_id, int64_t at, struct fault *f);

/* Replays the journal at path into db: every person id in it that db holds
 * and has not erased is erased with person_erase as act (person 0 for the
 * command line), each in its own transaction. *replayed gets how many were
 * erased now. A missing journal is an empty one; a torn last line (no
 * newline: its write never finished, so its erasure never committed) is
 * skipped. Errors (the fault borrows path): ERR_INVALID "The erasure
 * journal %s is damaged; the log names the line." for any other line that
 * is not two decimal numbers, before anything is erased (the line number is
 * logged); ERR_UNAVAILABLE "The erasure journal %s cannot be read." (the
 * reason is logged); person_erase's. */
enum err erasure_journal_replay(struct db *db, const char *path, const struct actor *act,
                                int *replayed, struct fault *f);

#endif
