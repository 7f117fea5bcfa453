/* Sociale-kaart import (see socialekaart.h): the header mapped to columns,
 * every row checked into memory with a report line for each bad one, and
 * only then the writes, in one transaction. Messages are English (the CLI
 * prints them); faults carry the first problem. */
#include "model/socialekaart.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/mem.h"
#include "db/db.h"
#include "model/organisation.h"
#include "model/service.h"
#include "model/tx.h"

#define N_(msgid) (msgid) /* marks a message id for xgettext */

enum col { COL_NAME, COL_KIND, COL_ADDRESS, COL_WEBSITE, COL_SERVICES, COL_COUNT };

static const char *const col_names[COL_COUNT][2] = {
    [COL_NAME] = {"naam", "name"},
    [COL_KIND] = {"soort", "kind"},
    [COL_ADDRESS] = {"adres", "address"},
    [COL_WEBSITE] = {"website", "website"},
    [COL_SERVICES] = {"diensten", "services"},
};

static const char *const kinds_nl[][2] = {
    {"instelling", "institution"},
    {"vereniging", "formal_association"},
    {"informele groep", "informal_group"},
    {"bestaand initiatief", "existing_initiative"},
    {"bedrijf", "business"},
};

enum { SERVICES_PER_ROW = 20 };

struct row {
    long line;
    struct organisation org;
    const char *services[SERVICES_PER_ROW];
    int nservices;
};

struct import {
    struct arena *a;
    struct row *rows;
    int n;
    struct socialekaart_result *res;
};

static void report(struct import *im, long line, const char *why)
{
    struct socialekaart_result *res = im->res;
    res->report = xrealloc(res->report, (size_t)(res->nreport + 1) * sizeof *res->report);
    res->report[res->nreport++] = xstrdup(arena_printf(im->a, "Line %ld: %s", line, why));
    res->skipped++;
}

/* The field trimmed of spaces, NULL when empty. */
static const char *cell(struct arena *a, const struct csv_record *rec, int at)
{
    if (at < 0 || (size_t)at >= rec->n)
        return NULL;
    const char *s = rec->fields[at];
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    return n ? arena_strndup(a, s, n) : NULL;
}

static enum err map_header(const struct csv_record *rec, int cols[COL_COUNT], struct fault *f)
{
    for (int c = 0; c < COL_COUNT; c++) {
        cols[c] = -1;
        for (size_t i = 0; i < rec->n && cols[c] < 0; i++) {
            const char *h = rec->fields[i];
            while (*h == ' ')
                h++;
            size_t n = strcspn(h, " ");
            for (int k = 0; k < 2; k++)
                if (strlen(col_names[c][k]) == n && strncasecmp(h, col_names[c][k], n) == 0)
                    cols[c] = (int)i;
        }
    }
    for (int c = COL_NAME; c <= COL_KIND; c++)
        if (cols[c] < 0)
            return fault_set(f, ERR_INVALID, col_names[c][1],
                             N_("The header row has no column \"%s\" (or \"%s\"); name the columns "
                                "in the first row."),
                             col_names[c][0], col_names[c][1], NULL);
    return ERR_OK;
}

static const char *kind_of(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < sizeof kinds_nl / sizeof kinds_nl[0]; i++)
        if (strcasecmp(s, kinds_nl[i][0]) == 0)
            return kinds_nl[i][1];
    char *lower = arena_strdup(a, s);
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return lower;
}

/* "Street 1, 1234 AB Place" into the organisation's address fields. */
static void split_address(struct arena *a, const char *s, struct organisation *o)
{
    if (!s)
        return;
    const char *comma = strrchr(s, ',');
    if (!comma) {
        o->street = s;
        return;
    }
    o->street = arena_strndup(a, s, (size_t)(comma - s));
    const char *rest = comma + 1;
    while (*rest == ' ')
        rest++;
    size_t digits = strspn(rest, "0123456789");
    const char *letters = rest + digits + (rest[digits] == ' ');
    if (digits == 4 && isalpha((unsigned char)letters[0]) && isalpha((unsigned char)letters[1]) &&
        (letters[2] == ' ' || letters[2] == '\0')) {
        o->postal_code = arena_strndup(a, rest, (size_t)(letters + 2 - rest));
        rest = letters + 2;
        while (*rest == ' ')
            rest++;
    }
    o->city = *rest ? rest : NULL;
}

/* Checks one row; false (with a report line) when it is bad. */
static bool check_row(struct import *im, const struct csv_record *rec, const int cols[COL_COUNT],
                      struct row *out)
{
    struct organisation in = {.name = cell(im->a, rec, cols[COL_NAME]),
                              .kind = kind_of(im->a, cell(im->a, rec, cols[COL_KIND])),
                              .website = cell(im->a, rec, cols[COL_WEBSITE])};
    split_address(im->a, cell(im->a, rec, cols[COL_ADDRESS]), &in);
    struct fault f = {0};
    if (!organisation_kind_valid(in.kind)) {
        report(im, rec->line,
               "the kind must be institution, formal_association, informal_group, "
               "existing_initiative or business (or instelling, vereniging, informele groep, "
               "bestaand initiatief, bedrijf).");
        return false;
    }
    *out = (struct row){.line = rec->line};
    if (organisation_check_profile(im->a, in.kind, &in, &out->org, &f) != ERR_OK) {
        char *msg = fault_format(f.msgid, &f);
        report(im, rec->line, arena_printf(im->a, "%s (%s)", msg, f.field ? f.field : "?"));
        free(msg);
        return false;
    }
    out->org.kind = in.kind;
    const char *list = cell(im->a, rec, cols[COL_SERVICES]);
    for (const char *s = list; s && *s && out->nservices < SERVICES_PER_ROW;) {
        size_t n = strcspn(s, ";");
        struct service_input svc = {.name = arena_strndup(im->a, s, n)}, ok;
        int64_t cents;
        if (service_check(im->a, &svc, &ok, &cents, NULL) == ERR_OK)
            out->services[out->nservices++] = ok.name;
        else if (strspn(svc.name, " ") != n) {
            report(im, rec->line, "a service name must be 1 to 200 characters on one line.");
            return false;
        }
        s += n + (s[n] == ';');
    }
    return true;
}

static enum err read_rows(struct import *im, struct csv_reader *csv, struct fault *f)
{
    struct csv_record rec;
    enum csv_rc rc = csv_next(csv, &rec, f);
    if (rc == CSV_END)
        return fault_set(f, ERR_INVALID, NULL, N_("The file is empty."), NULL);
    int cols[COL_COUNT];
    enum err e = rc == CSV_ERROR ? (f ? f->code : ERR_INVALID) : map_header(&rec, cols, f);
    im->rows = arena_array(im->a, SOCIALEKAART_ROWS_MAX, sizeof *im->rows);
    while (e == ERR_OK && (rc = csv_next(csv, &rec, f)) == CSV_RECORD) {
        if (rec.n == 1 && rec.lens[0] == 0)
            continue;
        if (++im->res->rows > SOCIALEKAART_ROWS_MAX)
            return fault_set(f, ERR_INVALID, NULL, N_("The file has more than 20000 rows."), NULL);
        if (check_row(im, &rec, cols, &im->rows[im->n]))
            im->n++;
    }
    if (e == ERR_OK && rc == CSV_ERROR)
        e = f ? f->code : ERR_INVALID;
    return e;
}

static enum err write_rows(struct db *db, struct import *im, const struct actor *act,
                           struct fault *f)
{
    bool own;
    enum err e = tx_begin(db, &own, f);
    for (int i = 0; e == ERR_OK && i < im->n; i++) {
        const struct row *row = &im->rows[i];
        int64_t id = 0;
        e = organisation_register(db, &row->org, act, &id, f);
        for (int k = 0; e == ERR_OK && k < row->nservices; k++) {
            struct service_input svc = {.name = row->services[k]};
            e = service_create(db, id, &svc, act, NULL, f);
            im->res->services += e == ERR_OK;
        }
        im->res->organisations += e == ERR_OK;
        if (e != ERR_OK && f && f->msgid) {
            char *msg = fault_format(f->msgid, f);
            report(im, row->line, msg);
            free(msg);
        }
    }
    return tx_end(db, own, e, e == ERR_OK ? f : NULL);
}

/* The fault of a failed import, kept in res->message so that it outlives
 * the reader and the arena its arguments pointed into. */
static enum err keep_fault(struct socialekaart_result *res, enum err e, struct fault *f)
{
    if (!f)
        return e;
    const char *field = f->field;
    res->message = fault_format(f->msgid ? f->msgid : N_("The import failed."), f);
    if (res->nreport > 0 && e != ERR_NOT_FOUND && field == NULL) {
        free(res->message);
        res->message = xstrdup(res->report[0]);
    }
    return fault_set(f, e, field, "The import stopped: %s", res->message, NULL);
}

static enum err run(struct db *db, struct csv_reader *csv, bool skip_bad, const struct actor *act,
                    struct socialekaart_result *res, struct fault *f)
{
    struct import im = {.a = arena_new(), .res = res};
    enum err e = read_rows(&im, csv, f);
    if (e == ERR_OK && res->nreport > 0 && !skip_bad)
        e = fault_set(f, ERR_INVALID, NULL, N_("There are bad rows; nothing was imported."), NULL);
    if (e == ERR_OK)
        e = write_rows(db, &im, act, f);
    if (e != ERR_OK) {
        res->organisations = res->services = 0;
        e = keep_fault(res, e, f);
    }
    arena_free(im.a);
    return e;
}

enum err socialekaart_import(struct db *db, const char *path, bool skip_bad,
                             const struct actor *act, struct socialekaart_result *res,
                             struct fault *f)
{
    *res = (struct socialekaart_result){0};
    FILE *fp = fopen(path, "r");
    if (!fp)
        return fault_set(f, ERR_NOT_FOUND, NULL, "Cannot open %s: %s", path, strerror(errno), NULL);
    struct csv_reader *csv = csv_open_file(fp, NULL);
    enum err e = run(db, csv, skip_bad, act, res, f);
    csv_free(csv);
    fclose(fp);
    return e;
}

enum err socialekaart_import_mem(struct db *db, const char *data, size_t len, bool skip_bad,
                                 const struct actor *act, struct socialekaart_result *res,
                                 struct fault *f)
{
    *res = (struct socialekaart_result){0};
    struct csv_reader *csv = csv_open_mem(data, len, NULL);
    enum err e = run(db, csv, skip_bad, act, res, f);
    csv_free(csv);
    return e;
}

void socialekaart_result_free(struct socialekaart_result *res)
{
    free(res->message);
    for (int i = 0; i < res->nreport; i++)
        free(res->report[i]);
    free(res->report);
    *res = (struct socialekaart_result){0};
}
