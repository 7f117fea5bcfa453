#!/usr/bin/env python3
"""A full disk (issue 11, part 4). Prints TAP.

Three ways to fill the disk, each followed by the same checks:
  - a file-size limit (RLIMIT_FSIZE, a few hundred KiB above the database's
    size), with SIGXFSZ at its default action, which would kill the server:
    `serve` ignores SIGXFSZ itself, so a write past the limit fails with
    EFBIG, which it treats like a full disk; freed by prlimit;
  - SQLite on a real tmpfs shrunk to a few hundred KiB above what it holds
    (ENOSPC: SQLITE_FULL); freed by growing the tmpfs (needs root and mount;
    skipped otherwise);
  - with --pg-admin-url, PostgreSQL with the database's tablespace on such a
    tmpfs (disk_full, SQLSTATE 53100), WAL on the cluster's own disk.
The checks:
  1. residents sign up until the disk is "full": writes answer 503 with the
     message that the disk is full (in Dutch by default), each within 100 ms;
  2. reads keep working: a page, an API read, the health check;
  3. space is freed (as an operator would): writes succeed again without a
     restart, same process;
  4. every sign-up that was answered 201 is in the database afterwards and
     PRAGMA integrity_check says ok.

usage: tests/fault/diskfull.py PATH/TO/wijkregie [--pg-admin-url URL]
Takes a few seconds; every loop is bounded by count and time."""
import argparse
import os
import resource
import subprocess
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402

HEADROOM = 384 * 1024      # bytes a file may grow past the database's size
MAX_ATTEMPTS = 4000        # sign-ups tried before giving up on a full disk
DEADLINE_S = 60            # and seconds
MESSAGE_NL = 'De schijf van de server is vol'


def limited(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    return preexec


def lift(pid):
    """Raises pid's RLIMIT_FSIZE to unlimited from a child running as pid's
    user and group: root without CAP_SYS_RESOURCE (a container) may not."""
    ids = {}
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            k, _, v = line.partition(':')
            if k in ('Uid', 'Gid'):
                ids[k] = int(v.split()[0])
    child = os.fork()
    if child == 0:
        try:
            if os.getuid() != ids['Uid']:
                os.setgroups([])
                os.setgid(ids['Gid'])
                os.setuid(ids['Uid'])
            resource.prlimit(pid, resource.RLIMIT_FSIZE,
                             (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(child, 0)
    return status == 0


def read_on_full_disk(port, path, tries):
    """GET path up to tries times, half a second apart, until it answers
    200: PostgreSQL's own background processes may meet the full disk too
    and restart their work; Wijkregie must answer reads once the database
    does. Returns the last status and the tries it took."""
    status = 0
    for i in range(1, tries + 1):
        status, _ = faultlib.get(port, path)
        if status == 200:
            return status, i
        time.sleep(0.5)
    return status, tries


def fill_and_free(tap, label, srv, free_space, count_present, integrity, read_tries=1):
    """The checks of one scenario on a started server whose disk will fill;
    free_space() makes room again. label names the scenario in each line.
    read_tries: how often a read may be tried (1 for SQLite, where nothing
    but the server touches the file)."""
    pid = srv.proc.pid
    c = faultlib.Client(srv.port)
    ok_emails, first_full, i = [], None, 0
    t0 = time.monotonic()
    while i < MAX_ATTEMPTS and time.monotonic() - t0 < DEADLINE_S:
        email = 'vol%d@example.nl' % i
        status, body = c.signup(email, 'Bewoner %d' % i)
        i += 1
        if status == 201:
            ok_emails.append(email)
        else:
            first_full = (status, body.decode('utf-8', 'replace'))
            break
    tap.note('%s: sign-ups answered 201 before the disk was full: %d' % (label, len(ok_emails)))
    tap.ok(first_full is not None and first_full[0] == 503,
           '%s: a write on a full disk answers 503' % label, first_full)
    tap.ok(first_full is not None and MESSAGE_NL in first_full[1],
           '%s: with a message that says the disk is full' % label, first_full)
    times, statuses = [], []
    for j in range(20):
        start = time.monotonic()
        status, body = c.signup('nogmaals%d@example.nl' % j, 'Nogmaals %d' % j)
        times.append((time.monotonic() - start) * 1000)
        statuses.append(status)
    tap.note('%s: 503 answers: slowest %.1f ms, median %.1f ms over %d writes'
             % (label, max(times), sorted(times)[len(times) // 2], len(times)))
    tap.ok(set(statuses) == {503}, '%s: writes keep answering 503 while it is full' % label,
           statuses)
    tap.ok(max(times) < 100, '%s: each within 100 ms (slowest %.1f ms)' % (label, max(times)))
    tap.ok(srv.proc.poll() is None, '%s: the server is still running' % label)
    for path in ('/', '/api/v1/session', '/healthz'):
        status, tries = read_on_full_disk(srv.port, path, read_tries)
        tap.ok(status == 200, '%s: a read still works on a full disk: GET %s (%d, %d tries)'
               % (label, path, status, tries))
        if status != 200:
            tap.note('%s: the server log ends: %s'
                     % (label, open(srv.log_path).read()[-1500:].replace('\n', ' | ')))
    tap.ok(free_space(), '%s: space is freed' % label)
    resumed = []
    for j in range(20):
        email = 'weer%d@example.nl' % j
        status, _ = c.signup(email, 'Weer %d' % j)
        resumed.append(status)
        if status == 201:
            ok_emails.append(email)
    tap.ok(set(resumed) == {201} and srv.proc.pid == pid,
           '%s: once space is freed, writes succeed again without a restart' % label, resumed)
    c.close()
    tap.ok(srv.stop() == 0, '%s: the server stops cleanly' % label)
    present = count_present(ok_emails)
    tap.ok(present == len(ok_emails), '%s: every one of the %d writes answered 201 is in the '
           'database' % (label, len(ok_emails)), present)
    tap.ok(integrity(), '%s: the database is sound afterwards' % label)
    log = open(srv.log_path).read()
    tap.ok('event=db_error' in log and 'status=503' in log,
           '%s: the log records the failed writes' % label)


def sqlite_present(db):
    def count(emails):
        return int(faultlib.sqlite(db, "SELECT count(*) FROM person WHERE email IN ('%s')"
                                   % "','".join(emails)))
    return count


def rlimit_scenario(binary, tap, tmp):
    db = os.path.join(tmp, 'w.db')
    faultlib.run(binary, 'init', '--db', db)
    limit = os.path.getsize(db) + HEADROOM
    # The log goes to a file too: it must stay under the limit (a line per
    # request, a few thousand requests at most).
    srv = faultlib.Server(binary, db, tmp, os.path.join(tmp, 'server.log'),
                          preexec=limited(limit))
    try:
        if not tap.ok(srv.start(), 'file-size limit: the server starts under %d KiB'
                      % (limit // 1024), open(srv.log_path).read()):
            return
        # Space is freed: lift the limit of the running process. Raising a
        # soft limit up to the hard one needs no privilege, only the same
        # user as the server (which may have given root up to nobody).
        pid = srv.proc.pid
        fill_and_free(tap, 'file-size limit', srv, lambda: lift(pid), sqlite_present(db),
                      lambda: faultlib.sqlite(db, 'PRAGMA integrity_check') == 'ok')
    finally:
        srv.kill()


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    return subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=%d' % size, 'tmpfs', path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def resize_tmpfs(path, size):
    return subprocess.run(['mount', '-o', 'remount,size=%d' % size, path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def used_bytes(path):
    st = os.statvfs(path)
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def tmpfs_scenario(binary, tap, tmp):
    """SQLite on a real, small tmpfs: full means ENOSPC (SQLITE_FULL)."""
    mnt = os.path.join(tmp, 'tmpfs')
    if os.geteuid() != 0 or not mount_tmpfs(mnt, 16 << 20):
        tap.skip('tmpfs: SQLite on a full file system', 'cannot mount a tmpfs here')
        return
    db = os.path.join(mnt, 'w.db')
    srv = faultlib.Server(binary, db, tmp, os.path.join(tmp, 'tmpfs-server.log'))
    try:
        faultlib.run(binary, 'init', '--db', db)
        if not tap.ok(srv.start(), 'tmpfs: the server starts', open(srv.log_path).read()):
            return
        resize_tmpfs(mnt, used_bytes(mnt) + HEADROOM)
        fill_and_free(tap, 'tmpfs', srv, lambda: resize_tmpfs(mnt, 64 << 20), sqlite_present(db),
                      lambda: faultlib.sqlite(db, 'PRAGMA integrity_check') == 'ok')
    finally:
        srv.kill()
        subprocess.run(['umount', '-l', mnt], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def psql(url, sql):
    p = subprocess.run(['psql', '-X', '-At', '-v', 'ON_ERROR_STOP=1', url, '-c', sql],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace').strip()


def pg_scenario(binary, tap, tmp, admin_url):
    """PostgreSQL with the database's tablespace on a small tmpfs: full is
    PostgreSQL's disk_full (SQLSTATE 53100). WAL stays on the cluster's own
    disk, as on a server whose data volume fills up."""
    mnt = os.path.join(tmp, 'pg-tmpfs')
    name = 'wijk_full_%d' % os.getpid()
    if os.geteuid() != 0 or not mount_tmpfs(mnt, 64 << 20):
        tap.skip('tmpfs: PostgreSQL on a full file system', 'cannot mount a tmpfs here')
        return
    # The tablespace's folder belongs to the cluster's user.
    rc, data_dir = psql(admin_url, 'SHOW data_directory')
    if rc == 0:
        os.chown(mnt, os.stat(data_dir).st_uid, os.stat(data_dir).st_gid)
    url = admin_url.rsplit('/', 1)[0] + '/' + name
    srv = faultlib.Server(binary, url, tmp, os.path.join(tmp, 'pg-server.log'))
    made = False
    try:
        rc1, out1 = psql(admin_url, "CREATE TABLESPACE %s LOCATION '%s'" % (name, mnt))
        rc2, out2 = psql(admin_url, 'CREATE DATABASE %s TABLESPACE %s' % (name, name))
        made = rc1 == 0 and rc2 == 0
        rc, out = faultlib.run(binary, 'init', '--db', url)
        if not tap.ok(made and rc == 0 and srv.start(), 'postgresql on tmpfs: the server starts',
                      '%s %s %s' % (out1, out2, out)):
            return
        resize_tmpfs(mnt, used_bytes(mnt) + HEADROOM)

        def present(emails):
            rc, out = psql(url, "SELECT count(*) FROM person WHERE email IN ('%s')"
                           % "','".join(emails))
            return int(out) if rc == 0 else -1

        def sound():
            rc, out = psql(url, 'SELECT count(*) FROM person')
            return rc == 0 and out.isdigit()
        fill_and_free(tap, 'postgresql on tmpfs', srv, lambda: resize_tmpfs(mnt, 64 << 20),
                      present, sound, read_tries=20)
    finally:
        srv.kill()
        psql(admin_url, 'DROP DATABASE IF EXISTS %s' % name)
        psql(admin_url, 'DROP TABLESPACE IF EXISTS %s' % name)
        subprocess.run(['umount', '-l', mnt], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary')
    ap.add_argument('--pg-admin-url', help='a superuser URL of a throw-away cluster')
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    tap = faultlib.Tap()
    tmp = tempfile.mkdtemp(prefix='wijk-diskfull.')
    try:
        rlimit_scenario(binary, tap, tmp)
        tmpfs_scenario(binary, tap, tmp)
        if args.pg_admin_url:
            pg_scenario(binary, tap, tmp, args.pg_admin_url)
    finally:
        if os.environ.get('FAULT_KEEP'):
            print('# kept ' + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
