// A resident finds their buurt: by clicking down from the home page, and by
// typing a CBS code into the home page's form; an unknown code gives a 404
// page that leads back home.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { findByCode, walkDownTheAreas } from './flows.mjs';
import { DEMO, follow, openBrowser, pathOf, screenshot, visit } from './helpers.mjs';

let browser;
before(async () => {
    browser = await openBrowser();
});
after(async () => {
    await browser?.close();
});

test('home to gemeente to wijk to buurt by clicking links', async () => {
    await walkDownTheAreas(browser.page, 'nav');
    assert.ok(browser.cspReports.length === 0, `Content-Security-Policy complaints:\n${browser.cspReports.join('\n')}`);
});

test('find by code form lands on the wijk', async () => {
    await findByCode(browser.page, DEMO.wijken[1], 'nav');
});

test('find by code form lands on the buurt', async () => {
    await findByCode(browser.page, DEMO.buurt, 'nav');
});

test('unknown code shows a 404 page with a link home', async () => {
    const { page } = browser;
    await visit(page, `/areas/${DEMO.unknown}`, { status: 404 });
    assert.ok((await page.locator('h1').innerText()).trim().length > 0, 'the 404 page has a heading');
    assert.match(await page.locator('main').innerText(), new RegExp(DEMO.unknown), 'it names the code');
    await screenshot(page, 'nav-not-found');
    const home = page.locator('main a[href="/"]');
    assert.equal(await home.count(), 1, 'the 404 page offers a link home in its main content');
    await follow(page, home, /^\/$/);
    assert.equal(pathOf(page), '/');
});

test('find by code form with an unknown code shows the 404 page', async () => {
    const { page } = browser;
    await visit(page, '/');
    const form = page.locator('form[action="/areas"]');
    await form.locator('input[name="code"]').fill(DEMO.unknown);
    const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/areas') && r.status() !== 303 && r.status() !== 302),
        form.locator('button[type="submit"], input[type="submit"]').first().click(),
    ]);
    assert.equal(response.status(), 404);
    assert.equal(await page.locator('main a[href="/"]').count(), 1);
});
