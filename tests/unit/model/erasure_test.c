/* Tests of the erasure journal (src/model/erasure.c) on a SQLite file in a
 * temporary folder: the journal is a file beside the database, so an
 * in-memory database has none (and PostgreSQL keeps none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/audit.h"
#include "model/erasure.h"
#include "model/password.h"
#include "model/person.h"
#include "model_testing.h"

struct fx {
    char dir[64];
    char db_path[96];
    char *journal;
    struct db *db;
    struct arena *a;
};

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/wijk-erasure.XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->db_path, sizeof fx->db_path, "%s/w.db", fx->dir);
    struct fault f = {0};
    fx->db = db_open(fx->db_path, &f);
    assert_non_null(fx->db);
    int applied = 0;
    assert_int_equal(migrate_up(fx->db, &applied, &f), ERR_OK);
    fx->journal = erasure_journal_path(fx->db_path);
    fx->a = arena_new();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    db_close(fx->db);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    free(fx->journal);
    arena_free(fx->a);
    free(fx);
    return 0;
}

static int64_t person(struct fx *fx, const char *email)
{
    struct person_signup in = {.email = email,
                               .display_name = "Proef Persoon",
                               .password = "een lang wachtwoord voor de proef"};
    struct actor act = {.now = 1700000000};
    struct fault f = {0};
    int64_t id = 0;
    assert_int_equal(person_signup(fx->db, fx->a, &in, &act, &id, &f), ERR_OK);
    return id;
}

static char *journal_text(struct fx *fx)
{
    FILE *fp = fopen(fx->journal, "r");
    if (!fp)
        return strdup("");
    char *text = calloc(1, 4096);
    size_t n = fread(text, 1, 4095, fp);
    text[n] = '\0';
    fclose(fp);
    return text;
}

static void write_journal(struct fx *fx, const char *text)
{
    FILE *fp = fopen(fx->journal, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void erase(struct fx *fx, int64_t id, enum err want)
{
    struct actor act = {.person_id = id, .now = 1700000100};
    struct fault f = {0};
    assert_int_equal(person_erase(fx->db, id, &act, &f), want);
}

static void test_an_erasure_is_journaled_with_id_and_time_only(void **state)
{
    struct fx *fx = *state;
    int64_t id = person(fx, "anna@example.nl");
    erase(fx, id, ERR_OK);
    char *text = journal_text(fx), want[64];
    snprintf(want, sizeof want, "%lld 1700000100\n", (long long)id);
    assert_string_equal(text, want);
    assert_null(strchr(text, '@'));
    struct stat sb;
    assert_int_equal(stat(fx->journal, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    free(text);
}

static void test_a_failed_erasure_is_not_journaled(void **state)
{
    struct fx *fx = *state;
    erase(fx, 4242, ERR_NOT_FOUND);
    assert_int_equal(access(fx->journal, F_OK), -1);
}

static void test_an_unwritable_journal_fails_the_erasure_and_changes_nothing(void **state)
{
    struct fx *fx = *state;
    int64_t id = person(fx, "bram@example.nl");
    assert_int_equal(mkdir(fx->journal, 0700), 0); /* a folder cannot be appended to */
    erase(fx, id, ERR_UNAVAILABLE);
    assert_true(mt_is_null(fx->db, "SELECT erased_at FROM person"));
    assert_int_equal(rmdir(fx->journal), 0);
}

static void test_replay_erases_again_who_a_restore_brought_back(void **state)
{
    struct fx *fx = *state;
    int64_t anna = person(fx, "anna@example.nl"), bram = person(fx, "bram@example.nl");
    char text[96];
    snprintf(text, sizeof text, "%lld 1700000050\n9999 1700000060\n", (long long)anna);
    write_journal(fx, text);
    struct actor act = {.now = 1700000200};
    struct fault f = {0};
    int n = -1;
    assert_int_equal(erasure_journal_replay(fx->db, fx->journal, &act, &n, &f), ERR_OK);
    assert_int_equal(n, 1); /* 9999 is not in this database */
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT email FROM person WHERE id = %lld", (long long)anna);
    assert_true(mt_is_null(fx->db, sql));
    snprintf(sql, sizeof sql, "SELECT erased_at FROM person WHERE id = %lld", (long long)bram);
    assert_true(mt_is_null(fx->db, sql));
    char *after = journal_text(fx);
    assert_string_equal(after, text); /* replay adds no second line */
    free(after);
    assert_int_equal(erasure_journal_replay(fx->db, fx->journal, &act, &n, &f), ERR_OK);
    assert_int_equal(n, 0);
}

static void test_a_torn_last_line_is_skipped_and_the_next_starts_a_line(void **state)
{
    struct fx *fx = *state;
    int64_t anna = person(fx, "anna@example.nl");
    write_journal(fx, "77 17000");
    struct actor act = {.now = 1700000200};
    struct fault f = {0};
    int n = -1;
    assert_int_equal(erasure_journal_replay(fx->db, fx->journal, &act, &n, &f), ERR_OK);
    assert_int_equal(n, 0);
    erase(fx, anna, ERR_OK);
    char *text = journal_text(fx), want[64];
    snprintf(want, sizeof want, "77 17000\n%lld 1700000100\n", (long long)anna);
    assert_string_equal(text, want);
    free(text);
}

static void test_a_damaged_journal_is_refused_before_anything_is_erased(void **state)
{
    struct fx *fx = *state;
    int64_t anna = person(fx, "anna@example.nl");
    char text[96];
    snprintf(text, sizeof text, "%lld 1700000050\nanna@example.nl 1\n", (long long)anna);
    write_journal(fx, text);
    struct actor act = {.now = 1700000200};
    struct fault f = {0};
    int n = -1;
    assert_int_equal(erasure_journal_replay(fx->db, fx->journal, &act, &n, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "The erasure journal %s is damaged; the log names the line.");
    assert_int_equal(n, 0);
    assert_true(mt_is_null(fx->db, "SELECT erased_at FROM person"));
}

static void test_a_missing_journal_replays_nothing(void **state)
{
    struct fx *fx = *state;
    person(fx, "anna@example.nl");
    struct actor act = {.now = 1700000200};
    struct fault f = {0};
    int n = -1;
    assert_int_equal(erasure_journal_replay(fx->db, fx->journal, &act, &n, &f), ERR_OK);
    assert_int_equal(n, 0);
}

static void test_an_in_memory_database_keeps_no_journal(void **state)
{
    struct db *mem = mt_open_db();
    struct fault f = {0};
    assert_null(db_file(mem));
    assert_int_equal(erasure_journal_note(mem, 1, 1700000000, &f), ERR_OK);
    db_close(mem);
}

int main(void)
{
    setenv("WIJKREGIE_FAST_HASH", "1", 1);
    log_set_level(LOG_ERROR); /* not a line per migration of each fixture */
    password_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_an_erasure_is_journaled_with_id_and_time_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_failed_erasure_is_not_journaled, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_an_unwritable_journal_fails_the_erasure_and_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replay_erases_again_who_a_restore_brought_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_torn_last_line_is_skipped_and_the_next_starts_a_line,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_damaged_journal_is_refused_before_anything_is_erased,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_missing_journal_replays_nothing, setup, teardown),
        cmocka_unit_test(test_an_in_memory_database_keeps_no_journal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
