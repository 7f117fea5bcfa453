/* Option parsing for the subcommands, driven by each command's table. */
#include "cli/opts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void opts_help(const struct command_spec *spec)
{
    printf("usage: %s\n\n%s\n\noptions:\n", spec->usage, spec->summary);
    for (const struct opt *o = spec->opts; o && o->name; o++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->kind == OPT_VALUE ? " " : "",
                 o->kind == OPT_VALUE ? o->arg_name : "");
        printf("  %-26s %s\n", left, o->help);
    }
    printf("  %-26s %s\n", "--help", "show this help and exit");
}

static const struct opt *find_opt(const struct command_spec *spec, const char *name, size_t len)
{
    for (const struct opt *o = spec->opts; o && o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    return NULL;
}

static int usage_error(const struct command_spec *spec, const char *what, const char *arg)
{
    fprintf(stderr, "wijkregie: %s%s%s\nusage: %s\n(see --help)\n", what, arg ? ": " : "",
            arg ? arg : "", spec->usage);
    return EXIT_USAGE;
}

/* Handles one "--name" or "--name=value" at argv[*i]; advances *i past a
 * separate value. Returns -1 to go on, or an exit code. */
static int parse_long(const struct command_spec *spec, int argc, char **argv, int *i)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    if (len == 4 && strncmp(name, "help", 4) == 0) {
        opts_help(spec);
        return 0;
    }
    const struct opt *o = find_opt(spec, name, len);
    if (!o)
        return usage_error(spec, "unknown option", argv[*i]);
    if (o->kind == OPT_FLAG) {
        if (eq)
            return usage_error(spec, "option takes no value", argv[*i]);
        *o->flag = true;
        return -1;
    }
    if (eq) {
        *o->value = eq + 1;
    } else if (*i + 1 < argc) {
        *o->value = argv[++*i];
    } else {
        return usage_error(spec, "option needs a value", argv[*i]);
    }
    return -1;
}

int opts_parse(const struct command_spec *spec, int argc, char **argv, const char **args,
               int *nargs)
{
    bool only_args = false;
    *nargs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_args && strcmp(a, "--") == 0) {
            only_args = true;
        } else if (!only_args && (strcmp(a, "-h") == 0)) {
            opts_help(spec);
            return 0;
        } else if (!only_args && strncmp(a, "--", 2) == 0) {
            int rc = parse_long(spec, argc, argv, &i);
            if (rc >= 0)
                return rc;
        } else if (!only_args && a[0] == '-' && a[1] != '\0') {
            return usage_error(spec, "unknown option", a);
        } else {
            if (*nargs >= spec->max_args)
                return usage_error(spec, "unexpected argument", a);
            args[(*nargs)++] = a;
        }
    }
    if (*nargs < spec->min_args)
        return usage_error(spec, "missing argument", NULL);
    return -1;
}

const char *opts_db_url(const char *given)
{
    if (given && *given)
        return given;
    const char *env = getenv("WIJKREGIE_DB");
    return env && *env ? env : "wijkregie.db";
}

bool opts_int(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}
