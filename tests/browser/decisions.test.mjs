// A consent decision through the real pages (issue 7, "Done when"): three
// residents of a demo buurt, verified by letter code, found a collective;
// the chair proposes on the collective's decisions page; one member
// consents, another objects with a reason (the proposer is told, the
// decision shows it blocks); the objector resolves the objection, the
// proposer closes the decision and the page shows it adopted, with the
// count. A professional sees why they cannot take part. The list, the
// proposal form and the decision page pass axe-core and html-validate as
// served, in both languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { asResident, signOut, submit, verifyResidents } from './flows.mjs';
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
const OFFICIAL = `gemeente-besluit-${RUN}@example.nl`;
const RESIDENTS = [
    { email: `dirk-${RUN}@example.nl`, name: 'Dirk Dam' },
    { email: `eva-${RUN}@example.nl`, name: 'Eva Els' },
    { email: `fien-${RUN}@example.nl`, name: 'Fien Flier' },
];
const TITLE = `Buurtfeest op het Lindeplein ${RUN}`;
const REASON = 'Op die zaterdag is de markt op het plein.';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

const nl = { lang: 'nl' };
let collective = '';
let decision = '';

function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

async function mainText(page) {
    return page.locator('main').innerText();
}

// A date a week from now, as the date input takes it.
function nextWeek() {
    return new Date(Date.now() + 7 * 86400 * 1000).toISOString().slice(0, 10);
}

test('three residents found a collective', async () => {
    const { page } = browser;
    await verifyResidents(page, { email: OFFICIAL, name: 'Ambtenaar Besluit' }, RESIDENTS, 'Lindeplein');
    const [dirk, eva, fien] = RESIDENTS;
    await asResident(page, dirk);
    await visit(page, '/collectives/new', nl);
    await field(page, 'name').fill(`Buurttrust Besluit ${RUN}`);
    await field(page, 'kind').selectOption('trust');
    await field(page, 'area').selectOption(DEMO.buurt);
    await field(page, 'voting_rule').selectOption('majority');
    await field(page, 'cofounder1').fill(eva.email);
    await field(page, 'cofounder2').fill(fien.email);
    await submit(page, 'Het collectief oprichten');
    assert.match(pathOf(page), /^\/collectives\/\d+$/);
    collective = pathOf(page);
    await signOut(page);
    for (const who of [eva, fien]) {
        await asResident(page, who);
        await visit(page, collective, nl);
        await submit(page, 'Aansluiten als medeoprichter');
        await signOut(page);
    }
});

test('the chair proposes a consent decision', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[0]);
    await visit(page, collective, nl);
    await page.locator('main').getByRole('link', { name: 'Besluiten' }).click();
    await page.waitForURL((u) => new URL(u).pathname === `${collective}/decisions`);
    await page.locator('main').getByRole('link', { name: 'Een voorstel doen' }).click();
    await page.waitForURL((u) => new URL(u).pathname === `${collective}/decisions/new`);
    await page.getByLabel('Titel van het voorstel').fill(TITLE);
    await page.getByLabel('Het voorstel', { exact: true }).fill('Op zaterdag 6 juni, van 14 tot 22 uur.');
    await page.getByLabel('Hoe besluiten we').selectOption('consent');
    await page.getByLabel('Sluit op').fill(nextWeek());
    await submit(page, 'Voorstellen');
    assert.match(pathOf(page), /^\/decisions\/\d+$/);
    decision = pathOf(page);
    const main = await mainText(page);
    assert.match(main, /Uw voorstel staat open/);
    assert.match(main, /consent/);
    await screenshot(page, 'decision-proposed');
    await signOut(page);
});

test('one member consents, another objects with a reason', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[1]);
    await visit(page, decision, nl);
    await submit(page, 'Ik stem in');
    assert.match(await mainText(page), /U hebt met deze versie ingestemd/);
    await signOut(page);

    await asResident(page, RESIDENTS[2]);
    await visit(page, decision, nl);
    await page.getByLabel('Uw reden').fill(REASON);
    await submit(page, 'Bezwaar maken');
    const main = await mainText(page);
    assert.match(main, /Uw bezwaar is vastgelegd/);
    assert.match(main, new RegExp(REASON));
    assert.match(main, /open: houdt instemming tegen/);
    await screenshot(page, 'decision-objection');
    await signOut(page);

    // the proposer was told, and sees the objection
    await asResident(page, RESIDENTS[0]);
    await visit(page, '/notifications', nl);
    assert.equal(await page.locator(`main a[href="${decision}"]`).count() > 0, true);
    await visit(page, decision, nl);
    assert.match(await mainText(page), new RegExp(REASON));
    await signOut(page);
});

test('the objector resolves the objection and the proposer closes it: adopted', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[2]);
    await visit(page, decision, nl);
    await submit(page, 'Mijn bezwaar is opgelost');
    const main = await mainText(page);
    assert.match(main, /Uw bezwaar is niet meer open/);
    assert.match(main, /opgelost/);
    await signOut(page);

    await asResident(page, RESIDENTS[0]);
    await visit(page, decision, nl);
    await submit(page, 'Het besluit nu sluiten');
    const closed = await mainText(page);
    assert.match(closed, /Het besluit is gesloten en de uitkomst is vastgelegd/);
    assert.match(closed, /aangenomen/);
    assert.match(closed, /Stemgerechtigd\s*3/);
    await screenshot(page, 'decision-adopted');
    await visit(page, `${collective}/decisions`, nl);
    assert.match(await mainText(page), new RegExp(`${TITLE}[\\s\\S]*aangenomen`));
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The proposer is signed in here.
for (const lang of LANGUAGES) {
    test(`the decision pages in ${lang} pass axe and html-validate`, async () => {
        await checkPage('decisions', `${collective}/decisions`, lang);
        await checkPage('decision-new', `${collective}/decisions/new`, lang);
        await checkPage('decision', decision, lang);
    });
}

test('an open decision page with its forms passes axe and html-validate', async () => {
    const { page } = browser;
    await visit(page, `${collective}/decisions/new`, nl);
    await page.getByLabel('Titel van het voorstel').fill(`Stemming ${RUN}`);
    await page.getByLabel('Hoe besluiten we').selectOption('dot');
    await page.getByLabel('Stippen per persoon (stemmen met stippen)').fill('3');
    await page.getByLabel('Opties van een stemming met stippen, één per regel').fill('Bankjes\nBloembakken');
    await page.getByLabel('Sluit op').fill(nextWeek());
    await submit(page, 'Voorstellen');
    assert.match(pathOf(page), /^\/decisions\/\d+$/);
    for (const lang of LANGUAGES) await checkPage('decision-dots', pathOf(page), lang);
    await signOut(page);
});
