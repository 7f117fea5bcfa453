// A rule-free zone through the real pages (issue 8, "Done when"): three
// residents of a demo buurt, verified by letter code by a municipality
// admin, found a collective; its chair requests a rule-free zone for the
// buurt (which rule, on what legal basis, why, for how long, how it will be
// evaluated, who is responsible for what); the gemeente's admin, told of
// it, grants it with a decision reference; the zone is active and on the
// gemeente's map of active zones, with the list beside it. The map page,
// the request form and the zone pass axe-core and html-validate as served,
// in both languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actAs, asResident, signIn, signOut, submit, verifyResidents } from './flows.mjs';
import { DEMO, LANGUAGES, browserForSuite, expectPageClean, pathOf, screenshot, visit } from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = { email: `gemeente-zone-${RUN}@example.nl`, name: 'Ambtenaar Zone' };
const RESIDENTS = [
    { email: `jet-${RUN}@example.nl`, name: 'Jet Jansen' },
    { email: `kees-${RUN}@example.nl`, name: 'Kees Kade' },
    { email: `lot-${RUN}@example.nl`, name: 'Lot Laan' },
];
const COLLECTIVE = `Pleincollectief ${RUN}`;
const TITLE = `Speelstraat zonder vergunning ${RUN}`;

const browser = browserForSuite();
const nl = { lang: 'nl' };
let zone = '';

function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

async function mainText(page) {
    return page.locator('main').innerText();
}

// Today and a date half a year on, as date inputs take them.
function day(offsetDays) {
    return new Date(Date.now() + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

test('three residents found a collective', async () => {
    const { page } = browser;
    await verifyResidents(page, OFFICIAL, RESIDENTS, 'Pleinweg');
    const [jet, kees, lot] = RESIDENTS;
    await asResident(page, jet);
    await visit(page, '/collectives/new', nl);
    await field(page, 'name').fill(COLLECTIVE);
    await field(page, 'kind').selectOption('trust');
    await field(page, 'area').selectOption(DEMO.buurt);
    await field(page, 'voting_rule').selectOption('majority');
    await field(page, 'cofounder1').fill(kees.email);
    await field(page, 'cofounder2').fill(lot.email);
    await submit(page, 'Het collectief oprichten');
    const collective = pathOf(page);
    assert.match(collective, /^\/collectives\/\d+$/);
    await signOut(page);
    for (const who of [kees, lot]) {
        await asResident(page, who);
        await visit(page, collective, nl);
        await submit(page, 'Aansluiten als medeoprichter');
        await signOut(page);
    }
});

test('the chair requests a rule-free zone', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[0]);
    await visit(page, `/zones?gemeente=${DEMO.gemeente}`, nl);
    await page.locator('main').getByRole('link', { name: 'Een regelluwe zone aanvragen' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/zones/new');
    await page.getByLabel('Voor het collectief').selectOption({ label: COLLECTIVE });
    await page.getByLabel('Buurt of wijk (de CBS-code)').fill(DEMO.buurt);
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Waarom', { exact: true }).fill('Kinderen spelen op straat zonder dat we elke keer een vergunning aanvragen.');
    await page.getByLabel('Van', { exact: true }).fill(day(-1));
    await page.getByLabel('Tot', { exact: true }).fill(day(180));
    await page.getByLabel('Hoe het geëvalueerd wordt').fill('Een buurtavond en een telling van de spelende kinderen.');
    await field(page, 'rule1_reference').fill('APV art. 2:10');
    await field(page, 'rule1_basis').fill('Gemeentewet art. 149');
    await field(page, 'rule1_conditions').fill('Op woensdagmiddag, met hekken aan beide kanten.');
    await field(page, 'duty1_holder').selectOption('collective');
    await field(page, 'duty1_subject').fill('De hekken plaatsen en weghalen');
    await submit(page, 'De zone aanvragen');
    assert.match(pathOf(page), /^\/zones\/\d+$/);
    zone = pathOf(page);
    const main = await mainText(page);
    assert.match(main, /De zone is aangevraagd/);
    assert.match(main, /Aangevraagd, wacht op het besluit van de gemeente/);
    assert.match(main, /Gemeentewet art\. 149/);
    await signOut(page);
});

test('the gemeente admin grants it with a decision reference, and it is on the map', async () => {
    const { page } = browser;
    await signIn(page, OFFICIAL.email);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/notifications', nl);
    assert.equal((await page.locator(`main a[href="${zone}"]`).count()) > 0, true);
    await visit(page, zone, nl);
    await page.getByLabel('De zone toekennen').check();
    await submit(page, 'Leg het besluit vast');
    assert.match(await mainText(page), /Geef het kenmerk van het besluit/); // a grant needs one
    await page.getByLabel('De zone toekennen').check();
    await page.getByLabel('Kenmerk van het besluit').fill(`B&W ${RUN}`);
    await submit(page, 'Leg het besluit vast');
    const main = await mainText(page);
    assert.match(main, /Het besluit is vastgelegd/);
    assert.match(main, /Stand: Actief/);
    assert.match(main, new RegExp(`kenmerk: B&W ${RUN}`));
    await screenshot(page, 'zone-granted');
    await visit(page, `/zones?gemeente=${DEMO.gemeente}`, nl);
    const map = page.locator('main section.zone-map');
    assert.match(await map.innerText(), new RegExp(TITLE));
    assert.equal(await map.locator('svg[role="img"]').count(), 1);
    await screenshot(page, 'zones-map');
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

for (const lang of LANGUAGES) {
    test(`the zone pages in ${lang} pass axe and html-validate`, async () => {
        await checkPage('zones', `/zones?gemeente=${DEMO.gemeente}`, lang);
        await checkPage('zone-new', '/zones/new', lang);
        await checkPage('zone', zone, lang);
    });
}
