/* The append-only audit log (see audit.h). Entries are checked before they
 * are written: names that code chooses (action, object type) must look like
 * names, and the detail JSON is walked for anything that could be a secret
 * or an e-mail address -- finding one aborts, because only a bug puts it
 * there, and a log that leaked it once could never be cleaned (it is
 * append-only). */
#include "model/audit.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "db/db.h"

enum { NAME_MAX_LEN = 64, OBJECT_ID_MAX_LEN = 200, LIST_MAX = 500 };

static _Noreturn void bad_entry(const char *what, const char *value)
{
    fprintf(stderr, "audit: %s: %s (a programming error)\n", what, value ? value : "(null)");
    abort();
}

/* 1..64 characters of [a-z0-9_] plus extra. */
static bool name_ok(const char *s, const char *extra)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > NAME_MAX_LEN)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_' ||
              strchr(extra, s[i])))
            return false;
    return true;
}

static bool text_ok(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n <= max && utf8_valid(s, n) && !utf8_has_controls(s, n, false);
}

/* Whether a detail key names something that must never be logged. */
static bool key_forbidden(const char *key)
{
    static const char *const words[] = {"password", "passwd", "secret", "token",
                                        "email",    "e_mail", "e-mail", "cookie"};
    size_t n = strlen(key);
    char *lower = xmalloc(n + 1);
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)tolower((unsigned char)key[i]);
    bool bad = false;
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !bad; i++)
        bad = strstr(lower, words[i]) != NULL;
    free(lower);
    return bad;
}

/* Walks a detail value; aborts on a forbidden key or a string with '@'. */
static void check_detail(json_t *v)
{
    const char *key;
    json_t *item;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        json_object_foreach(v, key, item)
        {
            if (key_forbidden(key) || strchr(key, '@'))
                bad_entry("detail key may hold a secret or an e-mail address", key);
            check_detail(item);
        }
        break;
    case JSON_ARRAY:
        json_array_foreach(v, i, item) check_detail(item);
        break;
    case JSON_STRING:
        if (memchr(json_string_value(v), '@', json_string_length(v)))
            bad_entry("detail value looks like an e-mail address", "(withheld)");
        break;
    default:
        break;
    }
}

static void check_entry(const struct audit_entry *e)
{
    if (!name_ok(e->action, "."))
        bad_entry("malformed action", e->action);
    if (!name_ok(e->object_type, ""))
        bad_entry("malformed object type", e->object_type);
    if (!text_ok(e->object_id, OBJECT_ID_MAX_LEN))
        bad_entry("malformed object id", e->object_id);
    if (e->detail && !json_is_object(e->detail))
        bad_entry("detail is not a JSON object", e->action);
    if (e->detail)
        check_detail(e->detail);
}

enum err audit_record(struct db *db, const struct audit_entry *e, struct fault *f)
{
    check_entry(e);
    char *detail = e->detail ? json_dumps(e->detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    if (e->detail && !detail)
        abort(); /* jansson is out of memory */
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO audit_log (at, person_id, capacity, action, object_type, object_id, "
            "area_code, request_id, public, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) {
        free(detail);
        return db_fault(db, f);
    }
    db_bind_int(st, 1, e->at);
    if (e->person_id > 0)
        db_bind_int(st, 2, e->person_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, e->capacity);
    db_bind_text(st, 4, e->action);
    db_bind_text(st, 5, e->object_type);
    db_bind_text(st, 6, e->object_id);
    db_bind_text(st, 7, e->area_code);
    db_bind_text(st, 8, e->request_id);
    db_bind_int(st, 9, e->is_public ? 1 : 0);
    db_bind_text(st, 10, detail);
    enum db_rc rc = db_step(st);
    db_done(st);
    free(detail);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err audit_record_private(struct db *db, const struct actor *act, const char *action,
                              const char *object_type, int64_t object_id, struct fault *f)
{
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, object_id);
    struct audit_entry e = {
        .at = act->now,
        .person_id = act->person_id,
        .capacity = act->capacity,
        .action = action,
        .object_type = object_type,
        .object_id = id,
        .request_id = act->request_id,
    };
    return audit_record(db, &e, f);
}

static void read_row(struct db_stmt *st, struct arena *a, struct audit_row *r)
{
    r->id = db_col_int(st, 0);
    r->at = db_col_int(st, 1);
    r->person_id = db_col_int(st, 2);
    r->capacity = arena_strdup(a, db_col_text(st, 3));
    r->action = arena_strdup(a, db_col_text(st, 4));
    r->object_type = arena_strdup(a, db_col_text(st, 5));
    r->object_id = arena_strdup(a, db_col_text(st, 6));
    r->area_code = arena_strdup(a, db_col_text(st, 7));
    r->request_id = arena_strdup(a, db_col_text(st, 8));
    r->is_public = db_col_int(st, 9) != 0;
    r->detail = arena_strdup(a, db_col_text(st, 10));
}

#define AUDIT_COLUMNS                                                                              \
    "SELECT id, at, person_id, capacity, action, object_type, object_id, area_code, "              \
    "request_id, public, detail FROM audit_log "

/* The three lists: each binds its own key(s), then the cursor and limit. */
enum list_kind { BY_OBJECT, BY_AREA, BY_PERSON };
static const char *const list_sql[] = {
    [BY_OBJECT] = AUDIT_COLUMNS "WHERE object_type = ? AND object_id = ? AND public = 1 "
                                "AND id < ? ORDER BY id DESC LIMIT ?",
    [BY_AREA] = AUDIT_COLUMNS "WHERE area_code = ? AND public = 1 AND id < ? "
                              "ORDER BY id DESC LIMIT ?",
    [BY_PERSON] = AUDIT_COLUMNS "WHERE public = 0 AND (person_id = ? OR (object_type = 'person' "
                                "AND object_id = ?)) AND id < ? ORDER BY id DESC LIMIT ?",
};

struct list_key {
    const char *text1, *text2; /* BY_OBJECT: type and id; BY_AREA: code; BY_PERSON: -, id */
    int64_t id;                /* BY_PERSON */
};

static enum err list(struct db *db, struct arena *a, enum list_kind kind,
                     const struct list_key *key, int64_t before, int limit, struct audit_page *out,
                     struct fault *f)
{
    memset(out, 0, sizeof *out);
    if (limit < 1 || limit > LIST_MAX)
        return fault_set(f, ERR_INVALID, "limit", "The limit must be between 1 and 500.", NULL);
    if (before < 0)
        return fault_set(f, ERR_INVALID, "cursor", "The cursor is not valid.", NULL);
    struct db_stmt *st = db_prepare(db, list_sql[kind]);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    if (kind == BY_PERSON)
        db_bind_int(st, i++, key->id);
    else
        db_bind_text(st, i++, key->text1);
    if (kind != BY_AREA)
        db_bind_text(st, i++, key->text2);
    db_bind_int(st, i++, before > 0 ? before : INT64_MAX);
    db_bind_int(st, i, limit + 1); /* one more tells whether a next page exists */
    out->items = arena_array(a, (size_t)limit + 1, sizeof *out->items);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && out->n <= limit)
        read_row(st, a, &out->items[out->n++]);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (out->n > limit) {
        out->n = limit;
        out->next = out->items[limit - 1].id;
    }
    return ERR_OK;
}

enum err audit_list_object(struct db *db, struct arena *a, const char *object_type,
                           const char *object_id, int64_t before, int limit, struct audit_page *out,
                           struct fault *f)
{
    memset(out, 0, sizeof *out);
    if (!name_ok(object_type, ""))
        return fault_set(f, ERR_INVALID, "object_type",
                         "An object type is 1 to 64 lower-case letters, digits or _, such as "
                         "initiative.",
                         NULL);
    if (!text_ok(object_id, OBJECT_ID_MAX_LEN))
        return fault_set(f, ERR_INVALID, "object_id",
                         "An object id is 1 to 200 characters on one line.", NULL);
    struct list_key key = {object_type, object_id, 0};
    return list(db, a, BY_OBJECT, &key, before, limit, out, f);
}

enum err audit_list_area(struct db *db, struct arena *a, const char *area_code, int64_t before,
                         int limit, struct audit_page *out, struct fault *f)
{
    struct list_key key = {area_code ? area_code : "", NULL, 0};
    return list(db, a, BY_AREA, &key, before, limit, out, f);
}

enum err audit_list_person(struct db *db, struct arena *a, int64_t person_id, int64_t before,
                           int limit, struct audit_page *out, struct fault *f)
{
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, person_id);
    struct list_key key = {NULL, id, person_id};
    return list(db, a, BY_PERSON, &key, before, limit, out, f);
}

/* The name of what a qualifier names: an organisation (by id) or an area
 * (by code); NULL when there is none. */
static enum err place_name(struct db *db, struct arena *a, bool organisation, const char *qualifier,
                           const char **place, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, organisation ? "SELECT name FROM organisation WHERE id = ?"
                                                     : "SELECT name FROM area WHERE code = ?");
    if (!st)
        return db_fault(db, f);
    if (organisation)
        db_bind_int(st, 1, strtoll(qualifier, NULL, 10));
    else
        db_bind_text(st, 1, qualifier);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *place = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

static bool all_digits(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 18 && strspn(s, "0123456789") == n;
}

enum err audit_capacity_parts(struct db *db, struct arena *a, const char *capacity,
                              struct audit_capacity *out, struct fault *f)
{
    memset(out, 0, sizeof *out);
    if (!capacity)
        return ERR_OK;
    size_t n = strcspn(capacity, ":");
    out->name = arena_strndup(a, capacity, n);
    if (capacity[n] != ':' || !capacity[n + 1])
        return ERR_OK;
    out->qualifier = arena_strdup(a, capacity + n + 1);
    bool organisation =
        strcmp(out->name, "professional") == 0 || strcmp(out->name, "organisation_admin") == 0;
    bool area = strcmp(out->name, "resident") == 0 || strcmp(out->name, "municipality_admin") == 0;
    if ((organisation && all_digits(out->qualifier)) || area)
        return place_name(db, a, organisation, out->qualifier, &out->place, f);
    return ERR_OK;
}
