/* The HTTP server: libmicrohttpd with an internal epoll thread pool, one
 * worker per core, explicit connection, per-address, timeout and memory
 * limits. Each request gets an arena, a database connection of its worker
 * thread, a request id, and goes through the dispatcher (dispatch.c). */
#ifndef WIJK_HTTP_SERVER_H
#define WIJK_HTTP_SERVER_H

#include "core/err.h"

struct app;
struct config;
struct server;

/* Starts listening on app->cfg->listen_addr:port (port 0 picks a free one).
 * NULL with f filled when it cannot bind. */
struct server *server_start(const struct app *app, struct fault *f);

/* For a server that gives up root before it starts (cli/privileges.h):
 * binds app's listen_addr:port now, as server_start would, and returns the
 * listening socket with its bound port in *port; -1 with f filled when it
 * cannot bind (the faults of server_start). */
int server_listen(const struct config *cfg, int *port, struct fault *f);

/* Like server_start, but serves on fd from server_listen, which the server
 * owns from then on (closed by server_stop, or here on failure); fd -1 is
 * server_start. */
struct server *server_start_on(const struct app *app, int fd, struct fault *f);

/* The bound port. */
int server_port(const struct server *s);

/* Stops accepting, finishes running requests, frees the server. */
void server_stop(struct server *s);

#endif
