// Moderation through the real pages: a municipality admin verifies a
// neighbour's residency, so their display name stands on the buurt's public
// history; a signed-in neighbour reports that name on /report; a moderator
// (named by the platform admin on /admin/roles) hides it with a reason on
// /moderation; the public history then shows "hidden by a moderator" in
// its place, and the name again once the moderator shows it. The report
// and moderation pages pass axe-core and html-validate as served, in both
// languages.

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
const OFFICIAL = `ambtenaar-mod-${RUN}@example.nl`;
const OFFICIAL_NAME = `Scheldnaam ${RUN}`;
const RESIDENT = `bewoner-mod-${RUN}@example.nl`;
const REPORTER = `melder-${RUN}@example.nl`;
const MODERATOR = `moderator-${RUN}@example.nl`;
const PASSWORD = 'lindenhoven buurtfeest zomer';
const ADMIN = process.env.WIJK_ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.WIJK_ADMIN_PASSWORD;
const REASON = 'Een scheldwoord als naam';

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

async function submit(scope, page, name) {
    await scope.getByRole('button', { name }).click();
    await page.waitForLoadState('load');
}

async function nameRole(page, email, role, scope) {
    await visit(page, '/admin/roles', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Rol', { exact: true }).selectOption(role);
    if (scope) await page.getByLabel('Gemeentecode of organisatienummer').fill(scope);
    await submit(page.locator('main'), page, 'Rol toekennen');
    assert.match(await page.locator('main').innerText(), /De rol is toegekend/);
}

async function expectClean(page, name) {
    await screenshot(page, name);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe violations on ${name}:\n${formatViolations(violations)}`);
}

// The HTML of path exactly as served to the browser's session.
async function served(path, lang) {
    const cookies = await browser.context.cookies(url('/'));
    const res = await fetch(url(path, lang), {
        redirect: 'manual',
        headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    assert.equal(res.status, 200, `HTTP status of ${path}`);
    return res.text();
}

let officialId = 0;

test('an official verifies a residency and is named on the public history', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await signUp(page, OFFICIAL, OFFICIAL_NAME);
    const me = await (await page.request.get(url('/api/v1/me'))).json();
    officialId = me.person.id;
    assert.ok(officialId > 0);
    await signOut(page);
    await signUp(page, RESIDENT, `Bewoner ${RUN}`);
    await visit(page, '/account/residency', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await submit(page.locator('main'), page, 'Bewonerschap aanvragen');
    await signOut(page);
    await signUp(page, REPORTER, `Melder ${RUN}`);
    await signOut(page);
    await signUp(page, MODERATOR, `Moderator ${RUN}`);
    await signOut(page);

    await signIn(page, ADMIN, ADMIN_PASSWORD);
    await actAs(page, 'platform_admin');
    await nameRole(page, OFFICIAL, 'municipality_admin', DEMO.gemeente);
    await nameRole(page, MODERATOR, 'moderator', '');
    await signOut(page);

    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/residencies', { lang: 'nl' });
    const row = page.locator('tr', { hasText: `Bewoner ${RUN}` });
    await submit(row, page, 'Verifiëren');
    await signOut(page);

    await visit(page, `/areas/${DEMO.buurt}/audit`, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), new RegExp(OFFICIAL_NAME));
});

test('a neighbour reports the name with a reason', async () => {
    const { page } = browser;
    await signIn(page, REPORTER, PASSWORD);
    const path = `/report?type=person&id=${officialId}`;
    await visit(page, path, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), new RegExp(OFFICIAL_NAME));
    // Without a reason the server refuses, next to the field.
    await page.getByLabel('Waarom moet een moderator hiernaar kijken?').fill('   ');
    await submit(page.locator('main'), page, 'Melding versturen');
    assert.equal(pathOf(page), '/report');
    const field = page.getByLabel('Waarom moet een moderator hiernaar kijken?');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('main').innerText(), /Geef een reden/);
    await field.fill(REASON);
    await submit(page.locator('main'), page, 'Melding versturen');
    assert.equal(pathOf(page), '/report');
    assert.match(await page.locator('main').innerText(), /Een moderator bekijkt uw melding/);
    await expectClean(page, 'moderation-reported');
    // Someone who is not a moderator does not see the reports.
    await visit(page, '/moderation', { lang: 'nl', status: 403 });
    await signOut(page);
});

test('a moderator hides the name with a reason and the history shows it as hidden', async () => {
    const { page } = browser;
    await signIn(page, MODERATOR, PASSWORD);
    await actAs(page, 'moderator');
    await visit(page, '/account', { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: 'Moderatie' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/moderation');
    const report = page.locator('section.report', { hasText: OFFICIAL_NAME });
    assert.match(await report.innerText(), new RegExp(REASON));
    await expectClean(page, 'moderation-desk');
    assert.deepEqual(await htmlProblems(await served('/moderation', 'nl'), 'moderation-desk'), []);
    await report.getByLabel('Reden om te verbergen').fill('Beledigende naam');
    await submit(report, page, 'Verbergen');
    assert.equal(pathOf(page), '/moderation');
    const main = await page.locator('main').innerText();
    assert.match(main, /De inhoud is verborgen/);
    assert.match(main, /Beledigende naam/);
    await expectClean(page, 'moderation-hidden');
    assert.deepEqual(await htmlProblems(await served('/moderation', 'en'), 'moderation-hidden'), []);

    await visit(page, `/areas/${DEMO.buurt}/audit`, { lang: 'nl' });
    const history = await page.locator('main').innerText();
    assert.match(history, /verborgen door een moderator/i);
    assert.match(history, /Beledigende naam/);
    assert.doesNotMatch(history, new RegExp(OFFICIAL_NAME));
    await screenshot(page, 'moderation-history-hidden');
});

test('the moderator shows the name again', async () => {
    const { page } = browser;
    await visit(page, '/moderation', { lang: 'nl' });
    const row = page.locator('tr', { hasText: 'Beledigende naam' });
    await submit(row, page, 'Weer tonen');
    assert.match(await page.locator('main').innerText(), /De inhoud is weer zichtbaar/);
    await visit(page, `/areas/${DEMO.buurt}/audit`, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), new RegExp(OFFICIAL_NAME));
});

// The pages in both languages, as the moderator (signed in from above).
const PAGES = [
    { name: 'moderation', path: '/moderation' },
    { name: 'report', path: () => `/report?type=person&id=${officialId}` },
];

for (const lang of LANGUAGES) {
    for (const p of PAGES) {
        test(`the ${p.name} page in ${lang} passes axe and html-validate`, async () => {
            const { page } = browser;
            const path = typeof p.path === 'function' ? p.path() : p.path;
            await visit(page, path, { lang });
            assert.equal(pathOf(page), new URL(url(path)).pathname);
            assert.equal(await htmlLang(page), lang);
            await expectClean(page, `axe-${p.name}-${lang}`);
            const problems = await htmlProblems(await served(path, lang), `${p.name}-${lang}`);
            assert.deepEqual(problems, []);
        });
    }
}
