/* Runs a function that must abort in a child process, so that the test
 * program survives to check how it died. */
#include "expect_abort.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void run_child(int errfd, void (*fn)(void *), void *arg)
{
    signal(SIGABRT, SIG_DFL);
    dup2(errfd, STDERR_FILENO);
    close(errfd);
    fn(arg);
    _exit(0);
}

/* Reads the child's stderr until it closes its end. */
static void drain(int fd, struct buf *out)
{
    char chunk[512];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        if (out)
            buf_append(out, chunk, (size_t)n);
}

bool dies_with_abort(void (*fn)(void *), void *arg, struct buf *err_out)
{
    int fds[2];
    if (pipe(fds) != 0)
        abort();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        close(fds[0]);
        run_child(fds[1], fn, arg);
    }
    close(fds[1]);
    drain(fds[0], err_out);
    close(fds[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        abort();
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}
