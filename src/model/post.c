/* Posts at organisations (see post.h). Confirming and ending are
 * conditional UPDATEs on the status they come from, and the partial unique
 * index of post refuses a second active post: no read decides a write. The
 * lists are bounded, and the organisation's list is behind the same policy
 * cell as confirming. */
#include "model/post.h"

#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/tx.h"

static const char *const titles[] = {"buurtcoordinator",
                                     "welzijnswerker",
                                     "zorgprofessional",
                                     "bewonersvertegenwoordiger",
                                     "huismeester",
                                     "other",
                                     NULL};

const char *const *post_titles(void)
{
    return titles;
}

bool post_title_valid(const char *title)
{
    for (size_t i = 0; title && titles[i]; i++)
        if (strcmp(title, titles[i]) == 0)
            return true;
    return false;
}

enum err post_get(struct db *db, struct arena *a, int64_t id, struct post *out, struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT id, person_id, organisation_id, title, status, confirmed_by, requested_at, "
            "start_at, end_at FROM post WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        *out = (struct post){
            .id = db_col_int(st, 0),
            .person_id = db_col_int(st, 1),
            .organisation_id = db_col_int(st, 2),
            .title = arena_strdup(a, db_col_text(st, 3)),
            .status = arena_strdup(a, db_col_text(st, 4)),
            .confirmed_by = db_col_int(st, 5),
            .requested_at = db_col_int(st, 6),
            .start_at = db_col_int(st, 7),
            .end_at = db_col_int(st, 8),
        };
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return rc == DB_DONE ? fault_set(f, ERR_NOT_FOUND, NULL, "There is no such post.", NULL)
                         : ERR_OK;
}

/* Inserts the request when the organisation exists and no active post of
 * the person is there; *id stays 0 otherwise, *org_found says which. */
static enum err insert_request(struct db *db, int64_t organisation_id, const char *title,
                               const struct actor *act, int64_t *id, bool *org_found,
                               struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM organisation WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, organisation_id);
    enum db_rc rc = db_step(st);
    *org_found = rc == DB_ROW && db_col_int(st, 0) > 0;
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (!*org_found)
        return ERR_OK;
    st = db_prepare(db, "INSERT INTO post (person_id, organisation_id, title, status, "
                        "requested_at) VALUES (?, ?, ?, 'requested', ?) "
                        "ON CONFLICT DO NOTHING RETURNING id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, act->person_id);
    db_bind_int(st, 2, organisation_id);
    db_bind_text(st, 3, title);
    db_bind_int(st, 4, act->now);
    rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err post_request(struct db *db, int64_t organisation_id, const char *title,
                      const struct actor *act, int64_t *id, struct fault *f)
{
    enum capacity cap;
    if (!post_title_valid(title))
        return fault_set(f, ERR_INVALID, "title", "Choose one of the titles for a post.", NULL);
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK)
        e = capacity_authorise(ACT_POST_REQUEST, cap, REL_OWN, f);
    int64_t new_id = 0;
    bool own, org_found = false;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = insert_request(db, organisation_id, title, act, &new_id, &org_found, f);
    if (e == ERR_OK && !org_found)
        e = fault_set(f, ERR_NOT_FOUND, "organisation", "There is no such organisation.", NULL);
    else if (e == ERR_OK && new_id == 0)
        e = fault_set(f, ERR_CONFLICT, NULL, "You already have a post at this organisation.", NULL);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "post.request", "post", new_id, f);
    e = tx_end(db, own, e, f);
    if (e == ERR_OK && id)
        *id = new_id;
    return e;
}

/* How act relates to post p: OWN for one's own, MEMBER for an admin of its
 * organisation, else OTHER. */
static enum err relation_to(struct db *db, const struct post *p, const struct actor *act,
                            enum relation *rel, struct fault *f)
{
    struct arena *a = arena_new();
    bool admin = false;
    enum err e = capacity_may_act(
        db, act->person_id, arena_printf(a, "organisation_admin:%" PRId64, p->organisation_id),
        &admin, f);
    arena_free(a);
    *rel = p->person_id == act->person_id ? REL_OWN : admin ? REL_MEMBER : REL_OTHER;
    return e;
}

/* Runs sql -- binding act->now, with_actor the actor, and the id -- and
 * records action when it changed the row; ERR_CONFLICT when not. */
static enum err change(struct db *db, const char *sql, bool with_actor, int64_t post_id,
                       const struct actor *act, const char *action, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return db_fault(db, f);
    int i = 1;
    db_bind_int(st, i++, act->now);
    if (with_actor)
        db_bind_int(st, i++, act->person_id);
    db_bind_int(st, i, post_id);
    enum db_rc rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    if (db_changes(db) == 0)
        return fault_set(f, ERR_CONFLICT, NULL,
                         "This post is no longer open to that; reload to see it now.", NULL);
    return audit_record_private(db, act, action, "post", post_id, f);
}

static enum err decide(struct db *db, int64_t post_id, const struct actor *act, enum action action,
                       const char *sql, bool with_actor, struct fault *f)
{
    struct arena *a = arena_new();
    struct post p;
    enum capacity cap;
    enum relation rel = REL_OTHER;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && !policy_check(action, cap, REL_OWN).allowed &&
        !policy_check(action, cap, REL_MEMBER).allowed)
        e = capacity_authorise(action, cap, REL_OTHER, f);
    if (e == ERR_OK)
        e = post_get(db, a, post_id, &p, f);
    if (e == ERR_OK)
        e = relation_to(db, &p, act, &rel, f);
    arena_free(a);
    if (e == ERR_OK)
        e = capacity_authorise(action, cap, rel, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    return tx_end(db, own, change(db, sql, with_actor, post_id, act, policy_action_name(action), f),
                  f);
}

enum err post_confirm(struct db *db, int64_t post_id, const struct actor *act, struct fault *f)
{
    return decide(db, post_id, act, ACT_POST_CONFIRM,
                  "UPDATE post SET status = 'confirmed', start_at = ?, confirmed_by = ? "
                  "WHERE id = ? AND status = 'requested'",
                  true, f);
}

enum err post_end(struct db *db, int64_t post_id, const struct actor *act, struct fault *f)
{
    return decide(db, post_id, act, ACT_POST_END,
                  "UPDATE post SET status = 'ended', end_at = ? "
                  "WHERE id = ? AND status IN ('requested', 'confirmed')",
                  false, f);
}

enum err post_authorise_organisation(struct db *db, int64_t organisation_id,
                                     const struct actor *act, struct fault *f)
{
    enum capacity cap;
    bool admin = false;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && cap == CAP_ORG_ADMIN) {
        struct arena *a = arena_new();
        e = capacity_may_act(db, act->person_id,
                             arena_printf(a, "organisation_admin:%" PRId64, organisation_id),
                             &admin, f);
        arena_free(a);
    }
    return e == ERR_OK
               ? capacity_authorise(ACT_POST_CONFIRM, cap, admin ? REL_MEMBER : REL_OTHER, f)
               : e;
}

#define ROW_COLUMNS                                                                                \
    "SELECT p.id, p.person_id, p.organisation_id, p.title, p.status, p.confirmed_by, "             \
    "p.requested_at, p.start_at, p.end_at, h.display_name, o.name FROM post p "                    \
    "JOIN person h ON h.id = p.person_id JOIN organisation o ON o.id = p.organisation_id "

/* The lists, indexed [by organisation][with a status filter]. */
static const char *const list_sql[2][2] = {
    {ROW_COLUMNS "WHERE p.person_id = ? ORDER BY p.requested_at DESC, p.id DESC LIMIT 500",
     ROW_COLUMNS "WHERE p.person_id = ? AND p.status = ? "
                 "ORDER BY p.requested_at DESC, p.id DESC LIMIT 500"},
    {ROW_COLUMNS "WHERE p.organisation_id = ? ORDER BY p.requested_at, p.id LIMIT 500",
     ROW_COLUMNS "WHERE p.organisation_id = ? AND p.status = ? "
                 "ORDER BY p.requested_at, p.id LIMIT 500"},
};

static struct post_row list_row(struct db_stmt *st, struct arena *a)
{
    return (struct post_row){
        .post = {.id = db_col_int(st, 0),
                 .person_id = db_col_int(st, 1),
                 .organisation_id = db_col_int(st, 2),
                 .title = arena_strdup(a, db_col_text(st, 3)),
                 .status = arena_strdup(a, db_col_text(st, 4)),
                 .confirmed_by = db_col_int(st, 5),
                 .requested_at = db_col_int(st, 6),
                 .start_at = db_col_int(st, 7),
                 .end_at = db_col_int(st, 8)},
        .person_name = arena_strdup(a, db_col_text(st, 9)),
        .organisation_name = arena_strdup(a, db_col_text(st, 10)),
    };
}

static enum err list(struct db *db, struct arena *a, bool by_org, int64_t key, const char *status,
                     struct post_row **items, int *n, struct fault *f)
{
    *items = NULL;
    *n = 0;
    if (status && strcmp(status, "requested") != 0 && strcmp(status, "confirmed") != 0 &&
        strcmp(status, "ended") != 0)
        return fault_set(f, ERR_INVALID, "status",
                         "Choose a status: requested, confirmed or ended.", NULL);
    struct db_stmt *st = db_prepare(db, list_sql[by_org][status != NULL]);
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, key);
    if (status)
        db_bind_text(st, 2, status);
    *items = arena_array(a, POST_LIST_MAX, sizeof **items);
    enum db_rc rc = DB_DONE;
    while (*n < POST_LIST_MAX && (rc = db_step(st)) == DB_ROW)
        (*items)[(*n)++] = list_row(st, a);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err post_list_for_person(struct db *db, struct arena *a, int64_t person_id, const char *status,
                              struct post_row **items, int *n, struct fault *f)
{
    return list(db, a, false, person_id, status, items, n, f);
}

enum err post_list_for_organisation(struct db *db, struct arena *a, int64_t organisation_id,
                                    const char *status, struct post_row **items, int *n,
                                    struct fault *f)
{
    return list(db, a, true, organisation_id, status, items, n, f);
}
