/* Tests of decisions (src/model/decision.c, decision_close.c,
 * decision_vote.c) on SQLite and PostgreSQL: the counting rule of each
 * method (consent, majority with its quorum, dot vote), every bad proposal
 * refused with its field, who is eligible (the collective's voting
 * members; an initiative's initiators and pledgers; residents only, a
 * professional told why), a vote after closing, a second vote, dots
 * beyond N, objections that need a reason and block until their objector
 * resolves or withdraws them or the proposer amends, the count hidden
 * until close, closing by hand or by the closing time, with the outcome
 * recorded and everyone eligible notified. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "db/db.h"
#include "model/collective.h"
#include "model/decision.h"
#include "model/decision_vote.h"
#include "model/pledge.h"
#include "model_testing.h"
#include "plan_testing.h"

enum { DAY = 86400 };

static const char *const dot_options[] = {"Bankjes", "Bloembakken", "Speeltuin"};

static struct decision_input proposal(int64_t collective, int64_t initiative, const char *method)
{
    return (struct decision_input){
        .collective_id = collective,
        .initiative_id = initiative,
        .title = "Het buurtfeest op 1 juni",
        .body = "We houden het feest op het plein.",
        .method = method,
        .quorum_percent = 0,
        .dots = 3,
        .closes_at = AT_NOW + 7 * DAY,
        .options = dot_options,
        .n_options = 3,
    };
}

/* A collective of initiator, ann and bob (all joined, the board). */
static int64_t collective(struct at_fx *fx, const struct pt_world *w)
{
    struct collective in = {.name = "Buurttrust",
                            .kind = "trust",
                            .area_code = CT_BU1,
                            .voting_rule = "majority",
                            .statutes = ""};
    int64_t co[2] = {w->ann, w->bob}, id = 0;
    struct actor ini = pt_resident(w->initiator), ann = pt_resident(w->ann),
                 bob = pt_resident(w->bob);
    assert_int_equal(collective_found(fx->db, &in, co, &ini, &id, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &ann, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, id, &bob, NULL), ERR_OK);
    return id;
}

static int64_t propose(struct at_fx *fx, const struct decision_input *in, int64_t person)
{
    struct actor act = pt_resident(person);
    int64_t id = 0;
    struct fault f = {0};
    assert_int_equal(decision_propose(fx->db, in, &act, &id, &f), ERR_OK);
    return id;
}

static enum err vote(struct at_fx *fx, int64_t id, int64_t person, const char *choice, int64_t now,
                     struct fault *f)
{
    struct actor act = pt_resident(person);
    act.now = now;
    struct decision_ballot b = {.choice = choice};
    return decision_vote(fx->db, id, &b, &act, f);
}

static struct decision get(struct at_fx *fx, int64_t id, int64_t now)
{
    struct decision d;
    assert_int_equal(decision_get(fx->db, fx->a, id, now, &d, NULL), ERR_OK);
    return d;
}

static int64_t votes(struct at_fx *fx)
{
    return at_count(fx->db, "SELECT COUNT(*) FROM decision_vote");
}

static void test_consent_is_adopted_unless_an_objection_is_open(void **state)
{
    (void)state;
    assert_string_equal(decision_outcome("consent", 0, 10, 0, 0, 0, 0), "adopted");
    assert_string_equal(decision_outcome("consent", 0, 10, 9, 0, 0, 1), "blocked");
    assert_string_equal(decision_outcome("consent", 0, 10, 0, 0, 0, 3), "blocked");
}

static void test_majority_needs_more_for_than_against_and_its_quorum(void **state)
{
    (void)state;
    assert_string_equal(decision_outcome("majority", 0, 10, 3, 2, 1, 0), "adopted");
    assert_string_equal(decision_outcome("majority", 0, 10, 4, 2, 2, 0), "rejected");
    assert_string_equal(decision_outcome("majority", 0, 10, 3, 1, 2, 0), "rejected");
    /* abstentions count for the quorum, not for the result */
    assert_string_equal(decision_outcome("majority", 50, 10, 5, 1, 0, 0), "adopted");
    assert_string_equal(decision_outcome("majority", 50, 10, 4, 4, 0, 0), "no_quorum");
    assert_string_equal(decision_outcome("majority", 34, 3, 1, 1, 0, 0), "no_quorum");
    assert_string_equal(decision_outcome("majority", 33, 3, 1, 1, 0, 0), "adopted");
    assert_string_equal(decision_outcome("majority", 0, 10, 0, 0, 0, 0), "no_quorum");
}

static void test_a_dot_vote_is_decided_once_its_quorum_voted(void **state)
{
    (void)state;
    assert_string_equal(decision_outcome("dot", 0, 10, 1, 0, 0, 0), "decided");
    assert_string_equal(decision_outcome("dot", 20, 10, 1, 0, 0, 0), "no_quorum");
    assert_string_equal(decision_outcome("dot", 20, 10, 2, 0, 0, 0), "decided");
    assert_string_equal(decision_outcome("dot", 0, 10, 0, 0, 0, 0), "no_quorum");
}

static void assert_refused(const struct decision_input *in, const char *field)
{
    struct fault f = {0};
    assert_int_equal(decision_input_check(in, AT_NOW, &f), ERR_INVALID);
    assert_non_null(f.field);
    assert_string_equal(f.field, field);
    assert_non_null(f.msgid);
}

static void test_bad_proposals_are_refused_with_their_field(void **state)
{
    (void)state;
    struct decision_input ok = proposal(1, 0, "dot");
    assert_int_equal(decision_input_check(&ok, AT_NOW, NULL), ERR_OK);
    struct decision_input in = ok;
    in.initiative_id = 2;
    assert_refused(&in, "scope");
    in = ok, in.collective_id = 0;
    assert_refused(&in, "scope");
    in = ok, in.title = "  ";
    assert_refused(&in, "title");
    in = ok, in.title = "two\nlines";
    assert_refused(&in, "title");
    in = ok, in.method = "lottery";
    assert_refused(&in, "method");
    in = ok, in.quorum_percent = 101;
    assert_refused(&in, "quorum");
    in = proposal(1, 0, "consent"), in.quorum_percent = 50;
    assert_refused(&in, "quorum");
    in = ok, in.dots = 0;
    assert_refused(&in, "dots");
    in = ok, in.dots = DECISION_DOTS_MAX + 1;
    assert_refused(&in, "dots");
    in = ok, in.n_options = 1;
    assert_refused(&in, "options");
    static const char *const twice[] = {"Bankjes", "Bankjes"};
    in = ok, in.options = twice, in.n_options = 2;
    assert_refused(&in, "options");
    in = ok, in.closes_at = AT_NOW + 60;
    assert_refused(&in, "closes_at");
    in = ok, in.closes_at = AT_NOW + 400 * DAY;
    assert_refused(&in, "closes_at");
}

static void test_a_member_proposes_and_the_other_members_are_notified(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "consent");
    int64_t id = propose(fx, &in, w.ann);
    struct decision d = get(fx, id, AT_NOW);
    assert_string_equal(d.title, in.title);
    assert_string_equal(d.method, "consent");
    assert_int_equal(d.version, 1);
    assert_int_equal(d.proposed_by, w.ann);
    assert_false(d.closed);
    assert_string_equal(d.scope_name, "Buurttrust");
    assert_int_equal(d.tally.eligible, 3);
    assert_int_equal(pt_audits(fx, "decision.propose"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'decision_opened' AND path LIKE '/decisions/%'"),
                     2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_version"), 1);
    /* a bad proposal writes nothing */
    in.title = "";
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(decision_propose(fx->db, &in, &ann, NULL, NULL), ERR_INVALID);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision"), 1);
}

static void test_a_professional_neither_proposes_nor_votes(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.pro, 20, "week"); /* eligible as a resident */
    struct decision_input in = proposal(0, w.initiative, "majority");
    struct actor pro = pt_professional(w.pro);
    struct fault f = {0};
    assert_int_equal(decision_propose(fx->db, &in, &pro, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    int64_t id = propose(fx, &in, w.initiator);
    struct decision_ballot b = {.choice = "for"};
    f = (struct fault){0};
    assert_int_equal(decision_vote(fx->db, id, &b, &pro, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(decision_object(fx->db, id, "Nee", &pro, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(votes(fx), 0);
    /* as a resident who pledged, the same person votes */
    assert_int_equal(vote(fx, id, w.pro, "for", AT_NOW, NULL), ERR_OK);
    assert_int_equal(votes(fx), 1);
}

static void test_someone_not_eligible_cannot_vote(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.ann, 20, "week");
    struct decision_input in = proposal(0, w.initiative, "majority");
    int64_t id = propose(fx, &in, w.initiator);
    struct fault f = {0};
    /* bob lives in the buurt but neither started nor pledged */
    assert_int_equal(vote(fx, id, w.bob, "for", AT_NOW, &f), ERR_FORBIDDEN);
    assert_non_null(f.msgid);
    assert_int_equal(vote(fx, id, w.far, "for", AT_NOW, NULL), ERR_FORBIDDEN);
    assert_int_equal(votes(fx), 0);
    /* the initiator and a pledger are eligible */
    assert_int_equal(vote(fx, id, w.ann, "against", AT_NOW, NULL), ERR_OK);
    assert_int_equal(vote(fx, id, w.initiator, "for", AT_NOW, NULL), ERR_OK);
    assert_int_equal(get(fx, id, AT_NOW).tally.eligible, 2);
    /* a person with no capacity is not a resident */
    struct actor plain = at_actor(w.ann, AT_NOW);
    struct decision_ballot b = {.choice = "for"};
    assert_int_equal(decision_vote(fx->db, id, &b, &plain, NULL), ERR_FORBIDDEN);
}

static void test_a_vote_after_closing_is_refused_and_the_outcome_recorded(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "majority");
    in.quorum_percent = 50;
    int64_t id = propose(fx, &in, w.initiator);
    assert_int_equal(vote(fx, id, w.ann, "for", AT_NOW, NULL), ERR_OK);
    assert_int_equal(vote(fx, id, w.initiator, "for", AT_NOW + DAY, NULL), ERR_OK);
    /* computed when read: closed at its closing time, nothing written */
    struct decision d = get(fx, id, in.closes_at);
    assert_true(d.closed);
    assert_false(d.recorded);
    assert_string_equal(d.tally.outcome, "adopted");
    assert_int_equal(d.closed_at, in.closes_at);
    struct fault f = {0};
    assert_int_equal(vote(fx, id, w.bob, "against", in.closes_at, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "decision");
    assert_int_equal(votes(fx), 2);
    /* the refused vote recorded the outcome first, with the count */
    d = get(fx, id, in.closes_at + DAY);
    assert_true(d.recorded);
    assert_string_equal(d.tally.outcome, "adopted");
    assert_int_equal(d.tally.votes, 2);
    assert_int_equal(d.tally.votes_for, 2);
    assert_int_equal(d.tally.eligible, 3);
    assert_int_equal(d.closed_by, 0);
    assert_int_equal(pt_audits(fx, "decision.closed"), 1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'decision_closed'"),
                     3);
    /* settling again changes nothing */
    assert_int_equal(decision_settle(fx->db, id, in.closes_at + 2 * DAY, NULL), ERR_OK);
    assert_int_equal(pt_audits(fx, "decision.closed"), 1);
}

/* A vote in flight on a second connection: it takes the decision's lock,
 * writes its row, says so, and commits a moment later. */
struct vote_in_flight {
    const char *url;
    int64_t decision, person;
    volatile int locked;
};

static void *hold_a_vote(void *arg)
{
    struct vote_in_flight *v = arg;
    struct fault f = {0};
    struct db *db = db_open(v->url, &f);
    if (!db || db_begin(db, &f) != ERR_OK || decision_lock(db, v->decision, &f) != ERR_OK) {
        v->locked = -1;
        return NULL;
    }
    struct db_stmt *st = db_prepare(db, "INSERT INTO decision_vote (decision_id, person_id, "
                                        "version, choice, capacity, created_at, updated_at) "
                                        "VALUES (?, ?, 1, 'for', 'resident', ?, ?)");
    db_bind_int(st, 1, v->decision);
    db_bind_int(st, 2, v->person);
    db_bind_int(st, 3, AT_NOW);
    db_bind_int(st, 4, AT_NOW);
    bool ok = db_step(st) != DB_ERROR;
    db_done(st);
    v->locked = ok ? 1 : -1;
    usleep(300 * 1000);
    if (ok)
        db_commit(db, &f);
    else
        db_rollback(db);
    db_close(db);
    return NULL;
}

/* PostgreSQL runs READ COMMITTED: closing while a vote is being written
 * waits for it (decision_lock), so the recorded count holds that vote. */
static void test_closing_waits_for_a_vote_in_flight(void **state)
{
    struct at_fx *fx = at_fx(state);
    if (!fx->url)
        skip(); /* SQLite: one writer at a time by itself */
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "majority");
    int64_t id = propose(fx, &in, w.initiator);
    struct vote_in_flight v = {.url = fx->url, .decision = id, .person = w.ann};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, hold_a_vote, &v), 0);
    for (int i = 0; i < 500 && v.locked == 0; i++)
        usleep(10 * 1000);
    assert_int_equal(v.locked, 1);
    struct actor ini = pt_resident(w.initiator);
    assert_int_equal(decision_close(fx->db, id, &ini, NULL), ERR_OK);
    pthread_join(t, NULL);
    struct decision d = get(fx, id, AT_NOW);
    assert_int_equal(votes(fx), 1);
    assert_int_equal(d.tally.votes, 1);
    assert_int_equal(d.tally.votes_for, 1);
    assert_string_equal(d.tally.outcome, "adopted");
}

static void test_a_majority_vote_below_its_quorum_is_not_taken(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "majority");
    in.quorum_percent = 67;
    int64_t id = propose(fx, &in, w.initiator);
    assert_int_equal(vote(fx, id, w.ann, "for", AT_NOW, NULL), ERR_OK);
    assert_int_equal(vote(fx, id, w.bob, "abstain", AT_NOW, NULL), ERR_OK);
    struct decision d = get(fx, id, in.closes_at);
    assert_string_equal(d.tally.outcome, "no_quorum"); /* 2 of 3 is 66.7 % */
    assert_int_equal(d.tally.votes_abstain, 1);
    /* a choice the method does not take, and a second vote */
    struct fault f = {0};
    assert_int_equal(vote(fx, id, w.initiator, "consent", AT_NOW, &f), ERR_INVALID);
    assert_string_equal(f.field, "choice");
    assert_int_equal(vote(fx, id, w.ann, "against", AT_NOW, &f), ERR_CONFLICT);
    assert_int_equal(votes(fx), 2);
    assert_int_equal(vote(fx, id, w.initiator, "against", AT_NOW, NULL), ERR_OK);
    d = get(fx, id, in.closes_at);
    assert_string_equal(d.tally.outcome, "rejected"); /* 1 for, 1 against */
}

static enum err dots(struct at_fx *fx, int64_t id, int64_t person, const int *given, int n,
                     struct fault *f)
{
    struct actor act = pt_resident(person);
    struct decision_ballot b = {.dots = given, .n_dots = n};
    return decision_vote(fx->db, id, &b, &act, f);
}

static void test_a_dot_vote_counts_the_dots_and_refuses_more_than_n(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "dot");
    int64_t id = propose(fx, &in, w.initiator);
    struct fault f = {0};
    static const int too_many[] = {2, 2}, negative[] = {-1, 3}, none[] = {0, 0, 0},
                     four[] = {1, 1, 1, 1};
    assert_int_equal(dots(fx, id, w.ann, too_many, 2, &f), ERR_INVALID);
    assert_string_equal(f.field, "dots");
    assert_string_equal(f.args[0], "3");
    assert_int_equal(dots(fx, id, w.ann, negative, 2, NULL), ERR_INVALID);
    assert_int_equal(dots(fx, id, w.ann, none, 3, NULL), ERR_INVALID);
    assert_int_equal(dots(fx, id, w.ann, four, 4, NULL), ERR_INVALID);
    assert_int_equal(votes(fx), 0);
    static const int ann[] = {0, 3}, bob[] = {1, 1, 1}, ini[] = {2};
    assert_int_equal(dots(fx, id, w.ann, ann, 2, NULL), ERR_OK);
    assert_int_equal(dots(fx, id, w.bob, bob, 3, NULL), ERR_OK);
    assert_int_equal(dots(fx, id, w.initiator, ini, 1, NULL), ERR_OK);
    assert_int_equal(dots(fx, id, w.initiator, ini, 1, &f), ERR_CONFLICT);
    struct decision d = get(fx, id, AT_NOW);
    assert_int_equal(d.n_options, 3);
    assert_int_equal(d.options[0].dots, 3);
    assert_int_equal(d.options[1].dots, 4);
    assert_int_equal(d.options[2].dots, 1);
    struct actor ini_act = pt_resident(w.initiator);
    ini_act.now = AT_NOW + DAY;
    assert_int_equal(decision_close(fx->db, id, &ini_act, NULL), ERR_OK);
    d = get(fx, id, AT_NOW + DAY);
    assert_true(d.recorded);
    assert_string_equal(d.tally.outcome, "decided");
    assert_int_equal(d.options[1].dots, 4);
    assert_int_equal(at_count(fx->db, "SELECT SUM(dots) FROM decision_option"), 8);
}

static void test_results_are_hidden_until_the_decision_closes(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "dot");
    in.hide_results = true;
    int64_t id = propose(fx, &in, w.initiator);
    static const int ann[] = {3};
    assert_int_equal(dots(fx, id, w.ann, ann, 1, NULL), ERR_OK);
    struct decision d = get(fx, id, AT_NOW);
    assert_false(d.tally.shown);
    assert_int_equal(d.tally.votes, 0);
    assert_int_equal(d.options[0].dots, -1);
    d = get(fx, id, in.closes_at);
    assert_true(d.tally.shown);
    assert_int_equal(d.tally.votes, 1);
    assert_int_equal(d.options[0].dots, 3);
}

static enum err object(struct at_fx *fx, int64_t id, int64_t person, const char *reason,
                       int64_t *objection, struct fault *f)
{
    struct actor act = pt_resident(person);
    return decision_object(fx->db, id, reason, &act, objection, f);
}

static enum err settle(struct at_fx *fx, int64_t id, int64_t objection, int64_t person,
                       const char *how, struct fault *f)
{
    struct actor act = pt_resident(person);
    return decision_objection_settle(fx->db, id, objection, how, &act, f);
}

static void test_an_objection_without_a_reason_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "consent");
    int64_t id = propose(fx, &in, w.initiator);
    struct fault f = {0};
    assert_int_equal(object(fx, id, w.ann, " \n ", NULL, &f), ERR_INVALID);
    assert_string_equal(f.field, "reason");
    assert_int_equal(object(fx, id, w.ann, NULL, NULL, NULL), ERR_INVALID);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_objection"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'decision_objection'"),
                     0);
    /* objections belong to consent decisions */
    struct decision_input m = proposal(c, 0, "majority");
    int64_t vote_id = propose(fx, &m, w.initiator);
    assert_int_equal(object(fx, vote_id, w.ann, "Te duur", NULL, NULL), ERR_CONFLICT);
}

static void test_an_objection_blocks_until_its_objector_resolves_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "consent");
    int64_t id = propose(fx, &in, w.initiator), objection = 0;
    assert_int_equal(vote(fx, id, w.bob, "consent", AT_NOW, NULL), ERR_OK);
    assert_int_equal(object(fx, id, w.ann, "Het plein is dan bezet.", &objection, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'decision_objection'"),
                     1);
    struct fault f = {0};
    assert_int_equal(object(fx, id, w.ann, "Nog een", NULL, &f), ERR_CONFLICT);
    assert_int_equal(vote(fx, id, w.ann, "consent", AT_NOW, &f), ERR_CONFLICT);
    assert_string_equal(get(fx, id, in.closes_at).tally.outcome, "blocked");
    /* only the objector settles it */
    assert_int_equal(settle(fx, id, objection, w.initiator, "resolved", &f), ERR_FORBIDDEN);
    assert_int_equal(settle(fx, id, objection, w.ann, "forgotten", &f), ERR_INVALID);
    assert_string_equal(f.field, "how");
    assert_int_equal(settle(fx, id, objection, w.ann, "resolved", NULL), ERR_OK);
    assert_int_equal(settle(fx, id, objection, w.ann, "withdrawn", &f), ERR_CONFLICT);
    assert_string_equal(get(fx, id, in.closes_at).tally.outcome, "adopted");
    assert_int_equal(pt_audits(fx, "decision.resolve"), 1);
    /* withdrawing unblocks as well */
    assert_int_equal(object(fx, id, w.bob, "Te laat op de avond.", &objection, NULL), ERR_OK);
    assert_string_equal(get(fx, id, in.closes_at).tally.outcome, "blocked");
    assert_int_equal(settle(fx, id, objection, w.bob, "withdrawn", NULL), ERR_OK);
    assert_string_equal(get(fx, id, in.closes_at).tally.outcome, "adopted");
}

static void test_an_objection_is_settled_on_its_own_decision_only(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "consent");
    int64_t id = propose(fx, &in, w.initiator), other = propose(fx, &in, w.initiator);
    int64_t objection = 0;
    assert_int_equal(object(fx, id, w.ann, "Te duur.", &objection, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(settle(fx, other, objection, w.ann, "resolved", &f), ERR_NOT_FOUND);
    assert_string_equal(f.field, "objection");
    assert_int_equal(settle(fx, id, objection + 100, w.ann, "resolved", NULL), ERR_NOT_FOUND);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_objection WHERE status = "
                                      "'open'"),
                     1);
    /* after the closing time it stands as it was */
    struct actor ann = pt_resident(w.ann);
    ann.now = in.closes_at;
    assert_int_equal(decision_objection_settle(fx->db, id, objection, "withdrawn", &ann, &f),
                     ERR_CONFLICT);
    assert_string_equal(get(fx, id, in.closes_at).tally.outcome, "blocked");
}

static void test_closing_with_an_open_objection_records_blocked(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.ann, 20, "week");
    struct decision_input in = proposal(0, w.initiative, "consent");
    int64_t id = propose(fx, &in, w.initiator);
    assert_int_equal(object(fx, id, w.ann, "Geen vergunning.", NULL, NULL), ERR_OK);
    /* a pledger is no initiator: she does not close it */
    struct actor ann = pt_resident(w.ann), ini = pt_resident(w.initiator);
    assert_int_equal(decision_close(fx->db, id, &ann, NULL), ERR_FORBIDDEN);
    assert_int_equal(decision_close(fx->db, id, &ini, NULL), ERR_OK);
    struct decision d = get(fx, id, AT_NOW);
    assert_true(d.recorded);
    assert_string_equal(d.tally.outcome, "blocked");
    assert_int_equal(d.tally.objections, 1);
    assert_int_equal(d.closed_by, w.initiator);
    struct fault f = {0};
    assert_int_equal(decision_close(fx->db, id, &ini, &f), ERR_CONFLICT);
    assert_int_equal(vote(fx, id, w.ann, "consent", AT_NOW, &f), ERR_CONFLICT);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM notification WHERE kind = "
                                      "'decision_closed'"),
                     1); /* ann; not the initiator who closed it */
}

/* A frozen initiative (invariant 1: an initiator without a verified
 * residency) takes no new proposal, no closing by hand and no amendment,
 * each refused with the frozen reason and logged; its open decisions still
 * take votes and settle at their closing time. */
static void test_a_frozen_initiative_takes_no_proposal_and_no_closing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    pt_pledge(fx, &w, w.ann, 20, "week");
    pt_pledge(fx, &w, w.bob, 20, "week");
    struct decision_input in = proposal(0, w.initiative, "consent");
    int64_t id = propose(fx, &in, w.ann);
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE residency SET status = 'ended', end_at = %lld WHERE person_id = %lld",
             (long long)AT_NOW - 1, (long long)w.initiator);
    mt_exec(fx->db, sql);
    int64_t decisions = at_count(fx->db, "SELECT COUNT(*) FROM decision");
    int64_t refused = pt_audits(fx, "initiative.refused");
    struct actor ann = pt_resident(w.ann);
    struct fault f = {0};
    assert_int_equal(decision_propose(fx->db, &in, &ann, NULL, &f), ERR_CONFLICT);
    assert_non_null(f.msgid);
    assert_true(strncmp(f.msgid, "This initiative is frozen: ", 27) == 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision"), decisions);
    f = (struct fault){0};
    assert_int_equal(decision_amend(fx->db, id, "Het feest op 2 juni", "Op het plein.", &ann, &f),
                     ERR_CONFLICT);
    assert_true(strncmp(f.msgid, "This initiative is frozen: ", 27) == 0);
    f = (struct fault){0};
    assert_int_equal(decision_close(fx->db, id, &ann, &f), ERR_CONFLICT);
    assert_true(strncmp(f.msgid, "This initiative is frozen: ", 27) == 0);
    assert_int_equal(pt_audits(fx, "initiative.refused"), refused + 3);
    assert_false(get(fx, id, AT_NOW).closed);
    assert_int_equal(get(fx, id, AT_NOW).version, 1);
    assert_int_equal(vote(fx, id, w.bob, "consent", AT_NOW, NULL), ERR_OK);
    struct decision d = get(fx, id, AT_NOW + 8 * DAY);
    assert_true(d.closed);
    assert_string_equal(d.tally.outcome, "adopted");
}

static void test_an_amendment_sets_objections_aside_and_reopens_consent(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    int64_t c = collective(fx, &w);
    struct decision_input in = proposal(c, 0, "consent");
    int64_t id = propose(fx, &in, w.initiator);
    assert_int_equal(vote(fx, id, w.bob, "consent", AT_NOW, NULL), ERR_OK);
    assert_int_equal(object(fx, id, w.ann, "Liever in het park.", NULL, NULL), ERR_OK);
    struct actor ann = pt_resident(w.ann), ini = pt_resident(w.initiator);
    struct fault f = {0};
    assert_int_equal(decision_amend(fx->db, id, "Het feest in het park", "", &ann, &f),
                     ERR_FORBIDDEN);
    assert_int_equal(decision_amend(fx->db, id, "", "", &ini, &f), ERR_INVALID);
    assert_int_equal(
        decision_amend(fx->db, id, "Het feest in het park", "In het park.", &ini, NULL), ERR_OK);
    struct decision d = get(fx, id, AT_NOW);
    assert_int_equal(d.version, 2);
    assert_string_equal(d.title, "Het feest in het park");
    assert_int_equal(d.tally.objections, 0);
    assert_int_equal(d.tally.votes, 0); /* bob's consent was to version 1 */
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_objection WHERE status = "
                                      "'superseded'"),
                     1);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM decision_version"), 2);
    /* bob consents again: the same row, now on version 2 */
    assert_int_equal(vote(fx, id, w.bob, "consent", AT_NOW, NULL), ERR_OK);
    assert_int_equal(vote(fx, id, w.bob, "consent", AT_NOW, &f), ERR_CONFLICT);
    assert_int_equal(votes(fx), 1);
    assert_int_equal(get(fx, id, AT_NOW).tally.votes, 1);
    /* a vote is never amended */
    struct decision_input m = proposal(c, 0, "majority");
    int64_t vote_id = propose(fx, &m, w.initiator);
    assert_int_equal(decision_amend(fx->db, vote_id, "Anders", "", &ini, &f), ERR_CONFLICT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_consent_is_adopted_unless_an_objection_is_open),
        AT_TEST(test_majority_needs_more_for_than_against_and_its_quorum),
        AT_TEST(test_a_dot_vote_is_decided_once_its_quorum_voted),
        AT_TEST(test_bad_proposals_are_refused_with_their_field),
        AT_TEST(test_a_member_proposes_and_the_other_members_are_notified),
        AT_TEST(test_a_professional_neither_proposes_nor_votes),
        AT_TEST(test_someone_not_eligible_cannot_vote),
        AT_TEST(test_a_vote_after_closing_is_refused_and_the_outcome_recorded),
        AT_TEST(test_a_majority_vote_below_its_quorum_is_not_taken),
        AT_TEST(test_closing_waits_for_a_vote_in_flight),
        AT_TEST(test_a_dot_vote_counts_the_dots_and_refuses_more_than_n),
        AT_TEST(test_results_are_hidden_until_the_decision_closes),
        AT_TEST(test_an_objection_without_a_reason_is_refused),
        AT_TEST(test_an_objection_blocks_until_its_objector_resolves_it),
        AT_TEST(test_an_objection_is_settled_on_its_own_decision_only),
        AT_TEST(test_closing_with_an_open_objection_records_blocked),
        AT_TEST(test_a_frozen_initiative_takes_no_proposal_and_no_closing),
        AT_TEST(test_an_amendment_sets_objections_aside_and_reopens_consent),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
