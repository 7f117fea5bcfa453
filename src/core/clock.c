/* Time helpers: the wall clock and a monotonic clock, and conversion between
 * unix seconds (UTC) and the ISO 8601 forms people read and type. The
 * calendar arithmetic is the proleptic Gregorian calendar done by hand, so it
 * depends neither on the process's time zone nor on timegm(). */
#include "core/clock.h"

#include <time.h>

#define SECS_PER_DAY 86400
/* Days from 0001-01-01 to 1970-01-01. */
#define EPOCH_DAYS 719162
/* Formatting keeps four-digit years: times outside years 1..9999 are clamped
 * to the first or last second of that range. */
#define MIN_TIME (-(int64_t)EPOCH_DAYS * SECS_PER_DAY)
#define MAX_TIME ((int64_t)(3652059 - EPOCH_DAYS) * SECS_PER_DAY - 1)

struct civil {
    int year, month, day;
};

int64_t clock_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

int64_t clock_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Days from 0001-01-01 to January 1st of year y (y >= 1). */
static int64_t days_before_year(int y)
{
    int64_t p = y - 1;
    return p * 365 + p / 4 - p / 100 + p / 400;
}

/* Days since 1970-01-01 of a valid date. */
static int64_t days_from_civil(struct civil c)
{
    int64_t days = days_before_year(c.year);
    for (int m = 1; m < c.month; m++)
        days += days_in_month(c.year, m);
    return days + c.day - 1 - EPOCH_DAYS;
}

/* The date of a day number (days since 1970-01-01, within years 1..9999):
 * estimate the year from the average year length, correct it, then walk the
 * months. */
static struct civil civil_from_days(int64_t days)
{
    int64_t n = days + EPOCH_DAYS; /* days since 0001-01-01 */
    struct civil c = {(int)(n * 400 / 146097) + 1, 1, 1};
    while (days_before_year(c.year) > n)
        c.year--;
    while (days_before_year(c.year + 1) <= n)
        c.year++;
    int rest = (int)(n - days_before_year(c.year));
    while (rest >= days_in_month(c.year, c.month)) {
        rest -= days_in_month(c.year, c.month);
        c.month++;
    }
    c.day = rest + 1;
    return c;
}

/* Writes value as exactly width decimal digits (value >= 0 and fits). */
static char *put_digits(char *p, int value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

/* Splits t into its date and its second of the day, rounding down for times
 * before 1970. */
static struct civil split_time(int64_t t, int *second_of_day)
{
    if (t < MIN_TIME)
        t = MIN_TIME;
    if (t > MAX_TIME)
        t = MAX_TIME;
    int64_t days = t / SECS_PER_DAY;
    int64_t secs = t % SECS_PER_DAY;
    if (secs < 0) {
        secs += SECS_PER_DAY;
        days--;
    }
    *second_of_day = (int)secs;
    return civil_from_days(days);
}

static char *put_date(char *p, struct civil c)
{
    p = put_digits(p, c.year, 4);
    *p++ = '-';
    p = put_digits(p, c.month, 2);
    *p++ = '-';
    return put_digits(p, c.day, 2);
}

void clock_iso8601(int64_t t, char out[static 21])
{
    int sod;
    char *p = put_date(out, split_time(t, &sod));
    *p++ = 'T';
    p = put_digits(p, sod / 3600, 2);
    *p++ = ':';
    p = put_digits(p, sod / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, sod % 60, 2);
    *p++ = 'Z';
    *p = '\0';
}

void clock_date(int64_t t, char out[static 11])
{
    int sod;
    char *p = put_date(out, split_time(t, &sod));
    *p = '\0';
}

/* Reads exactly width ASCII digits; false on anything else. */
static bool get_digits(const char *s, int width, int *value)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

bool clock_parse_date(const char *s, int64_t *out)
{
    struct civil c;
    if (!s || !get_digits(s, 4, &c.year) || s[4] != '-' || !get_digits(s + 5, 2, &c.month) ||
        s[7] != '-' || !get_digits(s + 8, 2, &c.day) || s[10] != '\0')
        return false;
    if (c.year < 1000 || c.month < 1 || c.month > 12 || c.day < 1 ||
        c.day > days_in_month(c.year, c.month))
        return false;
    *out = days_from_civil(c) * SECS_PER_DAY;
    return true;
}
