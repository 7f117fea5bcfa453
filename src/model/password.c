/* Password rules and Argon2id hashing (see password.h). The common password
 * list comes from the binary (data/common-passwords.txt, embedded) and is
 * split once into a sorted array of lines; a lookup is a binary search that
 * folds the candidate's ASCII letters to lower case as it compares, so it
 * needs no copy of the password. */
#include "model/password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/random.h"
#include "core/utf8.h"

static const char common_list_path[] = "data/common-passwords.txt";

const struct password_cost password_cost_production = {
    crypto_pwhash_argon2id_OPSLIMIT_MODERATE,
    crypto_pwhash_argon2id_MEMLIMIT_MODERATE,
};
const struct password_cost password_cost_fast = {
    crypto_pwhash_argon2id_OPSLIMIT_MIN,
    crypto_pwhash_argon2id_MEMLIMIT_MIN,
};

/* Written once by init() under pthread_once and only read afterwards: the
 * module's configuration, like a const global that needs a computation. */
static struct {
    const struct password_cost *cost;
    const char **common; /* sorted by byte value, lower-case */
    size_t ncommon;
    char dummy_hash[crypto_pwhash_STRBYTES];
} state;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Splits a copy of the embedded list into lines (kept for the life of the
 * process). A list edited out of order is sorted rather than trusted. */
static void load_common(void)
{
    const struct embedded_file *e = embed_find(common_list_path);
    if (!e) {
        fprintf(stderr, "password: %s is not built in (a broken build)\n", common_list_path);
        abort();
    }
    char *text = xmalloc(e->size + 1);
    memcpy(text, e->data, e->size + 1);
    size_t cap = 1;
    for (size_t i = 0; i < e->size; i++)
        cap += text[i] == '\n';
    const char **lines = xcalloc(cap, sizeof *lines);
    size_t n = 0;
    for (char *p = text; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*p)
            lines[n++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = strcmp(lines[i - 1], lines[i]) < 0;
    if (!sorted)
        qsort(lines, n, sizeof *lines, by_bytes);
    state.common = lines;
    state.ncommon = n;
}

static void init(void)
{
    random_init();
    state.cost = password_cost_for(getenv("WIJKREGIE_FAST_HASH"));
    if (state.cost == &password_cost_fast)
        log_event(LOG_WARN, NULL, "password_fast_hash", "reason",
                  "WIJKREGIE_FAST_HASH=1 lowers the password hashing cost: for tests only", NULL);
    load_common();
    unsigned char secret[32];
    random_bytes(secret, sizeof secret);
    if (crypto_pwhash_str_alg(state.dummy_hash, (const char *)secret, sizeof secret,
                              state.cost->opslimit, state.cost->memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        fprintf(stderr, "password: libsodium cannot hash at the configured cost\n");
        abort();
    }
    sodium_memzero(secret, sizeof secret);
}

void password_init(void)
{
    pthread_once(&state_once, init);
}

const struct password_cost *password_cost_for(const char *fast_hash_env)
{
    if (fast_hash_env && strcmp(fast_hash_env, "1") == 0)
        return &password_cost_fast;
    return &password_cost_production;
}

const struct password_cost *password_cost(void)
{
    password_init();
    return state.cost;
}

static int ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* bsearch order: the key folded to lower case against a list entry. */
static int cmp_folded(const void *key, const void *elem)
{
    const unsigned char *k = key;
    const unsigned char *e = *(const unsigned char *const *)elem;
    for (;; k++, e++) {
        int c = ascii_lower(*k);
        if (c != *e || c == 0)
            return c - *e;
    }
}

bool password_is_common(const char *password)
{
    password_init();
    if (!password)
        return false;
    return bsearch(password, state.common, state.ncommon, sizeof *state.common, cmp_folded) != NULL;
}

size_t password_common_count(void)
{
    password_init();
    return state.ncommon;
}

enum err password_check(const char *password, struct fault *f)
{
    size_t len = password ? strlen(password) : 0;
    if (len > 0 && !utf8_valid(password, len))
        return fault_set(f, ERR_INVALID, "password", "The password is not valid text.", NULL);
    size_t n = len ? utf8_count(password, len) : 0;
    if (n < PASSWORD_MIN_CHARS || n > PASSWORD_MAX_CHARS)
        return fault_set(f, ERR_INVALID, "password",
                         "The password must be 12 to 128 characters long.", NULL);
    if (password_is_common(password))
        return fault_set(f, ERR_INVALID, "password", "This password is too common; choose another.",
                         NULL);
    return ERR_OK;
}

enum err password_hash(struct arena *a, const char *password, const char **hash, struct fault *f)
{
    const struct password_cost *c = password_cost();
    char out[crypto_pwhash_STRBYTES];
    *hash = NULL;
    if (crypto_pwhash_str_alg(out, password, strlen(password), c->opslimit, c->memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        log_event(LOG_ERROR, NULL, "password_hash_failed", "reason", "out of memory", NULL);
        return fault_set(f, ERR_INTERNAL, NULL,
                         "Something went wrong on our side; it has been logged.", NULL);
    }
    *hash = arena_strdup(a, out);
    return ERR_OK;
}

static bool is_argon2id(const char *hash)
{
    return hash && strncmp(hash, "$argon2id$", 10) == 0;
}

/* What crypto_pwhash_str_verify reads: Argon2id, or Argon2i hashes of an
 * older setting (which then need a rehash). */
static bool is_argon2(const char *hash)
{
    return is_argon2id(hash) || (hash && strncmp(hash, "$argon2i$", 9) == 0);
}

bool password_verify(const char *hash, const char *password)
{
    if (!password)
        password = "";
    if (!is_argon2(hash))
        return password_verify_dummy(password);
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool password_verify_dummy(const char *password)
{
    password_init();
    if (!password)
        password = "";
    int never_matches = crypto_pwhash_str_verify(state.dummy_hash, password, strlen(password));
    (void)never_matches;
    return false;
}

/* Reads a decimal number that follows prefix at *p, moving *p past it. */
static bool read_param(const char **p, const char *prefix, unsigned long long *out)
{
    size_t n = strlen(prefix);
    if (strncmp(*p, prefix, n) != 0 || (*p)[n] < '0' || (*p)[n] > '9')
        return false;
    char *end;
    *out = strtoull(*p + n, &end, 10);
    *p = end;
    return true;
}

bool password_needs_rehash_at(const char *hash, const struct password_cost *c)
{
    unsigned long long version, mem_kib, ops;
    const char *p = hash;
    if (!is_argon2id(hash))
        return true;
    p += strlen("$argon2id");
    if (!read_param(&p, "$v=", &version) || !read_param(&p, "$m=", &mem_kib) ||
        !read_param(&p, ",t=", &ops) || version != 19)
        return true;
    return mem_kib < c->memlimit / 1024 || ops < c->opslimit;
}

bool password_needs_rehash(const char *hash)
{
    return password_needs_rehash_at(hash, password_cost());
}
