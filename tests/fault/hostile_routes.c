/* The route table (http/routes.c) as JSON on stdout, for the bad-input
 * harness tests/fault/hostile.py: each route's methods, pattern, flags,
 * body limit and declared fields (name, type, bounds, required, choices).
 * The harness sends hostile values into whatever this prints, so a route
 * added later is covered without touching the harness. Linked with the
 * http library, so it always prints the table the server is built with. */
#include <inttypes.h>
#include <stdio.h>

#include "http/route.h"

static const char *const type_names[] = {
    [FIELD_TEXT] = "text",   [FIELD_LINE] = "line", [FIELD_INT] = "int",
    [FIELD_CODE] = "code",   [FIELD_DATE] = "date", [FIELD_CHOICE] = "choice",
    [FIELD_TOKEN] = "token",
};

/* s as a JSON string; route and field names are ASCII, but quote anyway. */
static void put_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void put_methods(unsigned methods)
{
    putchar('[');
    const char *sep = "";
    for (unsigned bit = 1; bit && bit <= methods; bit <<= 1) {
        if (!(methods & bit))
            continue;
        printf("%s", sep);
        put_string(route_method_name(bit));
        sep = ",";
    }
    putchar(']');
}

static void put_field(const struct field *f)
{
    printf("{\"name\":");
    put_string(f->name);
    printf(",\"type\":\"%s\",\"min\":%" PRId64 ",\"max\":%" PRId64 ",\"required\":%s",
           type_names[f->type], f->min, f->max, (f->flags & FIELD_REQUIRED) ? "true" : "false");
    printf(",\"choices\":[");
    for (size_t i = 0; f->choices && f->choices[i]; i++) {
        printf("%s", i ? "," : "");
        put_string(f->choices[i]);
    }
    printf("]}");
}

static void put_route(const struct route *rt)
{
    printf("{\"methods\":");
    put_methods(rt->methods);
    printf(",\"pattern\":");
    put_string(rt->pattern);
    printf(",\"json\":%s,\"form\":%s,\"login\":%s,\"csrf\":%s,\"max_body\":%zu,\"fields\":[",
           (rt->flags & ROUTE_JSON) ? "true" : "false", (rt->flags & ROUTE_FORM) ? "true" : "false",
           (rt->flags & ROUTE_NEED_LOGIN) ? "true" : "false",
           (rt->flags & ROUTE_NEED_CSRF) ? "true" : "false", rt->max_body);
    for (size_t i = 0; rt->fields && rt->fields[i].name; i++) {
        printf("%s", i ? "," : "");
        put_field(&rt->fields[i]);
    }
    printf("]}");
}

int main(void)
{
    printf("[");
    for (size_t i = 0; routes[i].pattern; i++) {
        printf("%s\n", i ? "," : "");
        put_route(&routes[i]);
    }
    printf("\n]\n");
    return ferror(stdout) ? 1 : 0;
}
