// The language switch in the header: English on request, remembered in the
// `lang` cookie for the next pages, and back to Dutch; without a cookie the
// browser's Accept-Language decides.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DEMO, follow, htmlLang, openBrowser, pathOf, screenshot, visit } from './helpers.mjs';

// Words each language's pages show: the key figures table's first figure
// and the button of the find-by-code form.
const WORDS = {
    nl: { inhabitants: /Inwoners/, find: /Zoek/ },
    en: { inhabitants: /Inhabitants/, find: /Find/ },
};

let browser;
before(async () => {
    browser = await openBrowser();
});
after(async () => {
    await browser?.close();
});

// The find-by-code form's submit button, found by its name in lang.
function findButton(page, lang) {
    return page.locator('form[action="/areas"]').getByRole('button', { name: WORDS[lang].find });
}

async function langCookie(context) {
    return (await context.cookies()).find((c) => c.name === 'lang')?.value;
}

// Clicks the header's link to lang and waits for the page in that language.
async function switchTo(page, lang) {
    const link = page.locator(`header a[href*="lang=${lang}"]`);
    assert.equal(await link.count(), 1, `the header has one link to ${lang}`);
    const path = pathOf(page);
    await follow(page, link, new RegExp(`^${path}$`));
    assert.equal(await htmlLang(page), lang);
}

test('the site speaks Dutch to a Dutch browser', async () => {
    const { page } = browser;
    await visit(page, '/');
    assert.equal(await htmlLang(page), 'nl');
    assert.equal(await findButton(page, 'nl').count(), 1, 'the find-by-code button is in Dutch');
});

test('switching to English, the choice persisting, and switching back', async () => {
    const { page, context } = browser;
    await visit(page, `/areas/${DEMO.buurt}`);
    assert.equal(await htmlLang(page), 'nl');
    assert.match(await page.locator('main').innerText(), WORDS.nl.inhabitants);

    await switchTo(page, 'en');
    assert.equal(pathOf(page), `/areas/${DEMO.buurt}`, 'the switch stays on the same page');
    assert.match(await page.locator('main').innerText(), WORDS.en.inhabitants);
    assert.doesNotMatch(await page.locator('main').innerText(), WORDS.nl.inhabitants);
    assert.equal(await langCookie(context), 'en', 'the server remembers the choice in the lang cookie');
    await screenshot(page, 'lang-buurt-en');

    // The next page, reached by a plain link, is English too.
    await follow(page, page.locator(`main a[href="/areas/${DEMO.wijk}"], nav a[href="/areas/${DEMO.wijk}"]`).first(),
        new RegExp(`^/areas/${DEMO.wijk}$`));
    assert.equal(new URL(page.url()).search, '', 'no ?lang= on the next page');
    assert.equal(await htmlLang(page), 'en');
    await visit(page, '/');
    assert.equal(await htmlLang(page), 'en');
    assert.equal(await findButton(page, 'en').count(), 1, 'the find-by-code button is in English');
    await screenshot(page, 'lang-home-en');

    await switchTo(page, 'nl');
    assert.equal(await langCookie(context), 'nl');
    await visit(page, `/areas/${DEMO.buurt}`);
    assert.equal(await htmlLang(page), 'nl');
    assert.match(await page.locator('main').innerText(), WORDS.nl.inhabitants);
});

test('without a cookie an English browser gets English', async () => {
    const english = await openBrowser({ locale: 'en-GB' });
    try {
        await visit(english.page, '/');
        assert.equal(await htmlLang(english.page), 'en');
        assert.equal(await langCookie(english.context), undefined, 'no cookie without a choice');
    } finally {
        await english.close();
    }
});
