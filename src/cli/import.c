/* `wijkregie import cbs FILE` and `wijkregie import geojson FILE`: bring
 * public area data in, all or nothing, with progress on a terminal.
 * (`wijkregie import dump FILE` is in dump.c.) */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "db/db.h"
#include "model/boundary.h"
#include "model/cbs.h"

/* Progress on stderr, rewritten in place, only when stderr is a terminal. */
static void show_progress(void *ctx, enum cbs_phase phase, long rows, uint64_t done, uint64_t total)
{
    (void)ctx;
    if (!isatty(STDERR_FILENO))
        return;
    if (phase == CBS_READING && total > 0)
        fprintf(stderr, "\rreading: %ld rows, %3d%%", rows, (int)(done * 100 / total));
    else if (phase == CBS_READING)
        fprintf(stderr, "\rreading: %ld rows", rows);
    else
        fprintf(stderr, "\rwriting: %ld areas      ", rows);
    if (phase == CBS_WRITING && done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static int import_cbs(int argc, char **argv)
{
    const char *db_arg = NULL, *year_arg = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"year", OPT_VALUE, "YEAR", "the year of the figures (default: from the file name)",
         &year_arg, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie import cbs FILE [--year YEAR] [--db URL]",
        "Imports CBS \"Kerncijfers wijken en buurten\" as CBS publishes it as CSV: areas\n"
        "(gemeenten, wijken, buurten) and their key figures for one year. The import is one\n"
        "transaction: a file with a bad row imports nothing and the error names the line\n"
        "and the column. Importing a year again replaces that year.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    long year = 0;
    if (year_arg && !opts_int(year_arg, 1990, 2200, &year)) {
        fprintf(stderr, "wijkregie: --year must be a year from 1990 to 2200\n");
        return EXIT_USAGE;
    }
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct cbs_result res;
    struct fault f = {0};
    enum err e = cbs_import(db, args[0], (int)year, show_progress, NULL, &res, &f);
    if (e != ERR_OK) {
        if (isatty(STDERR_FILENO))
            fputc('\n', stderr);
        cli_print_fault(&f);
        fprintf(stderr, "wijkregie: nothing was imported\n");
    } else {
        printf("imported %d: %d gemeenten, %d wijken, %d buurten (%ld rows, %d other regions "
               "skipped)\n",
               res.year, res.gemeenten, res.wijken, res.buurten, res.rows, res.skipped);
    }
    cbs_result_free(&res);
    db_close(db);
    return cli_exit_code(e);
}

static int import_geojson(int argc, char **argv)
{
    const char *db_arg = NULL, *prop = NULL;
    const struct opt opts[] = {
        OPT_DB(&db_arg),
        {"code-property", OPT_VALUE, "NAME",
         "the feature property holding the CBS code (default: code)", &prop, NULL},
        {0},
    };
    const struct command_spec spec = {
        "wijkregie import geojson FILE [--code-property NAME] [--db URL]",
        "Attaches boundaries (a GeoJSON FeatureCollection of Polygons or MultiPolygons in\n"
        "WGS84) to existing areas by their CBS code. Features of unknown areas are skipped\n"
        "and listed; a bad feature imports nothing.",
        opts,
        1,
        1,
    };
    const char *args[1];
    int nargs, rc = opts_parse(&spec, argc, argv, args, &nargs);
    if (rc >= 0)
        return rc;
    struct db *db = cli_open_db(opts_db_url(db_arg), true, &rc);
    if (!db)
        return rc;
    struct boundary_result res;
    struct fault f = {0};
    enum err e = boundary_import(db, args[0], prop, &res, &f);
    if (e != ERR_OK) {
        cli_print_fault(&f);
        fprintf(stderr, "wijkregie: nothing was imported\n");
    } else {
        printf("attached %d of %d boundaries", res.attached, res.features);
        if (res.skipped > 0) {
            printf("; skipped %d of unknown areas:", res.skipped);
            for (int i = 0; i < res.skipped; i++)
                printf(" %s", res.skipped_codes[i]);
        }
        printf("\n");
    }
    boundary_result_free(&res);
    db_close(db);
    return cli_exit_code(e);
}

int cmd_import(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "cbs") == 0)
        return import_cbs(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "geojson") == 0)
        return import_geojson(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "dump") == 0)
        return cmd_import_dump(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "sociale-kaart") == 0)
        return cmd_import_socialekaart(argc - 1, argv + 1);
    FILE *out = argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr;
    fprintf(out, "usage: wijkregie import cbs FILE [--year YEAR] [--db URL]\n"
                 "       wijkregie import geojson FILE [--code-property NAME] [--db URL]\n"
                 "       wijkregie import dump FILE [--db URL]\n"
                 "       wijkregie import sociale-kaart FILE [--skip-bad] [--db URL]\n"
                 "`wijkregie import cbs --help` tells more.\n");
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}
