/* An LD_PRELOAD shim for tests/fault/slow.py: gives every TCP connection a
 * program opens to 127.0.0.0/8 a source address of its own choosing, so
 * that one slowhttptest process looks like many clients on loopback (the
 * kernel would give them all 127.0.0.1). WIJK_SRC_FIRST is the first source
 * address (e.g. 127.0.1.1) and WIJK_SRC_COUNT how many consecutive
 * addresses to use in turn (default 1). Without WIJK_SRC_FIRST it changes
 * nothing. Built by slow.py with cc -shared -fPIC; not part of Wijkregie. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>

int connect(int fd, const struct sockaddr *to, socklen_t len)
{
    static atomic_uint next; /* the shim's one piece of state: whose turn */
    int (*real)(int, const struct sockaddr *, socklen_t) =
        (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
    const char *first = getenv("WIJK_SRC_FIRST");
    const struct sockaddr_in *in = (const struct sockaddr_in *)to;
    struct in_addr base;
    if (first && to && to->sa_family == AF_INET && len >= sizeof *in &&
        (ntohl(in->sin_addr.s_addr) >> 24) == 127 && inet_pton(AF_INET, first, &base) == 1) {
        const char *count = getenv("WIJK_SRC_COUNT");
        unsigned n = count ? (unsigned)strtoul(count, NULL, 10) : 1;
        unsigned k = atomic_fetch_add(&next, 1) % (n ? n : 1);
        struct sockaddr_in src = {.sin_family = AF_INET,
                                  .sin_addr.s_addr = htonl(ntohl(base.s_addr) + k)};
        int one = 1;
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        bind(fd, (const struct sockaddr *)&src, sizeof src); /* on failure: the usual source */
    }
    return real(fd, to, len);
}
