"""What tests/fault/hostile.py looks for in every answer.

Raw markers, by content type (the markers come from hostile_values.MARK):
  - any answer: a header line that a CR/LF in a value made (X-M4), and no
    5xx status;
  - HTML (and anything not listed below): <x-m1> not written as &lt;x-m1&gt;,
    "onx= or 'onx= with the quote not escaped;
  - JSON: <x-m1> not written as \\u003cx-m1 (the API's JSON is safe to
    embed in a page), "onx= with the quote not escaped;
  - CSV: a cell that a spreadsheet would run (starting with =, +, -, @)
    holding a marker, a record that starts with X-M4;
  - iCalendar: a content line that starts with X-M4 (a CR/LF kept raw).
<x-m1> itself is data in CSV and iCalendar, as in a plain-text file.
SQL error text: what SQLite and PostgreSQL put in their messages; a match
that is part of the value sent (echoed back, escaped) does not count."""
import csv
import io
import re

SQL_ERRORS = re.compile(
    rb'SQLITE_[A-Z]|sqlite3_|near "[^"]*": syntax error|no such (?:table|column|function)'
    rb'|unrecognized token|SQL logic error|constraint failed|SQLSTATE|syntax error at or near'
    rb'|violates (?:unique|foreign key|check|not-null) constraint|PGRES_|datatype mismatch'
    rb'|database is locked|invalid input syntax for|current transaction is aborted')
HTML_RAW = re.compile(rb'<x-m\d|(?<!\\)"onx=|\'onx=')
JSON_RAW = re.compile(rb'<x-m\d|(?<!\\)"onx=')
LINE_INJECTED = re.compile(rb'(?:^|[\r\n])X-M4:', re.I)
SANITIZER = re.compile(r'ERROR: (?:Address|Leak)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer')


ESCAPED = re.compile(rb'&lt;x-m\d|\\u003cx-m\d')

# Answers the checker must refuse and answers it must pass: hostile.py runs
# them first, so a checker that finds nothing cannot pass unnoticed.
SELF_TEST = [
    (True, 'text/html', b'<p><x-m1> hi</p>'),
    (True, 'text/html', b'<input value=""onx=1">'),
    (True, 'application/json', b'{"a":"<x-m1>"}'),
    (True, 'application/json', b'{"a":"" onx=1"}'.replace(b'" onx', b'"onx')),
    (True, 'text/csv', b'a,b\r\n1,=x-m3()\r\n'),
    (True, 'text/csv', b'a,b\r\n1,x\r\nX-M4: x-m4\r\n'),
    (True, 'text/calendar', b'BEGIN:VEVENT\r\nSUMMARY:a\r\nX-M4: x-m4\r\n'),
    (True, 'application/json', b'{"message":"SQL logic error near \\"x\\": syntax error"}'),
    (False, 'text/html', b'<p>&lt;x-m1&gt; &quot;onx=1 &#39;onx=1</p>'),
    (False, 'application/json', b'{"a":"\\u003cx-m1\\u003e \\"onx=1 \'onx=1"}'),
    (False, 'text/csv', b'a,b\r\n1,"\'=x-m3()"\r\n2,<x-m1>\r\n'),
    (False, 'text/csv', b'a,b\r\n1,"x\r\nX-M4: x-m4"\r\n'),
    (False, 'text/calendar', b'SUMMARY:<x-m1>\\nX-M4: x\r\n'),
]


def sanitizer_line(line):
    return bool(SANITIZER.search(line))


class Checker:
    def __init__(self):
        self.escaped = 0   # answers that showed a stored marker, escaped

    def check(self, ans, sent):
        """The problems in one answer (a list of short texts)."""
        out = []
        if ans.status is not None and ans.status >= 500:
            out.append('status %d' % ans.status)
        for k, _ in ans.headers:
            if k.lower().startswith('x-m4'):
                out.append('header injected: %s' % k)
        body = ans.body or b''
        for m in SQL_ERRORS.finditer(body):
            if not sent or m.group(0) not in sent:
                out.append('SQL error text %r' % body[max(0, m.start() - 60):m.end() + 60])
                break
        ctype = ans.header('content-type').split(';')[0].strip().lower()
        if ESCAPED.search(body):
            self.escaped += 1
        if ctype == 'text/csv':
            out += self._csv(body)
        elif ctype == 'text/calendar':
            if LINE_INJECTED.search(body):
                out.append('iCalendar line injected')
        else:
            raw = JSON_RAW if ctype.endswith('json') else HTML_RAW
            m = raw.search(body)
            if m:
                out.append('raw marker in %s: %r' % (ctype or 'no type',
                                                    body[max(0, m.start() - 80):m.end() + 40]))
        return out

    def _csv(self, body):
        # Records as RFC 4180 reads them: a CR/LF inside a quoted field is
        # data, a record of its own starting with X-M4 is an injection.
        out = []
        try:
            for row in csv.reader(io.StringIO(body.decode('utf-8', 'replace'), newline='')):
                if row and row[0][:5].upper() == 'X-M4:':
                    out.append('CSV record injected')
                for cell in row:
                    if cell[:1] in ('=', '+', '-', '@') and 'x-m' in cell:
                        out.append('CSV formula cell %r' % cell[:80])
        except csv.Error as e:
            out.append('CSV unreadable: %s' % e)
        return out
