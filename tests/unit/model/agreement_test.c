/* Tests of cooperation agreements (src/model/agreement.c) on SQLite and
 * PostgreSQL: the parties draft (a collective's board as residents, an
 * organisation's or gemeente's admins), never without a resident
 * collective, never a professional; bad text is refused with its field and
 * nothing written; each party signs for itself only, once per version; the
 * last signature activates and feeds the initiative's register of
 * responsibility questions; a change after a signature is a new version
 * that voids the signatures, and a superseded version cannot be signed; an
 * agreement ends once, and reads as ended after its term. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "model/agreement.h"
#include "model/collective.h"
#include "model_testing.h"
#include "plan_testing.h"

static const struct agreement_commitment commits[] = {
    {.party = 0, .kind = "hours", .amount = 40, .text = "Vrijwilligers voor de moestuin"},
    {.party = 1, .kind = "space", .amount = -1, .text = "De zaal op dinsdag"},
};
static const struct agreement_duty duties[] = {
    {.party = 0, .subject = "Wie beheert de sleutel van de zaal?"},
    {.party = 1, .subject = "Wie verzekert de zaal?"},
};

static struct agreement_text text(void)
{
    return (struct agreement_text){.title = "Samen in de Oude Haven",
                                   .purpose = "Wij werken samen aan een moestuin.",
                                   .term_from = "2026-01-01",
                                   .term_to = "2026-12-31",
                                   .commitments = commits,
                                   .n_commitments = 2,
                                   .duties = duties,
                                   .n_duties = 2};
}

struct world {
    struct pt_world pt;
    int64_t collective;
    int64_t muni; /* an admin of CT_GM1 */
    int64_t muni2; /* an admin of CT_GM2 */
};

static void world(struct at_fx *fx, struct world *w)
{
    pt_world(fx, &w->pt);
    struct collective in = {.name = "Buurttrust",
                            .kind = "trust",
                            .area_code = CT_BU1,
                            .voting_rule = "majority",
                            .statutes = ""};
    int64_t co[2] = {w->pt.ann, w->pt.bob};
    struct actor ini = pt_resident(w->pt.initiator), ann = pt_resident(w->pt.ann),
                 bob = pt_resident(w->pt.bob);
    assert_int_equal(collective_found(fx->db, &in, co, &ini, &w->collective, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, w->collective, &ann, NULL), ERR_OK);
    assert_int_equal(collective_join(fx->db, w->collective, &bob, NULL), ERR_OK);
    w->muni = at_person(fx, "muni@example.org", "Mila");
    ct_grant(fx, w->muni, CAP_MUNI_ADMIN, 0, CT_GM1);
    w->muni2 = at_person(fx, "muni2@example.org", "Mats");
    ct_grant(fx, w->muni2, CAP_MUNI_ADMIN, 0, CT_GM2);
}

/* The register's questions that agreement id answered. */
static int64_t answered_from(struct at_fx *fx, int64_t id)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM responsibility_question q JOIN responsibility_source s ON "
             "s.question_id = q.id WHERE s.agreement_id = %lld AND q.answer IS NOT NULL",
             (long long)id);
    return at_count(fx->db, sql);
}

static int64_t notices(struct at_fx *fx, int64_t person, const char *kind)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM notification WHERE person_id = %lld AND kind = '%s'",
             (long long)person, kind);
    return at_count(fx->db, sql);
}

/* An agreement of the collective and CT_ORG1 about the initiative, drafted
 * by the initiator (chair of the collective). */
static int64_t draft(struct at_fx *fx, const struct world *w)
{
    struct agreement_party parties[] = {
        {.kind = "collective", .collective_id = w->collective},
        {.kind = "organisation", .organisation_id = CT_ORG1},
    };
    int64_t inits[] = {w->pt.initiative}, id = 0;
    struct agreement_text t = text();
    struct actor chair = pt_resident(w->pt.initiator);
    struct fault f = {0};
    if (agreement_draft(fx->db, parties, 2, inits, 1, &t, &chair, &id, &f) != ERR_OK)
        fail_msg("draft: %s (%s)", f.msgid ? f.msgid : "?", f.field ? f.field : "");
    return id;
}

static struct actor org_admin(const struct world *w)
{
    return ct_act(w->pt.org_admin, "organisation_admin:1");
}

static void test_a_collective_drafts_an_agreement_with_an_organisation(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct agreement ag;
    assert_int_equal(agreement_get(fx->db, fx->a, id, &ag, NULL), ERR_OK);
    assert_string_equal(ag.status, "draft");
    assert_int_equal(ag.version, 1);
    assert_int_equal(ag.n_parties, 2);
    assert_string_equal(ag.parties[0].name, "Buurttrust");
    assert_int_equal(ag.current.text.n_commitments, 2);
    assert_int_equal(ag.current.text.commitments[0].amount, 40);
    assert_int_equal(ag.current.text.commitments[1].amount, -1);
    assert_string_equal(ag.current.text.duties[1].subject, "Wie verzekert de zaal?");
    assert_int_equal(ag.n_initiatives, 1);
    assert_int_equal(pt_audits(fx, "agreement.draft"), 1);
    assert_int_equal(notices(fx, w.pt.org_admin, "agreement_signature_needed"), 1);
    assert_int_equal(notices(fx, w.pt.initiator, "agreement_signature_needed"), 0);
}

static void test_an_agreement_without_a_resident_collective_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    struct agreement_party parties[] = {
        {.kind = "organisation", .organisation_id = CT_ORG1},
        {.kind = "organisation", .organisation_id = CT_ORG2},
    };
    struct agreement_text t = text();
    struct actor admin = org_admin(&w);
    struct fault f = {0};
    assert_int_equal(agreement_draft(fx->db, parties, 2, NULL, 0, &t, &admin, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "parties");
    assert_string_equal(f.msgid,
                        "An agreement needs at least one resident collective among its parties.");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement"), 0);
}

static void test_a_professional_does_not_draft(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    struct agreement_party parties[] = {{.kind = "collective", .collective_id = w.collective},
                                        {.kind = "organisation", .organisation_id = CT_ORG1}};
    struct agreement_text t = text();
    struct actor pro = pt_professional(w.pt.pro), far = pt_resident(w.pt.far);
    struct fault f = {0};
    assert_int_equal(agreement_draft(fx->db, parties, 2, NULL, 0, &t, &pro, NULL, &f),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(agreement_draft(fx->db, parties, 2, NULL, 0, &t, &far, NULL, NULL),
                     ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement"), 0);
}

static void expect_bad(struct at_fx *fx, const struct world *w, const struct agreement_text *t,
                       const char *field)
{
    struct agreement_party parties[] = {{.kind = "collective", .collective_id = w->collective},
                                        {.kind = "organisation", .organisation_id = CT_ORG1}};
    struct actor chair = pt_resident(w->pt.initiator);
    struct fault f = {0};
    assert_int_equal(agreement_draft(fx->db, parties, 2, NULL, 0, t, &chair, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, field);
}

static void test_bad_text_is_refused_and_nothing_is_written(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    struct agreement_text t = text();
    t.term_to = "2025-12-31";
    expect_bad(fx, &w, &t, "term_to");
    t = text();
    t.term_from = "1 januari";
    expect_bad(fx, &w, &t, "term_from");
    t = text();
    t.title = "";
    expect_bad(fx, &w, &t, "title");
    t = text();
    t.title = "Twee\nregels";
    expect_bad(fx, &w, &t, "title");
    t = text();
    t.purpose = NULL;
    expect_bad(fx, &w, &t, "purpose");
    struct agreement_commitment c = {.party = 0, .kind = "hours", .amount = -1, .text = "x"};
    t = text();
    t.commitments = &c;
    t.n_commitments = 1;
    expect_bad(fx, &w, &t, "commitments");
    c = (struct agreement_commitment){.party = 2, .kind = "space", .amount = -1, .text = "x"};
    expect_bad(fx, &w, &t, "commitments");
    c = (struct agreement_commitment){.party = 0, .kind = "time", .amount = -1, .text = "x"};
    expect_bad(fx, &w, &t, "commitments");
    c = (struct agreement_commitment){.party = 0, .kind = "other", .amount = -1, .text = ""};
    expect_bad(fx, &w, &t, "commitments");
    struct agreement_duty d = {.party = 0, .subject = ""};
    t = text();
    t.duties = &d;
    t.n_duties = 1;
    expect_bad(fx, &w, &t, "responsibilities");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement_version"), 0);
}

static void test_bad_parties_are_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    struct agreement_text t = text();
    struct actor chair = pt_resident(w.pt.initiator);
    struct fault f = {0};
    struct agreement_party twice[] = {{.kind = "collective", .collective_id = w.collective},
                                      {.kind = "collective", .collective_id = w.collective}};
    assert_int_equal(agreement_draft(fx->db, twice, 2, NULL, 0, &t, &chair, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "parties");
    struct agreement_party unknown[] = {{.kind = "collective", .collective_id = w.collective},
                                        {.kind = "organisation", .organisation_id = 99}};
    assert_int_equal(agreement_draft(fx->db, unknown, 2, NULL, 0, &t, &chair, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "organisation");
    int64_t bad_init[] = {999};
    assert_int_equal(agreement_draft(fx->db, twice, 1, bad_init, 1, &t, &chair, NULL, &f),
                     ERR_INVALID);
    assert_string_equal(f.field, "initiatives");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement"), 0);
}

static void test_someone_not_authorised_for_a_party_does_not_sign_for_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor admin = org_admin(&w), chair = pt_resident(w.pt.initiator),
                 far = pt_resident(w.pt.far), pro = pt_professional(w.pt.pro),
                 other_org = ct_act(w.pt.org_admin, "organisation_admin:2");
    struct fault f = {0};
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &admin, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &chair, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &far, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &pro, NULL, &f), ERR_FORBIDDEN);
    assert_non_null(strstr(f.msgid, "Professionals facilitate"));
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &other_org, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(agreement_sign(fx->db, id, 1, 5, &chair, NULL, &f), ERR_NOT_FOUND);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement_signature"), 0);
}

static void test_all_parties_sign_and_the_agreement_becomes_active(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor admin = org_admin(&w), secretary = pt_resident(w.pt.ann);
    bool active = true;
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &secretary, &active, NULL), ERR_OK);
    assert_false(active);
    struct agreement ag;
    assert_int_equal(agreement_get(fx->db, fx->a, id, &ag, NULL), ERR_OK);
    assert_string_equal(ag.status, "signed");
    assert_int_equal(ag.n_signatures, 1);
    assert_int_equal(ag.signatures[0].person_id, w.pt.ann);
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &admin, &active, NULL), ERR_OK);
    assert_true(active);
    assert_int_equal(agreement_get(fx->db, fx->a, id, &ag, NULL), ERR_OK);
    assert_string_equal(ag.status, "active");
    assert_string_equal(agreement_state(&ag, "2026-06-01"), "active");
    assert_int_equal(notices(fx, w.pt.initiator, "agreement_active"), 1);
    assert_int_equal(notices(fx, w.pt.org_admin, "agreement_active"), 0);
    /* the responsibilities are in the initiative's register, answered */
    assert_int_equal(answered_from(fx, id), 2);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM responsibility_question WHERE "
                                      "put_to = 'organisation' AND put_to_organisation = 1 AND "
                                      "question = 'Wie verzekert de zaal?'"),
                     1);
    assert_int_equal(pt_audits(fx, "agreement.sign"), 2);
}

static void test_a_party_signs_a_version_once(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor chair = pt_resident(w.pt.initiator), ann = pt_resident(w.pt.ann);
    struct fault f = {0};
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &chair, NULL, NULL), ERR_OK);
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &ann, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "party");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement_signature"), 1);
    assert_int_equal(pt_audits(fx, "agreement.sign"), 1);
}

static void test_a_change_after_a_signature_is_a_new_version_that_voids_them(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor chair = pt_resident(w.pt.initiator), admin = org_admin(&w);
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &chair, NULL, NULL), ERR_OK);
    struct agreement_text t = text();
    t.purpose = "Wij werken samen aan een moestuin en een speeltuin.";
    int version = 0;
    assert_int_equal(agreement_revise(fx->db, id, 1, &t, &admin, &version, NULL), ERR_OK);
    assert_int_equal(version, 2);
    struct agreement ag;
    assert_int_equal(agreement_get(fx->db, fx->a, id, &ag, NULL), ERR_OK);
    assert_string_equal(ag.status, "draft");
    assert_int_equal(ag.version, 2);
    assert_int_equal(ag.n_signatures, 0);
    assert_string_equal(ag.current.text.purpose, t.purpose);
    struct agreement_version v1;
    assert_int_equal(agreement_version_get(fx->db, fx->a, id, 1, &v1, NULL), ERR_OK);
    assert_string_equal(v1.text.purpose, "Wij werken samen aan een moestuin.");
    struct agreement_signature *sigs;
    int n = 0;
    assert_int_equal(agreement_signatures(fx->db, fx->a, id, &sigs, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(sigs[0].version, 1);
    assert_int_equal(notices(fx, w.pt.initiator, "agreement_version"), 1);
    assert_int_equal(notices(fx, w.pt.org_admin, "agreement_version"), 0);
}

static void test_signing_a_superseded_version_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor chair = pt_resident(w.pt.initiator), admin = org_admin(&w);
    struct agreement_text t = text();
    t.term_to = "2027-06-30";
    assert_int_equal(agreement_revise(fx->db, id, 1, &t, &chair, NULL, NULL), ERR_OK);
    struct fault f = {0};
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &admin, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "version");
    assert_string_equal(f.msgid,
                        "This version has been superseded: read and sign the current version.");
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement_signature"), 0);
    assert_int_equal(agreement_sign(fx->db, id, 2, 1, &admin, NULL, NULL), ERR_OK);
}

static void test_a_stale_or_empty_revision_is_refused(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor chair = pt_resident(w.pt.initiator), pro = pt_professional(w.pt.pro);
    struct agreement_text t = text();
    struct fault f = {0};
    assert_int_equal(agreement_revise(fx->db, id, 1, &t, &chair, NULL, &f), ERR_INVALID);
    assert_string_equal(f.msgid, "Nothing was changed.");
    t.title = "Een nieuwe titel";
    assert_int_equal(agreement_revise(fx->db, id, 2, &t, &chair, NULL, &f), ERR_CONFLICT);
    assert_string_equal(f.field, "version");
    assert_int_equal(agreement_revise(fx->db, id, 1, &t, &pro, NULL, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM agreement_version"), 1);
}

static void test_a_gemeente_signs_through_its_own_admins(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    struct agreement_party parties[] = {{.kind = "collective", .collective_id = w.collective},
                                        {.kind = "gemeente", .gemeente_code = CT_GM1}};
    struct agreement_text t = text();
    struct actor muni = ct_act(w.muni, "municipality_admin:" CT_GM1),
                 muni2 = ct_act(w.muni2, "municipality_admin:" CT_GM2),
                 chair = pt_resident(w.pt.initiator);
    int64_t id = 0;
    assert_int_equal(agreement_draft(fx->db, parties, 2, NULL, 0, &t, &muni, &id, NULL), ERR_OK);
    assert_int_equal(notices(fx, w.pt.initiator, "agreement_signature_needed"), 1);
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &muni2, NULL, NULL), ERR_FORBIDDEN);
    assert_int_equal(agreement_sign(fx->db, id, 1, 1, &muni, NULL, NULL), ERR_OK);
    bool active = false;
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &chair, &active, NULL), ERR_OK);
    assert_true(active);
}

static void test_an_agreement_ends_once_and_then_takes_no_signatures(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    int64_t id = draft(fx, &w);
    struct actor chair = pt_resident(w.pt.initiator), admin = org_admin(&w);
    struct fault f = {0};
    assert_int_equal(agreement_end(fx->db, id, "", &admin, &f), ERR_INVALID);
    assert_string_equal(f.field, "reason");
    assert_int_equal(agreement_end(fx->db, id, "De zaal is verkocht.", &admin, NULL), ERR_OK);
    struct agreement ag;
    assert_int_equal(agreement_get(fx->db, fx->a, id, &ag, NULL), ERR_OK);
    assert_string_equal(ag.status, "terminated"); /* AT_NOW lies before the term's end */
    assert_int_equal(agreement_end(fx->db, id, "Nog eens.", &chair, NULL), ERR_CONFLICT);
    assert_int_equal(agreement_sign(fx->db, id, 1, 0, &chair, NULL, &f), ERR_CONFLICT);
    assert_int_equal(agreement_revise(fx->db, id, 1, &(struct agreement_text){0}, &chair, NULL, &f),
                     ERR_CONFLICT);
}

static void test_an_active_agreement_reads_as_ended_after_its_term(void **state)
{
    (void)state;
    struct agreement ag = {.status = "active"};
    ag.current.text.term_to = "2026-12-31";
    assert_string_equal(agreement_state(&ag, "2026-12-31"), "active");
    assert_string_equal(agreement_state(&ag, "2027-01-01"), "ended");
    ag.status = "signed";
    assert_string_equal(agreement_state(&ag, "2027-01-01"), "signed");
}

static void test_the_list_finds_agreements_by_party(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct world w;
    world(fx, &w);
    draft(fx, &w);
    struct agreement_row *items;
    int n = 0;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)w.collective);
    assert_int_equal(agreement_list(fx->db, fx->a, "collective", key, "2026-03-01", &items, &n,
                                    NULL),
                     ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].parties, "Buurttrust, Welzijn Eerstestad");
    assert_int_equal(agreement_list(fx->db, fx->a, "organisation", "2", "2026-03-01", &items, &n,
                                    NULL),
                     ERR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(agreement_list(fx->db, fx->a, NULL, NULL, "2026-03-01", &items, &n, NULL),
                     ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(agreement_list(fx->db, fx->a, "person", "1", "2026-03-01", &items, &n, NULL),
                     ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        AT_TEST(test_a_collective_drafts_an_agreement_with_an_organisation),
        AT_TEST(test_an_agreement_without_a_resident_collective_is_refused),
        AT_TEST(test_a_professional_does_not_draft),
        AT_TEST(test_bad_text_is_refused_and_nothing_is_written),
        AT_TEST(test_bad_parties_are_refused),
        AT_TEST(test_someone_not_authorised_for_a_party_does_not_sign_for_it),
        AT_TEST(test_all_parties_sign_and_the_agreement_becomes_active),
        AT_TEST(test_a_party_signs_a_version_once),
        AT_TEST(test_a_change_after_a_signature_is_a_new_version_that_voids_them),
        AT_TEST(test_signing_a_superseded_version_is_refused),
        AT_TEST(test_a_stale_or_empty_revision_is_refused),
        AT_TEST(test_a_gemeente_signs_through_its_own_admins),
        AT_TEST(test_an_agreement_ends_once_and_then_takes_no_signatures),
        cmocka_unit_test(test_an_active_agreement_reads_as_ended_after_its_term),
        AT_TEST(test_the_list_finds_agreements_by_party),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
