// A buurt's arena through the real pages: a visitor follows the link on the
// Bloemenbuurt's area page to its arena, reads the relations table and finds
// the same relations as the edges of the network picture, every organisation
// of the table linked on the page; the picture is an image with a title and
// a description. A resident of the buurt, verified with the code from a
// printed letter as in residency.test.mjs, adds an event to the buurt's
// history through its form: a date in the future comes back with the message
// next to the field, a good one lands on the timeline with the resident's
// name and capacity. The arena, history and relations pages pass axe-core
// with zero violations and html-validate as served, in both languages.

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
    expectPageClean,
    follow,
    htmlProblems,
    pathOf,
    postFormAsServed,
    screenshot,
    url,
    visit,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const RESIDENT = `bloemenbuurt-${RUN}@example.nl`;
const OFFICIAL = `gemeente-arena-${RUN}@example.nl`;
const RESIDENT_NAME = 'Bloem Bewoner';

// The demo buurt whose arena has relations (model/arena_demo.c): the
// welfare institution serves the whole gemeente, the tenants' association
// the wijk, the cooking club this buurt.
const BUURT = 'BU99010202';
const BUURT_NAME = 'Bloemenbuurt';
const WELZIJN = 'Stichting Welzijn Lindenhoven';
const HUURDERS = 'Huurdersvereniging Lindenhof';
const KOOKCLUB = 'Vrijdagkookclub Bloemenbuurt';
const DEMO_RELATIONS = [
    [WELZIJN, 'werkt samen met', HUURDERS, '2018-01-15', ''],
    [WELZIJN, 'financiert', KOOKCLUB, '2023-03-01', ''],
    [HUURDERS, 'huisvest', KOOKCLUB, '2022-09-01', ''],
];

const EVENT_TITLE = `Eerste straatfeest in de Rozenstraat ${RUN}`;
const EVENT_DATE = '2024-06-15';

const arenaPath = `/areas/${BUURT}/arena`;
const historyPath = `/areas/${BUURT}/history`;

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

// The number of the demo organisation called name, from the public API.
async function organisationId(name) {
    const res = await fetch(url(`/api/v1/organisations?limit=100&q=${encodeURIComponent(name)}`));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const org = items.find((o) => o.name === name);
    assert.ok(org, `the demo has the organisation ${name}`);
    return org.id;
}

// The relations table's rows, each as its five cells' text.
async function relationRows(page) {
    const table = page.locator('#relations-table');
    const heads = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(heads.map((t) => t.trim()), ['Van', 'Relatie', 'Naar', 'Sinds', 'Tot']);
    const rows = [];
    for (const tr of await table.locator('tbody tr').all())
        rows.push((await tr.locator('td').allInnerTexts()).map((t) => t.trim()));
    return rows;
}

// The network picture's edges: the text of each edge's <title> ("From
// relation To") and whether its line is dashed (an ended relation).
async function pictureEdges(page) {
    return page.locator('main svg.network g.edge').evaluateAll((edges) =>
        edges.map((g) => ({
            title: (g.querySelector('title')?.textContent ?? '').trim(),
            dashed: g.querySelector('path')?.hasAttribute('stroke-dasharray') ?? false,
        })));
}

// The picture has one edge per row of the table, titled "From relation To",
// dashed exactly when the row has an end date.
async function checkPictureMatchesTable(page, rows) {
    const edges = await pictureEdges(page);
    assert.equal(edges.length, rows.length, 'the picture has one edge per row of the table');
    const titles = edges.map((e) => e.title).sort();
    const sentences = rows.map(([from, relation, to]) => `${from} ${relation} ${to}`).sort();
    assert.deepEqual(titles, sentences, 'each edge is titled with a row of the table');
    for (const [from, relation, to, , until] of rows) {
        const edge = edges.find((e) => e.title === `${from} ${relation} ${to}`);
        assert.equal(edge.dashed, until !== '', `${edge.title}: dashed exactly when it ended`);
    }
}

test('a visitor opens the buurt arena and its table matches the picture', async () => {
    const { page } = browser;
    await visit(page, `/areas/${BUURT}`, { lang: 'nl' });
    assert.match(await page.locator('h1').innerText(), new RegExp(BUURT_NAME));
    const link = page.locator(`main a[href="${arenaPath}"]`);
    assert.equal(await link.count(), 1, 'the area page links to its arena');
    await follow(page, link, new RegExp(`^${arenaPath}$`));
    assert.match(await page.locator('h1').innerText(), new RegExp(`Arena van ${BUURT_NAME}`));

    const rows = await relationRows(page);
    for (const want of DEMO_RELATIONS)
        assert.ok(rows.some((r) => r.join('|') === want.join('|')),
                  `the table lists ${want.join(' ')} (got ${JSON.stringify(rows)})`);
    await checkPictureMatchesTable(page, rows);

    // Everyone in the table is listed among the organisations, as a link.
    const actors = page.locator('#actors-table');
    const names = new Set(rows.flatMap(([from, , to]) => [from, to]));
    for (const name of names) {
        const a = actors.getByRole('link', { name, exact: true });
        assert.equal(await a.count(), 1, `${name} is linked in the organisations table`);
        assert.match(await a.getAttribute('href'), /^\/organisations\/\d+$/);
    }
    assert.equal(await page.locator(`main a[href="${historyPath}"]`).count(), 1,
                 'the arena links to the buurt history');
    await screenshot(page, 'arena-buurt');

    // As a person would: from the organisations table to a profile.
    await follow(page, actors.getByRole('link', { name: KOOKCLUB, exact: true }),
                 /^\/organisations\/\d+$/);
    assert.match(await page.locator('h1').innerText(), new RegExp(KOOKCLUB));

    // Its relations, each with the other organisation linked, never itself.
    const self = pathOf(page);
    await follow(page, page.locator('main').getByRole('link', { name: 'Relaties met andere organisaties' }),
                 /^\/organisations\/\d+\/relations$/);
    const table = page.locator('#relations-table');
    assert.equal(await table.locator('tbody tr').count(), 2, 'the club is funded and housed');
    for (const tr of await table.locator('tbody tr').all()) {
        const links = await tr.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.equal(links.length, 1, `one link per row (got ${links})`);
        assert.notEqual(links[0], self, 'a row links to the other organisation, not back here');
    }
    assert.equal(await table.locator('th', { hasText: 'Actie' }).count(), 0,
                 'a visitor gets no column of actions');
    await follow(page, table.getByRole('link', { name: WELZIJN, exact: true }), /^\/organisations\/\d+$/);
    assert.match(await page.locator('h1').innerText(), new RegExp(WELZIJN));
});

test('an ended relation is a dashed line in the picture and dated in the table', async () => {
    const { page } = browser;
    await visit(page, '/areas/BU99010301/arena', { lang: 'nl' });
    const rows = await relationRows(page);
    assert.deepEqual(rows, [[WELZIJN, 'financiert', 'Buurtkamer De Weiden', '2019-09-01', '2024-12-31']]);
    await checkPictureMatchesTable(page, rows);
});

test('the network picture is an image with a title and a description', async () => {
    const { page } = browser;
    await visit(page, arenaPath, { lang: 'nl' });
    const svg = page.locator('main svg.network');
    assert.equal(await svg.count(), 1, 'one network picture');
    assert.equal(await svg.getAttribute('role'), 'img');
    const title = (await svg.locator(':scope > title').textContent()).trim();
    const desc = (await svg.locator(':scope > desc').textContent()).trim();
    assert.match(title, new RegExp(BUURT_NAME), 'the title names the buurt');
    assert.ok(desc.length > 20, `the description says what the picture shows (got "${desc}")`);
    const snapshot = await svg.ariaSnapshot();
    assert.match(snapshot, /^- img "[^"]+"/, `the picture is an image with a name (got ${snapshot})`);
    // The name and the description come from the picture's own elements.
    const ids = (await svg.getAttribute('aria-labelledby') ?? '') + ' ' +
                (await svg.getAttribute('aria-describedby') ?? '');
    for (const part of ['title', 'desc']) {
        const id = await svg.locator(`:scope > ${part}`).getAttribute('id');
        assert.ok(id && ids.split(/\s+/).includes(id), `the svg refers to its ${part} (${id})`);
    }
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, 'the picture is visible');
});

test('a visitor reads why there is no form on the history page', async () => {
    const { page } = browser;
    await visit(page, historyPath, { lang: 'nl' });
    const main = await page.locator('main').innerText();
    assert.match(main, /Renovatie van de flats aan de Bloemenstraat/, 'the demo events are shown');
    assert.equal(await page.locator(`main form[action="${historyPath}"]`).count(), 0);
    assert.equal(await page.locator('#add + p').count(), 1, 'a reason follows the heading');
    assert.ok((await page.locator('#add + p').innerText()).trim().length > 0);
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

let welzijn = 0;

for (const lang of LANGUAGES) {
    test(`the arena, history and relations pages in ${lang} pass axe and html-validate`, async () => {
        welzijn ||= await organisationId(WELZIJN);
        await checkPage('arena', arenaPath, lang);
        await checkPage('history', historyPath, lang);
        await checkPage('relations', `/organisations/${welzijn}/relations`, lang);
    });
}

test('a verified resident adds an event to the buurt history', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;

    // Residency asked for, a letter printed by the gemeente, its code typed.
    await signUp(page, OFFICIAL, 'Ambtenaar Arena');
    await signOut(page);
    await signUp(page, RESIDENT, RESIDENT_NAME);
    await visit(page, '/account/residency', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(BUURT);
    await submit(page, 'Bewonerschap aanvragen');
    await signOut(page);
    await signInAsAdmin(page);
    await grantRole(page, OFFICIAL, 'municipality_admin', DEMO.gemeente);
    await signOut(page);
    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/letters', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(BUURT);
    await page.getByLabel('Adressen').fill('Rozenstraat 4');
    await submit(page, 'Brieven maken');
    const code = (await page.locator('.letter-code strong').first().innerText()).trim();
    await signOut(page);
    await signIn(page, RESIDENT, PASSWORD);
    await visit(page, '/account/residency/code', { lang: 'nl' });
    await page.getByLabel('Code uit de brief').fill(code);
    await submit(page, 'Code invullen');
    assert.match(await page.locator('main').innerText(), /Geverifieerd/);
    await actAs(page, `resident:${BUURT}`);

    // From the arena to the history, and a date that has not come yet.
    await visit(page, arenaPath, { lang: 'nl' });
    await follow(page, page.locator(`main a[href="${historyPath}"]`), new RegExp(`^${historyPath}$`));
    const form = page.locator(`main form[action="${historyPath}"]`);
    assert.equal(await form.count(), 1, 'the resident gets the form');
    await page.getByLabel('Datum', { exact: true }).fill('2999-01-01');
    await page.getByLabel('Wat er gebeurde').selectOption({ label: 'Een andere gebeurtenis' });
    await page.getByLabel('Titel', { exact: true }).fill(EVENT_TITLE);
    await page.getByLabel('Beschrijving (niet verplicht)').fill('De hele straat at buiten aan lange tafels.');
    await page.getByLabel('Betrokken organisatie (niet verplicht)').selectOption({ label: KOOKCLUB });
    await submit(page, 'Aan de geschiedenis toevoegen');
    assert.equal(pathOf(page), historyPath);
    const error = page.locator('#date-error');
    assert.match(await error.innerText(), /niet later dan vandaag/);
    const date = page.getByLabel('Datum', { exact: true });
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    assert.match(await date.getAttribute('aria-describedby'), /\bdate-error\b/);
    assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), EVENT_TITLE,
                 'the title is kept');
    assert.doesNotMatch(await page.locator('ol.timeline').innerText(), new RegExp(EVENT_TITLE),
                        'nothing was added');
    await screenshot(page, 'arena-history-error');

    // The page with the error, validated as served (sending it again adds nothing).
    const refused = await postFormAsServed(page, `main form[action="${historyPath}"]`);
    assert.equal(refused.status, 400, 'a bad date is answered 400');
    assert.deepEqual(await htmlProblems(refused.html, 'history-error'), []);
    await expectAxeClean(page, 'axe-history-error', `${historyPath} with a bad date`);

    await date.fill(EVENT_DATE);
    await submit(page, 'Aan de geschiedenis toevoegen');
    assert.equal(pathOf(page), historyPath);
    assert.match(await page.locator('main [role="status"]').innerText(),
                 /De gebeurtenis is aan de geschiedenis toegevoegd\./);
    const event = page.locator('ol.timeline > li').filter({ hasText: EVENT_TITLE });
    assert.equal(await event.count(), 1, 'the event is on the timeline once');
    assert.equal(await event.locator('time').getAttribute('datetime'), EVENT_DATE);
    assert.equal(await event.getByRole('link', { name: KOOKCLUB }).count(), 1, 'the club is linked');
    const byline = await event.locator('.byline').first().innerText();
    assert.match(byline, new RegExp(RESIDENT_NAME), `the byline names the resident (got ${byline})`);
    assert.match(byline, new RegExp(`als bewoner van ${BUURT_NAME}`),
                 `the byline gives the capacity (got ${byline})`);
    assert.doesNotMatch(byline, /@/, 'no e-mail address in the byline');
    // Newest first: the new event (2024) comes before the club's first dinner (2022).
    const titles = await page.locator('ol.timeline > li h3').allInnerTexts();
    const mine = titles.findIndex((t) => t.includes(EVENT_TITLE));
    const older = titles.findIndex((t) => t.includes('De Vrijdagkookclub kookt voor het eerst'));
    assert.ok(mine >= 0 && older > mine, `newest first (got ${JSON.stringify(titles)})`);
    await screenshot(page, 'arena-history-added');
});

// The resident is signed in from here: the history page carries the form.
for (const lang of LANGUAGES) {
    test(`the history page with its form in ${lang} passes axe and html-validate`, async () => {
        await checkPage('history-form', historyPath, lang);
        await checkPage('arena-signed-in', arenaPath, lang);
    });
}
