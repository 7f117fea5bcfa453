// The flow through the real pages (issue 9, "Done when"): a
// resident lists her skills on /me/skills, an initiator adds the skill his
// initiative needs, finds her among the matches -- with the explanation --
// and invites her; she accepts on /me/invitations and becomes a pledger;
// he then closes the need on the needs page, where only he sees the button.
// The pages of skills, matches, invitations and the practice library pass
// axe-core and html-validate as served, in both languages.
//
// The residents are verified through the pages (flows.mjs verifyResidents:
// a municipality admin's letters).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, actAs, signIn, signOut, submit, verifyResidents } from './flows.mjs';
import { DEMO, LANGUAGES, browserForSuite, expectPageClean, pathOf, visit } from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = { email: `ambtenaar-m-${RUN}@example.nl`, name: 'Ambtenaar Matching' };
const INI = { email: `initiatiefnemer-m-${RUN}@example.nl`, name: 'Ivo Initiatief' };
const ANN = { email: `ann-m-${RUN}@example.nl`, name: `Ann Timmer ${RUN}` };
const TITLE = `Bankjes ${RUN}`;
const MESSAGE = 'Jij kunt zo goed met hout; doe je mee?';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();
const en = { lang: 'en' };

let initiative = 0;
let needPage = '';

const main = (page) => page.locator('main');
const field = (page, name) => page.locator(`main [name="${name}"]`);

async function asResident(page, who) {
    await signIn(page, who.email, PASSWORD);
    await actAs(page, `resident:${DEMO.buurt}`);
}

test('the people: an initiator and a neighbour, verified residents', async () => {
    const { page } = browser;
    await verifyResidents(page, OFFICIAL, [INI, ANN], `Timmerstraat ${RUN}`);
});

test('a neighbour lists her skills and her hours', async () => {
    const { page } = browser;
    await asResident(page, ANN);
    await visit(page, '/me/skills', en);
    await field(page, 'skill').selectOption('carpentry');
    await field(page, 'level').selectOption('expert');
    await submit(page, 'Add this skill');
    assert.match(await main(page).innerText(), /Your skills have been saved/);
    await field(page, 'hours_month').fill('745');
    await page.locator('#visibility-public').check();
    await submit(page, 'Save');
    assert.match(await main(page).innerText(), /between 0 and 744 hours a month/);
    await field(page, 'hours_month').fill('10');
    await page.locator('#visibility-public').check();
    await submit(page, 'Save');
    assert.equal(pathOf(page), '/me/skills');
    const table = await page.locator('main table').innerText();
    assert.match(table, /Carpentry/);
    assert.match(table, /Expert/);
    await signOut(page);
});

test('the initiator adds the skill he needs, finds her with the reasons, and invites her', async () => {
    const { page } = browser;
    await asResident(page, INI);
    await visit(page, '/initiatives/new', en);
    await field(page, 'title').fill(TITLE);
    await field(page, 'aim').fill('Houten bankjes, door en voor de buurt.');
    await field(page, 'areas').fill(DEMO.buurt);
    await submit(page, 'Start the initiative');
    const m = pathOf(page).match(/^\/initiatives\/(\d+)$/);
    assert.ok(m, `the browser lands on the initiative's page (got ${pathOf(page)})`);
    initiative = Number(m[1]);
    await field(page, 'phase').selectOption('awareness');
    await field(page, 'reason').fill('We zoeken buren die meedoen.');
    await submit(page, 'Change the phase');

    await visit(page, `/initiatives/${initiative}`, en);
    await main(page).getByRole('link', { name: 'Skills needed' }).click();
    await page.waitForLoadState('load');
    await field(page, 'skill').selectOption('carpentry');
    await field(page, 'hours_month').fill('8');
    await submit(page, 'Add this need');
    assert.match(pathOf(page), /^\/skill-needs\/\d+$/);
    needPage = pathOf(page);
    const row = page.locator('main tr').filter({ hasText: ANN.name });
    assert.match(await row.innerText(), /skill: Carpentry; same buurt; 8 of 8 hours free/);
    await row.getByText('Add a message').click();
    await row.locator('textarea[name="message"]').fill(MESSAGE);
    await submit(page, `Invite ${ANN.name}`, row);
    assert.match(await main(page).innerText(), /Your invitation has been sent/);
    assert.match(await page.locator('main tr').filter({ hasText: ANN.name }).innerText(), /Open/);
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'skill-need', needPage, lang);
        await expectPageClean(page, 'skill-needs', `/initiatives/${initiative}/matches`, lang);
    }
    await signOut(page);
});

test('she accepts the invitation and becomes a pledger', async () => {
    const { page } = browser;
    await asResident(page, ANN);
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'my-invitations', '/me/invitations', lang);
        await expectPageClean(page, 'my-skills', '/me/skills', lang);
    }
    await visit(page, '/me/invitations', en);
    const row = page.locator('main tr').filter({ hasText: TITLE });
    assert.ok((await row.innerText()).includes(MESSAGE), "she reads his message");
    await submit(page, 'Accept', row);
    assert.match(await main(page).innerText(), /Thank you for your yes/);
    assert.match(await page.locator('main tr').filter({ hasText: TITLE }).innerText(), /Accepted/);
    await visit(page, `/initiatives/${initiative}/pledges`, en);
    assert.match(await main(page).innerText(), /Your pledge/);
    assert.match(await main(page).innerText(), /Carpentry/);
    await signOut(page);
});

test('the initiator closes the need on the needs page, and it leaves the list', async () => {
    const { page } = browser;
    const needs = `/initiatives/${initiative}/matches`;
    await asResident(page, ANN);
    await visit(page, needs, en);
    assert.equal(await main(page).getByRole('button', { name: 'Close this need' }).count(), 0);
    await signOut(page);
    await asResident(page, INI);
    await visit(page, needs, en);
    const row = page.locator('main tr').filter({ hasText: 'Carpentry' });
    await submit(page, 'Close this need', row);
    assert.equal(pathOf(page), needs);
    const text = await main(page).innerText();
    assert.match(text, /The need has been closed/);
    assert.match(text, /This initiative has listed no skills it needs yet/);
    assert.equal(await page.locator('main tr').filter({ hasText: 'Carpentry' }).count(), 0);
    await signOut(page);
});

test('the practice library can be searched, and its pages are clean', async () => {
    const { page } = browser;
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'practices', '/practices', lang);
        await expectPageClean(page, 'practices-search', '/practices?q=bankjes&theme=greenery', lang);
        await expectPageClean(page, 'initiative-similar', `/initiatives/${initiative}`, lang);
    }
    await visit(page, '/practices?q=%22%22', en);
    assert.equal(pathOf(page), '/practices');
});
