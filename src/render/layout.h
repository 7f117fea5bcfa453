/* The page layout: doctype, head (title, stylesheet), header with navigation
 * and the language switch, main, footer. Every HTML page is
 *     layout_begin(r, title); ...body via html_*... ; layout_end(r);
 * and sets "text/html; charset=utf-8". */
#ifndef WIJK_RENDER_LAYOUT_H
#define WIJK_RENDER_LAYOUT_H

struct req;

/* One step of a breadcrumb trail: label (already translated or data) and
 * href (NULL for the current page). */
struct crumb {
    const char *label;
    const char *href;
};

/* title is already translated (or is data); it is escaped. */
void layout_begin(struct req *r, const char *title);
void layout_begin_crumbs(struct req *r, const char *title, const struct crumb *crumbs, int n);
void layout_end(struct req *r);

/* A page to print (a notice-board listing): the same head and stylesheet,
 * but no site header, navigation, breadcrumbs or footer; the body is a
 * <main id="main" class="print-page">. Ended by layout_end_bare. */
void layout_begin_bare(struct req *r, const char *title);
void layout_end_bare(struct req *r);

/* A full error page for r->fault with r->resp.status already set. */
void layout_error_page(struct req *r);

#endif
