// Moderation through the real pages: a municipality admin verifies a
// neighbour's residency, so their display name stands on the buurt's public
// history; a signed-in neighbour reports that name on /report; a moderator
// (named by the platform admin on /admin/roles) hides it with a reason on
// /moderation; the public history then shows "hidden by a moderator" in
// its place, and the name again once the moderator shows it. The report
// and moderation pages pass axe-core and html-validate as served, in both
// languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    ADMIN,
    ADMIN_PASSWORD,
    PASSWORD,
    actAs,
    grantRole,
    signIn,
    signInAsAdmin,
    signOut,
    signUp,
    submit,
} from './flows.mjs';
import {
    DEMO,
    LANGUAGES,
    browserForSuite,
    expectAxeClean,
    htmlProblems,
    pathOf,
    screenshot,
    servedHtml,
    url,
    visit,
    visitIn,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = `ambtenaar-mod-${RUN}@example.nl`;
const OFFICIAL_NAME = `Scheldnaam ${RUN}`;
const RESIDENT = `bewoner-mod-${RUN}@example.nl`;
const REPORTER = `melder-${RUN}@example.nl`;
const MODERATOR = `moderator-${RUN}@example.nl`;
const REASON = 'Een scheldwoord als naam';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; nojs.test.mjs covers that).
const browser = browserForSuite();

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
    await submit(page, 'Bewonerschap aanvragen');
    await signOut(page);
    await signUp(page, REPORTER, `Melder ${RUN}`);
    await signOut(page);
    await signUp(page, MODERATOR, `Moderator ${RUN}`);
    await signOut(page);

    await signInAsAdmin(page);
    await grantRole(page, OFFICIAL, 'municipality_admin', DEMO.gemeente);
    await grantRole(page, MODERATOR, 'moderator', '');
    await signOut(page);

    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/residencies', { lang: 'nl' });
    const row = page.locator('tr', { hasText: `Bewoner ${RUN}` });
    await submit(page, 'Verifiëren', row);
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
    await submit(page, 'Melding versturen');
    assert.equal(pathOf(page), '/report');
    const field = page.getByLabel('Waarom moet een moderator hiernaar kijken?');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('main').innerText(), /Geef een reden/);
    await field.fill(REASON);
    await submit(page, 'Melding versturen');
    assert.equal(pathOf(page), '/report');
    assert.match(await page.locator('main').innerText(), /Een moderator bekijkt uw melding/);
    await expectAxeClean(page, 'moderation-reported');
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
    await expectAxeClean(page, 'moderation-desk');
    assert.deepEqual(await htmlProblems(await servedHtml(page, '/moderation', 'nl'), 'moderation-desk'), []);
    await report.getByLabel('Reden om te verbergen').fill('Beledigende naam');
    await submit(page, 'Verbergen', report);
    assert.equal(pathOf(page), '/moderation');
    const main = await page.locator('main').innerText();
    assert.match(main, /De inhoud is verborgen/);
    assert.match(main, /Beledigende naam/);
    await expectAxeClean(page, 'moderation-hidden');
    assert.deepEqual(await htmlProblems(await servedHtml(page, '/moderation', 'en'), 'moderation-hidden'), []);

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
    await submit(page, 'Weer tonen', row);
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
            await visitIn(page, path, lang);
            await expectAxeClean(page, `axe-${p.name}-${lang}`);
            const problems = await htmlProblems(await servedHtml(page, path, lang), `${p.name}-${lang}`);
            assert.deepEqual(problems, []);
        });
    }
}
