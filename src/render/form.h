/* HTML forms that work without JavaScript and for everyone: each input has
 * a label, an optional hint, and, when the last post failed on it, the error
 * right next to it (aria-describedby, aria-invalid); the form keeps what was
 * typed (never passwords); a post form carries its CSRF token in the hidden
 * field "csrf". The error shown is r->fault: next to the input whose name is
 * r->fault.field, and in a summary at the top of the form. */
#ifndef WIJK_RENDER_FORM_H
#define WIJK_RENDER_FORM_H

#include <stdbool.h>

struct req;

struct form_input {
    const char *name;         /* also the id */
    const char *label;        /* translated */
    const char *type;         /* "text", "email", "password" */
    const char *autocomplete; /* "email", "current-password", ... or NULL */
    const char *hint;         /* translated, or NULL */
    int maxlength;            /* 0: none */
    bool required;
};

/* Opens <form method="post" action="action"> with the hidden CSRF field
 * and, when r->fault is set, the error summary. */
void form_begin(struct req *r, const char *action);

/* One labelled input. Its value is what was posted under its name (kept
 * across a failed post), except for passwords, which are never written
 * back. */
void form_input(struct req *r, const struct form_input *in);

/* A hidden input with a value from the program or from data (escaped). */
void form_hidden(struct req *r, const char *name, const char *value);

/* The submit button (label translated) and </form>. */
void form_end(struct req *r, const char *submit_label);

/* A form that is only a button: post to action (e.g. sign out). */
void form_button(struct req *r, const char *action, const char *label, const char *css_class);

/* Whether the last post failed on the field called name (r->fault.field). */
bool form_has_error(const struct req *r, const char *name);

/* For a control the caller writes itself (a select, a textarea, a date):
 * opens <div class="field"> with the label for the control's id -- prefix
 * and name, "offer-kind" -- and, when the last post failed on name, the
 * error (id "offer-kind-error"). The caller then writes the control, with
 * form_field_attrs inside its tag, and "</div>". */
void form_field_begin(struct req *r, const char *prefix, const char *name, const char *label);

/* Inside such a control's tag: aria-describedby and aria-invalid when the
 * last post failed on name. */
void form_field_attrs(struct req *r, const char *prefix, const char *name);

/* The posted value of name (r->form), or NULL. */
const char *form_value(const struct req *r, const char *name);

#endif
