// Collectives through the real pages: three people sign up and ask for
// residency in a demo buurt; a municipality admin (named by the platform
// admin of run.sh) prints letters and each redeems a code; the first
// founds a collective on /collectives/new, naming the other two by e-mail
// address (a form without them is shown again with the message next to the
// field); it is "being founded" until both co-founders join on its page,
// then active, and the page shows the three members with the capacity they
// joined in, the board, the voting rule, the statutes and that it meets the
// two-thirds-resident rule. The list, the collective's page and the
// founding form pass axe-core and html-validate as served, in both
// languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    ADMIN,
    ADMIN_PASSWORD,
    asResident,
    signOut,
    submit,
    verifyResidents,
} from './flows.mjs';
import {
    DEMO,
    LANGUAGES,
    browserForSuite,
    expectPageClean,
    pathOf,
    screenshot,
    visit,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = `gemeente-coll-${RUN}@example.nl`;
const RESIDENTS = [
    { email: `anna-${RUN}@example.nl`, name: 'Anna Akker' },
    { email: `bram-${RUN}@example.nl`, name: 'Bram Beek' },
    { email: `cas-${RUN}@example.nl`, name: 'Cas Corso' },
];
const COLLECTIVE = 'Buurttrust De Linde';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

let collective = '';

test('three residents found a collective; the page shows members and rule', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await verifyResidents(page, { email: OFFICIAL, name: 'Ambtenaar Collectief' }, RESIDENTS, 'Lindeplein');

    const [anna, bram, cas] = RESIDENTS;
    await asResident(page, anna);
    await visit(page, '/collectives', { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: 'Een collectief oprichten' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/collectives/new');
    await page.getByLabel('Naam', { exact: true }).fill(COLLECTIVE);
    await page.getByLabel('Soort', { exact: true }).selectOption('trust');
    await page.getByLabel('Gebied', { exact: true }).selectOption(DEMO.buurt);
    await page.getByLabel('Besluitregel').selectOption('two_thirds');
    await page.getByLabel('Statuten').fill('Artikel 1. De trust beheert het Lindeplein.');
    await page.getByLabel('Eerste medeoprichter').fill(bram.email);
    // the second co-founder is not a resident of the buurt: shown again
    await page.getByLabel('Tweede medeoprichter').fill(OFFICIAL);
    await submit(page, 'Het collectief oprichten');
    assert.equal(pathOf(page), '/collectives/new');
    const second = page.getByLabel('Tweede medeoprichter');
    assert.equal(await second.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('main').innerText(), /geverifieerde bewoner/);
    await second.fill(cas.email);
    await submit(page, 'Het collectief oprichten');
    assert.match(pathOf(page), /^\/collectives\/\d+$/);
    collective = pathOf(page);
    let main = await page.locator('main').innerText();
    assert.match(main, /Het collectief is opgericht/);
    assert.match(main, /In oprichting/);
    await signOut(page);

    for (const who of [bram, cas]) {
        await asResident(page, who);
        await visit(page, collective, { lang: 'nl' });
        await submit(page, 'Aansluiten als medeoprichter');
        assert.equal(pathOf(page), collective);
        assert.match(await page.locator('main').innerText(), /U bent lid geworden/);
        await signOut(page);
    }

    await asResident(page, anna);
    await visit(page, collective, { lang: 'nl' });
    main = await page.locator('main').innerText();
    assert.match(main, /Actief/);
    assert.match(main, /Twee derde van de stemmen/);
    assert.match(main, /3 van de 3 stemgerechtigde leden zijn geverifieerde bewoners/);
    assert.match(main, /De trust beheert het Lindeplein/);
    const members = page.locator('table').filter({ hasText: anna.name });
    for (const who of RESIDENTS) assert.match(await members.innerText(), new RegExp(who.name));
    const chair = members.locator('tr').filter({ hasText: anna.name });
    assert.match(await chair.innerText(), /Voorzitter/);
    assert.match(await members.innerText(), /Penningmeester/);
    // the board's forms are there for the chair
    assert.equal(await page.getByRole('button', { name: 'Bestuur vaststellen' }).count(), 1);
    await screenshot(page, 'collective-active');
    await visit(page, `/collectives?area=${DEMO.buurt}`, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), new RegExp(COLLECTIVE));
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The chair is signed in here, so the page shows the board's forms too.
for (const lang of LANGUAGES) {
    test(`the collective pages in ${lang} pass axe and html-validate`, async () => {
        await checkPage('collectives', '/collectives', lang);
        await checkPage('collective', collective, lang);
        await checkPage('collective-new', '/collectives/new', lang);
    });
}
