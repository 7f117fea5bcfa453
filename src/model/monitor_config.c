/* The monitor's thresholds (see monitor.h): the defaults are the embedded
 * data/monitor.conf, so the documented file and the running defaults are
 * one text; an operator's file is parsed over them. */
#include "model/monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"

#define N_(msgid) (msgid)

/* A key of the file, where it goes and its bounds. */
struct key {
    const char *name;
    size_t offset;
    bool is_int;
    double min, max;
};

#define D(name, field, lo, hi) {name, offsetof(struct monitor_config, field), false, lo, hi}
#define I(name, field, lo, hi) {name, offsetof(struct monitor_config, field), true, lo, hi}

static const struct key keys[] = {
    D("takeoff.i1", takeoff_i1, 0, 1000),   D("takeoff.i2", takeoff_i2, 0, 1000),
    D("accel.i1", accel_i1, 0, 1000),       D("accel.i2", accel_i2, 0, 1000),
    D("accel.i3", accel_i3, 0, 100),        D("accel.i9", accel_i9, 0, 1000),
    D("stab.i1", stab_i1, 0, 1000),         D("stab.i12", stab_i12, 0, 100),
    D("stab.i13", stab_i13, 0, 100),        D("stab.i7", stab_i7, 0, 100),
    D("vulnerable.factor", vulnerable_factor, 1, 10),
    D("national.low_income", national_low_income, 0, 100),
    D("warn.drop_i1", drop_i1, 0, 1),       D("warn.idle_share", idle_share, 0, 1),
    I("warn.idle_days", idle_days, 1, 3650), D("warn.hours_withdrawn", hours_withdrawn, 0, 1),
    D("warn.voice_rise", voice_rise, 0, 100), D("warn.concentration", concentration, 0, 100),
    I("warn.min_signals", min_signals, 1, 6),
};

static const struct key *key_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == len && strncmp(keys[i].name, name, len) == 0)
            return &keys[i];
    return NULL;
}

static const char *trim(const char *s, const char *end, size_t *len)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    *len = (size_t)(end - s);
    return s;
}

/* One line (without its newline) over *cfg. */
static enum err parse_line(const char *s, const char *end, struct monitor_config *cfg,
                           struct fault *f)
{
    const char *hash = memchr(s, '#', (size_t)(end - s));
    if (hash)
        end = hash;
    size_t klen, vlen;
    const char *eq = memchr(s, '=', (size_t)(end - s));
    const char *k = trim(s, eq ? eq : end, &klen);
    if (klen == 0 && !eq)
        return ERR_OK;
    const struct key *key = eq ? key_find(k, klen) : NULL;
    if (!key)
        return fault_set(f, ERR_INVALID, "config",
                         "A line of the monitor configuration is not a known setting "
                         "(docs/monitor.md lists them).",
                         NULL);
    const char *v = trim(eq + 1, end, &vlen);
    char num[64];
    if (vlen == 0 || vlen >= sizeof num)
        return fault_set(f, ERR_INVALID, key->name, "Setting %s needs a number.", key->name,
                         NULL);
    memcpy(num, v, vlen);
    num[vlen] = '\0';
    char *rest;
    double x = strtod(num, &rest);
    if (*rest || !isfinite(x) || x < key->min || x > key->max || (key->is_int && x != floor(x)))
        return fault_set(f, ERR_INVALID, key->name, "Setting %s is out of range.", key->name,
                         NULL);
    if (key->is_int)
        *(int *)((char *)cfg + key->offset) = (int)x;
    else
        *(double *)((char *)cfg + key->offset) = x;
    return ERR_OK;
}

enum err monitor_config_parse(const char *text, struct monitor_config *cfg, struct fault *f)
{
    struct monitor_config next = *cfg;
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p);
        enum err e = parse_line(p, end, &next, f);
        if (e != ERR_OK)
            return e;
        p = nl ? nl + 1 : end;
    }
    *cfg = next;
    return ERR_OK;
}

void monitor_config_default(struct monitor_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    const struct embedded_file *e = embed_find("data/monitor.conf");
    struct fault f = {0};
    if (!e || monitor_config_parse((const char *)e->data, cfg, &f) != ERR_OK) {
        fprintf(stderr, "monitor: the embedded data/monitor.conf is broken\n");
        abort();
    }
}
