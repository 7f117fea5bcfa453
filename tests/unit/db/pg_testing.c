/* Helpers for tests that need a running PostgreSQL (see pg_testing.h). */
#include "pg_testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "db/db.h"

const char *pg_testing_url(void)
{
    const char *url = getenv("WIJKREGIE_TEST_PG_URL");
    return url && *url ? url : NULL;
}

/* Where the database name of url starts (after "://host/"), and its length. */
static const char *name_of(const char *url, size_t *len)
{
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    const char *p = auth + strcspn(auth, "/?#");
    if (*p == '/')
        p++;
    *len = *p == '?' || *p == '#' ? 0 : strcspn(p, "?#");
    return p;
}

char *pg_testing_url_for(const char *base_url, const char *name)
{
    size_t len;
    const char *old = name_of(base_url, &len);
    struct buf b = BUF_INIT;
    buf_append(&b, base_url, (size_t)(old - base_url));
    if (old == base_url || old[-1] != '/')
        buf_putc(&b, '/');
    buf_puts(&b, name);
    buf_puts(&b, old + len);
    return buf_detach(&b, NULL);
}

/* Runs one statement on the server of base_url, outside any transaction
 * (CREATE and DROP DATABASE refuse to run inside one). */
static bool run_admin(const char *base_url, const char *sql)
{
    struct fault f = {0};
    struct db *db = db_open(base_url, &f);
    if (!db) {
        fprintf(stderr, "pg_testing: cannot connect to %s\n", base_url);
        return false;
    }
    bool ok = db_exec_script(db, sql, &f) == ERR_OK;
    if (!ok)
        fprintf(stderr, "pg_testing: %s: %s\n", sql, db_errmsg(db));
    db_close(db);
    return ok;
}

char *pg_testing_create_db(const char *base_url, const char *prefix)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct buf name = BUF_INIT, sql = BUF_INIT;
    buf_printf(&name, "%s_%ld_%ld", prefix, (long)getpid(), (long)ts.tv_nsec);
    buf_printf(&sql, "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0", buf_cstr(&name));
    char *url = NULL;
    if (run_admin(base_url, buf_cstr(&sql)))
        url = pg_testing_url_for(base_url, buf_cstr(&name));
    buf_free(&name);
    buf_free(&sql);
    return url;
}

bool pg_testing_drop_db(const char *base_url, char *url)
{
    if (!url)
        return true;
    size_t len;
    const char *name = name_of(url, &len);
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "DROP DATABASE IF EXISTS ");
    buf_append(&sql, name, len);
    buf_puts(&sql, " WITH (FORCE)");
    bool ok = run_admin(base_url, buf_cstr(&sql));
    buf_free(&sql);
    free(url);
    return ok;
}
