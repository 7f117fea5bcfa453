// Accounts through the real pages: sign up, sign out and sign in again with
// the forms (no JavaScript needed: the page only clicks and types), a form
// error shown next to its field with what was typed kept, axe-core with zero
// violations on the sign-up, sign-in, account and sessions pages in both
// languages, and html-validate on those pages exactly as served.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, signIn, signOut, signUp } from './flows.mjs';
import {
    LANGUAGES,
    axeViolations,
    browserForSuite,
    expectAxeClean,
    formatViolations,
    htmlProblems,
    pathOf,
    screenshot,
    servedHtml,
    visit,
    visitIn,
} from './helpers.mjs';

// A fresh address per run: the suite's database lives as long as the run.
const EMAIL = `bewoner-${process.pid}-${Date.now()}@example.nl`;

const browser = browserForSuite();

test('a resident signs up, signs out and signs in through the forms', async () => {
    const { page } = browser;
    await signUp(page, EMAIL, 'Bewoner Test');
    assert.match(await page.locator('main').innerText(), new RegExp(EMAIL.replace(/[.]/g, '\\.')));
    await screenshot(page, 'account-after-sign-up');
    await signOut(page);
    assert.equal(await page.getByRole('link', { name: 'Inloggen' }).count(), 1);
    await visit(page, '/account', { status: 200 }); // redirected to the sign-in form
    assert.equal(pathOf(page), '/sign-in');
    await signIn(page, EMAIL, PASSWORD);
    assert.equal(pathOf(page), '/account');
    await screenshot(page, 'account-after-sign-in');
});

test('a wrong password shows the form again with the address kept', async () => {
    const { page } = browser;
    await signOut(page).catch(() => {});
    await signIn(page, EMAIL, 'dit is niet het wachtwoord');
    assert.equal(pathOf(page), '/sign-in');
    assert.match(await page.getByRole('alert').innerText(), /klopt niet/);
    assert.equal(await page.getByLabel('E-mailadres').inputValue(), EMAIL);
    assert.equal(await page.getByLabel('Wachtwoord', { exact: true }).inputValue(), '');
});

test('a field error is tied to its field and what was typed stays', async () => {
    const { page } = browser;
    await visit(page, '/sign-up', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill('ander@example.nl');
    await page.getByLabel('Uw naam zoals anderen die zien').fill('Ander');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Wachtwoord nogmaals').fill('iets heel anders dan dat');
    await page.locator('main').getByRole('button', { name: 'Account maken' }).click();
    await page.waitForLoadState('load');
    const again = page.getByLabel('Wachtwoord nogmaals');
    assert.equal(await again.getAttribute('aria-invalid'), 'true');
    const described = await again.getAttribute('aria-describedby');
    assert.match(await page.locator(`#${described}`).innerText(), /niet gelijk/);
    assert.equal(await page.getByLabel('E-mailadres').inputValue(), 'ander@example.nl');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, formatViolations(violations));
});

// The pages to check, and whether they need a signed-in browser.
const ACCOUNT_PAGES = [
    { name: 'sign-up', path: '/sign-up', signedIn: false },
    { name: 'sign-in', path: '/sign-in', signedIn: false },
    { name: 'password-reset', path: '/password-reset', signedIn: false },
    { name: 'account', path: '/account', signedIn: true },
    { name: 'sessions', path: '/account/sessions', signedIn: true },
];

async function ensureSignedIn(page, want) {
    await visit(page, '/', { lang: 'nl' });
    const signedIn = (await page.getByRole('link', { name: 'Uw account' }).count()) > 0;
    if (want && !signedIn) await signIn(page, EMAIL, PASSWORD);
    if (!want && signedIn) await signOut(page);
}

for (const lang of LANGUAGES) {
    for (const p of ACCOUNT_PAGES) {
        test(`axe finds no violations on the ${p.name} page in ${lang}`, async () => {
            const { page, cspReports } = browser;
            await ensureSignedIn(page, p.signedIn);
            cspReports.length = 0;
            await visitIn(page, p.path, lang);
            await expectAxeClean(page, `axe-${p.name}-${lang}`, `${p.path} (${lang})`);
            assert.ok(cspReports.length === 0, `Content-Security-Policy complaints:\n${cspReports.join('\n')}`);
        });

        test(`the ${p.name} page in ${lang} is valid HTML as served`, async () => {
            const { page } = browser;
            await ensureSignedIn(page, p.signedIn);
            const problems = await htmlProblems(await servedHtml(page, p.path, lang), `${p.name}-${lang}`);
            assert.ok(problems.length === 0, `html-validate:\n${problems.join('\n')}`);
        });
    }
}
