/* The HTTP server: libmicrohttpd with an internal epoll thread pool, one
 * worker per core, explicit connection, per-address, timeout and memory
 * limits. Each request gets an arena, a database connection of its worker
 * thread, a request id, and goes through the dispatcher (dispatch.c). */
#ifndef WIJK_HTTP_SERVER_H
#define WIJK_HTTP_SERVER_H

#include "core/err.h"

struct app;
struct server;

/* Starts listening on app->cfg->listen_addr:port (port 0 picks a free one).
 * NULL with f filled when it cannot bind. */
struct server *server_start(const struct app *app, struct fault *f);

/* The bound port. */
int server_port(const struct server *s);

/* Stops accepting, finishes running requests, frees the server. */
void server_stop(struct server *s);

#endif
