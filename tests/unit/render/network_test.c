/* Tests of the network picture (src/render/network.c): for arenas from one
 * to sixty actors with short and long names, no two nodes overlap (with
 * the gap between them), every node and edge label lies inside the
 * picture, and the layout is the same each time; swapping never adds
 * crossings; the SVG is an image named by its title and description,
 * escapes labels, draws kinds in different shapes and writes nothing for
 * an empty arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "render/network.h"

static const char *const kinds[] = {"Institution", "Formal association", "Informal group",
                                    "Existing initiative", "Business"};

/* A picture of n nodes (every third with a long name), each related to
 * the next two, plus a parallel edge between 0 and 1. */
struct fixture {
    struct network_node nodes[64];
    struct network_edge edges[200];
    char names[64][80];
    struct network_picture p;
};

static void build(struct fixture *fx, int n)
{
    memset(fx, 0, sizeof *fx);
    int m = 0;
    for (int i = 0; i < n; i++) {
        snprintf(fx->names[i], sizeof fx->names[i],
                 i % 3 ? "Org %d" : "Stichting Wijkwerk en Welzijn Oosterpark-Noord %d", i);
        fx->nodes[i] = (struct network_node){fx->names[i], i % 5};
        for (int d = 1; d <= 2 && n > 2; d++)
            fx->edges[m++] =
                (struct network_edge){i, (i + d) % n, "collaborates with", d == 2, i % 4 == 0};
    }
    if (n >= 2)
        fx->edges[m++] = (struct network_edge){0, 1, "funds", true, false};
    fx->p = (struct network_picture){"net",     "Netwerk", "Beschrijving", fx->nodes, n,
                                     fx->edges, m,         kinds,          5};
}

static bool inside(const struct network_box *b, const struct network_layout *l)
{
    return b->cx - b->w / 2 >= 0 && b->cy - b->h / 2 >= 0 && b->cx + b->w / 2 <= l->width &&
           b->cy + b->h / 2 <= l->height;
}

static void test_nodes_never_overlap_and_everything_stays_inside(void **state)
{
    (void)state;
    static struct fixture fx;
    const int sizes[] = {1, 2, 3, 4, 7, 12, 25, 60};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        build(&fx, sizes[s]);
        struct network_layout l;
        network_layout(&fx.p, &l);
        for (int i = 0; i < fx.p.nnodes; i++) {
            assert_true(inside(&l.nodes[i], &l));
            for (int j = i + 1; j < fx.p.nnodes; j++) {
                const struct network_box *a = &l.nodes[i], *b = &l.nodes[j];
                bool apart = a->cx + a->w / 2 + NETWORK_GAP <= b->cx - b->w / 2 + 1e-6 ||
                             b->cx + b->w / 2 + NETWORK_GAP <= a->cx - a->w / 2 + 1e-6 ||
                             a->cy + a->h / 2 + NETWORK_GAP <= b->cy - b->h / 2 + 1e-6 ||
                             b->cy + b->h / 2 + NETWORK_GAP <= a->cy - a->h / 2 + 1e-6;
                if (!apart)
                    fail_msg("%d nodes: %d and %d overlap", sizes[s], i, j);
            }
        }
        for (int j = 0; j < fx.p.nedges; j++)
            assert_true(inside(&l.labels[j], &l));
        network_layout_free(&l);
    }
}

static void test_labels_are_fitted_to_their_boxes(void **state)
{
    (void)state;
    static struct fixture fx;
    build(&fx, 7);
    struct buf b = BUF_INIT;
    network_svg(&b, &fx.p);
    /* every text is fitted: as many textLength attributes as texts */
    int texts = 0, fitted = 0;
    for (const char *p = buf_cstr(&b); (p = strstr(p, "<text")); p++, texts++)
        fitted += strstr(p, "textLength=\"") < strstr(p, ">");
    assert_true(texts >= 7 + fx.p.nedges);
    assert_int_equal(fitted, texts);
    /* a long name is cut with an ellipsis; the full name is in the table */
    assert_non_null(strstr(buf_cstr(&b), "\xe2\x80\xa6</text>"));
    buf_free(&b);
}

static void test_layout_is_deterministic_and_swaps_never_add_crossings(void **state)
{
    (void)state;
    static struct fixture fx;
    build(&fx, 12);
    fx.edges[fx.p.nedges++] = (struct network_edge){0, 6, "houses", true, false};
    fx.edges[fx.p.nedges++] = (struct network_edge){3, 9, "houses", true, false};
    int identity[64];
    for (int i = 0; i < 12; i++)
        identity[i] = i;
    struct network_layout a, b;
    network_layout(&fx.p, &a);
    network_layout(&fx.p, &b);
    assert_true(a.crossings <= network_crossings(&fx.p, identity));
    assert_int_equal(a.crossings, network_crossings(&fx.p, a.order));
    assert_memory_equal(a.nodes, b.nodes, 12 * sizeof *a.nodes);
    network_layout_free(&a);
    network_layout_free(&b);
}

static void test_svg_is_an_accessible_image_with_escaped_labels(void **state)
{
    (void)state;
    struct network_node nodes[] = {{"De <Linde> & Co", 0}, {"Buurtkamer", 2}, {"Club", 3}};
    struct network_edge edges[] = {{0, 1, "funds", true, true}, {2, 1, "houses", true, false}};
    struct network_picture p = {
        "arena", "Netwerk van X", "Vormen per soort", nodes, 3, edges, 2, kinds, 5};
    struct buf b = BUF_INIT;
    network_svg(&b, &p);
    const char *s = buf_cstr(&b);
    assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"arena-title arena-desc\""));
    assert_non_null(strstr(s, "<title id=\"arena-title\">Netwerk van X</title>"));
    assert_non_null(strstr(s, "<desc id=\"arena-desc\">Vormen per soort</desc>"));
    assert_non_null(strstr(s, "De &lt;Linde&gt; &amp; Co"));
    assert_null(strstr(s, "<Linde>"));
    assert_non_null(strstr(s, "<title>De &lt;Linde&gt; &amp; Co funds Buurtkamer</title>"));
    assert_non_null(strstr(s, "stroke-dasharray"));       /* the ended one */
    assert_non_null(strstr(s, "<rect"));                  /* institution */
    assert_non_null(strstr(s, "<ellipse"));               /* informal group */
    assert_non_null(strstr(s, "<polygon"));               /* existing initiative */
    assert_non_null(strstr(s, ">Informal group</text>")); /* the legend */
    assert_null(strstr(s, ">Business</text>"));           /* only kinds present */
    buf_free(&b);
    struct buf empty = BUF_INIT;
    p.nnodes = 0;
    network_svg(&empty, &p);
    assert_int_equal(empty.len, 0);
    buf_free(&empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nodes_never_overlap_and_everything_stays_inside),
        cmocka_unit_test(test_labels_are_fitted_to_their_boxes),
        cmocka_unit_test(test_layout_is_deterministic_and_swaps_never_add_crossings),
        cmocka_unit_test(test_svg_is_an_accessible_image_with_escaped_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
