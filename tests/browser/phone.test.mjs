// On a phone (360 x 740 CSS pixels) every page fits the screen's width: the
// page is laid out for the device width (a viewport meta tag) and the body
// never scrolls sideways.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { LANGUAGES, PAGES, PHONE, openBrowser, screenshot, visit } from './helpers.mjs';

let browser;
before(async () => {
    browser = await openBrowser({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
});
after(async () => {
    await browser?.close();
});

for (const lang of LANGUAGES) {
    for (const p of PAGES) {
        test(`the ${p.name} page in ${lang} fits a phone without sideways scrolling`, async () => {
            const { page } = browser;
            await visit(page, p.path, { lang, status: p.status });
            const m = await page.evaluate(() => ({
                innerWidth: window.innerWidth,
                scrollWidth: document.documentElement.scrollWidth,
                bodyScrollWidth: document.body.scrollWidth,
            }));
            await screenshot(page, `phone-${p.name}-${lang}`);
            assert.equal(m.innerWidth, PHONE.width, 'laid out for the device width (viewport meta tag)');
            assert.ok(m.scrollWidth <= m.innerWidth, `document is ${m.scrollWidth}px wide on a ${m.innerWidth}px screen`);
            assert.ok(m.bodyScrollWidth <= m.innerWidth, `body is ${m.bodyScrollWidth}px wide on a ${m.innerWidth}px screen`);
        });
    }
}
