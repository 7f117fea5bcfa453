#!/usr/bin/env python3
"""Runs test programs that print TAP and counts their test cases.

usage:
  testrun.py meson BUILD_DIR SUITE [SUITE...]   every meson test of those suites
  testrun.py cmd LABEL -- COMMAND [ARGS...]     one command printing TAP

Each test case ("ok N" / "not ok N") counts once. A program that exits
non-zero, dies from a signal, times out, or reports fewer results than its
plan ("1..N") counts one extra failure, so a crash can never pass. Prints the
TAP of failing programs, one summary line per program, and finally
"COUNT passed failed" on the last line for the caller to add up."""
import json
import os
import re
import subprocess
import sys

OK = re.compile(r'^\s*ok\s+\d+')
NOT_OK = re.compile(r'^\s*not ok\s+\d+')
PLAN = re.compile(r'^\s*1\.\.(\d+)')


def count_tap(text):
    passed = failed = 0
    plans = 0
    planned = 0
    for line in text.splitlines():
        if NOT_OK.match(line):
            failed += 1
        elif OK.match(line):
            passed += 1
        else:
            m = PLAN.match(line)
            if m:
                plans += 1
                planned += int(m.group(1))
    return passed, failed, planned if plans else None


def run_one(label, cmd, env, cwd, timeout):
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out = p.stdout.decode('utf-8', 'replace')
        rc = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace') + '\n# TIMEOUT\n'
        rc = 'timeout'
    passed, failed, planned = count_tap(out)
    extra = ''
    if planned is not None and passed + failed < planned:
        failed += planned - passed - failed
        extra = ' (fewer results than planned)'
    if rc != 0 and failed == 0:
        failed += 1
        extra += ' (exit status %s)' % rc
    if passed + failed == 0:
        failed = 1
        extra += ' (no test ran)'
    if failed:
        sys.stdout.write(out if out.endswith('\n') else out + '\n')
    print('%-40s %4d passed %4d failed%s' % (label, passed, failed, extra), flush=True)
    return passed, failed


def meson_tests(build, suites):
    info = subprocess.run(['meson', 'introspect', build, '--tests'],
                          stdout=subprocess.PIPE, check=True).stdout
    total = [0, 0]
    for t in json.loads(info):
        if not set(t.get('suite', [])) & {'wijkregie:' + s for s in suites} | \
                set(t.get('suite', [])) & set(suites):
            continue
        env = dict(os.environ)
        env.update(t.get('env') or {})
        cwd = t.get('workdir') or build
        timeout = t.get('timeout') or 120
        p, f = run_one(t['name'], t['cmd'], env, cwd, timeout)
        total[0] += p
        total[1] += f
    return total


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == 'meson':
        passed, failed = meson_tests(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 5 and sys.argv[1] == 'cmd' and sys.argv[3] == '--':
        passed, failed = run_one(sys.argv[2], sys.argv[4:], dict(os.environ), None, 1800)
    else:
        sys.stderr.write(__doc__)
        return 2
    print('COUNT %d %d' % (passed, failed))
    return 0


if __name__ == '__main__':
    sys.exit(main())
