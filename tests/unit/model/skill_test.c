/* Tests of the capacity inventory (src/model/skill.c) on SQLite and
 * PostgreSQL: the taxonomy (four families, names in both languages, related
 * skills that exist), registering skills, every bad input refused with
 * nothing changed (an unknown skill code, availability over 744 hours, a
 * bad visibility, an unknown allowed person), pausing, the parsers of the
 * API's lists, and who may register; a profile's text as content a
 * moderator may hide, kept when the rest is saved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "match_testing.h"
#include "model/moderation.h"
#include "model/skill.h"
#include "model_testing.h"

static void test_the_taxonomy_has_four_families_named_in_both_languages(void **state)
{
    (void)state;
    int n, per_family[4] = {0};
    const struct skill *all = skill_taxonomy(&n);
    const char *const *fams = skill_families();
    assert_true(n >= 16);
    for (int i = 0; i < n; i++) {
        int fam = -1;
        for (int k = 0; fams[k]; k++)
            if (strcmp(fams[k], all[i].family) == 0)
                fam = k;
        assert_true(fam >= 0);
        per_family[fam]++;
        assert_true(strlen(all[i].name_nl) > 0 && strlen(all[i].name_en) > 0);
        assert_ptr_equal(skill_find(all[i].code), &all[i]);
        for (int k = 0; all[i].related[k]; k++)
            assert_non_null(skill_find(all[i].related[k]));
    }
    for (int k = 0; k < 4; k++)
        assert_true(per_family[k] >= 4);
    assert_null(fams[4]);
    assert_string_equal(skill_name("carpentry", "nl"), "Timmeren");
    assert_string_equal(skill_name("carpentry", "en"), "Carpentry");
    assert_string_equal(skill_name("no_such", "nl"), "no_such");
    assert_true(skill_related("carpentry", "joinery"));
    assert_true(skill_related("joinery", "carpentry"));
    assert_false(skill_related("carpentry", "cooking"));
    assert_false(skill_related("carpentry", "carpentry"));
    assert_false(skill_related("carpentry", "no_such"));
}

static void test_a_resident_registers_skills(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct skill_entry e[] = {{"carpentry", "expert", true}, {"cooking", "beginner", false}};
    struct skill_profile p = {.hours_month = 8,
                              .visibility = "public",
                              .about = "Ik klus graag.",
                              .skills = e,
                              .n_skills = 2};
    struct actor act = pt_resident(w.ann);
    assert_int_equal(skill_save(fx->db, &p, &act, NULL), ERR_OK);
    struct skill_profile got;
    assert_int_equal(skill_profile_get(fx->db, fx->a, w.ann, &got, NULL), ERR_OK);
    assert_true(got.exists);
    assert_int_equal(got.hours_month, 8);
    assert_string_equal(got.visibility, "public");
    assert_string_equal(got.about, "Ik klus graag.");
    assert_int_equal(got.n_skills, 2);
    assert_string_equal(got.skills[0].code, "carpentry");
    assert_true(got.skills[0].willing);
    assert_string_equal(got.skills[1].level, "beginner");
    assert_false(got.skills[1].willing);
    assert_int_equal(pt_audits(fx, "skill.register"), 1);
    /* saving again replaces */
    p.n_skills = 1;
    p.skills = &e[1];
    assert_int_equal(skill_save(fx->db, &p, &act, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person_skill"), 1);
    /* someone who registered nothing gets the defaults */
    assert_int_equal(skill_profile_get(fx->db, fx->a, w.bob, &got, NULL), ERR_OK);
    assert_false(got.exists);
    assert_string_equal(got.visibility, "wijk");
}

static void assert_refused(struct at_fx *fx, int64_t person, const struct skill_profile *p,
                           const char *field)
{
    struct actor act = pt_resident(person);
    struct fault f = {0};
    assert_int_equal(skill_save(fx->db, p, &act, &f), ERR_INVALID);
    assert_string_equal(f.field, field);
    assert_non_null(f.msgid);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM skill_profile"), 0);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM person_skill"), 0);
    assert_int_equal(pt_audits(fx, "skill.register"), 0);
}

static void test_bad_input_is_refused_and_nothing_changes(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct skill_entry unknown = {"juggling_chainsaws", "expert", true};
    struct skill_entry ok = {"cooking", "capable", true};
    struct skill_entry bad_level = {"cooking", "guru", true};
    struct skill_entry twice[] = {ok, ok};
    struct skill_profile p = {.hours_month = 8, .visibility = "wijk", .about = ""};
    p.skills = &unknown, p.n_skills = 1;
    assert_refused(fx, w.ann, &p, "skill");
    p.skills = &bad_level;
    assert_refused(fx, w.ann, &p, "level");
    p.skills = twice, p.n_skills = 2;
    assert_refused(fx, w.ann, &p, "skill");
    p.skills = &ok, p.n_skills = 1;
    p.hours_month = 745;
    assert_refused(fx, w.ann, &p, "hours_month");
    p.hours_month = -1;
    assert_refused(fx, w.ann, &p, "hours_month");
    p.hours_month = 744;
    p.visibility = "everyone";
    assert_refused(fx, w.ann, &p, "visibility");
    p.visibility = "allowed";
    int64_t nobody = 99999;
    p.allowed = &nobody, p.n_allowed = 1;
    assert_refused(fx, w.ann, &p, "allowed");
    /* the bound itself is fine */
    p.n_allowed = 0;
    struct actor act = pt_resident(w.ann);
    assert_int_equal(skill_save(fx->db, &p, &act, NULL), ERR_OK);
}

static void test_pausing_needs_a_profile_and_toggles(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct actor act = pt_resident(w.ann);
    struct fault f = {0};
    assert_int_equal(skill_pause(fx->db, true, &act, &f), ERR_NOT_FOUND);
    mtt_register(fx, w.ann, "public", 4, "cooking", "capable", true);
    assert_int_equal(skill_pause(fx->db, true, &act, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT paused FROM skill_profile"), 1);
    assert_int_equal(skill_pause(fx->db, false, &act, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT paused FROM skill_profile"), 0);
    assert_int_equal(pt_audits(fx, "skill.pause"), 1);
    assert_int_equal(pt_audits(fx, "skill.resume"), 1);
}

static void test_nobody_signed_in_registers_nothing(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct skill_entry e = {"cooking", "capable", true};
    struct skill_profile p = {.hours_month = 1, .visibility = "wijk", .skills = &e, .n_skills = 1};
    struct actor nobody = ct_act(0, NULL);
    struct fault f = {0};
    assert_int_equal(skill_save(fx->db, &p, &nobody, &f), ERR_FORBIDDEN);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM skill_profile"), 0);
    /* a professional registers their own skills too */
    struct actor pro = pt_professional(w.pro);
    assert_int_equal(skill_save(fx->db, &p, &pro, NULL), ERR_OK);
}

static void test_the_lists_of_the_api_are_parsed(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct skill_entry *e;
    int n;
    assert_int_equal(
        skill_parse_list(a, " carpentry:expert, cooking:capable:unwilling ", &e, &n, NULL), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(e[0].code, "carpentry");
    assert_string_equal(e[0].level, "expert");
    assert_true(e[0].willing);
    assert_false(e[1].willing);
    assert_int_equal(skill_parse_list(a, "", &e, &n, NULL), ERR_OK);
    assert_int_equal(n, 0);
    struct fault f = {0};
    assert_int_equal(skill_parse_list(a, "carpentry", &e, &n, &f), ERR_INVALID);
    assert_string_equal(f.field, "skills");
    assert_int_equal(skill_parse_list(a, "carpentry:expert:maybe", &e, &n, NULL), ERR_INVALID);
    assert_int_equal(skill_parse_list(a, ":expert", &e, &n, NULL), ERR_INVALID);
    int64_t *ids;
    assert_int_equal(skill_parse_ids(a, "12, 15,3", &ids, &n, NULL), ERR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(ids[1], 15);
    assert_int_equal(skill_parse_ids(a, "12; 15", &ids, &n, &f), ERR_INVALID);
    assert_string_equal(f.field, "allowed");
    assert_int_equal(skill_parse_ids(a, "0", &ids, &n, NULL), ERR_INVALID);
    assert_int_equal(skill_parse_ids(a, "-4", &ids, &n, NULL), ERR_INVALID);
    arena_free(a);
}

static void test_a_moderator_hides_a_profiles_text_and_saving_keeps_it(void **state)
{
    struct at_fx *fx = at_fx(state);
    struct pt_world w;
    pt_world(fx, &w);
    struct skill_entry e[] = {{"carpentry", "expert", true}};
    struct skill_profile p = {.hours_month = 8,
                              .visibility = "public",
                              .about = "Iets grofs",
                              .skills = e,
                              .n_skills = 1};
    struct actor ann = pt_resident(w.ann);
    assert_int_equal(skill_save(fx->db, &p, &ann, NULL), ERR_OK);
    char object[24];
    snprintf(object, sizeof object, "%lld", (long long)w.ann);
    int64_t author = 0;
    const char *text = NULL;
    assert_int_equal(moderation_content(fx->db, fx->a, "skill_about", object, &author, &text, NULL),
                     ERR_OK);
    assert_int_equal(author, w.ann);
    assert_string_equal(text, "Iets grofs");
    assert_false(moderation_text_is_public("skill_about"));
    struct actor bob = pt_resident(w.bob);
    assert_int_equal(
        moderation_report_content(fx->db, "skill_about", object, "Grof", &bob, NULL, NULL), ERR_OK);
    int64_t mod = at_person(fx, "moderator@example.nl", "Moderator");
    ct_grant(fx, mod, CAP_MODERATOR, 0, NULL);
    struct actor as_mod = ct_act(mod, "moderator");
    assert_int_equal(moderation_hide_content(fx->db, "skill_about", object, "Grof", &as_mod, NULL),
                     ERR_OK);
    struct skill_profile got;
    assert_int_equal(skill_profile_get(fx->db, fx->a, w.ann, &got, NULL), ERR_OK);
    assert_string_equal(got.about, ""); /* the text never leaves the model */
    assert_string_equal(got.about_hidden, "Grof");
    /* saving the rest of what was read keeps the hidden text as it is */
    got.hours_month = 12;
    assert_int_equal(skill_save(fx->db, &got, &ann, NULL), ERR_OK);
    assert_int_equal(at_count(fx->db, "SELECT COUNT(*) FROM skill_profile WHERE about = "
                                      "'Iets grofs' AND hours_month = 12"),
                     1);
    /* a person without text in their profile has no such content */
    snprintf(object, sizeof object, "%lld", (long long)w.bob);
    struct fault f = {0};
    assert_int_equal(moderation_content(fx->db, fx->a, "skill_about", object, &author, NULL, &f),
                     ERR_NOT_FOUND);
    assert_string_equal(f.field, "object_id");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_taxonomy_has_four_families_named_in_both_languages),
        AT_TEST(test_a_resident_registers_skills),
        AT_TEST(test_bad_input_is_refused_and_nothing_changes),
        AT_TEST(test_pausing_needs_a_profile_and_toggles),
        AT_TEST(test_nobody_signed_in_registers_nothing),
        AT_TEST(test_a_moderator_hides_a_profiles_text_and_saving_keeps_it),
        cmocka_unit_test(test_the_lists_of_the_api_are_parsed),
    };
    return at_run(tests, sizeof tests / sizeof tests[0]);
}
