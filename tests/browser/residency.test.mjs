// Residency through the real pages: a resident signs up and asks for
// residency in a demo buurt; the platform admin (made at the console by
// run.sh) names a municipality admin, who prints a batch of letters; the
// resident types the code from the letter and sees the residency verified;
// the buurt's public history then shows the verification without an e-mail
// address. Every new page passes axe-core with zero violations and
// html-validate as served, in both languages.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    DEMO,
    LANGUAGES,
    axeViolations,
    formatViolations,
    htmlLang,
    htmlProblems,
    openBrowser,
    pathOf,
    screenshot,
    url,
    visit,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const RESIDENT = `bewoner-${RUN}@example.nl`;
const OFFICIAL = `gemeente-${RUN}@example.nl`;
const PASSWORD = 'lindenhoven buurtfeest zomer';
const ADMIN = process.env.WIJK_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.WIJK_ADMIN_PASSWORD;

let browser;
before(async () => {
    // axe-core needs the page's timers, so this suite runs with JavaScript on
    // (the pages themselves use none; nojs.test.mjs covers that).
    browser = await openBrowser();
});
after(async () => {
    await browser?.close();
});

async function signUp(page, email, name) {
    await visit(page, '/sign-up', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Uw naam zoals anderen die zien').fill(name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Wachtwoord nogmaals').fill(PASSWORD);
    await page.locator('main').getByRole('button', { name: 'Account maken' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/account');
}

async function signOut(page) {
    await visit(page, '/', { lang: 'nl' });
    await page.getByRole('button', { name: 'Uitloggen' }).first().click();
    await page.waitForURL((u) => new URL(u).pathname === '/');
}

async function signIn(page, email, password) {
    await visit(page, '/sign-in', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.locator('main').getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');
}

async function actAs(page, capacity) {
    await visit(page, '/account/capacity', { lang: 'nl' });
    await page.getByLabel('Optreden als').selectOption(capacity);
    await page.locator('main').getByRole('button', { name: 'Kiezen' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('header').innerText(), new RegExp(capacity));
}

async function submit(page, name) {
    await page.locator('main').getByRole('button', { name }).click();
    await page.waitForLoadState('load');
}

// Sends the form that matches selector, as filled in on page, with fetch and
// returns the HTML of the answer as the server sent it.
async function postFormAsServed(page, selector) {
    const fields = await page.locator(selector).evaluate((form) =>
        [...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    const cookies = await browser.context.cookies(url('/'));
    const res = await fetch(url(new URL(page.url()).pathname), {
        method: 'POST',
        redirect: 'manual',
        headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: new URL(url('/')).origin,
            cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        },
        body: new URLSearchParams(fields).toString(),
    });
    assert.equal(res.status, 200, 'the letters form answers with the letters');
    return res.text();
}

let code = '';

test('a resident is verified with the code from a printed letter', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await signUp(page, OFFICIAL, 'Ambtenaar Test');
    await signOut(page);
    await signUp(page, RESIDENT, 'Bewoner Test');
    await visit(page, '/account/residency', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await submit(page, 'Bewonerschap aanvragen');
    assert.equal(pathOf(page), '/account/residency');
    assert.match(await page.locator('main').innerText(), /Wacht op verificatie/);
    await signOut(page);

    await signIn(page, ADMIN, ADMIN_PASSWORD);
    await actAs(page, 'platform_admin');
    await visit(page, '/admin/roles', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(OFFICIAL);
    await page.getByLabel('Rol', { exact: true }).selectOption('municipality_admin');
    await page.getByLabel('Gemeentecode of organisatienummer').fill(DEMO.gemeente);
    await submit(page, 'Rol toekennen');
    assert.match(await page.locator('main').innerText(), /De rol is toegekend/);
    await signOut(page);

    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/residencies', { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), /Bewoner Test/);
    await visit(page, '/letters', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await page.getByLabel('Adressen').fill('Marktstraat 1\nMarktstraat 2');
    // The letters page answers the POST itself. A navigation response's body
    // cannot be read back reliably, so the same form is also sent once with
    // fetch (the browser's cookies, the form's CSRF field, a same-origin
    // Origin) to validate the HTML exactly as served; that makes two more
    // letters, which is harmless.
    const lettersHtml = await postFormAsServed(page, 'form[action="/letters"]');
    await submit(page, 'Brieven maken');
    assert.equal(await page.locator('article.letter').count(), 2);
    code = (await page.locator('.letter-code strong').first().innerText()).trim();
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await screenshot(page, 'residency-letters');
    const problems = await htmlProblems(lettersHtml, 'letters-result');
    assert.deepEqual(problems, []);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    await signOut(page);

    await signIn(page, RESIDENT, PASSWORD);
    await visit(page, '/account/residency/code', { lang: 'nl' });
    await page.getByLabel('Code uit de brief').fill(code.toLowerCase());
    await submit(page, 'Code invullen');
    assert.equal(pathOf(page), '/account/residency');
    assert.match(await page.locator('main').innerText(), /Geverifieerd/);
    await screenshot(page, 'residency-verified');

    await visit(page, `/areas/${DEMO.buurt}/audit`, { lang: 'nl' });
    const history = await page.locator('main').innerText();
    assert.match(history, /residency\.verify/);
    assert.doesNotMatch(history, /@/);
});

test('a used letter code is refused with a message next to the field', async () => {
    const { page } = browser;
    await visit(page, '/account/residency/code', { lang: 'nl' });
    await page.getByLabel('Code uit de brief').fill(code);
    await submit(page, 'Code invullen');
    assert.equal(pathOf(page), '/account/residency/code');
    const field = page.getByLabel('Code uit de brief');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
});

// The new pages; the resident is signed in from here on.
const NEW_PAGES = [
    { name: 'residency', path: '/account/residency' },
    { name: 'residency-code', path: '/account/residency/code' },
    { name: 'capacity', path: '/account/capacity' },
    { name: 'my-data', path: '/account/data' },
    { name: 'erase', path: '/account/erase' },
    { name: 'area-history', path: `/areas/${DEMO.buurt}/audit` },
    // The desks: each seen by whoever acts in the capacity it is for (the
    // policy answers anyone else 403, tested in professional_api_test).
    { name: 'residency-queue', path: '/residencies', as: 'official' },
    { name: 'letters', path: '/letters', as: 'official' },
    { name: 'roles', path: '/admin/roles', as: 'admin' },
];

// Who is signed in for the page checks below, and in which capacity.
let signedInAs = 'resident';
async function becomeFor(page, who) {
    if (who === signedInAs)
        return;
    await signOut(page);
    if (who === 'resident') {
        await signIn(page, RESIDENT, PASSWORD);
    } else if (who === 'official') {
        await signIn(page, OFFICIAL, PASSWORD);
        await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    } else {
        await signIn(page, ADMIN, ADMIN_PASSWORD);
        await actAs(page, 'platform_admin');
    }
    signedInAs = who;
}

for (const lang of LANGUAGES) {
    for (const p of NEW_PAGES) {
        test(`axe finds no violations on the ${p.name} page in ${lang}`, async () => {
            const { page } = browser;
            await becomeFor(page, p.as ?? 'resident');
            await visit(page, p.path, { lang });
            assert.equal(pathOf(page), p.path);
            assert.equal(await htmlLang(page), lang);
            await screenshot(page, `axe-${p.name}-${lang}`);
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0, `axe violations on ${p.path} (${lang}):\n${formatViolations(violations)}`);
        });

        test(`the ${p.name} page in ${lang} is valid HTML as served`, async () => {
            const { context } = browser;
            const cookies = await context.cookies(url('/'));
            const res = await fetch(url(p.path, lang), {
                redirect: 'manual',
                headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
            });
            assert.equal(res.status, 200);
            const problems = await htmlProblems(await res.text(), `${p.name}-${lang}`);
            assert.deepEqual(problems, []);
        });
    }
}
