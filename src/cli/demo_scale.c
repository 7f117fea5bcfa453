/* `wijkregie demo --scale S|M|L [--seed N]`: five years of synthetic
 * history for the transition monitor and its benchmarks
 * (model/demo_scale.h), into a fresh database, with progress on a
 * terminal and the counts and the time it took at the end. */
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/demo_scale.h"

enum { DEFAULT_SEED = 1 };

static void show_progress(void *ctx, int done, int total, const struct demo_scale_result *res)
{
    (void)ctx;
    if (!isatty(STDERR_FILENO))
        return;
    fprintf(stderr,
            "\r  gemeente %d of %d: %" PRId64 " buurten, %" PRId64 " residents, %" PRId64
            " initiatives",
            done, total, res->buurten, res->residents, res->initiatives);
    if (done == total)
        fputc('\n', stderr);
}

static void print_result(const struct demo_scale_result *r, double seconds)
{
    printf("generated in %.1f s: %" PRId64 " gemeenten, %" PRId64 " wijken, %" PRId64
           " buurten (%" PRId64 " hot, %" PRId64 " vulnerable, %" PRId64 " declining, %" PRId64
           " under 50 inhabitants)\n",
           seconds, r->gemeenten, r->wijken, r->buurten, r->hot, r->vulnerable, r->declining,
           r->tiny);
    printf("  %" PRId64 " residents, %" PRId64 " professionals at %" PRId64
           " organisations, %" PRId64 " collectives\n",
           r->residents, r->professionals, r->organisations, r->collectives);
    printf("  %" PRId64 " initiatives, %" PRId64 " pledges, %" PRId64 " activities with %" PRId64
           " sign-ups, %" PRId64 " decisions with %" PRId64 " votes, %" PRId64 " offers\n",
           r->initiatives, r->pledges, r->activities, r->signups, r->decisions, r->votes,
           r->offers);
    printf("  %" PRId64 " hour pledges with %" PRId64 " ledger movements, %" PRId64 " agreements\n",
           r->hour_pledges, r->hour_movements, r->agreements);
}

int cli_demo_scale(const char *db_url, const char *scale, const char *seed_text, bool others,
                   const char *usage)
{
    enum demo_scale_tier tier;
    long seed = DEFAULT_SEED;
    if (!scale || others || !demo_scale_parse(scale, &tier) ||
        (seed_text && !opts_int(seed_text, 0, 2147483647L, &seed))) {
        fprintf(stderr,
                "wijkregie: --scale takes S, M or L, --seed a whole number from 0, and neither "
                "goes with --people or --match-data\nusage: %s\n",
                usage);
        return EXIT_USAGE;
    }
    int rc;
    struct db *db = cli_open_db(db_url, true, &rc);
    if (!db)
        return rc;
    struct demo_scale_result res;
    struct fault f = {0};
    int64_t started = clock_mono_ms();
    enum err e =
        demo_scale_generate(db, tier, (uint64_t)seed, clock_now(), show_progress, NULL, &res, &f);
    if (e != ERR_OK)
        cli_print_fault(&f);
    else
        print_result(&res, (double)(clock_mono_ms() - started) / 1000.0);
    db_close(db);
    return cli_exit_code(e);
}
