/* The arena's codes in words (DESIGN.md §3), for the arena, relation and
 * history pages: the kinds of relations ("funds") and of history events
 * ("renovation"), each translated into the
 * request's language (an organisation's kind is web/organisation.c's).
 * A code this program does not know is shown as it is (escaped by the
 * caller, like all text). */
#ifndef WIJK_RENDER_ARENA_WORDS_H
#define WIJK_RENDER_ARENA_WORDS_H

struct req;

/* A relation's kind as the verb between its two actors: "collaborates
 * with", "funds", "houses", "is part of", "succeeded". */
const char *arena_words_relation(const struct req *r, const char *kind);

/* A history event's kind ("institution_arrived") in words ("An institution
 * arrived"). */
const char *arena_words_event(const struct req *r, const char *kind);

#endif
