/* `wijkregie monitor run|flag` and `wijkregie report`: the transition
 * monitor at the console (docs/monitor.md). `monitor run` recomputes the
 * indicators, phases and warnings (what `serve` also does every night);
 * `monitor flag` flags a buurt as vulnerable, or unflags it, as the
 * console (the pages let a gemeente's admin do the same); `report` prints
 * one area's figures as CSV or JSON (the same files the pages export) or
 * as a short text for a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/monitor.h"
#include "render/monitor_out.h"

/* The file's text into b; false (after saying why) when it cannot be read. */
static bool read_text(const char *path, struct buf *b)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "wijkregie: cannot read %s\n", path);
        return false;
    }
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        buf_append(b, chunk, n);
    bool ok = !ferror(fp);
    fclose(fp);
    if (!ok)
        fprintf(stderr, "wijkregie: cannot read %s\n", path);
    return ok;
}

bool cli_monitor_config(const char *path, struct monitor_config *cfg)
{
    monitor_config_default(cfg);
    if (!path)
        return true;
    struct buf b = BUF_INIT;
    struct fault f = {0};
    bool ok = read_text(path, &b);
    if (ok && monitor_config_parse(buf_cstr(&b), cfg, &f) != ERR_OK) {
        fprintf(stderr, "wijkregie: %s: ", path);
        cli_print_fault(&f);
        ok = false;
    }
    buf_free(&b);
    return ok;
}

static bool progress(void *ctx, int done, int total)
{
    (void)ctx;
    fprintf(stderr, "\rquarters: %d of %d", done, total);
    if (done == total)
        fputc('\n', stderr);
    return true;
}

/* One counting connection per CPU the process may use, up to 16. */
static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

static bool parse_jobs(const char *text, int *jobs)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (end == text || *end || n < 1 || n > 16)
        return false;
    *jobs = (int)n;
    return true;
}

static int monitor_run_cmd(int argc, char **argv)
{
    const char *db_arg = NULL, *area = NULL, *config = NULL, *jobs_arg = NULL;
    bool full = false;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"jobs", OPT_VALUE, "N", "count on N connections at once (default: one per CPU, up to 16)",
         &jobs_arg, NULL},
        {"area", OPT_VALUE, "CODE", "only this area's gemeente (default: every area)", &area,
         NULL},
        {"full", OPT_FLAG, NULL, "every quarter from the first data on, not only the latest",
         NULL, &full},
        {"monitor-config", OPT_VALUE, "FILE", "thresholds (default: the built-in data/monitor.conf)",
         &config, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie monitor run [--area CODE] [--full] [--jobs N] [--monitor-config FILE] [--db URL]",
        "Computes the transition monitor's indicators I1-I14 per buurt per quarter (each over\n"
        "the 12 months up to the quarter's end), their roll-ups to wijk and gemeente, the\n"
        "phases and the early warnings, and stores them with the time of the run. Without\n"
        "--full only the two latest quarters and any never computed. The quarters are counted\n"
        "on --jobs connections at once (reading only) and stored one after the other; the\n"
        "result is the same for any N. Prints what it wrote.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (area && !area_code_valid(area, NULL)) {
        fprintf(stderr, "wijkregie: %s is not a buurt, wijk or gemeente code\n", area);
        return EXIT_USAGE;
    }
    int jobs = default_jobs();
    if (jobs_arg && !parse_jobs(jobs_arg, &jobs)) {
        fprintf(stderr, "wijkregie: --jobs is a whole number from 1 to 16, not %s\n", jobs_arg);
        return EXIT_USAGE;
    }
    struct monitor_config cfg;
    if (!cli_monitor_config(config, &cfg))
        return EXIT_DATAERR;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct monitor_run_result res;
    struct fault f = {0};
    int64_t started = clock_mono_ms();
    const struct monitor_run_opts o = {
        .area_code = area, .full = full, .now = clock_now(), .db_url = opts_db_url(db_arg),
        .jobs = jobs, .progress = isatty(STDERR_FILENO) ? progress : NULL};
    enum err e = monitor_run_with(db, &cfg, &o, &res, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("%d areas, %d quarters, %d values, %d warnings raised in the latest quarter, "
               "counted on %d connection%s, %.1f s\n",
               res.areas, res.quarters, res.values, res.warnings, res.jobs, res.jobs == 1 ? "" : "s",
               (double)(clock_mono_ms() - started) / 1000);
    db_close(db);
    return cli_exit_code(e);
}

static int monitor_flag_cmd(int argc, char **argv)
{
    const char *db_arg = NULL, *area = NULL, *reason = NULL;
    bool unflag = false;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"area", OPT_VALUE, "CODE", "the buurt", &area, NULL},
        {"reason", OPT_VALUE, "TEXT", "why it is vulnerable (up to 500 characters)", &reason,
         NULL},
        {"unflag", OPT_FLAG, NULL, "take the flag away", NULL, &unflag},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie monitor flag --area CODE (--reason TEXT | --unflag) [--db URL]",
        "Flags a buurt as vulnerable for the early warning (or takes the flag away), as the\n"
        "console; in the pages a municipality admin of its gemeente does this. Takes effect\n"
        "in the warning at the next `monitor run`.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (!area || (unflag == (reason != NULL))) {
        fprintf(stderr, "wijkregie: give --area and either --reason or --unflag\n");
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct actor console = {.capacity = CAPACITY_CONSOLE, .now = clock_now()};
    struct fault f = {0};
    enum err e = monitor_flag_vulnerable(db, &console, area, !unflag, reason, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        printf("%s %s\n", area, unflag ? "unflagged" : "flagged as vulnerable");
    db_close(db);
    return cli_exit_code(e);
}

int cmd_monitor(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "run") == 0)
        return monitor_run_cmd(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "flag") == 0)
        return monitor_flag_cmd(argc - 1, argv + 1);
    FILE *out = argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr;
    fprintf(out, "usage: wijkregie monitor run [--area CODE] [--full] [--monitor-config FILE]\n"
                 "       wijkregie monitor flag --area CODE (--reason TEXT | --unflag)\n"
                 "`wijkregie monitor run --help` tells more.\n");
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}

/* One line of the text report: the indicator, its value or why not. */
static void text_line(FILE *out, enum monitor_indicator ind, const struct monitor_point *p)
{
    const struct monitor_meta *m = monitor_meta(ind);
    if (p->suppressed == MON_SHOWN)
        fprintf(out, "  %-5s %-52s %10.*f %s\n", m->code, m->name, m->decimals, p->value,
                m->unit);
    else
        fprintf(out, "  %-5s %-52s %10s %s\n", m->code, m->name, "-",
                monitor_suppression_msgid(p->suppressed));
}

static void text_reason(FILE *out, const struct monitor_reason *r)
{
    struct fault f = {.msgid = r->msgid, .args = {r->args[0], r->args[1], r->args[2]}};
    char *s = fault_format(r->msgid, &f);
    fprintf(out, "  - %s\n", s);
    free(s);
}

static enum err report_text(struct db *db, struct arena *a, const char *code, FILE *out,
                            struct fault *f)
{
    struct monitor_summary s;
    enum err e = monitor_area_summary(db, a, code, &s, f);
    if (e != ERR_OK)
        return e;
    fprintf(out, "%s %s (%s)\n", s.area_kind, s.area_name, s.area_code);
    if (!s.quarter) {
        fprintf(out, "No figures yet: run `wijkregie monitor run`.\n");
        return ERR_OK;
    }
    char at[21];
    clock_iso8601(s.computed_at, at);
    fprintf(out, "12 months up to the end of %s, computed %s\n\n", s.quarter, at);
    const struct monitor_warning *w = &s.warning;
    if (w->raised) {
        fprintf(out, "EARLY WARNING%s\n",
                s.buurten_warned ? " in buurten of this area" : ": momentum is falling");
        for (int i = 0; i < w->nsignals; i++)
            text_reason(out, &w->signals[i]);
        fputc('\n', out);
    }
    fprintf(out, "Phase: %s\n", monitor_phase_name(s.phase));
    for (int i = 0; i < s.nreasons; i++)
        text_reason(out, &s.reasons[i]);
    fprintf(out, "\nIndicators:\n");
    for (int i = 0; i < MON_INDICATOR_COUNT; i++)
        text_line(out, (enum monitor_indicator)i, &s.latest[i]);
    if (w->vulnerable)
        fprintf(out, "\nVulnerable:%s%s%s\n", w->low_income ? " low income share" : "",
                w->flagged ? " flagged: " : "", w->flagged ? w->flag_reason : "");
    return ERR_OK;
}

static enum err report_write(struct db *db, struct arena *a, const char *code, const char *format,
                             struct fault *f)
{
    if (strcmp(format, "text") == 0)
        return report_text(db, a, code, stdout, f);
    struct buf out = BUF_INIT;
    enum err e;
    if (strcmp(format, "csv") == 0) {
        e = monitor_out_csv(db, a, code, &out, f);
    } else {
        json_t *doc = NULL;
        e = monitor_out_json(db, a, code, NULL, &doc, f);
        char *text = e == ERR_OK ? json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
        if (text) {
            buf_puts(&out, text);
            buf_putc(&out, '\n');
        }
        free(text);
        json_decref(doc);
    }
    if (e == ERR_OK && out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
        e = fault_set(f, ERR_INTERNAL, NULL, "Cannot write to standard output.", NULL);
    buf_free(&out);
    return e;
}

int cmd_report(int argc, char **argv)
{
    const char *db_arg = NULL, *area = NULL, *format = "text";
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"area", OPT_VALUE, "CODE", "the buurt, wijk or gemeente", &area, NULL},
        {"format", OPT_VALUE, "csv|json|text", "the output (default text)", &format, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie report --area CODE [--format csv|json|text] [--db URL]",
        "Prints the transition monitor's figures of one area as they were last computed:\n"
        "csv and json hold every indicator's series (as the pages' exports), text the latest\n"
        "quarter with the phase, its reasons and the early warning. Suppressed figures stay\n"
        "suppressed.",
        opts,
        0,
        0,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    if (!area || !area_code_valid(area, NULL)) {
        fprintf(stderr, "wijkregie: --area needs a buurt, wijk or gemeente code\n");
        return EXIT_USAGE;
    }
    if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
        fprintf(stderr, "wijkregie: --format must be csv, json or text\n");
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct arena *a = arena_new();
    struct fault f = {0};
    enum err e = report_write(db, a, area, format, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    arena_free(a);
    db_close(db);
    return cli_exit_code(e);
}
