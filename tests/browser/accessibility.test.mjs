// axe-core on every kind of page in both languages: zero violations of its
// rules (WCAG 2.1 A/AA and best practices), and no Content-Security-Policy
// complaints while the pages load.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { LANGUAGES, PAGES, axeViolations, formatViolations, htmlLang, openBrowser, screenshot, visit } from './helpers.mjs';

let browser;
before(async () => {
    browser = await openBrowser();
});
after(async () => {
    await browser?.close();
});

for (const lang of LANGUAGES) {
    for (const p of PAGES) {
        test(`axe finds no violations on the ${p.name} page in ${lang}`, async () => {
            const { page, cspReports } = browser;
            cspReports.length = 0;
            await visit(page, p.path, { lang, status: p.status });
            assert.equal(await htmlLang(page), lang);
            await screenshot(page, `axe-${p.name}-${lang}`);
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0, `axe violations on ${p.path} (${lang}):\n${formatViolations(violations)}`);
            assert.ok(cspReports.length === 0, `Content-Security-Policy complaints:\n${cspReports.join('\n')}`);
        });
    }
}

test('axe reports a violation it is shown (the check itself works)', async () => {
    const { page } = browser;
    await visit(page, '/');
    // An image without alternative text, added by the test, must be caught.
    await page.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').append(img);
    });
    const violations = await axeViolations(page);
    assert.ok(violations.some((v) => v.id === 'image-alt'), formatViolations(violations));
});
