/* The dashboard's charts kept per database connection (web/monitor.c):
 * sixteen charts with their tables are most of the work of the page, and
 * they change only when the database does (a monitor run, a flag, an
 * import). The same rule as the area page's view cache (web/area.c,
 * docs/benchmarks.md): a kept section is handed out only while
 * db_data_version is the one it was rendered at, read in the same read
 * transaction; on PostgreSQL, which has no such version, nothing is kept. */
#ifndef WIJK_WEB_MONITOR_CACHE_H
#define WIJK_WEB_MONITOR_CACHE_H

#include <stddef.h>

struct db;

/* The charts section of area code in lang kept on db, or NULL (none kept,
 * the database changed, or it cannot tell). Valid until the next call of
 * either function on db. */
const char *monitor_cache_get(struct db *db, const char *code, const char *lang, size_t *len);

/* Keeps a copy of html (len bytes) as the charts section of code in lang,
 * replacing the least recently used of at most 16 when full. Does nothing
 * when the database cannot tell its version. */
void monitor_cache_put(struct db *db, const char *code, const char *lang, const char *html,
                       size_t len);

#endif
