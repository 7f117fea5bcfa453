// The pages work without JavaScript: the same flows as navigation.test.mjs
// in a browser with JavaScript switched off.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkKeyFigures, findByCode, walkDownTheAreas } from './flows.mjs';
import { DEMO, openBrowser, visit } from './helpers.mjs';

let browser;
before(async () => {
    browser = await openBrowser({ javaScriptEnabled: false });
});
after(async () => {
    await browser?.close();
});

test('page scripts really are off in this browser', async () => {
    const { page } = browser;
    // With JavaScript on, a <noscript> element's content is not rendered.
    await page.setContent('<noscript><p id="off">scripts are off</p></noscript>');
    assert.equal(await page.locator('#off').count(), 1);
});

test('without JavaScript: home to gemeente to wijk to buurt by clicking links', async () => {
    await walkDownTheAreas(browser.page, 'nojs');
});

test('without JavaScript: the find by code form lands on the buurt', async () => {
    await findByCode(browser.page, DEMO.buurt, 'nojs');
    await checkKeyFigures(browser.page);
});

test('without JavaScript: the language switch works', async () => {
    const { page } = browser;
    await visit(page, '/');
    await page.locator('header a[href*="lang=en"]').first().click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.locator('header a[href*="lang=nl"]').first().click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
});
