#!/usr/bin/env python3
"""Runs test programs that print TAP and counts their test cases.

usage:
  testrun.py meson BUILD_DIR SUITE [SUITE...]   every meson test of those suites
  testrun.py cmd LABEL -- COMMAND [ARGS...]     one command printing TAP

With WIJKREGIE_FRESH_DB_CMD set (a shell command that, given a name, creates
a database and prints its URL), each meson test program gets its own fresh
database in WIJKREGIE_TEST_DB_URL.

Each test case ("ok N" / "not ok N") counts once; one with a "# SKIP"
directive counts as skipped. A program that exits
non-zero, dies from a signal, times out, or reports fewer results than its
plan ("1..N") counts one extra failure, so a crash can never pass. Prints the
TAP of failing programs, one summary line per program, and finally
"COUNT passed failed skipped" on the last line for the caller to add up."""
import json
import os
import re
import subprocess
import sys

OK = re.compile(r'^\s*ok\s+\d+')
NOT_OK = re.compile(r'^\s*not ok\s+\d+')
PLAN = re.compile(r'^\s*1\.\.(\d+)')
SKIP = re.compile(r'#\s*skip', re.IGNORECASE)


def count_tap(text):
    passed = failed = skipped = 0
    plans = 0
    planned = 0
    for line in text.splitlines():
        if (NOT_OK.match(line) or OK.match(line)) and SKIP.search(line):
            skipped += 1
        elif NOT_OK.match(line):
            failed += 1
        elif OK.match(line):
            passed += 1
        else:
            m = PLAN.match(line)
            if m:
                plans += 1
                planned += int(m.group(1))
    return passed, failed, skipped, planned if plans else None


def run_one(label, cmd, env, cwd, timeout):
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out = p.stdout.decode('utf-8', 'replace')
        rc = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace') + '\n# TIMEOUT\n'
        rc = 'timeout'
    passed, failed, skipped, planned = count_tap(out)
    extra = ''
    if planned is not None and passed + failed + skipped < planned:
        failed += planned - passed - failed - skipped
        extra = ' (fewer results than planned)'
    if rc != 0 and failed == 0:
        failed += 1
        extra += ' (exit status %s)' % rc
    if passed + failed == 0:
        failed = 1
        extra += ' (no test ran)'
    if failed:
        sys.stdout.write(out if out.endswith('\n') else out + '\n')
    if skipped:
        extra += ' (%d skipped)' % skipped
    print('%-40s %4d passed %4d failed%s' % (label, passed, failed, extra), flush=True)
    return passed, failed, skipped


def fresh_database(cmd, test_name):
    """A new, empty database for one test program: runs the shell command
    WIJKREGIE_FRESH_DB_CMD with a unique database name appended and takes the
    URL it prints (scripts/pg.sh newdb DIR NAME does that)."""
    name = re.sub(r'[^a-z0-9_]', '_', ('t_%s_%d' % (test_name, os.getpid())).lower())[:60]
    out = subprocess.run('%s %s' % (cmd, name), shell=True, check=True,
                         stdout=subprocess.PIPE).stdout.decode().strip()
    return out.splitlines()[-1]


def meson_tests(build, suites):
    info = subprocess.run(['meson', 'introspect', build, '--tests'],
                          stdout=subprocess.PIPE, check=True).stdout
    total = [0, 0, 0]
    for t in json.loads(info):
        if not set(t.get('suite', [])) & {'wijkregie:' + s for s in suites} | \
                set(t.get('suite', [])) & set(suites):
            continue
        env = dict(os.environ)
        env.update(t.get('env') or {})
        fresh = env.get('WIJKREGIE_FRESH_DB_CMD')
        if fresh:
            env['WIJKREGIE_TEST_DB_URL'] = fresh_database(fresh, t['name'])
        cwd = t.get('workdir') or build
        timeout = t.get('timeout') or 120
        for i, n in enumerate(run_one(t['name'], t['cmd'], env, cwd, timeout)):
            total[i] += n
    return total


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == 'meson':
        passed, failed, skipped = meson_tests(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 5 and sys.argv[1] == 'cmd' and sys.argv[3] == '--':
        passed, failed, skipped = run_one(sys.argv[2], sys.argv[4:], dict(os.environ), None, 1800)
    else:
        sys.stderr.write(__doc__)
        return 2
    print('COUNT %d %d %d' % (passed, failed, skipped))
    return 0


if __name__ == '__main__':
    sys.exit(main())
