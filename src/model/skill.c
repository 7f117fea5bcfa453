/* The capacity inventory (see skill.h): the taxonomy as a table, and the
 * profile and skills a person registers. Saving replaces the person's
 * skills and allowed initiators wholesale inside one transaction: the
 * profile row is an upsert on its primary key, so two saves at once leave
 * one profile, the later one's. */
#include "model/skill.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "model/capacity.h"
#include "model/tx.h"

/* clang-format off */
static const struct skill taxonomy[] = {
    /* social */
    {"listening", "social", "Luisteren", "Listening", {"mediating", "welcoming", "visiting", NULL}},
    {"mediating", "social", "Bemiddelen", "Mediating", {"listening", "chairing", NULL}},
    {"welcoming", "social", "Nieuwkomers verwelkomen", "Welcoming newcomers",
     {"listening", "languages", "hosting", NULL}},
    {"visiting", "social", "Op bezoek gaan", "Visiting people", {"listening", "caring", NULL}},
    {"caring", "social", "Zorgen voor anderen", "Caring for others", {"visiting", "cooking", NULL}},
    {"hosting", "social", "Gastheer of gastvrouw zijn", "Hosting", {"welcoming", "cooking", NULL}},
    {"youth_work", "social", "Werken met jongeren", "Working with young people",
     {"coaching", "sports", NULL}},
    /* organisational */
    {"planning", "organisational", "Plannen", "Planning", {"project_lead", "events", NULL}},
    {"treasurer", "organisational", "Penningmeester", "Treasurer",
     {"bookkeeping", "fundraising", NULL}},
    {"bookkeeping", "organisational", "Boekhouden", "Bookkeeping", {"treasurer", NULL}},
    {"chairing", "organisational", "Voorzitten", "Chairing", {"mediating", "project_lead", NULL}},
    {"project_lead", "organisational", "Projecten leiden", "Leading projects",
     {"planning", "chairing", NULL}},
    {"events", "organisational", "Evenementen organiseren", "Organising events",
     {"planning", "hosting", NULL}},
    {"fundraising", "organisational", "Fondsen werven", "Fundraising",
     {"treasurer", "writing", NULL}},
    /* cognitive */
    {"writing", "cognitive", "Schrijven", "Writing", {"languages", "fundraising", "design", NULL}},
    {"languages", "cognitive", "Talen en vertalen", "Languages and translating",
     {"writing", "welcoming", "teaching", NULL}},
    {"legal", "cognitive", "Juridisch advies", "Legal advice", {"bookkeeping", NULL}},
    {"digital", "cognitive", "Digitale vaardigheden", "Digital skills",
     {"websites", "teaching", NULL}},
    {"websites", "cognitive", "Websites maken", "Making websites", {"digital", "design", NULL}},
    {"teaching", "cognitive", "Lesgeven", "Teaching", {"coaching", "languages", NULL}},
    {"coaching", "cognitive", "Coachen", "Coaching", {"teaching", "youth_work", NULL}},
    {"design", "cognitive", "Vormgeving", "Design", {"websites", "writing", NULL}},
    /* practical */
    {"carpentry", "practical", "Timmeren", "Carpentry", {"joinery", "repair", "building", NULL}},
    {"joinery", "practical", "Meubelmaken", "Joinery", {"carpentry", "repair", NULL}},
    {"repair", "practical", "Repareren", "Repairing things",
     {"carpentry", "joinery", "electrics", NULL}},
    {"electrics", "practical", "Elektra", "Electrics", {"repair", "building", NULL}},
    {"building", "practical", "Klussen en bouwen", "Building and odd jobs",
     {"carpentry", "electrics", NULL}},
    {"cooking", "practical", "Koken", "Cooking", {"hosting", "caring", "gardening", NULL}},
    {"gardening", "practical", "Tuinieren", "Gardening", {"greening", "cooking", NULL}},
    {"greening", "practical", "Vergroenen van de straat", "Greening the street",
     {"gardening", NULL}},
    {"sports", "practical", "Sport en bewegen", "Sport and exercise", {"youth_work", NULL}},
    {"driving", "practical", "Rijden en vervoer", "Driving and transport", {"caring", NULL}},
};
/* clang-format on */

static const char *const families[] = {"social", "organisational", "cognitive", "practical", NULL};
static const char *const levels[] = {"beginner", "capable", "expert", NULL};
static const char *const visibilities[] = {"public", "wijk", "allowed", NULL};

const char *const *skill_families(void)
{
    return families;
}

const struct skill *skill_taxonomy(int *n)
{
    *n = (int)(sizeof taxonomy / sizeof taxonomy[0]);
    return taxonomy;
}

const char *const *skill_levels(void)
{
    return levels;
}

const char *const *skill_visibilities(void)
{
    return visibilities;
}

const struct skill *skill_find(const char *code)
{
    for (size_t i = 0; code && i < sizeof taxonomy / sizeof taxonomy[0]; i++)
        if (strcmp(taxonomy[i].code, code) == 0)
            return &taxonomy[i];
    return NULL;
}

const char *skill_name(const char *code, const char *lang)
{
    const struct skill *s = skill_find(code);
    if (!s)
        return code;
    return lang && strcmp(lang, "nl") == 0 ? s->name_nl : s->name_en;
}

static bool lists(const struct skill *s, const char *code)
{
    for (int i = 0; s && s->related[i]; i++)
        if (strcmp(s->related[i], code) == 0)
            return true;
    return false;
}

bool skill_related(const char *a, const char *b)
{
    if (!a || !b || strcmp(a, b) == 0)
        return false;
    return lists(skill_find(a), b) || lists(skill_find(b), a);
}

static bool listed(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

enum err skill_code_check(const char *code, const char *field, struct fault *f)
{
    if (!skill_find(code))
        return fault_set(f, ERR_INVALID, field,
                         "There is no skill with this code. Choose one from the list.", NULL);
    return ERR_OK;
}

static enum err skills_check(const struct skill_profile *p, struct fault *f)
{
    if (p->n_skills < 0 || p->n_skills > SKILL_PERSON_MAX)
        return fault_set(f, ERR_INVALID, "skill", "Register at most 30 skills.", NULL);
    for (int i = 0; i < p->n_skills; i++) {
        enum err e = skill_code_check(p->skills[i].code, "skill", f);
        if (e != ERR_OK)
            return e;
        if (!listed(levels, p->skills[i].level))
            return fault_set(f, ERR_INVALID, "level",
                             "Choose a level: beginner, capable or expert.", NULL);
        for (int j = 0; j < i; j++)
            if (strcmp(p->skills[j].code, p->skills[i].code) == 0)
                return fault_set(f, ERR_INVALID, "skill", "Register each skill once.", NULL);
    }
    return ERR_OK;
}

enum err skill_profile_check(const struct skill_profile *p, struct fault *f)
{
    if (p->hours_month < 0 || p->hours_month > SKILL_HOURS_MAX)
        return fault_set(f, ERR_INVALID, "hours_month",
                         "Give between 0 and 744 hours a month: a month has no more.", NULL);
    if (!listed(visibilities, p->visibility))
        return fault_set(f, ERR_INVALID, "visibility",
                         "Choose who may find you: anyone looking for help, residents of your "
                         "wijk, or only the initiators you allow.",
                         NULL);
    const char *about = p->about ? p->about : "";
    size_t len = strlen(about);
    if (!utf8_valid(about, len) || utf8_has_controls(about, len, true) ||
        utf8_count(about, len) > SKILL_ABOUT_MAX)
        return fault_set(f, ERR_INVALID, "about", "Write at most 1000 characters about yourself.",
                         NULL);
    enum err e = skills_check(p, f);
    if (e != ERR_OK)
        return e;
    if (p->n_allowed < 0 || p->n_allowed > SKILL_ALLOWED_MAX)
        return fault_set(f, ERR_INVALID, "allowed", "Allow at most 100 initiators.", NULL);
    for (int i = 0; i < p->n_allowed; i++)
        if (p->allowed[i] <= 0)
            return fault_set(f, ERR_INVALID, "allowed", "There is no such person.", NULL);
    return ERR_OK;
}

static enum err exec_step(struct db *db, struct db_stmt *st, struct fault *f)
{
    if (!st)
        return db_fault(db, f);
    enum db_rc rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

/* A profile read with its text hidden (about "" and about_hidden set)
 * keeps the stored text unless a new one is given, so that saving the
 * rest never erases what a moderator hid. */
static enum err write_profile(struct db *db, const struct skill_profile *p, int64_t person,
                              int64_t now, struct fault *f)
{
    bool keep_about = p->about_hidden && (!p->about || !*p->about);
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO skill_profile (person_id, hours_month, visibility, paused, about, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
            "hours_month = excluded.hours_month, visibility = excluded.visibility, "
            "paused = excluded.paused, about = CASE WHEN ? = 1 THEN skill_profile.about ELSE "
            "excluded.about END, updated_at = excluded.updated_at");
    if (st) {
        db_bind_int(st, 1, person);
        db_bind_int(st, 2, p->hours_month);
        db_bind_text(st, 3, p->visibility);
        db_bind_int(st, 4, p->paused);
        db_bind_text(st, 5, p->about ? p->about : "");
        db_bind_int(st, 6, now);
        db_bind_int(st, 7, keep_about);
    }
    enum err e = exec_step(db, st, f);
    for (int i = 0; e == ERR_OK && i < 2; i++) {
        st = db_prepare(db, i == 0 ? "DELETE FROM person_skill WHERE person_id = ?"
                                   : "DELETE FROM skill_allowed WHERE person_id = ?");
        if (st)
            db_bind_int(st, 1, person);
        e = exec_step(db, st, f);
    }
    return e;
}

static enum err write_skills(struct db *db, const struct skill_profile *p, int64_t person,
                             struct fault *f)
{
    enum err e = ERR_OK;
    for (int i = 0; e == ERR_OK && i < p->n_skills; i++) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO person_skill (person_id, skill_code, "
                                            "level, willing) VALUES (?, ?, ?, ?)");
        if (st) {
            db_bind_int(st, 1, person);
            db_bind_text(st, 2, p->skills[i].code);
            db_bind_text(st, 3, p->skills[i].level);
            db_bind_int(st, 4, p->skills[i].willing);
        }
        e = exec_step(db, st, f);
    }
    for (int i = 0; e == ERR_OK && i < p->n_allowed; i++) {
        /* an unknown person inserts nothing: then the count tells */
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO skill_allowed (person_id, allowed_id) SELECT ?, id FROM person "
                "WHERE id = ? AND erased_at IS NULL ON CONFLICT DO NOTHING");
        if (st) {
            db_bind_int(st, 1, person);
            db_bind_int(st, 2, p->allowed[i]);
        }
        e = exec_step(db, st, f);
        if (e == ERR_OK && db_changes(db) == 0) {
            bool twice = false;
            for (int j = 0; j < i; j++)
                twice = twice || p->allowed[j] == p->allowed[i];
            if (!twice)
                e = fault_set(f, ERR_INVALID, "allowed", "There is no such person.", NULL);
        }
    }
    return e;
}

enum err skill_save(struct db *db, const struct skill_profile *p, const struct actor *act,
                    struct fault *f)
{
    enum err e = capacity_check(db, act, ACT_SKILL_REGISTER, REL_OWN, f);
    if (e == ERR_OK)
        e = skill_profile_check(p, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    e = write_profile(db, p, act->person_id, act->now, f);
    if (e == ERR_OK)
        e = write_skills(db, p, act->person_id, f);
    if (e == ERR_OK)
        e = audit_record_private(db, act, "skill.register", "person", act->person_id, f);
    return tx_end(db, own, e, f);
}

enum err skill_pause(struct db *db, bool paused, const struct actor *act, struct fault *f)
{
    enum err e = capacity_check(db, act, ACT_SKILL_REGISTER, REL_OWN, f);
    bool own;
    if (e != ERR_OK || (e = tx_begin(db, &own, f)) != ERR_OK)
        return e;
    struct db_stmt *st =
        db_prepare(db, "UPDATE skill_profile SET paused = ?, updated_at = ? WHERE person_id = ?");
    if (st) {
        db_bind_int(st, 1, paused);
        db_bind_int(st, 2, act->now);
        db_bind_int(st, 3, act->person_id);
    }
    e = exec_step(db, st, f);
    if (e == ERR_OK && db_changes(db) == 0)
        e = fault_set(f, ERR_NOT_FOUND, NULL, "Register your skills first.", NULL);
    if (e == ERR_OK)
        e = audit_record_private(db, act, paused ? "skill.pause" : "skill.resume", "person",
                                 act->person_id, f);
    return tx_end(db, own, e, f);
}

static enum err load_skills(struct db *db, struct arena *a, struct skill_profile *out,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(db, "SELECT skill_code, level, willing FROM person_skill "
                                        "WHERE person_id = ? ORDER BY skill_code");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->person_id);
    out->skills = arena_array(a, SKILL_PERSON_MAX, sizeof *out->skills);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW && out->n_skills < SKILL_PERSON_MAX)
        out->skills[out->n_skills++] = (struct skill_entry){
            .code = arena_strdup(a, db_col_text(st, 0)),
            .level = arena_strdup(a, db_col_text(st, 1)),
            .willing = db_col_int(st, 2) != 0,
        };
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    st = db_prepare(db, "SELECT allowed_id FROM skill_allowed WHERE person_id = ? "
                        "ORDER BY allowed_id");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, out->person_id);
    out->allowed = arena_array(a, SKILL_ALLOWED_MAX, sizeof *out->allowed);
    while ((rc = db_step(st)) == DB_ROW && out->n_allowed < SKILL_ALLOWED_MAX)
        out->allowed[out->n_allowed++] = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fault(db, f) : ERR_OK;
}

enum err skill_profile_get(struct db *db, struct arena *a, int64_t person_id,
                           struct skill_profile *out, struct fault *f)
{
    *out = (struct skill_profile){.person_id = person_id, .visibility = "wijk", .about = ""};
    struct db_stmt *st = db_prepare(
        db, "SELECT hours_month, visibility, paused, about, updated_at, (SELECT h.reason FROM "
            "content_hidden h WHERE h.object_type = 'skill_about' AND h.object_id = "
            "CAST(p.person_id AS TEXT) AND h.unhidden_at IS NULL ORDER BY h.id DESC LIMIT 1) "
            "FROM skill_profile p WHERE person_id = ?");
    if (!st)
        return db_fault(db, f);
    db_bind_int(st, 1, person_id);
    enum db_rc rc = db_step(st);
    if (rc == DB_ROW) {
        out->exists = true;
        out->hours_month = (int)db_col_int(st, 0);
        out->visibility = arena_strdup(a, db_col_text(st, 1));
        out->paused = db_col_int(st, 2) != 0;
        out->about_hidden = db_col_text_dup(st, 5, a);
        out->about =
            out->about_hidden ? "" : arena_strdup(a, db_col_text(st, 3)); /* never leaves */
        out->updated_at = db_col_int(st, 4);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fault(db, f);
    return load_skills(db, a, out, f);
}

/* One "code:level[:unwilling]" entry of len bytes at p. */
static bool parse_entry(struct arena *a, const char *p, size_t len, struct skill_entry *out)
{
    while (len && *p == ' ')
        p++, len--;
    while (len && p[len - 1] == ' ')
        len--;
    const char *c1 = memchr(p, ':', len);
    if (!c1 || c1 == p)
        return false;
    const char *lv = c1 + 1;
    size_t rest = len - (size_t)(lv - p);
    const char *c2 = memchr(lv, ':', rest);
    size_t lvlen = c2 ? (size_t)(c2 - lv) : rest;
    if (c2 && !(rest - lvlen - 1 == 9 && memcmp(c2 + 1, "unwilling", 9) == 0))
        return false;
    *out = (struct skill_entry){.code = arena_strndup(a, p, (size_t)(c1 - p)),
                                .level = arena_strndup(a, lv, lvlen),
                                .willing = c2 == NULL};
    return true;
}

enum err skill_parse_list(struct arena *a, const char *text, struct skill_entry **items, int *n,
                          struct fault *f)
{
    *items = arena_array(a, SKILL_PERSON_MAX, sizeof **items);
    *n = 0;
    const char *p = text ? text : "";
    while (*p == ' ')
        p++;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (*n == SKILL_PERSON_MAX || !parse_entry(a, p, len, &(*items)[*n]))
            return fault_set(f, ERR_INVALID, "skills",
                             "Write each skill as code:level, such as carpentry:expert.", NULL);
        (*n)++;
        p += len + (p[len] == ',');
    }
    return ERR_OK;
}

enum err skill_parse_ids(struct arena *a, const char *text, int64_t **ids, int *n, struct fault *f)
{
    *ids = arena_array(a, SKILL_ALLOWED_MAX, sizeof **ids);
    *n = 0;
    const char *p = text ? text : "";
    p += strspn(p, ", ");
    while (*p) {
        int64_t v = 0;
        int digits = 0;
        for (; *p >= '0' && *p <= '9' && digits < 18; p++, digits++)
            v = v * 10 + (*p - '0');
        if (digits == 0 || v == 0 || (*p && !strchr(", ", *p)) || *n == SKILL_ALLOWED_MAX)
            return fault_set(f, ERR_INVALID, "allowed",
                             "List the initiators you allow by their numbers, such as 12, 15.",
                             NULL);
        (*ids)[(*n)++] = v;
        p += strspn(p, ", ");
    }
    return ERR_OK;
}

