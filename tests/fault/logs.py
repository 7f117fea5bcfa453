#!/usr/bin/env python3
"""Logs (issue 11, part 7). Prints TAP.

  1. drives the flows that matter on its own server -- sign-up, sign-in
     (right, wrong password, unknown address), refusals (no session, no CSRF
     token, too many sign-ins), a password reset, erasure, and names and
     paths with CR/LF in them -- then reads the server's log:
       - every line is one event: it starts with "ts=<UTC time>Z level=";
       - every sign-in and every denial has its line, with the UTC time, the
         account (person id), the client address and the request id;
       - a CR or LF sent in a path or a name stays inside its line;
  2. scans that log and every log given with --scan DIR (the API suite
     keeps each server's log there: WIJKREGIE_LOG_DIR, tests/api/harness.c)
     for secrets: no e-mail address, none of the passwords the tests use, no
     session or CSRF token (no run of 32 or more base64url characters), no
     cookie or Authorization value.

usage: tests/fault/logs.py PATH/TO/wijkregie [--scan DIR]...
Takes a few seconds."""
import argparse
import glob
import os
import re
import shutil
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402

PASSWORD = 'een lang wachtwoord voor de proef'
# The passwords of the other suites (tests/api/client.h, account_api_test.c,
# tests/browser/flows.mjs, ...): none may reach a log.
KNOWN_PASSWORDS = [PASSWORD, 'correct horse battery staple', 'not the password at all',
                   'een lang wachtwoord voor de test']
LINE = re.compile(r'^ts=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ level=(debug|info|warn|error) event=\S+')
EMAIL = re.compile(r'[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+')
TOKEN = re.compile(r'[A-Za-z0-9_-]{32,}')
# Identifiers that are public by design (HSDS ids in paths are UUIDs).
UUID = re.compile(r'\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b')
FIELDS = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)')


def fields(line):
    return {k: v for k, v in FIELDS.findall(line)}


def secrets_in(text, extra=()):
    """The lines of text that hold something secret, with what."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        for what, hit in (('e-mail address', EMAIL.search(line)),
                          ('token-like value', TOKEN.search(UUID.sub('', line)))):
            if hit:
                found.append('line %d: %s %r' % (n, what, hit.group(0)))
        for secret in list(KNOWN_PASSWORDS) + list(extra):
            if secret and secret in line:
                found.append('line %d: secret %r' % (n, secret[:12] + '...'))
        if re.search(r'(?i)\b(cookie|authorization|set-cookie)=(?!"?\[redacted\])', line):
            found.append('line %d: a cookie or authorization value' % n)
    return found


def raw_request(port, data):
    s = socket.create_connection(('127.0.0.1', port), timeout=5)
    try:
        s.sendall(data)
        return s.recv(4096)
    except OSError:
        return b''
    finally:
        s.close()


def drive(port, tap):
    """The flows; returns the values that must never be logged."""
    c = faultlib.Client(port)
    secrets = [c.cookies.get('wr_csrf', ''), c.csrf]
    status, _ = c.signup('logproef@example.nl', 'Log Proef')
    tap.ok(status == 201, 'a resident signs up (%d)' % status)
    status, body = c.signup('crlf@example.nl', 'Naam\r\nts=2020-01-01T00:00:00Z level=error '
                            'event=vervalst')
    tap.note('a sign-up with CR/LF in the name answered %d' % status)
    status, body = c.signin('logproef@example.nl')
    tap.ok(status == 201, 'the resident signs in (%d)' % status)
    secrets += [c.cookies.get('wr_session', ''), c.csrf]
    status, _ = c.request('GET', '/api/v1/me')
    c2 = faultlib.Client(port)
    status, _ = c2.signin('logproef@example.nl', 'niet het goede wachtwoord')
    tap.ok(status == 401, 'a wrong password is refused (%d)' % status)
    status, _ = c2.signin('niemand@example.nl', 'niet het goede wachtwoord')
    tap.ok(status == 401, 'an unknown address is refused (%d)' % status)
    status, _ = c2.request('GET', '/api/v1/me')
    tap.ok(status == 401, 'a read without a session is refused (%d)' % status)
    c2.csrf = 'vervalst'
    status, _ = c2.signup('zonder.token@example.nl', 'Zonder Token')
    tap.ok(status == 403, 'a write without the right CSRF token is refused (%d)' % status)
    c2.close()
    status, _ = c.request('POST', '/password-reset', None,
                          {'Content-Type': 'application/x-www-form-urlencoded'})
    c3 = faultlib.Client(port)
    status, _ = c3.request('POST', '/api/v1/me/erase', {'password': 'fout'})
    c3.close()
    # CR/LF in the path, percent-encoded and raw.
    faultlib.get(port, '/%0D%0Ats=2020-01-01T00:00:00Z%20level=error%20event=vervalst')
    raw_request(port, b'GET /a\rts=2020 HTTP/1.1\r\nHost: x\r\n\r\n')
    status, _ = c.request('POST', '/api/v1/me/erase', {'password': PASSWORD})
    tap.ok(status == 204, 'the resident erases the account (%d)' % status)
    c.close()
    return [s for s in secrets if s]


def check_lines(text, tap):
    lines = text.splitlines()
    bad = [l for l in lines if not LINE.match(l)]
    tap.ok(lines and not bad, 'each of the %d lines is one event starting with its UTC time'
           % len(lines), '\n'.join(bad[:5]))
    tap.ok('vervalst' not in '\n'.join(l.split(' ', 3)[2] for l in lines if LINE.match(l)) and
           not any(l.startswith('ts=2020') for l in lines),
           'a CR/LF sent in a path or a name stays inside its line')
    events = [fields(l) for l in lines if LINE.match(l)]
    signins = [e for e in events if e.get('event') == 'signin']
    denied = [e for e in events if e.get('event') == 'denied']

    def complete(e):
        return (re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', e.get('ts', '')) and
                re.match(r'^[0-9a-f]{16}$', e.get('req', '')) and e.get('ip') == '127.0.0.1' and
                e.get('person', '').isdigit())
    tap.ok(len(signins) == 1 and all(complete(e) and e['person'] != '0' for e in signins),
           'the sign-in is logged with UTC time, account, address and request id', signins)
    statuses = sorted(e.get('status') for e in denied)
    tap.ok(statuses.count('401') >= 3 and '403' in statuses and all(complete(e) for e in denied),
           'every denial (%s) is logged with UTC time, account, address and request id'
           % ', '.join(statuses), denied)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary')
    ap.add_argument('--scan', action='append', default=[])
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    tap = faultlib.Tap()
    tmp = tempfile.mkdtemp(prefix='wijk-logs.')
    db = os.path.join(tmp, 'w.db')
    srv = faultlib.Server(binary, db, tmp, os.path.join(tmp, 'server.log'))
    try:
        faultlib.run(binary, 'init', '--db', db)
        tap.ok(srv.start(), 'the server starts')
        secrets = drive(srv.port, tap)
        tap.ok(srv.stop() == 0, 'the server stops cleanly')
        text = open(srv.log_path, encoding='utf-8', errors='replace').read()
        check_lines(text, tap)
        planted = secrets_in('ts=x a=wie@example.nl b="%s" c=%s cookie=abc' % (
            KNOWN_PASSWORDS[1], 'Q' * 43))
        tap.ok(len(planted) == 4, 'the scan finds a planted address, password, token and cookie',
               planted)
        found = secrets_in(text, secrets)
        tap.ok(not found, 'its log holds no e-mail address, password or token', '\n'.join(found))
        for folder in args.scan:
            files = sorted(glob.glob(os.path.join(folder, '*.log')))
            found, nlines = [], 0
            for path in files:
                t = open(path, encoding='utf-8', errors='replace').read()
                nlines += t.count('\n')
                found += ['%s %s' % (os.path.basename(path), f) for f in secrets_in(t)]
            if not files:
                tap.skip('the suite\'s logs hold no secret', 'no logs kept in ' + folder)
                continue
            tap.ok(not found, 'the %d server logs of the suite (%d lines) hold no e-mail '
                   'address, password or token' % (len(files), nlines), '\n'.join(found[:20]))
    finally:
        srv.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
