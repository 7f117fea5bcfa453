/* The vulnerable flag of a buurt, and the early warning on other pages:
 *   GET  /areas/{code}/monitor/flag  the form, for the buurt's municipality
 *                                    admins (policy area.flag_vulnerable)
 *   POST /areas/{code}/monitor/flag  flag it with a reason, or take the
 *                                    flag away; 303 to the dashboard
 * A refused post is shown again by the dispatcher with the message next to
 * its field. web_monitor_warning_note puts a raised early warning on the
 * pages of the buurt's collectives and its arena, so that residents see it
 * first. */
#include "web/web.h"

#include <string.h>

#include "core/arena.h"
#include "model/area.h"
#include "model/capacity.h"
#include "model/monitor.h"
#include "render/form.h"
#include "render/html.h"
#include "render/layout.h"
#include "render/req.h"
#include "web/monitor_words.h"

/* The buurt of the path, and whether the visitor may flag it: asked of the
 * policy with the visitor's relation to the area (an admin of the buurt's
 * gemeente or not) before anything else about it, so that a refusal
 * carries the policy's reason whatever the area is. */
static enum err flaggable(struct req *r, struct area *ar)
{
    bool admin = false;
    enum err e = area_get(r->db, r->arena, req_in(r, "code"), ar, &r->fault);
    if (e == ERR_OK && ar->kind == AREA_BUURT)
        e = capacity_buurt_admin(r->db, ar->code, r->actor.person_id, &admin, &r->fault);
    if (e == ERR_OK)
        e = capacity_check(r->db, &r->actor, ACT_AREA_FLAG_VULNERABLE,
                           admin ? REL_MEMBER : REL_OTHER, &r->fault);
    if (e == ERR_OK && ar->kind != AREA_BUURT)
        return req_fail(r, ERR_INVALID, "code", N_("Only a buurt can be flagged as vulnerable."));
    return e;
}

static void flag_select(struct req *r, bool flagged)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "flagged");
    bool yes = kept ? strcmp(kept, "yes") == 0 : flagged;
    form_field_begin(r, "flag-", "flagged", T(r, "Vulnerable"));
    html_raw_trusted(b, "<select id=\"flag-flagged\" name=\"flagged\"");
    form_field_attrs(r, "flag-", "flagged");
    html_fmt(b,
             ">\n<option value=\"yes\"%s>%s</option>\n<option value=\"no\"%s>%s</option>\n"
             "</select>\n</div>\n",
             yes ? " selected" : "", T(r, "Yes: flag this buurt as vulnerable"),
             yes ? "" : " selected", T(r, "No: take the flag away"));
}

static void reason_field(struct req *r, const char *current)
{
    struct buf *b = &r->resp.body;
    const char *kept = form_value(r, "reason");
    form_field_begin(r, "flag-", "reason", T(r, "Reason"));
    html_fmt(b, "<p class=\"hint\" id=\"flag-reason-hint\">%s</p>\n",
             T(r, "Why the buurt needs watching, in at most 500 characters. Everyone who sees the "
                  "monitor reads it; name no one."));
    html_raw_trusted(b,
                     "<textarea id=\"flag-reason\" name=\"reason\" rows=\"4\" maxlength=\"500\"");
    html_raw_trusted(b, form_has_error(r, "reason")
                            ? " aria-describedby=\"flag-reason-hint flag-reason-error\" "
                              "aria-invalid=\"true\""
                            : " aria-describedby=\"flag-reason-hint\"");
    html_raw_trusted(b, ">");
    html_text(b, kept ? kept : current);
    html_raw_trusted(b, "</textarea>\n</div>\n");
}

enum err web_monitor_flag_page(struct req *r)
{
    struct area ar;
    struct monitor_warning w;
    struct fault refused = r->fault; /* a refused post's message, kept for the form */
    r->fault = (struct fault){0};
    enum err e = flaggable(r, &ar);
    if (e == ERR_OK)
        e = monitor_warning_get(r->db, r->arena, ar.code, &w, &r->fault);
    if (e != ERR_OK)
        return e;
    r->fault = refused;
    const char *title = monitor_words_fill(r, T(r, "Flag %s as vulnerable"), ar.name, NULL);
    struct crumb crumbs[] = {
        {ar.name, arena_printf(r->arena, "/areas/%s", ar.code)},
        {T(r, "Transition monitor"), arena_printf(r->arena, "/areas/%s/monitor", ar.code)},
        {T(r, "Vulnerable"), NULL}};
    layout_begin_crumbs(r, title, crumbs, 3);
    html_fmt(&r->resp.body, "<h1>%s</h1>\n<p>%s</p>\n", title,
             T(r, "A vulnerable buurt whose momentum falls raises the early warning, for its "
                  "residents and its arena first. The CBS figures make a buurt vulnerable when "
                  "its share of low-income households is at least one and a half times the "
                  "country's; here you can flag one that the figures miss. The flag counts from "
                  "the next computation of the monitor."));
    html_fmt(&r->resp.body, "<p>%s</p>\n",
             w.flagged ? T(r, "This buurt is flagged now.")
                       : T(r, "This buurt is not flagged now."));
    form_begin(r, arena_printf(r->arena, "/areas/%s/monitor/flag", ar.code));
    flag_select(r, w.flagged);
    reason_field(r, w.flag_reason ? w.flag_reason : "");
    form_end(r, T(r, "Save"));
    layout_end(r);
    return ERR_OK;
}

enum err web_monitor_flag(struct req *r)
{
    const char *code = req_in(r, "code");
    bool flagged = strcmp(req_in(r, "flagged"), "yes") == 0;
    enum err e =
        monitor_flag_vulnerable(r->db, &r->actor, code, flagged, req_in(r, "reason"), &r->fault);
    if (e != ERR_OK)
        return e;
    const char *href = arena_printf(r->arena, "/areas/%s/monitor?done=%s", code,
                                    flagged ? "flagged" : "unflagged");
    r->resp.status = 303;
    req_header(r, "Location", href);
    layout_begin(r, T(r, "Transition monitor"));
    html_raw_trusted(&r->resp.body, "<p><a href=\"");
    html_attr(&r->resp.body, href);
    html_fmt(&r->resp.body, "\">%s</a></p>\n", T(r, "Continue"));
    layout_end(r);
    return ERR_OK;
}

void web_monitor_warning_note(struct req *r, const char *area_code)
{
    struct area ar;
    struct monitor_warning w;
    struct fault f = {0};
    if (!area_code || area_get(r->db, r->arena, area_code, &ar, &f) != ERR_OK ||
        monitor_warning_get(r->db, r->arena, ar.code, &w, &f) != ERR_OK)
        return; /* the page it sits on works without it */
    monitor_words_warning(r, &w, ar.code, ar.name, true);
}
