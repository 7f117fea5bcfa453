// html-validate on the HTML exactly as served (not the browser's DOM) for
// every kind of page in both languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LANGUAGES, PAGES, fetchPage, htmlProblems } from './helpers.mjs';

for (const lang of LANGUAGES) {
    for (const p of PAGES) {
        test(`the ${p.name} page in ${lang} is valid HTML`, async () => {
            const res = await fetchPage(p.path, lang);
            assert.equal(res.status, p.status);
            assert.match(res.headers.get('content-type') ?? '', /^text\/html;\s*charset=utf-8$/i);
            assert.match(res.text, new RegExp(`<html[^>]*\\slang="${lang}"`));
            const problems = await htmlProblems(res.text, `${p.name}-${lang}`);
            assert.ok(problems.length === 0, `html-validate:\n${problems.join('\n')}`);
        });
    }
}

test('the validator rejects broken HTML (the check itself works)', async () => {
    const problems = await htmlProblems('<!doctype html><html lang="nl"><head><title>x</title></head><body><p><div></p></body></html>', 'broken');
    assert.ok(problems.length > 0);
});
