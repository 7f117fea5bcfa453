"""Shared pieces of the fault harnesses in tests/fault/ (crash safety, full
disk, backups and restore, logs): TAP output, a `wijkregie serve` started
and stopped (or killed) on a database in a temporary folder, and a small
HTTP client that signs people up through the JSON API -- the cheapest
realistic write, one row per request, that needs no session and so no
write quota. Everything stays on 127.0.0.1 and every wait is bounded."""
import http.client
import json
import os
import re
import signal
import subprocess
import time


class Tap:
    """Collects TAP lines; `done()` prints the plan and returns the exit
    status (0 only when nothing failed)."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, diag=''):
        self.n += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.n, what), flush=True)
        if not cond:
            self.failed += 1
            for line in str(diag).splitlines()[:20]:
                print('#   ' + line, flush=True)
        return cond

    def skip(self, what, why):
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, what, why), flush=True)

    def note(self, text):
        print('# ' + text, flush=True)

    def done(self):
        print('1..%d' % self.n, flush=True)
        return 1 if self.failed else 0


def run(binary, *args, stdin=None, env=None):
    """Runs `wijkregie ARGS`; returns (exit status, stdout + stderr)."""
    e = dict(os.environ, WIJKREGIE_FAST_HASH='1')
    e.update(env or {})
    p = subprocess.run([binary] + list(args), input=stdin, env=e, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


class Server:
    """One `wijkregie serve` on db, its log appended to log_path."""

    def __init__(self, binary, db, folder, log_path, extra=(), preexec=None, env=None):
        self.binary, self.db, self.folder = binary, db, folder
        self.log_path, self.extra, self.preexec = log_path, list(extra), preexec
        self.env = env
        self.proc = None
        self.port = None

    def start(self, timeout=20.0, port=0, extra=()):
        """Starts the server on port (0: a free one; a crash test gives the
        port of the first start again) with extra options besides the
        constructor's; true once /healthz answers 200."""
        port_file = os.path.join(self.folder, 'port')
        if os.path.exists(port_file):
            os.unlink(port_file)
        e = dict(os.environ, WIJKREGIE_FAST_HASH='1')
        e.update(self.env or {})
        log = open(self.log_path, 'ab')
        self.proc = subprocess.Popen(
            [self.binary, 'serve', '--db', self.db, '--port', str(port), '--port-file', port_file,
             '--threads', '2'] + self.extra + list(extra),
            stdout=log, stderr=log, env=e, preexec_fn=self.preexec)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with open(port_file) as f:
                    self.port = int(f.read().strip())
                if get(self.port, '/healthz')[0] == 200:
                    return True
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        return False

    def kill(self):
        """SIGKILL: no clean-up of any kind, as in a crash."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc:
            self.proc.wait(timeout=30)
        self.proc = None

    def stop(self):
        """SIGTERM, then SIGKILL after 20 s; the exit status (None: killed)."""
        if not self.proc:
            return None
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
            rc = None
        self.proc = None
        return rc


def get(port, path, timeout=5.0):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    try:
        c.request('GET', path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


class Client:
    """A keep-alive connection with the pre-session CSRF pair (the wr_csrf
    cookie and its token), as a browser before sign-in has them."""

    def __init__(self, port, timeout=10.0):
        self.port = port
        self.conn = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
        self.cookies = {}
        status, body = self.request('GET', '/api/v1/session')
        self.csrf = json.loads(body)['csrf_token'] if status == 200 else ''

    def _remember(self, resp):
        for k, v in resp.getheaders():
            if k.lower() == 'set-cookie':
                m = re.match(r'\s*([^=;]+)=([^;]*)', v)
                if m:
                    self.cookies[m.group(1)] = m.group(2)

    def request(self, method, path, body=None, headers=None):
        h = {'Origin': 'http://127.0.0.1:%d' % self.port}
        if self.cookies:
            h['Cookie'] = '; '.join('%s=%s' % kv for kv in self.cookies.items())
        if body is not None:
            h['Content-Type'] = 'application/json'
            h['X-CSRF-Token'] = getattr(self, 'csrf', '')
            body = json.dumps(body)
        h.update(headers or {})
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        self._remember(r)
        return r.status, data

    def signup(self, email, name, password='een lang wachtwoord voor de proef'):
        return self.request('POST', '/api/v1/people',
                            {'email': email, 'display_name': name, 'password': password})

    def signin(self, email, password='een lang wachtwoord voor de proef'):
        status, body = self.request('POST', '/api/v1/session',
                                    {'email': email, 'password': password})
        if status in (200, 201):
            self.csrf = json.loads(body).get('csrf_token') or self.csrf
        return status, body

    def close(self):
        self.conn.close()


def sqlite(db, sql):
    """One query through the sqlite3 command; its output lines."""
    p = subprocess.run(['sqlite3', db, sql], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=120)
    return p.stdout.decode('utf-8', 'replace').strip()
