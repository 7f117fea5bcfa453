/* The erasure journal (see erasure.h): a small append-only text file of
 * person ids and times beside the SQLite database. It is read whole each
 * time (a line per erased account, so a few kilobytes even after years),
 * which keeps it free of any index that could disagree with it. */
#include "model/erasure.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/person.h"

static const char unsafe_msgid[] =
    "The erasure could not be recorded safely; nothing was erased. Try again later.";

char *erasure_journal_path(const char *db_path)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s-erasures", db_path);
    return buf_detach(&b, NULL);
}

/* Reads the whole file at path into out; a missing file is empty. False
 * with errno set when it cannot be read. */
static bool read_all(const char *path, struct buf *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT;
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)n);
    int saved = errno;
    close(fd);
    errno = saved;
    return n == 0;
}

/* Parses "ID AT" (two decimal numbers, ID > 0); false when it is not. */
static bool parse_line(const char *s, size_t len, int64_t *id)
{
    char line[64];
    if (len == 0 || len >= sizeof line)
        return false;
    memcpy(line, s, len);
    line[len] = '\0';
    char *end;
    errno = 0;
    long long v = strtoll(line, &end, 10);
    if (errno || end == line || *end != ' ' || v <= 0 || line[0] == '+' || line[0] == '-')
        return false;
    const char *at = end + 1;
    if (!*at || strspn(at, "0123456789") != strlen(at))
        return false;
    *id = v;
    return true;
}

/* Calls each(id, ctx) for every complete line of text; a torn last line
 * (no newline) is skipped. Returns 0, or the number of the first damaged
 * line. */
static size_t each_id(const struct buf *text, bool (*each)(int64_t id, void *ctx), void *ctx)
{
    size_t line = 0;
    for (size_t pos = 0; pos < text->len;) {
        const char *nl = memchr(text->data + pos, '\n', text->len - pos);
        if (!nl)
            break;
        size_t len = (size_t)(nl - (text->data + pos));
        int64_t id;
        line++;
        if (!parse_line(text->data + pos, len, &id))
            return line;
        if (!each(id, ctx))
            break;
        pos += len + 1;
    }
    return 0;
}

struct find {
    int64_t id;
    bool found;
};

static bool find_id(int64_t id, void *ctx)
{
    struct find *fi = ctx;
    fi->found = fi->found || id == fi->id;
    return !fi->found;
}

static void sync_dir_of(const char *path)
{
    struct buf dir = BUF_INIT;
    const char *slash = strrchr(path, '/');
    if (slash)
        buf_append(&dir, path, slash == path ? 1 : (size_t)(slash - path));
    else
        buf_puts(&dir, ".");
    int fd = open(buf_cstr(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    buf_free(&dir);
}

/* Appends line to path and syncs it; false with errno set on failure. */
static bool append_synced(const char *path, const char *line, bool created)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    size_t len = strlen(line);
    ssize_t n = write(fd, line, len);
    bool ok = n == (ssize_t)len && fsync(fd) == 0;
    if (n >= 0 && n != (ssize_t)len)
        errno = ENOSPC;
    int saved = errno;
    close(fd);
    if (ok && created)
        sync_dir_of(path);
    errno = saved;
    return ok;
}

static enum err journal_failed(const char *path, struct fault *f)
{
    log_event(LOG_ERROR, NULL, "erasure_journal_failed", "path", path, "reason", strerror(errno),
              NULL);
    return fault_set(f, ERR_UNAVAILABLE, NULL, unsafe_msgid, NULL);
}

enum err erasure_journal_note(struct db *db, int64_t person_id, int64_t at, struct fault *f)
{
    const char *file = db_file(db);
    if (!file)
        return ERR_OK;
    char *path = erasure_journal_path(file);
    struct buf text = BUF_INIT, line = BUF_INIT;
    struct find fi = {person_id, false};
    enum err e = ERR_OK;
    if (!read_all(path, &text)) {
        e = journal_failed(path, f);
    } else {
        each_id(&text, find_id, &fi);
        if (!fi.found) {
            bool torn = text.len > 0 && text.data[text.len - 1] != '\n';
            buf_printf(&line, "%s%" PRId64 " %" PRId64 "\n", torn ? "\n" : "", person_id, at);
            if (!append_synced(path, buf_cstr(&line), text.len == 0))
                e = journal_failed(path, f);
        }
    }
    buf_free(&line);
    buf_free(&text);
    free(path);
    return e;
}

struct ids {
    int64_t *v;
    size_t n, cap;
};

static bool collect_id(int64_t id, void *ctx)
{
    struct ids *ids = ctx;
    if (ids->n == ids->cap) {
        ids->cap = ids->cap ? ids->cap * 2 : 64;
        ids->v = xrealloc(ids->v, ids->cap * sizeof *ids->v);
    }
    ids->v[ids->n++] = id;
    return true;
}

/* Erases each id; one that db does not hold, or has erased, is skipped. */
static enum err erase_ids(struct db *db, const struct ids *ids, const struct actor *act,
                          int *replayed, struct fault *f)
{
    for (size_t i = 0; i < ids->n; i++) {
        struct fault skip = {0};
        enum err e = person_erase(db, ids->v[i], act, &skip);
        if (e == ERR_OK) {
            (*replayed)++;
        } else if (e != ERR_NOT_FOUND && e != ERR_CONFLICT) {
            *f = skip;
            return e;
        }
    }
    return ERR_OK;
}

enum err erasure_journal_replay(struct db *db, const char *path, const struct actor *act,
                                int *replayed, struct fault *f)
{
    *replayed = 0;
    struct buf text = BUF_INIT;
    struct ids ids = {0};
    enum err e = ERR_OK;
    if (!read_all(path, &text)) {
        log_event(LOG_ERROR, NULL, "erasure_journal_unreadable", "path", path, "reason",
                  strerror(errno), NULL);
        e = fault_set(f, ERR_UNAVAILABLE, NULL, "The erasure journal %s cannot be read.", path,
                      NULL);
    } else {
        size_t bad = each_id(&text, collect_id, &ids);
        if (bad) {
            char at[24];
            snprintf(at, sizeof at, "%zu", bad);
            log_event(LOG_ERROR, NULL, "erasure_journal_damaged", "path", path, "line", at, NULL);
            e = fault_set(f, ERR_INVALID, NULL,
                          "The erasure journal %s is damaged; the log names the line.", path, NULL);
        }
    }
    if (e == ERR_OK)
        e = erase_ids(db, &ids, act, replayed, f);
    free(ids.v);
    buf_free(&text);
    return e;
}
