/* `wijkregie demo --match-data PERSONS,PRACTICES [--match-bench RUNS]`:
 * generated people with skills and evaluated initiatives with practices
 * (model/match_demo.h), and, with --match-bench, the timing bench/match.sh
 * records: RUNS matches of the generated skill need as its initiator and
 * RUNS searches of the practice library, each timed in-process around the
 * model call (query and ranking, no HTTP), with the median printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "model/match.h"
#include "model/match_demo.h"
#include "model/practice.h"

enum { BENCH_RUNS_MAX = 1000 };

static double ms_of(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return ms_of(CLOCK_MONOTONIC);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One timed call of match_find or practice_search; -1 on an error. */
static double timed(struct db *db, const struct match_demo_result *res, int i, bool search,
                    int *found, double *cpu)
{
    static const char *const words[] = {"moestuin",           "vaste vrijwilligers",
                                        "subsidie wijkfonds", "repair cafe",
                                        "taalcafe flyers",    "klusdag gereedschap"};
    struct arena *a = arena_new();
    struct fault f = {0};
    struct actor act = {.person_id = res->initiator_id, .capacity = "resident", .now = clock_now()};
    double t0 = now_ms(), c0 = ms_of(CLOCK_PROCESS_CPUTIME_ID);
    enum err e;
    if (search) {
        struct practice *items;
        struct practice_query q = {words[i % 6], NULL, NULL};
        e = practice_search(db, a, &q, &items, found, &f);
    } else {
        struct match_candidate *items;
        e = match_find(db, a, res->need_id, &act, &items, found, &f);
    }
    double ms = now_ms() - t0;
    *cpu = ms_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (e != ERR_OK)
        cli_print_fault(&f);
    arena_free(a);
    return e == ERR_OK ? ms : -1;
}

static int bench(struct db *db, const struct match_demo_result *res, int runs)
{
    double *v = malloc(2 * (size_t)runs * sizeof *v), *cpu = v + runs;
    if (!v)
        abort();
    for (int pass = 0; pass < 2; pass++) {
        int found = 0;
        for (int i = 0; i < runs; i++)
            if ((v[i] = timed(db, res, i, pass == 1, &found, &cpu[i])) < 0) {
                free(v);
                return EXIT_SOFTWARE;
            }
        double med = median(v, runs);
        printf("%s: median %.2f ms over %d runs (min %.2f, max %.2f; last gave %d); "
               "CPU time of this process: median %.2f ms\n",
               pass ? "search" : "match", med, runs, v[0], v[runs - 1], found, median(cpu, runs));
    }
    free(v);
    return EXIT_OK;
}

int cli_match_demo(struct db *db, const char *counts, const char *runs_text)
{
    int persons = -1, practices = -1, runs = 0, used = 0;
    if (sscanf(counts, "%d,%d%n", &persons, &practices, &used) != 2 || counts[used] != '\0' ||
        (runs_text && ((runs = atoi(runs_text)) < 1 || runs > BENCH_RUNS_MAX))) {
        fprintf(stderr, "wijkregie: --match-data takes PERSONS,PRACTICES (such as 20,5) and "
                        "--match-bench 1..1000 runs\n");
        return EXIT_USAGE;
    }
    struct match_demo_result res;
    struct fault f = {0};
    double t0 = now_ms();
    enum err e = match_demo_generate(db, persons, practices, clock_now(), &res, &f);
    if (e != ERR_OK) {
        cli_print_fault(&f);
        return cli_exit_code(e);
    }
    printf("match data: %d persons, %d practices in %.1f s; skill need %lld of initiative %lld "
           "(initiator %lld)\n",
           res.persons, res.practices, (now_ms() - t0) / 1000, (long long)res.need_id,
           (long long)res.initiative_id, (long long)res.initiator_id);
    return runs ? bench(db, &res, runs) : EXIT_OK;
}
