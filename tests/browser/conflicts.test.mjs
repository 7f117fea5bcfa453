// Conflict cases through the real pages (issue 7, "Done when"): three people
// become verified residents of a demo buurt (letters printed by a
// municipality admin named by the platform admin of run.sh). The first starts
// an initiative and moves it to awareness; the second pledges, so both take
// part. The initiator raises a conflict case from the initiative's page,
// naming the pledger; a bad form (no matter) comes back with the message next
// to the field (the browser's own check lets only spaces through). The third resident -- not a party -- gets 404 on the case,
// and so does the municipality admin. The pledger takes the case to
// conversation; both parties ask for the third resident as mediator, and the
// case goes to mediation; the mediator writes the agreement, and it is
// reached when both parties have confirmed it. The case page passes axe-core
// and html-validate as served, in both languages, for a party and for the
// mediator; the buurt page shows the counts without names.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ADMIN, ADMIN_PASSWORD, PASSWORD, actAs, asResident, signIn, signOut, submit, verifyResidents } from './flows.mjs';
import { DEMO, LANGUAGES, browserForSuite, expectPageClean, pathOf, screenshot, visit } from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = { email: `gemeente-conflict-${RUN}@example.nl`, name: 'Ambtenaar Conflict' };
const INITIATOR = { email: `iris-${RUN}@example.nl`, name: 'Iris Initiatief' };
const PLEDGER = { email: `pim-${RUN}@example.nl`, name: 'Pim Pleiter' };
const MEDIATOR = { email: `mia-${RUN}@example.nl`, name: 'Mia Midden' };
const TITLE = `Moestuin aan de Beukenlaan ${RUN}`;
const MATTER = 'Wie de sleutel van het tuinhek beheert en wanneer het hek dicht gaat.';
const AGREEMENT = 'Het hek gaat om 21.00 uur dicht; Iris en Pim houden elk een sleutel.';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

const nl = { lang: 'nl' };
let hub = '';
let casePage = '';

function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

async function mainText(page) {
    return page.locator('main').innerText();
}

// Takes the case to step with a record, as the person signed in.
async function takeStep(page, step, record) {
    await visit(page, casePage, nl);
    await field(page, 'step').selectOption(step);
    await field(page, 'record').fill(record);
    await submit(page, 'Zet deze stap');
    assert.equal(pathOf(page), casePage);
}

async function askMediator(page) {
    await visit(page, casePage, nl);
    await field(page, 'mediator').fill(MEDIATOR.email);
    await field(page, 'capacity').selectOption('resident');
    await submit(page, 'Vraag om deze bemiddelaar');
    assert.equal(pathOf(page), casePage);
}

test('an initiator raises a conflict case with a pledger', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await verifyResidents(page, OFFICIAL, [INITIATOR, PLEDGER, MEDIATOR], 'Beukenlaan');
    await asResident(page, INITIATOR);
    await visit(page, '/initiatives/new', nl);
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await submit(page, 'Start het initiatief');
    assert.match(pathOf(page), /^\/initiatives\/\d+$/);
    hub = pathOf(page);
    await page.getByLabel('Nieuwe fase').selectOption('awareness');
    await page.getByLabel('Reden').fill('We zoeken tuinders');
    await submit(page, 'Verander de fase');
    await signOut(page);

    await asResident(page, PLEDGER);
    await visit(page, `${hub}/pledges`, nl);
    await page.getByLabel('Uren', { exact: true }).fill('2');
    await page.getByLabel('Per', { exact: true }).selectOption('week');
    await submit(page, 'Toezeggen');
    await signOut(page);

    await asResident(page, INITIATOR);
    await visit(page, hub, nl);
    await page.locator('main').getByRole('link', { name: 'Een conflict melden' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/conflicts/new');
    await page.getByLabel('Wie zijn er nog meer bij betrokken?').fill(PLEDGER.email);
    // only spaces: past the browser's own check, refused by the server
    await page.getByLabel('Waar gaat het conflict over?').fill('   ');
    await submit(page, 'Conflict melden');
    const matter = page.getByLabel('Waar gaat het conflict over?');
    assert.equal(await matter.getAttribute('aria-invalid'), 'true');
    assert.match(await mainText(page), /Beschrijf in hoogstens 2000 tekens waar het conflict over gaat\./);
    await matter.fill(MATTER);
    await submit(page, 'Conflict melden');
    assert.match(pathOf(page), /^\/conflicts\/\d+$/);
    casePage = pathOf(page);
    const main = await mainText(page);
    assert.match(main, /Huidige stap: Gemeld/);
    assert.match(main, new RegExp(PLEDGER.name));
    await screenshot(page, 'conflict-raised');
    await signOut(page);
});

test('nobody but the parties sees the case: 404 for a neighbour and an admin', async () => {
    const { page } = browser;
    await asResident(page, MEDIATOR);
    await visit(page, casePage, { lang: 'nl', status: 404 });
    await signOut(page);
    await signIn(page, OFFICIAL.email, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, casePage, { lang: 'nl', status: 404 });
    await signOut(page);
});

test('the parties talk, choose a mediator together and go to mediation', async () => {
    const { page } = browser;
    await asResident(page, PLEDGER);
    await visit(page, casePage, nl);
    assert.match(await mainText(page), new RegExp(MATTER.slice(0, 30)));
    await takeStep(page, 'conversation', 'We hebben gepraat bij het hek, maar komen er niet uit.');
    await askMediator(page);
    assert.match(await mainText(page), /Er is nog geen bemiddelaar/);
    await signOut(page);

    await asResident(page, INITIATOR);
    await askMediator(page);
    assert.match(await mainText(page), new RegExp(`Bemiddelaar: ${MEDIATOR.name}, als bewoner\\.`));
    await takeStep(page, 'mediation', 'We vragen Mia om te bemiddelen.');
    assert.match(await mainText(page), /Huidige stap: Bemiddeling/);
    for (const lang of LANGUAGES) await expectPageClean(page, 'conflict-party', casePage, lang);
    await signOut(page);
});

test('the mediator writes the agreement and both parties confirm it', async () => {
    const { page } = browser;
    await asResident(page, MEDIATOR);
    await visit(page, casePage, nl);
    assert.match(await mainText(page), /U bent de bemiddelaar in dit conflict/);
    for (const lang of LANGUAGES) await expectPageClean(page, 'conflict-mediator', casePage, lang);
    await visit(page, casePage, nl);
    await page.getByLabel('De tekst van de afspraak').fill(AGREEMENT);
    await submit(page, 'Versie opslaan');
    assert.match(await mainText(page), /Versie 1, geschreven door de bemiddelaar\./);
    await signOut(page);

    for (const who of [PLEDGER, INITIATOR]) {
        await asResident(page, who);
        await visit(page, casePage, nl);
        assert.match(await mainText(page), new RegExp(AGREEMENT.slice(0, 25)));
        await submit(page, 'Ik bevestig deze afspraak');
        assert.equal(pathOf(page), casePage);
        await signOut(page);
    }

    await asResident(page, MEDIATOR);
    await visit(page, casePage, nl);
    const main = await mainText(page);
    assert.match(main, /Huidige stap: Overeenstemming bereikt/);
    assert.match(main, /afgesloten op/);
    await screenshot(page, 'conflict-agreement');
    await visit(page, '/conflicts', nl);
    assert.match(await mainText(page), new RegExp(TITLE));
    await signOut(page);

    await visit(page, `/areas/${DEMO.buurt}`, nl);
    const area = await mainText(page);
    assert.match(area, /Conflicten in dit gebied, zonder namen/);
    assert.doesNotMatch(area, new RegExp(PLEDGER.name));
});
