#!/usr/bin/env python3
"""Bad input into every route (issue 11, part 1). Prints TAP.

The route table comes from tests/fault/hostile_routes (built beside the
server; it prints http/routes.c's routes[] with each route's declared
fields), so a route added later is walked without touching this file. For
every route, every method and every declared field (path, query, form or
JSON body) the harness sends hostile values: the Big List of Naughty
Strings (blns 2.0.4, vendored in tests/fault/data/, MIT), the injection
lists that Debian's wfuzz ships (/usr/share/wfuzz/wordlist/Injections/),
invalid and overlong UTF-8, huge and negative numbers, NUL and CR/LF, and
the markers of hostile_check.py (<x-m1>, "onx=, ...); and per route:
duplicate parameters, an undeclared parameter, a body over the route's
limit, wrong content types, malformed and deeply nested JSON, bad
percent-encoding in the path. Every other field of the request gets a
plausible value with the markers in it, so a write that gets through stores
them. Writes are sent signed in as a resident, a professional, an
organisation admin, a municipality admin and a platform admin (the demo
people, `wijkregie demo --people`, and a console admin), each with its CSRF
token; a session is replaced by a new sign-in before it spends its write
quota (120 per 10 minutes), which stays as it is.

Then it crawls every GET route (pages, feeds, CSV exports, API answers) as
each of them and as a visitor, with the ids the writes made, and asks for
each person's data export. It passes when the server (built with ASan and
UBSan) never crashed and reported nothing, no answer was 5xx, none held SQL
error text and none a raw marker (hostile_check.py says what raw means per
content type).

usage: tests/fault/hostile.py PATH/TO/wijkregie [--routes PATH/TO/hostile_routes]
Environment: FAULT_LONG=1 sends ten times as many corpus values to each
field (about 170,000 requests; not for CI); FAULT_DEADLINE bounds the
sending in seconds (default 150, 3000 when long): what is left then is not
sent, and the run fails.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402
import hostile_check  # noqa: E402
import hostile_values  # noqa: E402
import hostile_client  # noqa: E402
from hostile_client import Persona  # noqa: E402

PASSWORD = 'een lang wachtwoord voor de proef'
ADMIN = 'beheer@example.org'
# (e-mail, capacity): the kinds of people the writes are sent as.
PEOPLE = [
    ('anouk@example.nl', 'resident'),
    ('esra@example.nl', 'resident'),
    ('buurtcoach@example.nl', 'professional'),
    ('organisatie@example.nl', 'organisation_admin'),
    ('gemeente@example.nl', 'municipality_admin'),
    (ADMIN, 'platform_admin'),
]
WORKERS = 3
MIN_VALUES = 5000


def prepare(binary, folder):
    """A database with the demo gemeente, its people and a platform admin."""
    db = os.path.join(folder, 'hostile.db')
    rc, out = faultlib.run(binary, 'demo', '--people', '--password-stdin', '--db', db,
                           stdin=(PASSWORD + '\n').encode())
    if rc != 0:
        return None, out
    rc, out2 = faultlib.run(binary, 'user', 'add', ADMIN, '--name', 'Beheer', '--admin',
                            '--password-stdin', '--db', db, stdin=(PASSWORD + '\n').encode())
    return (db if rc == 0 else None), out + out2


class Run:
    """The server and what every worker adds to: counts, findings, ids."""

    def __init__(self, srv):
        self.srv = srv
        self.lock = threading.Lock()
        self.restart_lock = threading.Lock()
        self.generation = 0
        self.sent = 0
        self.values = 0
        self.by_class = {}
        self.crashes = []
        self.findings = []
        self.nfindings = 0
        self.crawl_escaped = 0
        self.kinds = {}
        self.ids = set()
        self.pairs = set()
        self.routes = set()
        self.unanswered = {}
        self.errors = []
        self.late = 0
        self.lost = []

    def port(self):
        return self.srv.port

    def record(self, job, ans, checker):
        with self.lock:
            self.sent += 1
            self.values += 1 if job.get('value') is not None else 0
            self.kinds[job['kind']] = self.kinds.get(job['kind'], 0) + 1
            self.by_class[ans.klass()] = self.by_class.get(ans.klass(), 0) + 1
            self.routes.add((job['method'], job['pattern']))
            if job.get('field'):
                self.pairs.add((job['method'], job['pattern'], job['field']))
            self.ids.update(ans.ids())
            if ans.status is None:
                kind = 'oversized' if job.get('big') else job['kind']
                self.unanswered[kind] = self.unanswered.get(kind, 0) + 1
                if kind != 'oversized' and len(self.lost) < 200:
                    self.lost.append('%s %s %s %r: %s' % (job['method'], job['path_shown'],
                                     job.get('field'), (job.get('value') or b'')[:60], ans.error))
            if job['kind'] in ('crawl', 'export') and hostile_check.ESCAPED.search(ans.body):
                self.crawl_escaped += 1
            for what in checker.check(ans, job.get('value')):
                self.nfindings += 1
                if len(self.findings) < 200:
                    self.findings.append('%s %s %s: %s' % (job['method'], job['path_shown'],
                                                          job.get('field') or job['kind'], what))

    def crashed(self, generation, job):
        """Called when a request got no answer: restarts a dead server once
        per death (the first worker to see it) and records the crash."""
        with self.restart_lock:
            if self.generation != generation or self.srv.proc.poll() is None:
                return self.generation
            self.crashes.append('%s %s %s %r' % (job['method'], job['path_shown'],
                                                job.get('field') or job['kind'],
                                                (job.get('value') or b'')[:80]))
            if not self.srv.start(port=self.srv.port):
                raise SystemExit('the server did not start again after a crash')
            self.generation += 1
            return self.generation


def worker(run, jobs, deadline, checker):
    people = [Persona(email, cap, PASSWORD) for email, cap in PEOPLE]
    visitor = Persona(None, None, None)
    try:
        for job in jobs:
            if time.monotonic() > deadline:
                run.late += 1
                continue
            who = visitor if job['as'] < 0 else people[job['as'] % len(people)]
            generation = run.generation
            ans = who.send(run.port(), job)
            if ans.status is None and run.srv.proc.poll() is not None:
                run.crashed(generation, job)
                for p in people + [visitor]:
                    p.forget()
            run.record(job, ans, checker)
    except Exception as e:  # a harness bug must fail the run, not end a thread quietly
        run.errors.append(repr(e))
        raise
    finally:
        for p in people + [visitor]:
            p.close()


def barrage(run, routes, checker, long_run, deadline):
    jobs = hostile_values.jobs(routes, len(PEOPLE), long_run)
    shares = [jobs[i::WORKERS] for i in range(WORKERS)]
    threads = [threading.Thread(target=worker, args=(run, s, deadline, checker)) for s in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(jobs)


def crawl(run, routes, checker):
    """Every GET route as every person and a visitor; each data export."""
    jobs = hostile_values.crawl_jobs(routes, sorted(run.ids), len(PEOPLE))
    worker(run, jobs, time.monotonic() + 120, checker)
    for email, cap in PEOPLE:
        p = Persona(email, cap, PASSWORD)
        job = {'method': 'POST', 'pattern': '/api/v1/me/data', 'path_shown': '/api/v1/me/data',
               'kind': 'export', 'path': '/api/v1/me/data', 'query': [], 'body_kind': 'json',
               'pairs': [('password', PASSWORD.encode())], 'login': True, 'csrf': True,
               'as': 0}
        run.record(job, p.send(run.port(), job), checker)
        p.close()
    return len(jobs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary')
    ap.add_argument('--routes')
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    dumper = args.routes or os.path.join(os.path.dirname(os.path.dirname(binary)),
                                         'tests', 'fault', 'hostile_routes')
    long_run = os.environ.get('FAULT_LONG') == '1'
    budget = float(os.environ.get('FAULT_DEADLINE', '3000' if long_run else '150'))
    os.environ.setdefault('ASAN_OPTIONS', 'detect_leaks=1:abort_on_error=1')
    os.environ.setdefault('UBSAN_OPTIONS', 'halt_on_error=1:print_stacktrace=1')
    tap = faultlib.Tap()
    started = time.monotonic()
    folder = tempfile.mkdtemp(prefix='wijkregie-hostile.')
    log = os.path.join(folder, 'server.log')
    try:
        rc, out = faultlib.run(dumper) if os.path.exists(dumper) else (1, dumper + ' missing')
        if not tap.ok(rc == 0, 'the route table from %s' % dumper, out[-2000:]):
            return tap.done()
        routes = json.loads(out)
        db, out = prepare(binary, folder)
        if not tap.ok(db is not None, 'a database with the demo people and an admin', out):
            return tap.done()
        srv = faultlib.Server(binary, db, folder, log, extra=['--signin-window', '1'])
        if not tap.ok(srv.start(timeout=60), 'the server starts', open(log).read()[-2000:]):
            return tap.done()
        corpus, from_blns, from_wfuzz = hostile_values.load_corpus()
        tap.ok(from_blns >= 400 and from_wfuzz >= 500, 'the corpus: %d values, %d from blns, '
               '%d from wfuzz\'s injection lists' % (len(corpus), from_blns, from_wfuzz),
               'install wfuzz (scripts/deps.sh test)')
        run = Run(srv)
        checker = hostile_check.Checker()
        wrong = [(bad, t, body) for bad, t, body in hostile_check.SELF_TEST
                 if bool(checker.check(hostile_client.Answer(200, [('Content-Type', t)], body),
                                       b'')) != bad]
        tap.ok(not wrong, 'the checker refuses the raw markers and SQL error text of its '
               'self-test and passes their escaped forms', repr(wrong))
        checker.escaped = 0
        planned = barrage(run, routes, checker, long_run, time.monotonic() + budget)
        sending = time.monotonic() - started
        crawled = crawl(run, routes, checker)
        rc = srv.stop()
        report(tap, run, checker, routes, planned, crawled, sending,
               time.monotonic() - started)
        with open(log, errors='replace') as f:
            text = f.read()
        sanitizer = [ln for ln in text.splitlines() if hostile_check.sanitizer_line(ln)]
        tap.ok(not run.errors and not run.late, 'every planned request was sent in time '
               '(%d left when the deadline passed)' % run.late, '\n'.join(run.errors))
        tap.ok(not run.crashes, 'the server never crashed (%d crashes)' % len(run.crashes),
               '\n'.join(run.crashes))
        tap.ok(not sanitizer, 'ASan/UBSan reported nothing', '\n'.join(sanitizer[:20]))
        tap.ok(rc == 0, 'the server stopped cleanly (no leak report), status %r' % rc,
               text[-3000:])
        tap.ok(run.by_class.get('5xx', 0) == 0, 'no answer was 5xx',
               '\n'.join(f for f in run.findings if ' 5' in f))
        tap.ok(not run.findings, 'no SQL error text and no raw marker in any answer '
               '(%d findings)' % run.nfindings, '\n'.join(run.findings))
        tap.ok(run.crawl_escaped > 0, 'the crawl met stored markers, escaped, in %d answers '
               '(so it looked where they are)' % run.crawl_escaped)
        lost = {k: v for k, v in run.unanswered.items() if k != 'oversized'}
        tap.ok(not lost, 'every request but an oversized one was answered (unanswered: %r)'
               % run.unanswered, '\n'.join(run.lost))
        fields = run.kinds.get('value', 0)
        tap.ok(fields >= MIN_VALUES, 'at least %d hostile values sent into declared fields (%d)'
               % (MIN_VALUES, fields))
        tap.ok(len(run.routes) == planned_routes(routes), 'every route tried (%d of %d '
               'route methods)' % (len(run.routes), planned_routes(routes)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return tap.done()


def planned_routes(routes):
    return sum(len([m for m in r['methods'] if m != 'HEAD']) for r in routes)


def report(tap, run, checker, routes, planned, crawled, sending, total):
    fields = sum(len(r['fields']) for r in routes)
    tap.note('routes: %d (%d route methods), declared fields: %d' %
             (len(routes), planned_routes(routes), fields))
    tap.note('requests: %d (%d planned hostile, %d crawl); hostile values sent: %d' %
             (run.sent, planned, crawled, run.values))
    tap.note('requests by kind: ' + ', '.join('%s %d' % kv for kv in sorted(run.kinds.items())))
    tap.note('covered: %d route methods, %d route-method-field pairs' %
             (len(run.routes), len(run.pairs)))
    tap.note('answers by class: ' + ', '.join('%s %d' % kv for kv in sorted(run.by_class.items())))
    tap.note('sign-ins (new sessions) by status: %r' % hostile_client.SIGNINS)
    tap.note('crashes: %d; findings: %d; ids made by the writes and crawled: %d; answers '
             'showing a stored marker escaped: %d' % (len(run.crashes), run.nfindings,
                                                       len(run.ids), checker.escaped))
    tap.note('time: %.1f s sending, %.1f s in all' % (sending, total))


if __name__ == '__main__':
    sys.exit(main())
