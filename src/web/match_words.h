/* Skills, matching and practices in words, shared by their pages
 * (web/skill.c, web/match.c, web/practice.c, and the similar initiatives
 * on web/initiative.c): the taxonomy's names in the request's language,
 * levels, visibilities, families and themes translated, and a match's
 * explanation written out. Not a public module: only those files include
 * it. */
#ifndef WIJK_WEB_MATCH_WORDS_H
#define WIJK_WEB_MATCH_WORDS_H

#include <stdint.h>

struct buf;
struct match_candidate;
struct req;

/* The skill's name in the request's language; an unknown code as it is. */
const char *match_skill_label(struct req *r, const char *code);

/* "Beginner", "Capable", "Expert" (translated); else as it is. */
const char *match_level_label(struct req *r, const char *level);

/* "Social", "Organisational", "Cognitive", "Practical" (translated). */
const char *match_family_label(struct req *r, const char *family);

/* The visibility in words (translated); else as it is. */
const char *match_visibility_label(struct req *r, const char *visibility);

/* A practice's theme in words (translated); else as it is. */
const char *match_theme_label(struct req *r, const char *theme);

/* "Open", "Accepted", "Declined" for an invitation (translated). */
const char *match_invite_status_label(struct req *r, const char *status);

/* The explanation of a candidate as escaped text, parts joined by "; ":
 * "related skill: Joinery; same wijk; 6 of 8 hours free". */
void match_explanation(struct buf *b, struct req *r, const struct match_candidate *c);

/* A <select> of the taxonomy grouped by family (optgroups), named name
 * with id prefix + name (a prefix such as "need-", as form_field_begin
 * takes it), the option kept selected; inside a field opened by
 * form_field_begin. */
void match_skill_select(struct req *r, const char *prefix, const char *name, const char *kept);

/* Writes the "Similar initiatives" section of initiative_id's page (with a
 * link to the practice library); nothing when there are none. */
void match_similar_section(struct req *r, int64_t initiative_id);

#endif
