#!/usr/bin/env python3
"""Backups and restore with the erasure journal (issue 11, part 8). Prints TAP.

  1. a server takes sign-ups from a writer thread while `wijkregie backup`
     copies the database; the backup passes PRAGMA integrity_check and holds
     every sign-up that was answered 201 before the backup started;
  2. after the backup an account is erased through the API: the journal
     beside the database (DB-erasures) gets its id and time, nothing else;
  3. `wijkregie restore` refuses while the server runs, refuses a file that is
     no Wijkregie database (changing nothing), then, with the server stopped,
     puts the backup back, keeps the replaced database aside and replays the
     journal: the erased account stays erased (no e-mail address, no sign-in);
  4. a backup copied into place by hand is caught by `serve`, which replays
     the journal at start.

usage: tests/fault/restore.py PATH/TO/wijkregie
Takes a few seconds; every wait is bounded."""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402

BEFORE = 60  # sign-ups before the backup starts


def writer(port, stop, answered):
    """Signs people up until stop is set; appends the e-mail of each 201."""
    c = faultlib.Client(port)
    i = 0
    while not stop.is_set() and i < 5000:
        email = 'schrijver%d@example.nl' % i
        status, _ = c.signup(email, 'Schrijver %d' % i)
        if status == 201:
            answered.append(email)
        i += 1
    c.close()


def count(db, where):
    return faultlib.sqlite(db, 'SELECT count(*) FROM person WHERE ' + where)


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = faultlib.Tap()
    tmp = tempfile.mkdtemp(prefix='wijk-restore.')
    db, backup = os.path.join(tmp, 'w.db'), os.path.join(tmp, 'backup.db')
    journal = db + '-erasures'
    srv = faultlib.Server(binary, db, tmp, os.path.join(tmp, 'server.log'))
    try:
        faultlib.run(binary, 'init', '--db', db)
        tap.ok(srv.start(), 'the server starts', open(srv.log_path).read())
        c = faultlib.Client(srv.port)
        early = []
        for i in range(BEFORE):
            status, body = c.signup('vroeg%d@example.nl' % i, 'Vroeg %d' % i)
            if status == 201:
                early.append(i)
        status, _ = c.signup('wis.mij@example.nl', 'Wis Mij')
        tap.ok(len(early) == BEFORE and status == 201, '%d sign-ups before the backup' % BEFORE)

        # 1. the backup while a writer keeps signing people up
        stop, answered = threading.Event(), []
        t = threading.Thread(target=writer, args=(srv.port, stop, answered))
        t.start()
        time.sleep(0.3)
        before_backup = len(answered)
        rc, out = faultlib.run(binary, 'backup', backup, '--db', db)
        time.sleep(0.3)
        stop.set()
        t.join(timeout=30)
        tap.ok(rc == 0 and os.path.exists(backup), 'backup while the server writes exits 0', out)
        tap.note('writes answered 201 during the run: %d (%d before the backup started)'
                 % (len(answered), before_backup))
        tap.ok(faultlib.sqlite(backup, 'PRAGMA integrity_check') == 'ok',
               'the backup passes PRAGMA integrity_check')
        held = int(count(backup, "email LIKE 'vroeg%' OR email LIKE 'wis.mij%'"))
        tap.ok(held == BEFORE + 1, 'the backup holds every sign-up answered before it started',
               held)
        names = "','".join(answered[:before_backup])
        got = int(count(backup, "email IN ('%s')" % names)) if before_backup else 0
        tap.ok(got == before_backup, 'and the writer\'s %d sign-ups answered before the backup'
               % before_backup, got)

        # 2. erase an account after the backup
        status, _ = c.signin('wis.mij@example.nl')
        status, body = c.request('POST', '/api/v1/me/erase',
                                 {'password': 'een lang wachtwoord voor de proef'})
        tap.ok(status == 204, 'the account is erased through the API (204)', body)
        pid = faultlib.sqlite(backup, "SELECT id FROM person WHERE email = 'wis.mij@example.nl'")
        text = open(journal).read() if os.path.exists(journal) else ''
        fields = text.split()
        tap.ok(len(text.splitlines()) == 1 and fields[0] == pid and fields[1].isdigit(),
               'the erasure journal holds its id and time and nothing else', repr(text))
        c.close()

        # 3. restore
        rc, out = faultlib.run(binary, 'restore', backup, '--db', db)
        tap.ok(rc == 69 and 'stop it first' in out, 'restore refuses while the server runs (69)',
               out)
        srv.stop()
        junk = os.path.join(tmp, 'junk.db')
        with open(junk, 'wb') as f:
            f.write(b'dit is geen database\n' * 100)
        people = count(db, '1')
        rc, out = faultlib.run(binary, 'restore', junk, '--db', db)
        tap.ok(rc == 65 and 'nothing was changed' in out and count(db, '1') == people,
               'restore of a file that is no database exits 65 and changes nothing', out)
        rc, out = faultlib.run(binary, 'restore', backup, '--db', db)
        tap.ok(rc == 0 and '1 erasure replayed' in out, 'restore puts the backup back and '
               'replays 1 erasure', out)
        aside = [n for n in os.listdir(tmp) if n.startswith('w.db.before-restore-')]
        tap.ok(len(aside) == 1, 'the database it replaced is kept aside', os.listdir(tmp))
        tap.ok(faultlib.sqlite(db, 'PRAGMA integrity_check') == 'ok',
               'the restored database passes PRAGMA integrity_check')
        tap.ok(count(db, "email = 'wis.mij@example.nl'") == '0' and
               count(db, 'id = %s AND erased_at IS NOT NULL AND email IS NULL' % pid) == '1',
               'the account erased after the backup stays erased')
        tap.ok(count(db, "email LIKE 'vroeg%'") == str(BEFORE), 'everyone else is back')
        tap.ok(srv.start(), 'the server starts on the restored database')
        c = faultlib.Client(srv.port)
        status, _ = c.signin('wis.mij@example.nl')
        tap.ok(status == 401, 'the erased account cannot sign in (%d)' % status)
        c.close()
        srv.stop()

        # 4. a backup copied into place by hand: serve replays at start
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        shutil.copyfile(backup, db)
        tap.ok(srv.start(), 'the server starts on a backup copied into place by hand')
        srv.stop()
        tap.ok(count(db, 'id = %s AND email IS NULL' % pid) == '1' and
               'erasures_replayed count=1' in open(srv.log_path).read(),
               'serve replayed the erasure at start and logged it')
        rc, out = faultlib.run(binary, 'restore', backup, '--db',
                               'postgresql://127.0.0.1/nothing')
        tap.ok(rc == 64 and 'pg_restore' in out, 'restore on PostgreSQL points to pg_restore', out)
    finally:
        srv.kill()
        if os.environ.get('FAULT_KEEP'):
            print('# kept ' + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
