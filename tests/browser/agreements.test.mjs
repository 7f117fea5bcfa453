// A cooperation agreement through the real pages (issue 8, "Done when"):
// three residents of a demo buurt, verified by letter code, found a
// collective; the platform admin names an admin of a demo organisation;
// the collective's chair drafts an agreement between the collective and
// the organisation (commitments and who is responsible for what) and signs
// it for the collective; the organisation's admin amends the text, which
// makes version 2 and voids the signature; the two versions compare side
// by side; both parties sign version 2 and the agreement is active. The
// list, the form, the agreement and the comparison pass axe-core and
// html-validate as served, in both languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actAs, asResident, grantRole, signInAsAdmin, signIn, signOut, signUp, submit, verifyResidents } from './flows.mjs';
import { DEMO, LANGUAGES, browserForSuite, expectPageClean, pathOf, screenshot, url, visit } from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = `gemeente-afspraak-${RUN}@example.nl`;
const RESIDENTS = [
    { email: `gijs-${RUN}@example.nl`, name: 'Gijs Gaarde' },
    { email: `hanna-${RUN}@example.nl`, name: 'Hanna Hof' },
    { email: `ivo-${RUN}@example.nl`, name: 'Ivo Iep' },
];
const BOSS = { email: `directeur-${RUN}@example.nl`, name: 'Dora Directeur' };
const ORGANISATION = 'Stichting Welzijn Lindenhoven';
const COLLECTIVE = `Buurttrust Afspraak ${RUN}`;
const TITLE = `Moestuin aan de Linde ${RUN}`;

const browser = browserForSuite();
const nl = { lang: 'nl' };
let org = 0;
let agreement = '';

function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

async function mainText(page) {
    return page.locator('main').innerText();
}

async function organisationId(name) {
    const res = await fetch(url('/api/v1/organisations'));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const found = items.find((o) => o.name === name);
    assert.ok(found, `the demo has the organisation ${name}`);
    return found.id;
}

test('three residents found a collective and an organisation gets an admin', async () => {
    const { page } = browser;
    await verifyResidents(page, { email: OFFICIAL, name: 'Ambtenaar Afspraak' }, RESIDENTS, 'Moestuinpad');
    const [gijs, hanna, ivo] = RESIDENTS;
    await asResident(page, gijs);
    await visit(page, '/collectives/new', nl);
    await field(page, 'name').fill(COLLECTIVE);
    await field(page, 'kind').selectOption('trust');
    await field(page, 'area').selectOption(DEMO.buurt);
    await field(page, 'voting_rule').selectOption('majority');
    await field(page, 'cofounder1').fill(hanna.email);
    await field(page, 'cofounder2').fill(ivo.email);
    await submit(page, 'Het collectief oprichten');
    const collective = pathOf(page);
    assert.match(collective, /^\/collectives\/\d+$/);
    await signOut(page);
    for (const who of [hanna, ivo]) {
        await asResident(page, who);
        await visit(page, collective, nl);
        await submit(page, 'Aansluiten als medeoprichter');
        await signOut(page);
    }
    org = await organisationId(ORGANISATION);
    await signUp(page, BOSS.email, BOSS.name);
    await signOut(page);
    await signInAsAdmin(page);
    await grantRole(page, BOSS.email, 'organisation_admin', String(org));
    await signOut(page);
});

test('the chair drafts the agreement and signs it for the collective', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[0]);
    await visit(page, '/agreements', nl);
    await page.locator('main').getByRole('link', { name: 'Een afspraak opstellen' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/agreements/new');
    await page.getByLabel('Bewonerscollectief (verplicht)').selectOption({ label: COLLECTIVE });
    await page.getByLabel('Organisatie 1').selectOption({ label: ORGANISATION });
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Doel', { exact: true }).fill('Samen een moestuin voor de buurt.');
    await page.getByLabel('Geldig vanaf').fill('2026-01-01');
    await page.getByLabel('Geldig tot').fill('2027-12-31');
    await field(page, 'c1_party').selectOption('0');
    await field(page, 'c1_kind').selectOption('hours');
    await field(page, 'c1_amount').fill('40');
    await field(page, 'c1_text').fill('Vrijwilligers op zaterdag');
    await field(page, 'c2_party').selectOption('1');
    await field(page, 'c2_kind').selectOption('space');
    await field(page, 'c2_text').fill('De zaal op dinsdag');
    await field(page, 'r1_party').selectOption('1');
    await field(page, 'r1_subject').fill('De verzekering van de zaal');
    await submit(page, 'De afspraak opstellen');
    assert.match(pathOf(page), /^\/agreements\/\d+$/);
    agreement = pathOf(page);
    let main = await mainText(page);
    assert.match(main, /De afspraak is opgesteld/);
    assert.match(main, /Concept: nog niet ondertekend/);
    assert.match(main, /De verzekering van de zaal/);
    await submit(page, `Versie 1 ondertekenen voor ${COLLECTIVE}`);
    main = await mainText(page);
    assert.match(main, /Uw handtekening is vastgelegd/);
    assert.match(main, /Ondertekend door een deel van de partijen/);
    await screenshot(page, 'agreement-signed-once');
    await signOut(page);
});

test('the organisation amends it: version 2, and the signature no longer counts', async () => {
    const { page } = browser;
    await signIn(page, BOSS.email);
    await actAs(page, `organisation_admin:${org}`);
    await visit(page, agreement, nl);
    await page.locator('main').getByRole('link', { name: /De tekst wijzigen/ }).click();
    await page.waitForURL((u) => new URL(u).pathname === `${agreement}/revise`);
    await page.getByLabel('Doel', { exact: true }).fill('Samen een moestuin en een kas voor de buurt.');
    await submit(page, 'Opslaan als nieuwe versie');
    const main = await mainText(page);
    assert.match(main, /Er is een nieuwe versie geschreven/);
    assert.match(main, /Versie 2/);
    assert.doesNotMatch(main, /Ondertekend door Gijs/);
    await page.locator('main').getByRole('link', { name: 'vergelijken met de vorige versie' }).click();
    await page.waitForURL((u) => new URL(u).pathname === `${agreement}/compare`);
    const compare = await mainText(page);
    assert.match(compare, /Doel – gewijzigd/);
    assert.match(compare, /een kas/);
    await screenshot(page, 'agreement-compare');
    await visit(page, agreement, nl);
    await submit(page, `Versie 2 ondertekenen voor ${ORGANISATION}`);
    assert.match(await mainText(page), /Uw handtekening is vastgelegd/);
    await signOut(page);
});

test('the collective signs version 2 and the agreement is active', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[1]);
    await visit(page, agreement, nl);
    await submit(page, `Versie 2 ondertekenen voor ${COLLECTIVE}`);
    const main = await mainText(page);
    assert.match(main, /Actief: ondertekend door alle partijen/);
    assert.match(main, /Ondertekend door Hanna Hof/);
    await screenshot(page, 'agreement-active');
    const res = await fetch(url(`${agreement}/export.csv`));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /signature,2,/);
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The second signer is signed in here.
for (const lang of LANGUAGES) {
    test(`the agreement pages in ${lang} pass axe and html-validate`, async () => {
        await checkPage('agreements', '/agreements', lang);
        await checkPage('agreement-new', '/agreements/new', lang);
        await checkPage('agreement', agreement, lang);
        await checkPage('agreement-compare', `${agreement}/compare?from=1&to=2`, lang);
    });
}
