/* Organisations, the writes (see organisation.h): registering one with its
 * profile and areas served, and its admins editing that profile. The
 * policy is asked first, with the relation the actor has to what they ask
 * for -- the gemeente the areas lie in for a municipality admin, the buurt
 * they live in for a resident starting an informal group, the organisation
 * for its admin -- so that someone who may not hears that before anything
 * about their input. A KvK number is unique by the index of migration 0005:
 * two registrations racing for one number are settled there. */
#include "model/organisation.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/tx.h"

static const char *const kinds[] = {"institution",         "formal_association", "informal_group",
                                    "existing_initiative", "business",           NULL};

const char *const *organisation_kinds(void)
{
    return kinds;
}

bool organisation_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

/* code in capitals (CBS codes are; "bu03630101" means the same), from the
 * arena; "" for NULL. */
static const char *upper(struct arena *a, const char *code)
{
    char *out = arena_strdup(a, code ? code : "");
    for (char *p = out; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return out;
}

/* The gemeente area code lies in (itself for a gemeente), or NULL when
 * there is no such area. */
static enum err gemeente_of(struct db *db, struct arena *a, const char *code, const char **gm,
                            struct fault *f)
{
    *gm = NULL;
    struct db_stmt *st = db_prepare(
        db, "SELECT CASE x.kind WHEN 'gemeente' THEN x.code WHEN 'wijk' THEN x.parent_code "
            "ELSE w.parent_code END FROM area x LEFT JOIN area w ON w.code = x.parent_code "
            "WHERE x.code = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_text(st, 1, code);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *gm = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* Whether every area of in lies in a gemeente act administers (the one it
 * names, when it names one) -- MEMBER for a municipality admin -- or, for a
 * resident, is a buurt they live in (the one named, when named). */
static enum err areas_are_actors(struct db *db, struct arena *a, const struct actor *act,
                                 enum capacity cap, const struct organisation *in, bool *member,
                                 struct fault *f)
{
    *member = in->n_areas > 0 && in->areas;
    const char *named = capacity_qualifier(act);
    for (int i = 0; *member && i < in->n_areas; i++) {
        const char *code = upper(a, in->areas[i]);
        const char *scope = code;
        enum err e = ERR_OK;
        if (cap == CAP_MUNI_ADMIN)
            e = gemeente_of(db, a, code, &scope, f);
        if (e != ERR_OK)
            return e;
        if (!scope || (named && strcmp(named, scope) != 0)) {
            *member = false;
            break;
        }
        const char *claim = arena_printf(
            a, "%s:%s", cap == CAP_MUNI_ADMIN ? "municipality_admin" : "resident", scope);
        if ((e = capacity_may_act(db, act->person_id, claim, member, f)) != ERR_OK)
            return e;
    }
    return ERR_OK;
}

/* Whether act may register in: the console, or the policy with the
 * relation act has to in's kind and areas. */
static enum err may_register(struct db *db, struct arena *a, const struct organisation *in,
                             const struct actor *act, struct fault *f)
{
    if (capacity_is_console(act))
        return ERR_OK;
    enum capacity cap;
    bool member = false;
    enum err e = capacity_of_actor(db, act, &cap, f);
    bool informal = in->kind && strcmp(in->kind, "informal_group") == 0;
    enum action action = cap == CAP_RESIDENT && informal ? ACT_ORGANISATION_CREATE_INFORMAL_GROUP
                                                         : ACT_ORGANISATION_CREATE;
    if (e == ERR_OK && (cap == CAP_MUNI_ADMIN || action == ACT_ORGANISATION_CREATE_INFORMAL_GROUP))
        e = areas_are_actors(db, a, act, cap, in, &member, f);
    return e == ERR_OK ? capacity_authorise(action, cap, member ? REL_MEMBER : REL_OTHER, f) : e;
}

/* The areas of in, without repeats, each an existing area (else
 * ERR_INVALID or ERR_NOT_FOUND naming the code as the caller gave it: a
 * fault's arguments must outlive the arena freed on return). */
static enum err clean_areas(struct db *db, struct arena *a, const struct organisation *in,
                            struct organisation *out, struct fault *f)
{
    if (in->n_areas > ORGANISATION_AREAS_MAX)
        return fault_set(f, ERR_INVALID, "areas", "Name at most 50 areas served.", NULL);
    out->areas = arena_array(a, (size_t)in->n_areas + 1, sizeof *out->areas);
    out->n_areas = 0;
    for (int i = 0; i < in->n_areas; i++) {
        const char *code = upper(a, in->areas[i]);
        if (!area_code_valid(code, NULL))
            return fault_set(f, ERR_INVALID, "areas",
                             "%s is not an area code such as GM0363, WK036301 or BU03630101.",
                             in->areas[i] ? in->areas[i] : "", NULL);
        struct area ar;
        enum err e = area_get(db, a, code, &ar, NULL);
        if (e == ERR_NOT_FOUND)
            return fault_set(f, ERR_NOT_FOUND, "areas", "There is no area with code %s.",
                             in->areas[i], NULL);
        if (e != ERR_OK)
            return db_fault(db, f);
        bool seen = false;
        for (int j = 0; j < out->n_areas && !seen; j++)
            seen = strcmp(out->areas[j], code) == 0;
        if (!seen)
            out->areas[out->n_areas++] = code;
    }
    return ERR_OK;
}

/* The policy's verdict, then the kind, the profile and the areas. */
static enum err prepare(struct db *db, struct arena *a, const struct organisation *in,
                        const struct actor *act, struct organisation *out, struct fault *f)
{
    enum err e = may_register(db, a, in, act, f);
    if (e != ERR_OK)
        return e;
    if (!organisation_kind_valid(in->kind)) {
        struct organisation named;
        e = organisation_check_profile(a, "business", in, &named, f);
        if (e != ERR_OK && f && f->field && strcmp(f->field, "name") == 0)
            return e;
        return fault_set(f, ERR_INVALID, "kind",
                         "Choose the kind of organisation: institution, formal_association, "
                         "informal_group, existing_initiative or business.",
                         NULL);
    }
    e = organisation_check_profile(a, in->kind, in, out, f);
    return e == ERR_OK ? clean_areas(db, a, in, out, f) : e;
}

/* Binds the profile of o from parameter first on: 11 parameters. */
static void bind_profile(struct db_stmt *st, int first, const struct organisation *o)
{
    const char *v[] = {o->name,   o->description, o->website, o->email,      o->phone,
                       o->street, o->postal_code, o->city,    o->legal_form, o->kvk};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        db_bind_text(st, first + (int)i, v[i]);
}

/* A failed write of the profile: the one constraint input can break after
 * the checks is the unique KvK number. */
static enum err write_failed(struct db *db, struct fault *f)
{
    if (db_last_was_constraint(db))
        return fault_set(f, ERR_CONFLICT, "kvk",
                         "Another organisation already has this KvK number.", NULL);
    return db_fault(db, f);
}

static enum err insert(struct db *db, const struct organisation *o, int64_t now, int64_t *id,
                       struct fault *f)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO organisation (name, description, website, email, phone, street, "
            "postal_code, city, legal_form, kvk, kind, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fault(db, f);
    bind_profile(st, 1, o);
    db_bind_text(st, 11, o->kind);
    db_bind_int(st, 12, now);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? ERR_OK : write_failed(db, f);
}

/* Replaces the areas organisation id serves with o's. */
static enum err set_areas(struct db *db, int64_t id, const struct organisation *o, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM organisation_area WHERE organisation_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    for (int i = 0; rc == DB_DONE && i < o->n_areas; i++) {
        st = db_prepare(db, "INSERT INTO organisation_area (organisation_id, area_code) "
                            "VALUES (?, ?)");
        if (!st)
            return db_fault(db, f);
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, o->areas[i]);
        rc = db_step(st);
        db_done(st);
    }
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

/* A public entry about organisation id with detail (borrowed). */
static enum err record(struct db *db, int64_t id, const char *action, json_t *detail,
                       const struct actor *act, struct fault *f)
{
    char object_id[24];
    snprintf(object_id, sizeof object_id, "%" PRId64, id);
    struct audit_entry entry = {.at = act->now,
                                .person_id = act->person_id,
                                .capacity = act->capacity,
                                .action = action,
                                .object_type = "organisation",
                                .object_id = object_id,
                                .request_id = act->request_id,
                                .is_public = true,
                                .detail = detail};
    return audit_record(db, &entry, f);
}

static json_t *codes_json(const struct organisation *o)
{
    json_t *list = json_array();
    for (int i = 0; i < o->n_areas; i++)
        json_array_append_new(list, json_string(o->areas[i]));
    return list;
}

static enum err write_new(struct db *db, const struct organisation *o, const struct actor *act,
                          int64_t *id, struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = insert(db, o, act->now, id, f);
    if (e == ERR_OK)
        e = set_areas(db, *id, o, f);
    if (e == ERR_OK) {
        json_t *detail = json_pack("{s:s, s:o}", "kind", o->kind, "areas", codes_json(o));
        e = record(db, *id, "organisation.create", detail, act, f);
        json_decref(detail);
    }
    return tx_end(db, own, e, f);
}

enum err organisation_register(struct db *db, const struct organisation *in,
                               const struct actor *act, int64_t *id, struct fault *f)
{
    struct arena *a = arena_new();
    struct organisation o;
    int64_t new_id = 0;
    enum err e = prepare(db, a, in, act, &o, f);
    if (e == ERR_OK)
        e = write_new(db, &o, act, &new_id, f);
    if (e == ERR_OK && id)
        *id = new_id;
    arena_free(a);
    return e;
}

enum err organisation_create(struct db *db, const char *name, const char *kind,
                             const struct actor *act, int64_t *id, struct fault *f)
{
    struct organisation in = {.name = name, .kind = kind};
    return organisation_register(db, &in, act, id, f);
}

enum err organisation_may_edit(struct db *db, int64_t id, const struct actor *act, struct fault *f)
{
    enum capacity cap;
    bool admin = false;
    enum err e = capacity_of_actor(db, act, &cap, f);
    if (e == ERR_OK && cap == CAP_ORG_ADMIN) {
        struct arena *a = arena_new();
        const char *named = capacity_qualifier(act);
        const char *claim = arena_printf(a, "organisation_admin:%" PRId64, id);
        if (!named || strcmp(named, claim + strlen("organisation_admin:")) == 0)
            e = capacity_may_act(db, act->person_id, claim, &admin, f);
        arena_free(a);
    }
    if (e == ERR_OK)
        e = capacity_authorise(ACT_ORGANISATION_EDIT_PROFILE, cap, admin ? REL_MEMBER : REL_OTHER,
                               f);
    struct arena *a = arena_new();
    struct organisation o;
    if (e == ERR_OK)
        e = organisation_get(db, a, id, &o, f);
    arena_free(a);
    return e;
}

/* The names of the fields that differ between old and new, as JSON. */
static json_t *changed_fields(const struct organisation *old, const struct organisation *new,
                              bool areas)
{
    const char *names[] = {"name",   "description", "website", "email",      "phone",
                           "street", "postal_code", "city",    "legal_form", "kvk"};
    const char *was[] = {old->name,   old->description, old->website, old->email,      old->phone,
                         old->street, old->postal_code, old->city,    old->legal_form, old->kvk};
    const char *is[] = {new->name,   new->description, new->website, new->email,      new->phone,
                        new->street, new->postal_code, new->city,    new->legal_form, new->kvk};
    json_t *list = json_array();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((was[i] == NULL) != (is[i] == NULL) || (was[i] && strcmp(was[i], is[i]) != 0))
            json_array_append_new(list, json_string(names[i]));
    bool same = old->n_areas == new->n_areas; /* both without repeats */
    for (int i = 0; same && i < new->n_areas; i++) {
        same = false;
        for (int j = 0; !same && j < old->n_areas; j++)
            same = strcmp(old->areas[j], new->areas[i]) == 0;
    }
    if (areas && !same)
        json_array_append_new(list, json_string("areas"));
    return list;
}

static enum err update_row(struct db *db, int64_t id, const struct organisation *o, struct fault *f)
{
    struct db_stmt *st =
        db_prepare(db, "UPDATE organisation SET name = ?, description = ?, website = ?, email = ?, "
                       "phone = ?, street = ?, postal_code = ?, city = ?, legal_form = ?, kvk = ? "
                       "WHERE id = ?");
    if (!st)
        return db_fault(db, f);
    bind_profile(st, 1, o);
    db_bind_int(st, 11, id);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_DONE ? ERR_OK : write_failed(db, f);
}

static enum err write_update(struct db *db, const struct organisation *o, json_t *changed,
                             bool areas, const struct actor *act, struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    if (e != ERR_OK)
        return e;
    e = update_row(db, o->id, o, f);
    if (e == ERR_OK && areas)
        e = set_areas(db, o->id, o, f);
    if (e == ERR_OK) {
        json_t *detail = json_pack("{s:O}", "fields", changed);
        e = record(db, o->id, "organisation.edit_profile", detail, act, f);
        json_decref(detail);
    }
    return tx_end(db, own, e, f);
}

enum err organisation_update_profile(struct db *db, int64_t id, const struct organisation *in,
                                     const struct actor *act, struct fault *f)
{
    enum err e = organisation_may_edit(db, id, act, f);
    if (e != ERR_OK)
        return e;
    struct arena *a = arena_new();
    struct organisation old, o;
    bool areas = in->areas != NULL;
    e = organisation_get(db, a, id, &old, f);
    if (e == ERR_OK)
        e = organisation_check_profile(a, old.kind, in, &o, f);
    if (e == ERR_OK && areas)
        e = clean_areas(db, a, in, &o, f);
    if (e == ERR_OK && !areas) {
        o.areas = old.areas;
        o.n_areas = old.n_areas;
    }
    o.id = id;
    json_t *changed = e == ERR_OK ? changed_fields(&old, &o, areas) : NULL;
    if (changed && json_array_size(changed) > 0)
        e = write_update(db, &o, changed, areas, act, f);
    json_decref(changed);
    arena_free(a);
    return e;
}
