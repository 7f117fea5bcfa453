// Initiatives through the real pages: two people sign up and ask for
// residency in a demo buurt; a municipality admin (named by the platform
// admin of run.sh) prints letters and each redeems a code. The first starts
// an initiative on /initiatives/new (a form with an unknown buurt is shown
// again with the message next to the field), sets a threshold of two pledging
// residents, and walks it idea -> awareness -> execution (below the
// threshold only with a reason: without one the reason field says why) ->
// evaluation -> anchored after entering the evaluation. The other resident,
// no initiator, is refused with the explanation when trying to move it on.
// The hub shows every phase change with who and why, and the buurt page
// lists the initiative. The list, the forms and the hub pass axe-core and
// html-validate as served, in both languages.

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
const OFFICIAL = `gemeente-init-${RUN}@example.nl`;
const RESIDENTS = [
    { email: `iris-${RUN}@example.nl`, name: 'Iris Idee' },
    { email: `joost-${RUN}@example.nl`, name: 'Joost Jansen' },
];
const TITLE = 'Moestuin op het Marktplein';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

let hub = '';

// Chooses the new phase and a reason on the hub and submits.
async function movePhase(page, phase, reason) {
    await page.getByLabel('Nieuwe fase').selectOption(phase);
    await page.getByLabel('Reden').fill(reason);
    await submit(page, 'Verander de fase');
}

test('a resident walks an initiative from idea to anchored', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await verifyResidents(page, { email: OFFICIAL, name: 'Ambtenaar Initiatief' }, RESIDENTS, 'Marktplein');
    const [iris] = RESIDENTS;
    await asResident(page, iris);
    await visit(page, '/initiatives', { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: 'Start een initiatief' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/initiatives/new');
    assert.equal(await page.getByLabel('Buurten', { exact: true }).inputValue(), DEMO.buurt);
    await page.getByLabel('Nodige vaardigheden').fill('Iemand die een bak kan timmeren');
    await page.getByLabel('Bewoners die moeten toezeggen voor de uitvoering').fill('2');
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Buurten', { exact: true }).fill('BU99999999');
    await submit(page, 'Start het initiatief');
    assert.equal(pathOf(page), '/initiatives/new');
    const buurten = page.getByLabel('Buurten', { exact: true });
    assert.equal(await buurten.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('main').innerText(), /Er is geen buurt met de code BU99999999/);
    await buurten.fill(DEMO.buurt);
    await submit(page, 'Start het initiatief');
    assert.match(pathOf(page), /^\/initiatives\/\d+$/);
    hub = pathOf(page);
    let main = await page.locator('main').innerText();
    assert.match(main, /Het initiatief is gestart\./);
    assert.match(main, /Fase: Idee/);
    assert.match(main, /Iris Idee/);
    assert.match(main, /0 van 2 bewoners/);

    await movePhase(page, 'awareness', 'We gaan buren vragen');
    assert.match(await page.locator('main').innerText(), /Fase: Bewustwording/);
    await movePhase(page, 'execution', '');
    assert.equal(pathOf(page), `${hub}/phase`);
    assert.equal(await page.getByLabel('Reden').getAttribute('aria-invalid'), 'true');
    await movePhase(page, 'execution', 'We beginnen klein, met wie er is');
    assert.match(await page.locator('main').innerText(), /Fase: Uitvoering/);
    await movePhase(page, 'evaluation', 'De bakken staan er');
    await page.locator('main').getByRole('link', { name: 'Vul de evaluatie in' }).click();
    await page.getByLabel('Resultaten').fill('Zes bakken met groente');
    await page.getByLabel('Wat werkte', { exact: true }).fill('Samen op zaterdag');
    await page.getByLabel('Wat niet werkte').fill('Water halen');
    await page.getByLabel('Onder welke voorwaarden').fill('Een kraan op het plein');
    await submit(page, 'Sla de evaluatie op');
    assert.match(await page.locator('main').innerText(), /De evaluatie is opgeslagen\./);
    await movePhase(page, 'anchored', 'De buurt houdt het zelf bij');
    main = await page.locator('main').innerText();
    assert.match(main, /Fase: Verankerd/);
    assert.match(main, /We beginnen klein, met wie er is/);
    const history = page.locator('table').filter({ hasText: 'De buurt houdt het zelf bij' });
    assert.equal(await history.locator('tbody tr').count(), 4, 'four phase changes');
    await screenshot(page, 'initiative-anchored');

    await visit(page, `/areas/${DEMO.buurt}`, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), new RegExp(TITLE));
    await signOut(page);
});

test('a resident who is no initiator gets the reason why', async () => {
    const { page } = browser;
    const [iris, joost] = RESIDENTS;
    await asResident(page, iris);
    await visit(page, '/initiatives/new', { lang: 'nl' });
    await page.getByLabel('Titel', { exact: true }).fill('Bankje bij de bushalte');
    await submit(page, 'Start het initiatief');
    const other = pathOf(page);
    await signOut(page);
    await asResident(page, joost);
    await visit(page, other, { lang: 'nl' });
    await movePhase(page, 'awareness', 'Ik neem het over');
    assert.match(await page.locator('main').innerText(), /Alleen de initiatiefnemers/);
    await visit(page, other, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), /Fase: Idee/);
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The first resident, an initiator, is signed in here.
test('the initiative pages pass axe-core and html-validate in both languages', async () => {
    const { page } = browser;
    await signOut(page);
    await asResident(page, RESIDENTS[0]);
    await visit(page, '/initiatives/new', { lang: 'nl' });
    await page.getByLabel('Titel', { exact: true }).fill('Buurtfeest');
    await submit(page, 'Start het initiatief');
    const open = pathOf(page);
    for (const lang of LANGUAGES) {
        await checkPage('initiatives', '/initiatives', lang);
        await checkPage('initiative-new', '/initiatives/new', lang);
        await checkPage('initiative-anchored', hub, lang);
        await checkPage('initiative-open', open, lang);
        await checkPage('initiative-edit', `${open}/edit`, lang);
        await checkPage('buurt-initiatives', `/areas/${DEMO.buurt}`, lang);
    }
});
