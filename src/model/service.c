/* Services, part one (see service.h): who may write, adding and changing a
 * service with its languages, cost and contact, loading one, the list of an
 * organisation and the search. The languages, the cost and the contact are
 * replaced as a whole on update (delete, then insert) inside the
 * transaction of the update, so a reader never sees half of them. */
#include "model/service.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/tx.h"

#define N_(msgid) (msgid) /* marks a message id for xgettext */

/* The capacity alone: refused when it may manage services in no relation. */
static enum err capacity_first(struct db *db, const struct actor *act, enum capacity *cap,
                               struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    enum err e = capacity_of_actor(db, act, cap, f);
    if (e == ERR_OK && !policy_check(ACT_ORGANISATION_MANAGE_SERVICES, *cap, REL_MEMBER).allowed)
        e = capacity_authorise(ACT_ORGANISATION_MANAGE_SERVICES, *cap, REL_OTHER, f);
    return e;
}

/* The relation, once the organisation is known. */
static enum err relation_check(struct db *db, int64_t organisation_id, const struct actor *act,
                               enum capacity cap, struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    bool admin = false;
    struct arena *a = arena_new();
    enum err e = capacity_may_act(db, act->person_id,
                                  arena_printf(a, "organisation_admin:%" PRId64, organisation_id),
                                  &admin, f);
    arena_free(a);
    return e == ERR_OK ? capacity_authorise(ACT_ORGANISATION_MANAGE_SERVICES, cap,
                                            admin ? REL_MEMBER : REL_OTHER, f)
                       : e;
}

enum err service_authorise(struct db *db, int64_t organisation_id, const struct actor *act,
                           struct fault *f)
{
    enum capacity cap = CAP_VISITOR;
    enum err e = capacity_first(db, act, &cap, f);
    return e == ERR_OK ? relation_check(db, organisation_id, act, cap, f) : e;
}

enum err service_record(struct db *db, const struct actor *act, const char *action,
                        int64_t service_id, int64_t organisation_id, const char *extra_key,
                        int64_t extra_id, const char *area_code, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, service_id);
    json_t *detail = json_pack("{s:I}", "organisation_id", (json_int_t)organisation_id);
    if (extra_key)
        json_object_set_new(detail, extra_key, json_integer(extra_id));
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "service",
                                .object_id = object_id,
                                .area_code = area_code,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    enum err e = audit_record(db, &entry, f);
    json_decref(detail);
    return e;
}

/* Runs sql with the text values (NULL binds NULL) and then the integers. */
static enum err run(struct db *db, const char *sql, const char *const *texts, int ntexts,
                    const int64_t *ints, int nints, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    for (int t = 0; t < ntexts; t++)
        db_bind_text(st, i++, texts[t]);
    for (int k = 0; k < nints; k++)
        db_bind_int(st, i++, ints[k]);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* The languages, cost and contact of service id, replacing what was there. */
static enum err put_parts(struct db *db, int64_t id, const struct service_input *in, int64_t cents,
                          int64_t now, struct fault *f)
{
    int64_t key[] = {id};
    enum err e = run(db, "DELETE FROM service_language WHERE service_id = ?", NULL, 0, key, 1, f);
    if (e == ERR_OK)
        e = run(db, "DELETE FROM cost_option WHERE service_id = ?", NULL, 0, key, 1, f);
    if (e == ERR_OK)
        e = run(db, "DELETE FROM service_contact WHERE service_id = ?", NULL, 0, key, 1, f);
    for (const char *s = in->languages; e == ERR_OK && s && *s;) {
        size_t n = strcspn(s, ",");
        char tag[64];
        snprintf(tag, sizeof tag, "%.*s", (int)n, s);
        const char *texts[] = {tag};
        e = run(db,
                "INSERT INTO service_language (code, service_id) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING",
                texts, 1, key, 1, f);
        s += n + (s[n] == ',');
    }
    if (e == ERR_OK && (cents >= 0 || in->cost_note)) {
        const char *texts[] = {in->cost_note};
        int64_t ints[] = {id, now};
        struct db_stmt *st = db_prepare(db, "INSERT INTO cost_option (option_text, service_id, "
                                            "created_at, amount_cents) VALUES (?, ?, ?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_text(st, 1, texts[0]);
        db_bind_int(st, 2, ints[0]);
        db_bind_int(st, 3, ints[1]);
        if (cents >= 0)
            db_bind_int(st, 4, cents);
        else
            db_bind_null(st, 4);
        enum db_rc rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fault(db, f);
    }
    if (e == ERR_OK && (in->contact_name || in->contact_phone || in->contact_email)) {
        const char *texts[] = {in->contact_name, in->contact_email, in->contact_phone};
        int64_t ints[] = {id, now};
        e = run(db,
                "INSERT INTO service_contact (name, email, phone, service_id, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                texts, 3, ints, 2, f);
    }
    return e;
}

static enum err organisation_exists(struct db *db, int64_t id, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM organisation WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return found ? ERR_OK
                 : fault_set(f, ERR_NOT_FOUND, "organisation", N_("There is no such organisation."),
                             NULL);
}

static enum err insert(struct db *db, int64_t organisation_id, const struct service_input *in,
                       int64_t now, int64_t *id, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO service (name, description, url, email, status, organisation_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    const char *texts[] = {in->name, in->description, in->url, in->email, in->status};
    for (int i = 0; i < 5; i++)
        db_bind_text(st, i + 1, texts[i]);
    db_bind_int(st, 6, organisation_id);
    db_bind_int(st, 7, now);
    db_bind_int(st, 8, now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : db_fault(db, f);
}

enum err service_create(struct db *db, int64_t organisation_id, const struct service_input *in,
                        const struct actor *act, int64_t *id, struct fault *f)
{
    struct service_input ok;
    int64_t cents = -1, new_id = 0;
    struct arena *a = arena_new();
    enum err e = service_authorise(db, organisation_id, act, f);
    if (e == ERR_OK)
        e = organisation_exists(db, organisation_id, f);
    if (e == ERR_OK)
        e = service_check(a, in, &ok, &cents, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        e = insert(db, organisation_id, &ok, act->now, &new_id, f);
        if (e == ERR_OK)
            e = put_parts(db, new_id, &ok, cents, act->now, f);
        if (e == ERR_OK)
            e = service_record(db, act, "service.create", new_id, organisation_id, NULL, 0, NULL,
                               f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

enum err service_update(struct db *db, int64_t id, const struct service_input *in,
                        const struct actor *act, struct fault *f)
{
    struct service s;
    struct service_input ok;
    int64_t cents = -1;
    enum capacity cap = CAP_VISITOR;
    struct arena *a = arena_new();
    enum err e = capacity_first(db, act, &cap, f);
    if (e == ERR_OK)
        e = service_get(db, a, id, &s, f);
    if (e == ERR_OK)
        e = relation_check(db, s.organisation_id, act, cap, f);
    if (e == ERR_OK)
        e = service_check(a, in, &ok, &cents, f);
    bool own;
    if (e == ERR_OK && (e = tx_begin(db, &own, f)) == ERR_OK) {
        const char *texts[] = {ok.name, ok.description, ok.url, ok.email, ok.status};
        int64_t ints[] = {act->now, id};
        e = run(db,
                "UPDATE service SET name = ?, description = ?, url = ?, email = ?, "
                "status = ?, updated_at = ? WHERE id = ?",
                texts, 5, ints, 2, f);
        if (e == ERR_OK)
            e = put_parts(db, id, &ok, cents, act->now, f);
        if (e == ERR_OK)
            e = service_record(db, act, "service.update", id, s.organisation_id, NULL, 0, NULL, f);
        e = tx_end(db, own, e, f);
    }
    arena_free(a);
    return e;
}

/* ---- reading --------------------------------------------------------------- */

#define SERVICE_COLUMNS                                                                            \
    "SELECT s.id, s.organisation_id, o.name, s.name, s.description, s.url, s.email, s.status, "    \
    "s.created_at, s.updated_at FROM service s JOIN organisation o ON o.id = s.organisation_id "

static struct service row(struct db_stmt *st, struct arena *a)
{
    return (struct service){
        .id = db_col_int(st, 0),
        .organisation_id = db_col_int(st, 1),
        .organisation_name = arena_strdup(a, db_col_text(st, 2)),
        .name = arena_strdup(a, db_col_text(st, 3)),
        .description = db_col_text_dup(st, 4, a),
        .url = db_col_text_dup(st, 5, a),
        .email = db_col_text_dup(st, 6, a),
        .status = arena_strdup(a, db_col_text(st, 7)),
        .created_at = db_col_int(st, 8),
        .updated_at = db_col_int(st, 9),
    };
}

enum err service_get(struct db *db, struct arena *a, int64_t id, struct service *out,
                     struct fault *f)
{
    struct db_stmt *st = db_prepare(db, SERVICE_COLUMNS "WHERE s.id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *out = row(st, a);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE
               ? fault_set(f, ERR_NOT_FOUND, "service", N_("There is no such service."), NULL)
               : ERR_OK;
}

enum err service_detail_get(struct db *db, struct arena *a, int64_t id, struct service_detail *out,
                            struct fault *f)
{
    *out = (struct service_detail){0};
    enum err e = service_get(db, a, id, &out->service, f);
    return e == ERR_OK ? service_load_places(db, a, out, f) : e;
}

/* Steps st into *items (at most max rows). */
static enum err collect(struct db *db, struct db_stmt *st, struct arena *a, int max,
                        struct service **items, int *n, struct fault *f)
{
    *items = arena_array(a, (size_t)max, sizeof **items);
    *n = 0;
    enum db_rc rc = DB_DONE;
    while (*n < max && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = row(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err service_list_for_organisation(struct db *db, struct arena *a, int64_t organisation_id,
                                       struct service **items, int *n, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, SERVICE_COLUMNS
                                    "WHERE s.organisation_id = ? ORDER BY s.name, s.id LIMIT 500");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, organisation_id);
    return collect(db, st, a, SERVICE_LIST_MAX, items, n, f);
}

/* The filters of a search, the same text for the count and the page. Each
 * is skipped when its parameter is NULL (CAST(? AS TEXT) IS NULL: a bare
 * "? IS NULL" has no type in PostgreSQL). */
#define SEARCH_WHERE                                                                               \
    "WHERE (CAST(? AS TEXT) IS NULL OR LOWER(s.name) LIKE ? ESCAPE '\\' "                          \
    "OR LOWER(COALESCE(s.description, '')) LIKE ? ESCAPE '\\') "                                   \
    "AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM service_language sl "                   \
    "WHERE sl.service_id = s.id AND sl.code = ?)) "                                                \
    "AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM service_at_location sal "               \
    "JOIN location l ON l.id = sal.location_id JOIN area b ON b.code = l.area_code "               \
    "LEFT JOIN area w ON w.code = b.parent_code WHERE sal.service_id = s.id "                      \
    "AND (b.code = ? OR b.parent_code = ? OR w.parent_code = ?))) "                                \
    "AND (? = 0 OR s.organisation_id = ?) "

/* "%text%" in lower case with LIKE's own characters escaped. */
static const char *like_pattern(struct arena *a, const char *q)
{
    struct buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
    }
    buf_putc(&b, '%');
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void bind_filters(struct db_stmt *st, struct arena *a, const struct service_query *q)
{
    const char *like = q->q && *q->q ? like_pattern(a, q->q) : NULL;
    const char *lang = q->language && *q->language ? q->language : NULL;
    const char *area = q->area && *q->area ? q->area : NULL;
    const char *texts[] = {like, like, like, lang, lang, area, area, area, area};
    for (int i = 0; i < 9; i++)
        db_bind_text(st, i + 1, texts[i]);
    db_bind_int(st, 10, q->organisation_id);
    db_bind_int(st, 11, q->organisation_id);
}

static enum err check_query(struct db *db, const struct service_query *q, struct fault *f)
{
    if (q->limit < 1 || q->limit > SERVICE_PAGE_MAX)
        return fault_set(f, ERR_INVALID, "limit", N_("Give a limit from 1 to 100."), NULL);
    if (q->offset < 0)
        return fault_set(f, ERR_INVALID, "offset", N_("Give an offset of 0 or more."), NULL);
    if (q->language && *q->language) {
        struct service_input in = {.name = "x", .languages = q->language}, out;
        int64_t cents;
        struct arena *a = arena_new();
        enum err e = service_check(a, &in, &out, &cents, NULL);
        bool one = e == ERR_OK && out.languages && !strchr(out.languages, ',') &&
                   strcmp(out.languages, q->language) == 0;
        arena_free(a);
        if (!one)
            return fault_set(f, ERR_INVALID, "language",
                             N_("Give one language as a code in lower case, such as nl, en or tr."),
                             NULL);
    }
    if (!q->area || !*q->area)
        return ERR_OK;
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM area WHERE code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, q->area);
    enum db_rc rc = db_step(st);
    bool found = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return found ? ERR_OK
                 : fault_set(f, ERR_NOT_FOUND, "area", N_("There is no area with code %s."),
                             q->area, NULL);
}

enum err service_search(struct db *db, struct arena *a, const struct service_query *q,
                        struct service_page *out, struct fault *f)
{
    *out = (struct service_page){0};
    enum err e = check_query(db, q, f);
    if (e != ERR_OK)
        return e;
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM service s " SEARCH_WHERE);
    if (!st)
        return db_fault(db, f);
    bind_filters(st, a, q);
    enum db_rc rc = db_step(st);
    out->total = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    st = db_prepare(db, SERVICE_COLUMNS SEARCH_WHERE "ORDER BY s.name, s.id LIMIT ? OFFSET ?");
    if (!st)
        return db_fault(db, f);
    bind_filters(st, a, q);
    db_bind_int(st, 12, q->limit);
    db_bind_int(st, 13, q->offset);
    return collect(db, st, a, q->limit, &out->items, &out->n, f);
}
