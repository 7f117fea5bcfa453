/* Collectives in words and small form parts, shared by the collective
 * pages (web/collective.c: the list and one collective's page;
 * web/collective_form.c: founding, and the posts of the page's forms). Not
 * a public module: only web/collective*.c include it. */
#ifndef WIJK_WEB_COLLECTIVE_WORDS_H
#define WIJK_WEB_COLLECTIVE_WORDS_H

#include <stdint.h>

#include "core/err.h"

struct req;

/* "Trust", "Community", ... for a kind of collective_kinds() (translated);
 * an unknown one as it is. */
const char *collective_kind_label(struct req *r, const char *kind);

/* "Majority of votes", "Two thirds of votes", "Consensus" (translated). */
const char *collective_rule_label(struct req *r, const char *rule);

/* "Chair", "Secretary", "Treasurer" (translated); "" for NULL. */
const char *collective_board_label(struct req *r, const char *role);

/* "Being founded" or "Active" (translated). */
const char *collective_status_label(struct req *r, const char *status);

/* "YYYY-MM-DD" of a unix time, from the arena. */
const char *collective_day(struct req *r, int64_t t);

/* Opens a labelled <select name=name> with the error next to it when the
 * last post failed on that field; the caller writes the options with
 * collective_option() and closes with collective_select_end(). */
void collective_select_begin(struct req *r, const char *name, const char *label);
void collective_option(struct req *r, const char *value, const char *label, const char *kept);
void collective_select_end(struct req *r);

/* Opens a post form to action, without form_begin's error summary: a page
 * with several forms says once, at its top, what did not work
 * (collective_fault_note), and the field at fault shows it next to itself. */
void collective_form_begin(struct req *r, const char *action);

/* The summary of r->fault, when a post failed: "This did not work: ...". */
void collective_fault_note(struct req *r);

/* Answers 303 to href with a short page that links to it. */
enum err collective_see_other(struct req *r, const char *href);

#endif
