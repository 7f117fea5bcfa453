#!/usr/bin/env python3
"""Crash safety (issue 11, part 3). Prints TAP.

Writer threads sign residents up through the JSON API (one row per write,
no session, so no write quota) while the server is killed with SIGKILL at
random moments and started again on the same port each time. Afterwards
every write that was answered 2xx must be in the database, and the database
must be sound: PRAGMA integrity_check says ok on SQLite; on PostgreSQL (the
Wijkregie process is killed, PostgreSQL itself keeps running) amcheck
verifies every index of the person table. On SQLite every other start uses
`serve --sync full`, so both durability settings are killed under load.

usage: tests/fault/crash.py PATH/TO/wijkregie [--db URL] [--writes N] [--kills N]
  --db URL    a PostgreSQL database (fresh: scripts/pg.sh newdb DIR NAME);
              default a SQLite file in a temporary folder
  --writes N  acknowledged writes to reach (default 10000)
  --kills N   SIGKILLs to survive (default 50)
Environment: FAULT_LONG=1 multiplies both by 10 (the long variant, not for
CI); FAULT_SEED fixes the random kill moments. Bounded: it stops after
FAULT_DEADLINE seconds (default 300; 3000 when long) whatever it reached,
and then fails unless it reached both numbers."""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402

WRITERS = 3


class Shared:
    """What the writers and the killer share."""

    def __init__(self):
        self.lock = threading.Lock()
        self.up = threading.Event()
        self.stop = threading.Event()
        self.port = None
        self.acked = []        # e-mail addresses answered 2xx
        self.lost = 0          # writes cut off by a kill: outcome unknown
        self.refused = {}      # other answers, by status


def writer(n, shared):
    i = 0
    client = None
    while not shared.stop.is_set():
        if not shared.up.wait(timeout=1.0):
            continue
        try:
            if client is None:
                client = faultlib.Client(shared.port, timeout=10.0)
            email = 'crash-%d-%d@example.nl' % (n, i)
            i += 1
            status, _ = client.signup(email, 'Bewoner %d-%d' % (n, i))
        except Exception:  # noqa: BLE001 -- any failure of a cut-off exchange
            # The server died under this write (or before the answer).
            with shared.lock:
                shared.lost += 1
            if client:
                client.close()
            client = None
            time.sleep(0.01)
            continue
        with shared.lock:
            if 200 <= status < 300:
                shared.acked.append(email)
            else:
                shared.refused[status] = shared.refused.get(status, 0) + 1
    if client:
        client.close()


def sqlite_rows(db):
    out = faultlib.sqlite(db, "SELECT email FROM person WHERE email LIKE 'crash-%'")
    return set(out.split('\n')) if out else set()


def pg_query(url, sql):
    p = subprocess.run(['psql', '-X', '-At', '-v', 'ON_ERROR_STOP=1', url, '-c', sql],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    return p.returncode, p.stdout.decode('utf-8', 'replace').strip()


def pg_sound(url):
    """amcheck's bt_index_check on every index of person (heap included)."""
    rc, out = pg_query(url, 'CREATE EXTENSION IF NOT EXISTS amcheck')
    if rc != 0:
        return None, out
    rc, out = pg_query(url, "SELECT count(bt_index_check(i.indexrelid, true)) FROM pg_index i "
                            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = "
                            "c.relam WHERE i.indrelid = 'person'::regclass AND a.amname = 'btree'")
    return rc == 0 and out.isdigit() and int(out) > 0, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary')
    ap.add_argument('--db')
    ap.add_argument('--writes', type=int, default=10000)
    ap.add_argument('--kills', type=int, default=50)
    args = ap.parse_args()
    long_run = os.environ.get('FAULT_LONG') == '1'
    want_writes = args.writes * (10 if long_run else 1)
    want_kills = args.kills * (10 if long_run else 1)
    deadline = float(os.environ.get('FAULT_DEADLINE', 3000 if long_run else 300))
    seed = int(os.environ.get('FAULT_SEED', time.time_ns() % 1000000))
    rnd = random.Random(seed)
    binary = os.path.abspath(args.binary)
    pg = args.db is not None and args.db.startswith('postgres')
    tap = faultlib.Tap()
    tmp = tempfile.mkdtemp(prefix='wijk-crash.')
    db = args.db or os.path.join(tmp, 'w.db')
    tap.note('database: %s; seed %d; aiming at %d writes and %d kills'
             % ('postgresql' if pg else 'sqlite', seed, want_writes, want_kills))
    rc, out = faultlib.run(binary, 'init', '--db', db)
    srv = faultlib.Server(binary, db, tmp, os.path.join(tmp, 'server.log'))
    shared = Shared()
    kills = starts = 0
    t0 = time.monotonic()
    try:
        if not tap.ok(rc == 0 and srv.start(), 'the server starts', out):
            return tap.done()
        port = srv.port
        starts = 1
        shared.port = port
        shared.up.set()
        threads = [threading.Thread(target=writer, args=(n, shared)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        failed_start = None
        while time.monotonic() - t0 < deadline:
            with shared.lock:
                acked = len(shared.acked)
            if acked >= want_writes and kills >= want_kills:
                break
            time.sleep(rnd.uniform(0.02, 0.35))
            shared.up.clear()
            srv.kill()
            kills += 1
            sync = ['--sync', 'full'] if not pg and kills % 2 else []
            if not srv.start(port=port, extra=sync):
                failed_start = open(srv.log_path).read()[-3000:]
                break
            starts += 1
            shared.up.set()
        shared.stop.set()
        shared.up.set()
        for t in threads:
            t.join(timeout=30)
        elapsed = time.monotonic() - t0
        tap.ok(failed_start is None, 'the server started again after every kill (%d starts)'
               % starts, failed_start)
        clean = srv.stop()
        tap.ok(clean == 0, 'the server stops cleanly at the end')
        acked = set(shared.acked)
        tap.note('%d writes answered 2xx, %d cut off by a kill, other answers %s; %d kills in '
                 '%.1f s' % (len(acked), shared.lost, shared.refused or 'none', kills, elapsed))
        tap.ok(kills >= want_kills, 'survived %d SIGKILLs at random moments (at least %d)'
               % (kills, want_kills))
        tap.ok(len(acked) >= want_writes, '%d writes were answered 2xx (at least %d)'
               % (len(acked), want_writes))
        log = open(srv.log_path).read()
        if not pg:
            tap.ok(log.count('event=durability sync=full') == (kills + 1) // 2 and
                   log.count('event=durability sync=normal') == starts - (kills + 1) // 2,
                   'the log names the durability of each start (--sync full every other one)')
        rc, out = faultlib.run(binary, 'serve', '--db', db, '--port', '0', '--sync', 'sometimes')
        tap.ok(rc == 64 and '--sync must be full or normal' in out,
               'serve --sync with another value exits 64 and says why', out)
        if pg:
            rc, out = pg_query(db, "SELECT email FROM person WHERE email LIKE 'crash-%'")
            present = set(out.split('\n')) if rc == 0 and out else set()
        else:
            present = sqlite_rows(db)
        missing = acked - present
        tap.ok(not missing, 'every write answered 2xx is in the database (%d checked, %d missing)'
               % (len(acked), len(missing)), sorted(missing)[:10])
        tap.ok(not any(5 <= s // 100 <= 5 for s in shared.refused),
               'no write was answered 5xx', shared.refused)
        if pg:
            sound, out = pg_sound(db)
            if sound is None:
                tap.skip('amcheck finds every index of person sound', 'amcheck unavailable: '
                         + out.splitlines()[0] if out else '')
            else:
                tap.ok(sound, 'amcheck finds every index of person sound', out)
        else:
            result = faultlib.sqlite(db, 'PRAGMA integrity_check')
            tap.ok(result == 'ok', 'PRAGMA integrity_check says ok', result)
    finally:
        shared.stop.set()
        shared.up.set()
        srv.kill()
        if os.environ.get('FAULT_KEEP'):
            print('# kept ' + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
