/* Numbers as people in each language write them: Dutch "12.345" and "31,5",
 * English "12,345" and "31.5". Written without the C library's locale, so a
 * number looks the same in every thread whatever LC_NUMERIC says. */
#ifndef WIJK_RENDER_NUMBER_H
#define WIJK_RENDER_NUMBER_H

#include <stdbool.h>

#include "core/buf.h"
#include "model/area.h"

struct req;

/* Writes v rounded to decimals places (0..6) with the thousands grouping and
 * decimal separator of lang ("nl", "en"; anything else is written as "en").
 * Returns false and writes nothing when v is not finite or |v| * 10^decimals
 * reaches 1e18 (no figure in Wijkregie is that large). */
bool number_write(struct buf *b, const char *lang, double v, int decimals);

/* A CBS figure in the request's language: the number, or the translated
 * word "unknown" ("onbekend") when the figure is unknown. Text only: the
 * output needs no HTML escaping. */
void number_figure(struct buf *b, const struct req *r, struct figure fig, int decimals);

/* part as a percentage of whole with one decimal and a "%" sign ("10,5%"),
 * or "unknown" when either is unknown or whole is not positive. */
void number_share(struct buf *b, const struct req *r, struct figure part, struct figure whole);

#endif
