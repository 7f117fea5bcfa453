/* Accessible post forms with field errors and the CSRF field (form.h). */
#include "render/form.h"

#include <string.h>

#include "core/arena.h"
#include "render/errmsg.h"
#include "render/html.h"
#include "render/req.h"
#include "render/signin.h"

const char *form_value(const struct req *r, const char *name)
{
    for (size_t i = 0; i < r->form.n; i++)
        if (r->form.items[i].key && strcmp(r->form.items[i].key, name) == 0)
            return r->form.items[i].value;
    return NULL;
}

static void csrf_field(struct req *r)
{
    const char *token = signin_csrf(r);
    if (token)
        form_hidden(r, "csrf", token);
}

void form_begin(struct req *r, const char *action)
{
    struct buf *b = &r->resp.body;
    html_raw_trusted(b, "<form method=\"post\" action=\"");
    html_attr(b, action);
    html_raw_trusted(b, "\">\n");
    csrf_field(r);
    if (r->fault.code != ERR_OK)
        html_fmt(b,
                 "<div class=\"form-errors\" role=\"alert\"><p><strong>%s</strong> %s</p></div>\n",
                 T(r, "This did not work:"), errmsg_text(r));
}

static bool has_error(const struct req *r, const char *name)
{
    return r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, name) == 0;
}

void form_input(struct req *r, const struct form_input *in)
{
    struct buf *b = &r->resp.body;
    bool error = has_error(r, in->name);
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", in->name, in->label);
    if (in->hint)
        html_fmt(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", in->name, in->hint);
    if (error)
        html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", in->name, errmsg_text(r));
    html_fmt(b, "<input id=\"%s\" name=\"%s\" type=\"%s\"", in->name, in->name, in->type);
    if (in->autocomplete)
        html_fmt(b, " autocomplete=\"%s\"", in->autocomplete);
    if (in->maxlength > 0)
        html_fmt(b, " maxlength=\"%d\"", in->maxlength);
    if (in->required)
        html_raw_trusted(b, " required");
    if (in->hint || error) {
        html_raw_trusted(b, " aria-describedby=\"");
        if (in->hint)
            html_fmt(b, "%s-hint", in->name);
        if (error)
            html_fmt(b, "%s%s-error", in->hint ? " " : "", in->name);
        html_raw_trusted(b, "\"");
    }
    const char *kept = strcmp(in->type, "password") != 0 ? form_value(r, in->name) : NULL;
    if (kept) {
        html_raw_trusted(b, " value=\"");
        html_attr(b, kept);
        html_raw_trusted(b, "\"");
    }
    html_raw_trusted(b, error ? " aria-invalid=\"true\">\n</div>\n" : ">\n</div>\n");
}

bool form_has_error(const struct req *r, const char *name)
{
    return r->fault.code != ERR_OK && r->fault.field && strcmp(r->fault.field, name) == 0;
}

void form_field_begin(struct req *r, const char *prefix, const char *name, const char *label)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<div class=\"field\">\n<label for=\"%s%s\">%s</label>\n", prefix, name, label);
    if (form_has_error(r, name))
        html_fmt(b, "<p class=\"field-error\" id=\"%s%s-error\">%s</p>\n", prefix, name,
                 errmsg_text(r));
}

void form_field_attrs(struct req *r, const char *prefix, const char *name)
{
    if (form_has_error(r, name))
        html_fmt(&r->resp.body, " aria-describedby=\"%s%s-error\" aria-invalid=\"true\"", prefix,
                 name);
}

void form_hidden(struct req *r, const char *name, const char *value)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    html_attr(b, value ? value : "");
    html_raw_trusted(b, "\">\n");
}

void form_end(struct req *r, const char *submit_label)
{
    html_fmt(&r->resp.body, "<button type=\"submit\">%s</button>\n</form>\n", submit_label);
}

void form_button(struct req *r, const char *action, const char *label, const char *css_class)
{
    struct buf *b = &r->resp.body;
    html_fmt(b, "<form method=\"post\" class=\"%s\" action=\"", css_class);
    html_attr(b, action);
    html_raw_trusted(b, "\">\n");
    csrf_field(r);
    html_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n", label);
}
