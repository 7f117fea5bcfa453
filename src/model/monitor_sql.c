/* The monitor's counting queries (see monitor_calc.h; docs/monitor.md
 * defines each count). Every query counts for every area at once: an
 * object (an initiative, a contributor, an agreement) belongs to an area,
 * and the LEVELS join lifts it to that area, its wijk and its gemeente, so
 * that one GROUP BY yields buurten and roll-ups together and an object in
 * two buurten of a wijk counts once in the wijk (COUNT DISTINCT). The same
 * SQL text runs on SQLite and PostgreSQL.
 *
 * Each query is a literal with '?' placeholders; its bind list is a short
 * string, one letter a placeholder: s/e the window's start and end (unix
 * seconds), S/E the same as dates, p/q start and end a year earlier, i the
 * start of the idle period, g the gemeente (or NULL: every area). */
#include "model/monitor_calc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/mem.h"
#include "db/db.h"

enum { YEAR = 365 * 86400 };

#define LV_FROM                                                                                    \
    " JOIN area a1 ON a1.code = x.area LEFT JOIN area a2 ON a2.code = a1.parent_code "             \
    "LEFT JOIN area a3 ON a3.code = a2.parent_code "                                               \
    "CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) lv "
#define LV_CODE "(CASE lv.n WHEN 1 THEN a1.code WHEN 2 THEN a2.code ELSE a3.code END)"
#define LV_WHERE                                                                                   \
    " WHERE " LV_CODE " IS NOT NULL AND (CAST(? AS TEXT) IS NULL OR "                              \
    "COALESCE(a3.code, a2.code, a1.code) = ?) "
#define LV_GROUP " GROUP BY " LV_CODE

/* A residency counting in the window [s, e): binds e, s. */
#define RESIDENT_IN_W                                                                              \
    "r.status IN ('verified', 'ended') AND r.start_at IS NOT NULL AND r.start_at < ? AND "         \
    "(r.end_at IS NULL OR r.end_at > ?)"

/* Not ended (anchored or stopped) before a time: binds that time. */
#define NOT_ENDED_BEFORE                                                                           \
    "NOT EXISTS (SELECT 1 FROM initiative_phase_change pe WHERE pe.initiative_id = i.id AND "      \
    "pe.to_phase IN ('anchored', 'stopped') AND pe.at < ?)"

/* Contributors: per person the contributions in the window, with each
 * buurt the person lived in during it and the age group they gave. The
 * roll-up (a person once per wijk and gemeente) and the top five per area
 * are done in C (count_contributors): in SQL they cost four times the
 * query itself. */
static const char contributors_sql[] =
    "WITH ev (pid) AS ("
    " SELECT person_id FROM pledge WHERE created_at < ? AND (withdrawn_at IS NULL OR "
    "withdrawn_at >= ?)"
    " UNION ALL SELECT person_id FROM initiative_initiator WHERE since_at < ? AND "
    "(until_at IS NULL OR until_at >= ?)"
    " UNION ALL SELECT person_id FROM activity_volunteer WHERE created_at < ? AND "
    "(withdrawn_at IS NULL OR withdrawn_at >= ?)"
    " UNION ALL SELECT person_id FROM decision_vote WHERE created_at >= ? AND created_at < ?),"
    " pn (pid, n) AS (SELECT pid, COUNT(*) FROM ev GROUP BY pid) "
    "SELECT DISTINCT r.buurt_code, pn.pid, pn.n, ag.age_group FROM pn JOIN residency r ON "
    "r.person_id = pn.pid LEFT JOIN person_age_group ag ON ag.person_id = pn.pid WHERE "
    RESIDENT_IN_W;

/* Initiatives active in the window; at its end: active, resident-owned,
 * idle. Owned by its initiators: at least one, each a resident of one of
 * its buurten; or by a collective whose members are at least two thirds
 * residents. Idle: nothing happened in the idle period before the end. */
#define AT_END "NOT EXISTS (SELECT 1 FROM initiative_phase_change pe WHERE pe.initiative_id = " \
    "i.id AND pe.to_phase IN ('anchored', 'stopped') AND pe.at < ?)"
static const char initiatives_sql[] =
    "WITH x AS MATERIALIZED (SELECT ia.buurt_code AS area, "
    "i.id AS id, CASE WHEN " AT_END " THEN i.id END AS at_end, "
    "CASE WHEN " AT_END " AND ((i.collective_id IS NULL AND EXISTS (SELECT 1 FROM "
    "initiative_initiator a WHERE a.initiative_id = i.id AND a.since_at < ? AND "
    "(a.until_at IS NULL OR a.until_at >= ?)) AND NOT EXISTS (SELECT 1 FROM "
    "initiative_initiator a WHERE a.initiative_id = i.id AND a.since_at < ? AND "
    "(a.until_at IS NULL OR a.until_at >= ?) AND NOT EXISTS (SELECT 1 FROM residency r "
    "JOIN initiative_area ib ON ib.buurt_code = r.buurt_code WHERE ib.initiative_id = i.id AND "
    "r.person_id = a.person_id AND " RESIDENT_IN_W "))) OR (i.collective_id IS NOT NULL AND "
    "(SELECT CASE WHEN COUNT(*) > 0 AND 3 * SUM(CASE WHEN m.capacity LIKE 'resident%' "
    "THEN 1 ELSE 0 END) >= 2 * COUNT(*) THEN 1 ELSE 0 END FROM collective_member m WHERE "
    "m.collective_id = i.collective_id AND m.role = 'member' AND m.joined_at IS NOT NULL AND "
    "m.joined_at < ? AND (m.left_at IS NULL OR m.left_at >= ?)) = 1)) THEN i.id END AS owned, "
    "CASE WHEN " AT_END " AND i.created_at < ? "
    "AND NOT EXISTS (SELECT 1 FROM initiative_phase_change c WHERE c.initiative_id = i.id AND "
    "c.at >= ? AND c.at < ?) "
    "AND NOT EXISTS (SELECT 1 FROM pledge p WHERE p.initiative_id = i.id AND "
    "((p.created_at >= ? AND p.created_at < ?) OR (p.updated_at >= ? AND p.updated_at < ?))) "
    "AND NOT EXISTS (SELECT 1 FROM activity v WHERE v.initiative_id = i.id AND "
    "v.status = 'scheduled' AND v.starts_at < ? AND (v.starts_at >= ? OR v.rrule IS NOT NULL)) "
    "AND NOT EXISTS (SELECT 1 FROM task t WHERE t.initiative_id = i.id AND t.created_at >= ? "
    "AND t.created_at < ?) "
    "AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.initiative_id = i.id AND "
    "d.created_at >= ? AND d.created_at < ?) THEN i.id END AS idle "
    "FROM initiative i JOIN initiative_area ia ON ia.initiative_id = i.id "
    "WHERE i.created_at < ? AND " NOT_ENDED_BEFORE ") SELECT " LV_CODE ", COUNT(DISTINCT x.id), "
    "COUNT(DISTINCT x.at_end), COUNT(DISTINCT x.owned), COUNT(DISTINCT x.idle) FROM x" LV_FROM
        LV_WHERE LV_GROUP;

/* Organisations engaged with initiatives active in the window: accepted
 * offers (and the organisations they connect to), hours delivered,
 * organisation parties of agreements in force. */
#define AGREEMENT_IN_FORCE                                                                         \
    "ag.status IN ('active', 'ended', 'terminated') AND av.term_from < ? AND av.term_to >= ? "     \
    "AND (ag.ended_at IS NULL OR ag.ended_at >= ?)"
static const char organisations_sql[] =
    "WITH l (org, iid) AS ("
    " SELECT organisation_id, initiative_id FROM offer WHERE status = 'accepted' AND "
    "answered_at >= ? AND answered_at < ?"
    " UNION SELECT connect_organisation_id, initiative_id FROM offer WHERE status = 'accepted' "
    "AND connect_organisation_id IS NOT NULL AND answered_at >= ? AND answered_at < ?"
    " UNION SELECT hp.organisation_id, hm.initiative_id FROM hours_movement hm JOIN hour_pledge "
    "hp ON hp.id = hm.pledge_id WHERE hm.kind = 'delivery' AND hm.initiative_id IS NOT NULL AND "
    "hm.on_date >= ? AND hm.on_date < ?"
    " UNION SELECT ap.organisation_id, ai.initiative_id FROM agreement_party ap JOIN "
    "agreement_initiative ai ON ai.agreement_id = ap.agreement_id JOIN agreement ag ON ag.id = "
    "ap.agreement_id JOIN agreement_version av ON av.agreement_id = ag.id AND av.version = "
    "ag.version WHERE ap.kind = 'organisation' AND " AGREEMENT_IN_FORCE "),"
    " act (iid) AS (SELECT i.id FROM initiative i WHERE i.created_at < ? AND " NOT_ENDED_BEFORE
    "),"
    " k (iid, kinds) AS (SELECT l.iid, COUNT(DISTINCT o.kind) FROM l JOIN organisation o ON "
    "o.id = l.org JOIN act ON act.iid = l.iid GROUP BY l.iid),"
    " x (area, org, iid) AS (SELECT ia.buurt_code, l.org, CASE WHEN k.kinds >= 2 THEN l.iid END "
    "FROM l JOIN k ON k.iid = l.iid JOIN initiative_area ia ON ia.initiative_id = l.iid) "
    "SELECT " LV_CODE ", COUNT(DISTINCT x.org), COUNT(DISTINCT x.iid) FROM x" LV_FROM LV_WHERE
        LV_GROUP;

/* I3: initiatives started in the year before the window (each has had a
 * full year), and those that reached execution within 365 days. */
static const char conversion_sql[] =
    "SELECT " LV_CODE ", COUNT(DISTINCT x.id), COUNT(DISTINCT x.conv) FROM (SELECT "
    "ia.buurt_code AS area, i.id AS id, CASE WHEN EXISTS (SELECT 1 FROM initiative_phase_change "
    "c WHERE c.initiative_id = i.id AND c.to_phase = 'execution' AND c.at < i.created_at + "
    "31536000) THEN i.id END AS conv FROM initiative i JOIN initiative_area ia ON "
    "ia.initiative_id = i.id WHERE i.created_at >= ? AND i.created_at < ?) x" LV_FROM LV_WHERE
        LV_GROUP;

/* I12: initiatives that first entered execution in the year before the
 * window, and those not stopped within 365 days of it. */
static const char continuity_sql[] =
    "SELECT " LV_CODE ", COUNT(DISTINCT x.id), COUNT(DISTINCT x.cont) FROM (SELECT "
    "ia.buurt_code AS area, ex.iid AS id, CASE WHEN NOT EXISTS (SELECT 1 FROM "
    "initiative_phase_change c WHERE c.initiative_id = ex.iid AND c.to_phase = 'stopped' AND "
    "c.at < ex.at + 31536000) THEN ex.iid END AS cont FROM (SELECT initiative_id AS iid, "
    "MIN(at) AS at FROM initiative_phase_change WHERE to_phase = 'execution' GROUP BY "
    "initiative_id) ex JOIN initiative_area ia ON ia.initiative_id = ex.iid WHERE ex.at >= ? AND "
    "ex.at < ?) x" LV_FROM LV_WHERE LV_GROUP;

/* I13: experiments ended in the window (initiatives anchored or stopped,
 * rule-free zones ended), and those with an evaluation. */
static const char learning_sql[] =
    "SELECT " LV_CODE ", COUNT(DISTINCT x.iid) + COUNT(DISTINCT x.zid), COUNT(DISTINCT x.ieval) "
    "+ COUNT(DISTINCT x.zeval) FROM (SELECT ia.buurt_code AS area, en.iid AS iid, CASE WHEN "
    "EXISTS (SELECT 1 FROM initiative_evaluation v WHERE v.initiative_id = en.iid) THEN en.iid "
    "END AS ieval, CAST(NULL AS BIGINT) AS zid, CAST(NULL AS BIGINT) AS zeval FROM (SELECT "
    "initiative_id AS iid, MIN(at) AS at FROM initiative_phase_change WHERE to_phase IN "
    "('anchored', 'stopped') GROUP BY initiative_id) en JOIN initiative_area ia ON "
    "ia.initiative_id = en.iid WHERE en.at >= ? AND en.at < ? "
    "UNION ALL SELECT z.area_code, NULL, NULL, z.id, CASE WHEN z.evaluated_at IS NOT NULL THEN "
    "z.id END FROM zone z WHERE z.status IN ('granted', 'ended') AND ((z.ended_at IS NOT NULL "
    "AND z.ended_at >= ? AND z.ended_at < ?) OR (z.ended_at IS NULL AND z.valid_to >= ? AND "
    "z.valid_to < ?))) x" LV_FROM LV_WHERE LV_GROUP;

/* I5: content on the area's initiatives, collectives and activities in the
 * window; professional when written as a professional or for an
 * organisation (an organisation admin). */
#define PRO(col)                                                                                   \
    "CASE WHEN " col " LIKE 'professional%' OR " col " LIKE 'organisation_admin%' THEN 1 ELSE 0 END"
static const char content_sql[] =
    "SELECT " LV_CODE ", COUNT(DISTINCT x.cid), COUNT(DISTINCT CASE WHEN x.pro = 1 THEN x.cid "
    "END) FROM ("
    "SELECT ia.buurt_code AS area, 'o' || CAST(c.id AS TEXT) AS cid, " PRO("c.capacity") " AS pro "
    "FROM offer c JOIN initiative_area ia ON ia.initiative_id = c.initiative_id WHERE "
    "c.created_at >= ? AND c.created_at < ? "
    "UNION ALL SELECT ia.buurt_code, 'q' || CAST(q.id AS TEXT), " PRO("q.asked_capacity") " FROM "
    "responsibility_question q JOIN initiative_area ia ON ia.initiative_id = q.initiative_id "
    "WHERE q.asked_at >= ? AND q.asked_at < ? "
    "UNION ALL SELECT ia.buurt_code, 'a' || CAST(q.id AS TEXT), " PRO("q.answered_capacity") " "
    "FROM responsibility_question q JOIN initiative_area ia ON ia.initiative_id = "
    "q.initiative_id WHERE q.answered_at >= ? AND q.answered_at < ? "
    "UNION ALL SELECT ia.buurt_code, 'p' || CAST(c.id AS TEXT), " PRO("c.capacity") " FROM "
    "initiative_phase_change c JOIN initiative_area ia ON ia.initiative_id = c.initiative_id "
    "WHERE c.reason IS NOT NULL AND c.reason <> '' AND c.at >= ? AND c.at < ? "
    "UNION ALL SELECT ia.buurt_code, 'd' || CAST(d.id AS TEXT), 0 FROM decision d JOIN "
    "initiative_area ia ON ia.initiative_id = d.initiative_id WHERE d.created_at >= ? AND "
    "d.created_at < ? "
    "UNION ALL SELECT cl.area_code, 'd' || CAST(d.id AS TEXT), 0 FROM decision d JOIN "
    "collective cl ON cl.id = d.collective_id WHERE d.created_at >= ? AND d.created_at < ? "
    "UNION ALL SELECT v.buurt_code, 'v' || CAST(v.id AS TEXT), 0 FROM activity v WHERE "
    "v.created_at >= ? AND v.created_at < ? "
    "UNION ALL SELECT ia.buurt_code, 'g' || CAST(g.id AS TEXT), " PRO("g.created_capacity") " "
    "FROM agreement_version g JOIN agreement_initiative ai ON ai.agreement_id = g.agreement_id "
    "JOIN initiative_area ia ON ia.initiative_id = ai.initiative_id WHERE g.created_at >= ? AND "
    "g.created_at < ?) x" LV_FROM LV_WHERE LV_GROUP;

/* I6: decisions taken in the window by resident bodies (closed with an
 * outcome other than no quorum) against external decisions (recorded
 * decisions of the gemeente or funders, and zone decisions). */
static const char decisions_sql[] =
    "SELECT " LV_CODE ", COUNT(DISTINCT x.did), COUNT(DISTINCT x.eid) FROM ("
    "SELECT ia.buurt_code AS area, d.id AS did, CAST(NULL AS TEXT) AS eid FROM decision d JOIN "
    "initiative_area ia ON ia.initiative_id = d.initiative_id WHERE d.status = 'closed' AND "
    "d.outcome <> 'no_quorum' AND d.closed_at >= ? AND d.closed_at < ? "
    "UNION ALL SELECT c.area_code, d.id, NULL FROM decision d JOIN collective c ON c.id = "
    "d.collective_id WHERE d.status = 'closed' AND d.outcome <> 'no_quorum' AND d.closed_at >= ? "
    "AND d.closed_at < ? "
    "UNION ALL SELECT ia.buurt_code, NULL, 'x' || CAST(e.id AS TEXT) FROM external_event e JOIN "
    "initiative_area ia ON ia.initiative_id = e.initiative_id WHERE e.decided_on >= ? AND "
    "e.decided_on < ? "
    "UNION ALL SELECT z.area_code, NULL, 'z' || CAST(z.id AS TEXT) FROM zone z WHERE "
    "z.decided_at >= ? AND z.decided_at < ?) x" LV_FROM LV_WHERE LV_GROUP;

/* I9: agreements in force in the window with a collective of the area. */
static const char agreements_sql[] =
    "SELECT " LV_CODE ", COUNT(DISTINCT x.aid) FROM (SELECT c.area_code AS area, ag.id AS aid "
    "FROM agreement ag JOIN agreement_version av ON av.agreement_id = ag.id AND av.version = "
    "ag.version JOIN agreement_party ap ON ap.agreement_id = ag.id AND ap.kind = 'collective' "
    "JOIN collective c ON c.id = ap.collective_id WHERE " AGREEMENT_IN_FORCE ") x" LV_FROM
        LV_WHERE LV_GROUP;

/* I10: skills registered by residents of the area, and those used: the
 * person accepted an invitation for a need of that skill in the window. */
static const char skills_sql[] =
    "WITH x AS MATERIALIZED (SELECT r.buurt_code AS area, CAST(ps.person_id AS TEXT) || ':' || "
    "ps.skill_code AS sk, CASE WHEN "
    "EXISTS (SELECT 1 FROM match_invite mi JOIN match_need mn ON mn.id = mi.need_id WHERE "
    "mi.person_id = ps.person_id AND mn.skill_code = ps.skill_code AND mi.status = 'accepted' "
    "AND mi.answered_at >= ? AND mi.answered_at < ?) THEN CAST(ps.person_id AS TEXT) || ':' || "
    "ps.skill_code END AS used FROM person_skill ps JOIN residency r ON r.person_id = "
    "ps.person_id WHERE " RESIDENT_IN_W ") SELECT " LV_CODE ", COUNT(DISTINCT x.sk), "
    "COUNT(DISTINCT x.used) FROM x" LV_FROM LV_WHERE LV_GROUP;

/* I11a: initiators in the window, and those who were never an initiator
 * before it. */
static const char initiators_sql[] =
    "WITH x AS MATERIALIZED (SELECT ia.buurt_code AS area, ii.person_id AS pid, CASE WHEN NOT "
    "EXISTS (SELECT 1 FROM "
    "initiative_initiator i2 WHERE i2.person_id = ii.person_id AND i2.since_at < ?) THEN "
    "ii.person_id END AS first FROM initiative_initiator ii JOIN initiative_area ia ON "
    "ia.initiative_id = ii.initiative_id WHERE ii.since_at < ? AND (ii.until_at IS NULL OR "
    "ii.until_at >= ?)) SELECT " LV_CODE ", COUNT(DISTINCT x.pid), COUNT(DISTINCT x.first) "
    "FROM x" LV_FROM LV_WHERE LV_GROUP;

/* I7: the hour pledges overlapping the window with the hours delivered on
 * them in it; the pledged share is prorated in C. */
static const char hours_sql[] =
    "SELECT x.area, x.hours_tenths, x.starts_on, x.ends_on, x.withdrawn_at, (SELECT "
    "COALESCE(SUM(en.amount_tenths), 0) FROM hours_movement hm JOIN hours_entry en ON "
    "en.movement_id = hm.id AND en.account = 'delivered' WHERE hm.pledge_id = x.id AND "
    "hm.on_date >= ? AND hm.on_date < ?) FROM (SELECT hp.id AS id, hp.area_code AS area, "
    "hp.hours_tenths AS hours_tenths, hp.starts_on AS starts_on, hp.ends_on AS ends_on, "
    "hp.withdrawn_at AS withdrawn_at FROM hour_pledge hp WHERE hp.starts_on < ? AND "
    "hp.ends_on >= ?) x JOIN area a1 ON a1.code = x.area LEFT JOIN area a2 ON a2.code = "
    "a1.parent_code LEFT JOIN area a3 ON a3.code = a2.parent_code WHERE (CAST(? AS TEXT) IS "
    "NULL OR COALESCE(a3.code, a2.code, a1.code) = ?)";

static void bind_all(struct db_stmt *st, const char *spec, const struct mon_window *w,
                     const char *gemeente)
{
    for (int i = 0; spec[i]; i++) {
        int idx = i + 1;
        switch (spec[i]) {
        case 's': db_bind_int(st, idx, w->start); break;
        case 'e': db_bind_int(st, idx, w->end); break;
        case 'S': db_bind_text(st, idx, w->start_date); break;
        case 'E': db_bind_text(st, idx, w->end_date); break;
        case 'p': db_bind_int(st, idx, w->start - YEAR); break;
        case 'q': db_bind_int(st, idx, w->end - YEAR); break;
        case 'i': db_bind_int(st, idx, w->idle_from); break;
        case 'g':
            if (gemeente)
                db_bind_text(st, idx, gemeente);
            else
                db_bind_null(st, idx);
            break;
        default: abort();
        }
    }
}

/* Where each column of a query's rows goes (after the area code). */
struct counting {
    const char *sql;
    const char *binds;
    size_t fields[8]; /* offsetof in struct mon_comp; the list ends at 0 */
};

#define F(name) offsetof(struct mon_comp, name)

static const struct counting countings[] = {
    {initiatives_sql, "eeeeeeeeeeeiieieieeiieieesgg",
     {F(active), F(active_end), F(owned_end), F(idle_end)}},
    {organisations_sql, "seseSEESsesgg", {F(orgs), F(linked2)}},
    {conversion_sql, "pqgg", {F(started), F(converted)}},
    {continuity_sql, "pqgg", {F(exec_cohort), F(continued)}},
    {learning_sql, "seseSEgg", {F(ended), F(evaluated)}},
    {content_sql, "sesesesesesesesegg", {F(content), F(content_pro)}},
    {decisions_sql, "seseSEsegg", {F(dec_resident), F(dec_external)}},
    {agreements_sql, "ESsgg", {F(agreements)}},
    {skills_sql, "seesgg", {F(skills_registered), F(skills_used)}},
    {initiators_sql, "sesgg", {F(initiators), F(first_initiators)}},
};

static enum err run_counting(struct db *db, const struct counting *c, const struct mon_window *w,
                             struct mon_set *set, struct fault *f)
{
    size_t marks = 0;
    for (const char *p = c->sql; *p; p++)
        marks += *p == '?';
    if (marks != strlen(c->binds))
        abort(); /* a query and its bind list disagree: a programming error */
    struct db_stmt *st = db_prepare(db, c->sql);
    if (!st)
        return db_fault(db, f);
    bind_all(st, c->binds, w, set->gemeente);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int k = mon_set_find(set, db_col_text(st, 0));
        if (k < 0)
            continue;
        char *comp = (char *)&set->areas[k].comp;
        for (int j = 0; j < 8 && (j == 0 || c->fields[j]); j++)
            *(double *)(comp + c->fields[j]) += db_col_double(st, j + 1);
    }
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

/* The days of [from, to] (inclusive dates) that lie in [start, end). */
static double overlap_days(int64_t from, int64_t to, int64_t start, int64_t end)
{
    int64_t lo = from > start ? from : start, hi = to + 86400 < end ? to + 86400 : end;
    return hi > lo ? (double)(hi - lo) / 86400 : 0;
}

/* One hour pledge: its share pledged for the window (prorated over its
 * period, which a withdrawal ends) and delivered in it, added to its area
 * and the areas above. */
static void add_pledge(struct db_stmt *st, const struct mon_window *w, struct mon_set *set)
{
    int k = mon_set_find(set, db_col_text(st, 0));
    int64_t from, to;
    if (k < 0 || !clock_parse_date(db_col_text(st, 2), &from) ||
        !clock_parse_date(db_col_text(st, 3), &to))
        return;
    double period = (double)(to - from) / 86400 + 1;
    int64_t until = to;
    if (!db_col_is_null(st, 4) && db_col_int(st, 4) - 86400 < until)
        until = db_col_int(st, 4) - 86400;
    double pledged = db_col_double(st, 1) * overlap_days(from, until, w->start, w->end) / period;
    double delivered = db_col_double(st, 5);
    for (; k >= 0; k = set->areas[k].parent) {
        set->areas[k].comp.hours_pledged += pledged;
        set->areas[k].comp.hours_delivered += delivered;
    }
}

static enum err count_hours(struct db *db, const struct mon_window *w, struct mon_set *set,
                            struct fault *f)
{
    struct db_stmt *st = db_prepare(db, hours_sql);
    if (!st)
        return db_fault(db, f);
    bind_all(st, "SEESgg", w, set->gemeente);
    enum db_rc rc;
    while ((rc = db_step(st)) == DB_ROW)
        add_pledge(st, w, set);
    db_done(st);
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

/* One contributor in one area (a buurt they lived in, or an area above). */
struct contrib {
    int area;
    int age; /* index into monitor_age_groups, -1: not given */
    int64_t pid;
    double n;
};

static int cmp_area_pid(const void *x, const void *y)
{
    const struct contrib *a = x, *b = y;
    if (a->area != b->area)
        return a->area < b->area ? -1 : 1;
    return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static int cmp_area_most(const void *x, const void *y)
{
    const struct contrib *a = x, *b = y;
    if (a->area != b->area)
        return a->area < b->area ? -1 : 1;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static int age_index(const char *code)
{
    for (int i = 0; code && i < MON_AGE_GROUPS; i++)
        if (strcmp(code, monitor_age_groups[i]) == 0)
            return i;
    return -1;
}

/* The rows of contributors_sql, each lifted to its buurt and the areas
 * above it, into *out; the count. */
static size_t contrib_rows(struct db_stmt *st, const struct mon_set *set, struct contrib **out,
                           enum db_rc *rc)
{
    size_t n = 0, cap = 0;
    while ((*rc = db_step(st)) == DB_ROW) {
        int k = mon_set_find(set, db_col_text(st, 0));
        struct contrib c = {.pid = db_col_int(st, 1), .n = db_col_double(st, 2),
                            .age = age_index(db_col_text(st, 3))};
        for (; k >= 0; k = set->areas[k].parent) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                *out = xrealloc(*out, cap * sizeof **out);
            }
            c.area = k;
            (*out)[n++] = c;
        }
    }
    return n;
}

/* Per area: contributors (each person once), their contributions, the
 * top five's, and how many gave each age group. */
static void contrib_add(struct contrib *c, size_t n, struct mon_set *set)
{
    size_t m = 0;
    if (n == 0)
        return; /* c may be NULL: nothing to sort */
    qsort(c, n, sizeof *c, cmp_area_pid);
    for (size_t i = 0; i < n; i++)
        if (m == 0 || c[m - 1].area != c[i].area || c[m - 1].pid != c[i].pid)
            c[m++] = c[i];
    qsort(c, m, sizeof *c, cmp_area_most);
    for (size_t i = 0, rank = 0; i < m; i++) {
        struct mon_comp *comp = &set->areas[c[i].area].comp;
        rank = i > 0 && c[i - 1].area == c[i].area ? rank + 1 : 0;
        comp->act += 1;
        comp->contributions += c[i].n;
        comp->top5 += rank < 5 ? c[i].n : 0;
        if (c[i].age >= 0)
            comp->act_age[c[i].age] += 1;
    }
}

static enum err count_contributors(struct db *db, const struct mon_window *w,
                                   struct mon_set *set, struct fault *f)
{
    struct db_stmt *st = db_prepare(db, contributors_sql);
    if (!st)
        return db_fault(db, f);
    bind_all(st, "esesessees", w, NULL);
    struct contrib *c = NULL;
    enum db_rc rc;
    size_t n = contrib_rows(st, set, &c, &rc);
    db_done(st);
    if (rc == DB_DONE)
        contrib_add(c, n, set);
    free(c);
    return rc == DB_DONE ? ERR_OK : db_fault(db, f);
}

enum err mon_sql_count(struct db *db, const struct mon_window *w, struct mon_set *set,
                       struct fault *f)
{
    enum err e = count_contributors(db, w, set, f);
    for (size_t i = 0; e == ERR_OK && i < sizeof countings / sizeof countings[0]; i++)
        e = run_counting(db, &countings[i], w, set, f);
    return e == ERR_OK ? count_hours(db, w, set, f) : e;
}
