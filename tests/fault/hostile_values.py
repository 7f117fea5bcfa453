"""The hostile values and the requests of tests/fault/hostile.py.

Values are bytes (invalid UTF-8 must stay invalid). A job is a dict that
hostile_client.Persona.send turns into one request:
  method, pattern, path (percent-encoded), path_shown, kind, field, value,
  query [(name, bytes)], pairs [(name, bytes)] for a body, body_kind
  'json' | 'form' | 'raw' | None, raw (bytes) and content_type for 'raw',
  as (index of the person sending it; -1: a visitor), login, csrf.
Every value of the corpus is sent at least once; each field gets the core
values of its type and a share of the corpus (ten times as much when long)."""
import json
import os
import re
from urllib.parse import quote_from_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
WFUZZ = '/usr/share/wfuzz/wordlist/Injections'

MARK = '<x-m1> "onx=1 \'onx=1 =x-m3()'   # hostile_check.py looks for these
MARK_TEXT = MARK + '\r\nX-M4: x-m4'          # and a line that must stay inside its field

BAD_UTF8 = [b'\xff', b'\xc0\xaf', b'\xe0\x80\xaf', b'\xed\xa0\x80', b'\xf4\x90\x80\x80',
            b'\xc3', b'\xe2\x82', b'a\x80b', b'\xf8\x88\x80\x80\x80', b'\xfe\xfe\xff\xff',
            b'\xc0\x80', b'\xef\xbf\xbe', b'\xf0\x9f\x98', b'%\xc0%ae']
NUMBERS = [b'-1', b'0', b'9223372036854775807', b'9223372036854775808',
           b'-9223372036854775808', b'-9223372036854775809', b'99999999999999999999999999',
           b'1e308', b'-1e308', b'1.5', b'0x10', b' 1', b'1 ', b'+1', b'-0', b'NaN', b'Infinity',
           b'\xef\xbc\x91', b'1; DROP TABLE person', b'00000000000000000000001', b'--1']
CORE = [MARK.encode(), b'', b'a\x00b', b'x\r\nX-M4: x-m4', b'%00%zz%', b'../../../../etc/passwd',
        b'<x-m1>', b'"onx=1']


def load_corpus():
    """blns, then wfuzz's injection lists (when installed), then the
    generated values: (values, how many from blns, from wfuzz)."""
    with open(os.path.join(HERE, 'data', 'blns.json'), encoding='utf-8') as f:
        blns = [s.encode('utf-8', 'surrogatepass') for s in json.load(f)]
    wfuzz = []
    if os.path.isdir(WFUZZ):
        for name in sorted(os.listdir(WFUZZ)):
            with open(os.path.join(WFUZZ, name), 'rb') as f:
                wfuzz += [ln.rstrip(b'\r\n') for ln in f if ln.strip()]
    generated = BAD_UTF8 + NUMBERS + CORE
    seen, values = set(), []
    for v in blns + wfuzz + generated:
        if v not in seen:
            seen.add(v)
            values.append(v)
    return values, len(blns), len(wfuzz)


def base_value(field, in_path):
    """A plausible value for a field that is not under attack: text carries
    the markers, numbers and codes point at demo objects."""
    t, lo, hi, name = field['type'], field['min'], field['max'], field['name']
    if t == 'int':
        v = 1 if (lo <= 1 and (hi >= 1 or hi == lo == 0)) else lo
        return str(v).encode()
    if t == 'code':
        return b'BU99010202'
    if t == 'date':
        return b'2027-05-01'
    if t == 'choice':
        return field['choices'][0].encode() if field['choices'] else b'x'
    if t == 'token':
        return b'abc123'
    if 'password' in name or name == 'reauth':
        return b'niet het goede wachtwoord 1'
    text = MARK_TEXT if t == 'text' else MARK
    if hi > 0:
        text = text[:hi]
    if len(text) < lo:
        text += 'x' * (lo - len(text))
    return text.encode()


def field_core(field, k):
    """The values every field gets, by type: the markers, and a turn of the
    other core values (k: the field's number, so turns differ)."""
    hi = field['max'] if field['type'] in ('text', 'line', 'token') else 0
    over = b'x' * (hi + 1) if hi > 0 else b'x' * 70000
    rest = CORE[1:] + BAD_UTF8 + [over, b'\xc3\xa9' * (hi + 1 if hi > 0 else 40000)]
    core = [MARK.encode()] + [rest[(3 * k + i) % len(rest)] for i in range(3)]
    if field['type'] in ('int', 'code', 'date', 'choice', 'token'):
        core += [NUMBERS[(2 * k + i) % len(NUMBERS)] for i in range(2)]
    return core


def path_for(pattern, path_values):
    """The path with each {name} replaced by its percent-encoded value."""
    def sub(m):
        return quote_from_bytes(path_values.get(m.group(1), b'1'), safe='')
    return re.sub(r'\{([^}]+)\}', sub, pattern)


def request(route, method, values, kind, field=None, value=None, who=-1):
    """One job: values maps each field name to its bytes."""
    in_path = set(re.findall(r'\{([^}]+)\}', route['pattern']))
    path_values = {k: v for k, v in values.items() if k in in_path}
    rest = [(k, v) for k, v in values.items() if k not in in_path]
    body_kind = None
    if method in ('POST', 'PUT', 'DELETE', 'PATCH'):
        body_kind = 'json' if route['json'] else 'form'
    path = path_for(route['pattern'], path_values)
    # a request line over the server's header limit: answered 414 from the
    # headers alone, and the connection closed while the body is on its way
    big = len(path) > 8000
    return {'big': big, 'method': method, 'pattern': route['pattern'], 'path': path,
            'path_shown': path[:120], 'kind': kind, 'field': field, 'value': value,
            'query': rest if body_kind is None else [], 'pairs': rest if body_kind else [],
            'body_kind': body_kind, 'as': who, 'login': route['login'], 'csrf': route['csrf']}


def bases(route):
    in_path = set(re.findall(r'\{([^}]+)\}', route['pattern']))
    out = {}
    for f in route['fields']:
        out[f['name']] = base_value(f, f['name'] in in_path)
    for name in in_path:
        out.setdefault(name, b'1')
    return out


def who_for(route, n):
    """Routes that need a login are sent as each kind of person in turn;
    public ones as a visitor, and every fifth as a signed-in person."""
    if route['login'] or route['csrf'] and n % 2:
        return n
    return n if n % 5 == 4 else -1


def methods(route):
    return [m for m in route['methods'] if m != 'HEAD']


def route_extras(route, method, people):
    """Per route and method: duplicates, undeclared input, body limits and
    types, malformed JSON, bad percent-encoding, a long query."""
    b = bases(route)
    out = []
    first = route['fields'][0]['name'] if route['fields'] else 'x'
    j = request(route, method, b, 'duplicate', first, b'2', who_for(route, 1))
    (j['pairs'] if j['body_kind'] else j['query']).extend([(first, b'1'), (first, b'2')])
    out.append(j)
    j = request(route, method, b, 'undeclared', 'x_m2', MARK.encode(), who_for(route, 2))
    (j['pairs'] if j['body_kind'] else j['query']).append(('x_m2', MARK.encode()))
    out.append(j)
    j = request(route, method, b, 'long-query', 'q', b'q' * 9000, who_for(route, 3))
    j['path'] += '?' + 'q' * 9000
    j['big'] = True
    out.append(j)
    if '{' in route['pattern']:
        bads = ('%', '%zz', '%00', '%C0%AF', '%2e%2e%2f%2e%2e', '%ff%fe', '..')
        turn = len(route['pattern']) + len(method)
        for bad in (bads[turn % len(bads)], bads[(turn + 3) % len(bads)]):
            j = request(route, method, b, 'bad-path', None, bad.encode(), who_for(route, 0))
            j['path'] = re.sub(r'\{[^}]+\}', bad, route['pattern'], count=1)
            j['path'] = re.sub(r'\{[^}]+\}', '1', j['path'])
            out.append(j)
    if method == 'GET':
        return out
    limit = route['max_body'] or 1024 * 1024
    raws = [('oversized', b'x' * (limit + 1), 'application/x-www-form-urlencoded'),
            ('wrong-type', b'{"a": 1}', 'application/x-www-form-urlencoded'
             if route['json'] else 'application/json'),
            ('wrong-type', b'a=1', 'text/plain'),
            ('wrong-type', b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--',
             'multipart/form-data; boundary=b'),
            ('malformed', b'{"a": ', 'application/json'),
            ('malformed', b'[' * 100000, 'application/json'),
            ('malformed', b'a=%zz&%=&=%&' + b'&' * 5000, 'application/x-www-form-urlencoded'),
            ('malformed', b'{"a": "\xff\xfe"}', 'application/json; charset=latin1')]
    turn = len(route['pattern'])
    picks = [raws[0], raws[1 + turn % 3], raws[4 + turn % 4]]
    for n, (kind, raw, ctype) in enumerate(picks):
        j = request(route, method, b, kind, None, raw[:64], who_for(route, n))
        j['body_kind'], j['raw'], j['content_type'] = 'raw', raw, ctype
        out.append(j)
    return out


def jobs(routes, people, long_run):
    """All the hostile requests, in an order that spreads each route's
    requests over time (and so over sessions)."""
    corpus, _, _ = load_corpus()
    pairs = [(r, m, f) for r in routes for m in methods(r) for f in r['fields']]
    share = max(3, -(-len(corpus) // max(1, len(pairs)))) * (10 if long_run else 1)
    out, k = [], 0
    # first the markers alone, in plausible requests, as every kind of
    # person: the writes that succeed store them for the crawl to find;
    # twice, so that routes on an {id} find what the first round made
    for _ in range(2):
        for r in routes:
            for m in methods(r):
                if r['csrf']:
                    out += [request(r, m, bases(r), 'markers', None, MARK.encode(), who)
                            for who in range(people)]
    for r, m, f in pairs:
        b = bases(r)
        vals = field_core(f, k // share) + [corpus[(k + i) % len(corpus)] for i in range(share)]
        k += share
        for n, v in enumerate(vals):
            values = dict(b)
            values[f['name']] = v
            out.append(request(r, m, values, 'value', f['name'], v, who_for(r, n)))
    for r in routes:
        for m in methods(r):
            out.extend(route_extras(r, m, people))
    return out


def crawl_jobs(routes, ids, people):
    """GET every GET route as a visitor and as each kind of person in turn:
    routes with an {id} with small ids and (a turn of) the ids the writes
    made, routes with a {code} with the demo area codes."""
    made = [i for i in ids if i > 3]
    codes = [b'GM9901', b'WK990102', b'BU99010202']
    out, turn = [], 0
    for r in routes:
        if 'GET' not in r['methods']:
            continue
        names = re.findall(r'\{([^}]+)\}', r['pattern'])
        pool = [None]
        if names and names[0] == 'code':
            pool = codes
        elif names:
            pool = [b'1', b'2', b'3'] + [str(made[(turn + i) % len(made)]).encode()
                                         for i in range(min(6, len(made)))]
        for v in pool:
            turn += 1
            values = {name: b'1' for name in names}
            if v is not None:
                values[names[0]] = v
            for who in (-1, turn % people, (turn + 3) % people):
                j = request(r, 'GET', values, 'crawl', None, None, who)
                j['query'] = []
                out.append(j)
    return out
