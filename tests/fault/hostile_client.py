"""The HTTP side of tests/fault/hostile.py: a Persona is one kind of person
(or a visitor) with a keep-alive connection, a session, its CSRF token and
a count of the writes that session has spent; it signs in again (a new
session) before the write quota runs out or when a request ended the
session. Requests are built from the jobs of hostile_values.py; every
answer comes back as an Answer, also when the connection broke."""
import http.client
import json
import re
import socket
import time
from urllib.parse import quote_from_bytes

QUOTA = 100            # writes per session before a new sign-in (the limit is 120)
TIMEOUT = 30.0
SIGNIN_WAIT = 1.1  # seconds: hostile.py serves with --signin-window 1
SIGNINS = {}   # sign-in answers by status, for the report


class Answer:
    def __init__(self, status=None, headers=(), body=b'', error=None):
        self.status, self.headers, self.body, self.error = status, list(headers), body, error

    def klass(self):
        return 'none' if self.status is None else '%dxx' % (self.status // 100)

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return ''

    def ids(self):
        """Ids of what a write made: "id" in a JSON answer, or the last
        number of the Location it redirects to."""
        out = set()
        if self.status in (200, 201) and self.header('content-type').startswith('application/json'):
            try:
                doc = json.loads(self.body)
                for v in (doc.values() if isinstance(doc, dict) else []):
                    if isinstance(v, dict) and isinstance(v.get('id'), int):
                        out.add(v['id'])
                if isinstance(doc, dict) and isinstance(doc.get('id'), int):
                    out.add(doc['id'])
            except ValueError:
                pass
        m = re.search(r'/(\d+)(?:[/?#]|$)', self.header('location'))
        if self.status == 303 and m:
            out.add(int(m.group(1)))
        return out


def form_encode(pairs):
    return b'&'.join(quote_from_bytes(k.encode(), safe='').encode() + b'=' +
                     quote_from_bytes(v, safe='').encode() for k, v in pairs)


def json_string(v):
    """v as a JSON string literal, its bytes kept (invalid UTF-8 stays)."""
    out = bytearray(b'"')
    for c in v:
        if c in (0x22, 0x5c):
            out += b'\\' + bytes([c])
        elif c < 0x20:
            out += b'\\u%04x' % c
        else:
            out.append(c)
    return bytes(out + b'"')


def json_encode(pairs):
    return b'{' + b','.join(json_string(k.encode()) + b':' + json_string(v)
                            for k, v in pairs) + b'}'


class Persona:
    def __init__(self, email, capacity, password):
        self.email, self.capacity, self.password = email, capacity, password
        self.conn = None
        self.port = None
        self.cookies = {}
        self.csrf = ''
        self.writes = 0
        self.ready = False
        self.sessions = 0

    def forget(self):
        """After a server restart: a new connection and a new session."""
        self.close()
        self.cookies, self.csrf, self.ready = {}, '', False

    def close(self):
        if self.conn:
            self.conn.close()
        self.conn = None

    def _raw(self, method, path, body=None, headers=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=TIMEOUT)
        h = {'Origin': 'http://127.0.0.1:%d' % self.port, 'Accept-Language': 'nl, en;q=0.5'}
        if self.cookies:
            h['Cookie'] = '; '.join('%s=%s' % kv for kv in self.cookies.items())
        h.update(headers or {})
        try:
            self.conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in h.items():
                self.conn.putheader(k, v)
            self.conn.putheader('Content-Length', str(len(body or b'')))
            self.conn.endheaders(body or b'')
            r = self.conn.getresponse()
            data = r.read()
            headers = r.getheaders()
            if r.will_close:
                self.close()
        except (http.client.HTTPException, OSError, socket.timeout) as e:
            self.close()
            return Answer(error=repr(e))
        for k, v in headers:
            if k.lower() == 'set-cookie':
                m = re.match(r'\s*([^=;]+)=([^;]*)', v)
                if m:
                    self.cookies[m.group(1)] = m.group(2)
        return Answer(r.status, headers, data)

    def _json(self, method, path, doc):
        return self._raw(method, path, json.dumps(doc).encode(),
                         {'Content-Type': 'application/json', 'X-CSRF-Token': self.csrf})

    def sign_in(self):
        """A fresh session (or, for a visitor, the pre-session CSRF pair)."""
        self.cookies, self.csrf, self.writes = {}, '', 0
        a = self._raw('GET', '/api/v1/session')
        if a.status == 200:
            self.csrf = json.loads(a.body).get('csrf_token') or ''
        if self.email:
            for _ in range(3):
                a = self._json('POST', '/api/v1/session', {'email': self.email,
                                                          'password': self.password})
                SIGNINS[a.status] = SIGNINS.get(a.status, 0) + 1
                if a.status != 429:
                    break
                time.sleep(SIGNIN_WAIT)    # the sign-in limit's window (serve --signin-window)
            if a.status in (200, 201):
                self.csrf = json.loads(a.body).get('csrf_token') or self.csrf
                self.sessions += 1
                self._json('PUT', '/api/v1/me/capacity', {'capacity': self.capacity})
                self.writes = 2
        self.ready = a.status is not None and a.status < 400
        return self.ready

    def send(self, port, job):
        self.port = port
        if not self.ready or (self.email and self.writes >= QUOTA):
            self.sign_in()
        body, headers = None, {}
        path = job['path']
        if job['query']:
            path += ('&' if '?' in path else '?') + form_encode(job['query']).decode()
        kind = job['body_kind']
        if kind == 'json':
            body = json_encode(job['pairs'])
            headers = {'Content-Type': 'application/json', 'X-CSRF-Token': self.csrf}
        elif kind == 'form':
            body = form_encode(job['pairs'] + [('csrf', self.csrf.encode())])
            headers = {'Content-Type': 'application/x-www-form-urlencoded'}
        elif kind == 'raw':
            body = job['raw']
            headers = {'Content-Type': job['content_type'], 'X-CSRF-Token': self.csrf}
        if job['csrf']:
            self.writes += 1
        a = self._raw(job['method'], path, body, headers)
        if self._session_lost(job, a):
            self.ready = False
        return a

    def _session_lost(self, job, a):
        """A signed-in person refused as signed out (a write may have ended
        the session: sign-out, ending sessions), or out of write quota."""
        if not self.email or a.status is None:
            return a.status is None
        if a.status == 429:
            return True
        if 'session' in job['pattern'] or 'sign-out' in job['pattern']:
            return True
        return a.status == 401 or (a.status == 303 and '/sign-in' in a.header('location'))
