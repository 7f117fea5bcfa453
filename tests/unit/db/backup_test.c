/* Tests of src/db/backup.c and the SQLite driver's online backup: a copy of
 * a live database is complete, one self-contained file, one snapshot while
 * another connection writes, never overwrites what it must not and leaves
 * nothing behind when it fails; a PostgreSQL database gets the pg_dump
 * command instead (refused by db_backup_to, which is tested against a
 * server when $WIJKREGIE_TEST_PG_URL is set). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/buf.h"
#include "db/backup.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db_testing.h"
#include "model/demo.h"
#include "pg_testing.h"

/* A live database file with the demo gemeente, in a fresh directory. */
struct live {
    char *dir;
    char *path; /* the database */
    char *copy; /* where the backup goes */
    struct db *db;
};

static int live_setup(void **state)
{
    struct live *l = calloc(1, sizeof *l);
    l->dir = testing_tmpdir();
    l->path = testing_join(l->dir, "live.db");
    l->copy = testing_join(l->dir, "copy.db");
    struct fault f = {0};
    l->db = db_open(l->path, &f);
    if (!l->db || migrate_up(l->db, NULL, &f) != ERR_OK || demo_create(l->db, NULL, &f) != ERR_OK)
        return -1;
    *state = l;
    return 0;
}

static int live_teardown(void **state)
{
    struct live *l = *state;
    db_close(l->db);
    free(l->path);
    free(l->copy);
    testing_rmdir(l->dir);
    free(l);
    return 0;
}

static struct db *open_copy(const char *path)
{
    assert_true(testing_exists(path));
    struct fault f = {0};
    struct db *db = db_open(path, &f);
    assert_non_null(db);
    return db;
}

/* ~2 MB of rows, so that the copy takes several steps. */
static void grow(struct db *db)
{
    testing_exec(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
                     " WHERE i < 3999) INSERT INTO rate_limit (key, window_start, count)"
                     " SELECT printf('%0500d', i), 0, i FROM n");
}

static void test_backup_copies_the_whole_database(void **state)
{
    struct live *l = *state;
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, false, NULL, NULL, &f), ERR_OK);
    struct db *copy = open_copy(l->copy);
    assert_int_equal(testing_int(copy, "SELECT count(*) FROM area"),
                     testing_int(l->db, "SELECT count(*) FROM area"));
    assert_true(testing_int(copy, "SELECT count(*) FROM area_boundary") > 20);
    assert_int_equal(migrate_version(copy), migrate_version(l->db));
    char *check = testing_text(copy, "PRAGMA integrity_check");
    assert_string_equal(check, "ok");
    free(check);
    db_close(copy);
}

static void test_backup_is_one_file_without_temporary_left(void **state)
{
    struct live *l = *state;
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, false, NULL, NULL, &f), ERR_OK);
    const char *beside[] = {"copy.db.tmp", "copy.db.tmp-journal", "copy.db-journal", "copy.db-wal",
                            "copy.db-shm"};
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
        char *p = testing_join(l->dir, beside[i]);
        if (testing_exists(p))
            fail_msg("%s is left beside the backup", beside[i]);
        free(p);
    }
    assert_true(testing_exists(l->copy));
}

static void test_backup_is_readable_by_its_owner_only(void **state)
{
    struct live *l = *state;
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, false, NULL, NULL, &f), ERR_OK);
    struct stat sb;
    assert_int_equal(stat(l->copy, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_backup_file_header_says_rollback_journal(void **state)
{
    struct live *l = *state;
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, false, NULL, NULL, &f), ERR_OK);
    /* Bytes 18 and 19 of a SQLite file are 1 for a rollback journal, 2 for
     * WAL; the live database is in WAL mode. */
    FILE *fp = fopen(l->copy, "rb");
    unsigned char header[20];
    assert_int_equal(fread(header, 1, sizeof header, fp), sizeof header);
    fclose(fp);
    assert_int_equal(header[18], 1);
    assert_int_equal(header[19], 1);
    fp = fopen(l->path, "rb");
    assert_int_equal(fread(header, 1, sizeof header, fp), sizeof header);
    fclose(fp);
    assert_int_equal(header[18], 2);
}

struct writer {
    struct db *other; /* a second connection to the live database */
    int calls;
    int64_t first_total;
    enum db_rc wrote;
};

/* Writes a row through the other connection while the copy is under way. */
static void write_meanwhile(void *ctx, int64_t done, int64_t total)
{
    struct writer *w = ctx;
    if (w->calls++ == 0) {
        w->first_total = total;
        w->wrote = testing_run(w->other, "INSERT INTO rate_limit (key, window_start, count)"
                                         " VALUES ('meanwhile', 0, 1)");
    }
    assert_true(done <= total);
}

static void test_backup_is_one_snapshot_while_another_connection_writes(void **state)
{
    struct live *l = *state;
    grow(l->db);
    int64_t before = testing_int(l->db, "SELECT count(*) FROM rate_limit");
    struct fault f = {0};
    struct writer w = {db_open(l->path, &f), 0, 0, DB_ERROR};
    assert_non_null(w.other);
    assert_int_equal(db_backup_to(l->db, l->copy, false, write_meanwhile, &w, &f), ERR_OK);
    assert_true(w.calls > 2);           /* several steps, each reported */
    assert_int_equal(w.wrote, DB_DONE); /* the writer was not held off */
    assert_int_equal(testing_int(l->db, "SELECT count(*) FROM rate_limit"), before + 1);
    struct db *copy = open_copy(l->copy);
    assert_int_equal(testing_int(copy, "SELECT count(*) FROM rate_limit"), before);
    char *check = testing_text(copy, "PRAGMA integrity_check");
    assert_string_equal(check, "ok");
    free(check);
    db_close(copy);
    db_close(w.other);
}

static void test_backup_refuses_an_existing_file_without_replace(void **state)
{
    struct live *l = *state;
    FILE *fp = fopen(l->copy, "w");
    fputs("precious", fp);
    fclose(fp);
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, false, NULL, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.msgid, "%s exists already.");
    assert_string_equal(f.args[0], l->copy);
    char buf[16] = {0};
    fp = fopen(l->copy, "r");
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "precious");
    char *tmp = testing_join(l->dir, "copy.db.tmp");
    assert_false(testing_exists(tmp));
    free(tmp);
}

static void test_backup_replaces_an_existing_file_when_asked(void **state)
{
    struct live *l = *state;
    FILE *fp = fopen(l->copy, "w");
    fputs("old", fp);
    fclose(fp);
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, true, NULL, NULL, &f), ERR_OK);
    struct db *copy = open_copy(l->copy);
    assert_true(testing_int(copy, "SELECT count(*) FROM area") > 5);
    db_close(copy);
}

static void test_backup_ignores_a_stale_temporary_file(void **state)
{
    struct live *l = *state;
    char *tmp = testing_join(l->dir, "copy.db.tmp");
    char *journal = testing_join(l->dir, "copy.db.tmp-journal");
    FILE *fp = fopen(tmp, "w");
    fputs("half a backup from a crash", fp);
    fclose(fp);
    fp = fopen(journal, "w");
    fputs("a stale journal", fp);
    fclose(fp);
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, l->copy, false, NULL, NULL, &f), ERR_OK);
    assert_false(testing_exists(tmp));
    assert_false(testing_exists(journal));
    struct db *copy = open_copy(l->copy);
    char *check = testing_text(copy, "PRAGMA integrity_check");
    assert_string_equal(check, "ok");
    free(check);
    db_close(copy);
    free(tmp);
    free(journal);
}

static void test_backup_into_a_missing_directory_fails_and_leaves_nothing(void **state)
{
    struct live *l = *state;
    char *path = testing_join(l->dir, "no/such/dir/copy.db");
    struct fault f = {0};
    assert_int_equal(db_backup_to(l->db, path, false, NULL, NULL, &f), ERR_INTERNAL);
    assert_string_equal(f.msgid, "The backup to %s failed: %s");
    assert_string_equal(f.args[0], path);
    assert_non_null(f.args[1]);
    assert_false(testing_exists(path));
    free(path);
}

static void test_backup_of_postgres_is_refused(void **state)
{
    const char *base = pg_testing_url();
    if (!base)
        skip();
    struct fault f = {0};
    struct db *db = db_open(base, &f);
    assert_non_null(db);
    assert_int_equal(db_backup_to(db, "/tmp/never.db", false, NULL, NULL, &f), ERR_INVALID);
    db_close(db);
}

/* ---- the pg_dump command ----------------------------------------------------- */

static void test_pg_dump_command_names_the_database_without_the_password(void **state)
{
    struct buf cmd = BUF_INIT;
    assert_true(
        db_backup_pg_command("postgresql://wijk:geheim@db.example:5433/wijkregie?sslmode=require",
                             "/backups/wijkregie.dump", &cmd));
    assert_string_equal(buf_cstr(&cmd), "pg_dump --format=custom --file=/backups/wijkregie.dump"
                                        " --host=db.example --port=5433 --username=wijk"
                                        " wijkregie");
    assert_true(db_backup_pg_command("postgres://localhost/buurt", "b.dump", &cmd));
    assert_string_equal(buf_cstr(&cmd),
                        "pg_dump --format=custom --file=b.dump --host=localhost buurt");
    buf_free(&cmd);
}

static void test_pg_dump_command_quotes_what_a_shell_would_split(void **state)
{
    struct buf cmd = BUF_INIT;
    assert_true(db_backup_pg_command("postgresql://db/wijk", "my backup's.dump", &cmd));
    assert_string_equal(buf_cstr(&cmd),
                        "pg_dump --format=custom --file='my backup'\\''s.dump' --host=db wijk");
    buf_free(&cmd);
}

static void test_pg_dump_command_is_only_for_postgres(void **state)
{
    struct buf cmd = BUF_INIT;
    buf_puts(&cmd, "untouched");
    assert_false(db_backup_pg_command("/var/lib/wijkregie/wijkregie.db", "x", &cmd));
    assert_false(db_backup_pg_command("sqlite:wijkregie.db", "x", &cmd));
    assert_string_equal(buf_cstr(&cmd), "untouched");
    buf_free(&cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_backup_copies_the_whole_database, live_setup,
                                        live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_is_one_file_without_temporary_left, live_setup,
                                        live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_is_readable_by_its_owner_only, live_setup,
                                        live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_file_header_says_rollback_journal, live_setup,
                                        live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_is_one_snapshot_while_another_connection_writes,
                                        live_setup, live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_refuses_an_existing_file_without_replace,
                                        live_setup, live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_replaces_an_existing_file_when_asked,
                                        live_setup, live_teardown),
        cmocka_unit_test_setup_teardown(test_backup_ignores_a_stale_temporary_file, live_setup,
                                        live_teardown),
        cmocka_unit_test_setup_teardown(
            test_backup_into_a_missing_directory_fails_and_leaves_nothing, live_setup,
            live_teardown),
        cmocka_unit_test(test_backup_of_postgres_is_refused),
        cmocka_unit_test(test_pg_dump_command_names_the_database_without_the_password),
        cmocka_unit_test(test_pg_dump_command_quotes_what_a_shell_would_split),
        cmocka_unit_test(test_pg_dump_command_is_only_for_postgres),
    };
    return cmocka_run_group_tests(tests, testing_silence_log, NULL);
}
