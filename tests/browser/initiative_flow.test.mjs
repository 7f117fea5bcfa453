// The end-to-end flow through the real pages (issue 6, "Done when"):
// residents walk one initiative from an idea to anchored -- a verified
// resident starts it, moves it to awareness, two neighbours pledge, the
// initiator sets the threshold and moves it to execution, a task is held
// by a pledger only after she agrees, then evaluation and anchored -- while
// a professional offers coaching that the initiator accepts (shown with who
// offered it and in which capacity), and a professional trying to move the
// phase gets 403 with the explanation of the facilitating role. Along the
// way the initiator sees the unread count in the header and the
// notifications page. The offers and notifications pages pass axe-core
// and html-validate as served, in both languages.
//
// The people are made through the pages too: residencies requested on
// /account/residency and verified by a municipality admin on /residencies,
// the professional's post requested on /account/posts and confirmed by an
// organisation admin, both admins named by the platform admin of run.sh.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, actAs, grantRole, signIn, signInAsAdmin, signOut, signUp, submit } from './flows.mjs';
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
const OFFICIAL = `ambtenaar-${RUN}@example.nl`;
const BOSS = `coordinator-${RUN}@example.nl`;
const PRO = `coach-${RUN}@example.nl`;
const PRO_NAME = 'Corrie Coach';
const INI = `initiatiefnemer-${RUN}@example.nl`;
const INI_NAME = 'Ilse Initiatief';
const ANN = `ann-${RUN}@example.nl`;
const ANN_NAME = 'Ann Buurvrouw';
const BOB = `bob-${RUN}@example.nl`;
const BOB_NAME = 'Bob Buurman';
const ORGANISATION = 'Stichting Welzijn Lindenhoven';
const TITLE = `Speeltuin aan de Linde ${RUN}`;

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

let org = 0;
let initiative = 0;

const en = { lang: 'en' };

// The number of the demo organisation called name, from the public API.
async function organisationId(name) {
    const res = await fetch(url('/api/v1/organisations'));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const found = items.find((o) => o.name === name);
    assert.ok(found, `the demo has the organisation ${name}`);
    return found.id;
}

// The text of <main>.
async function mainText(page) {
    return page.locator('main').innerText();
}

// The form control called name in <main>: the other parts' forms are
// found by their field names, which do not change with a translation.
function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

// The initiative's pages.
const hub = () => `/initiatives/${initiative}`;
const offers = () => `/initiatives/${initiative}/offers`;

// A new account that asks to be a resident of the demo buurt, signed out.
async function askResidency(page, email, name) {
    await signUp(page, email, name);
    await visit(page, '/account/residency', en);
    await page.getByLabel('Buurt code').fill(DEMO.buurt);
    await submit(page, 'Ask for residency');
    await signOut(page);
}

// Signs in as email acting as a resident of the demo buurt.
async function asResident(page, email) {
    await signIn(page, email, PASSWORD);
    await actAs(page, `resident:${DEMO.buurt}`);
}

// Chooses phase with reason in the hub's phase form and sends it; returns
// the HTTP status of the answer.
async function changePhase(page, phase, reason) {
    await visit(page, hub(), en);
    await field(page, 'phase').selectOption(phase);
    await field(page, 'reason').fill(reason);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.locator('main').getByRole('button', { name: 'Change the phase' }).click();
    const status = (await answer).status();
    await page.waitForLoadState('load');
    return status;
}

async function expectPhase(page, label) {
    await visit(page, hub(), en);
    assert.match(await mainText(page), new RegExp(`Phase: ${label}`));
}

test('the people: three verified residents, a professional and the admins', async () => {
    const { page } = browser;
    org = await organisationId(ORGANISATION);
    await signUp(page, OFFICIAL, 'Ambtenaar Gemeente');
    await signOut(page);
    await signUp(page, BOSS, 'Bea Coördinator');
    await signOut(page);
    for (const [email, name] of [
        [INI, INI_NAME],
        [ANN, ANN_NAME],
        [BOB, BOB_NAME],
    ])
        await askResidency(page, email, name);

    await signUp(page, PRO, PRO_NAME);
    await visit(page, '/account/posts', en);
    await page.getByLabel('Organisation', { exact: true }).selectOption(String(org));
    await page.getByLabel('Post', { exact: true }).selectOption({ label: 'Welfare worker' });
    await submit(page, 'Ask for the post');
    await signOut(page);

    await signInAsAdmin(page);
    await grantRole(page, OFFICIAL, 'municipality_admin', DEMO.gemeente);
    await grantRole(page, BOSS, 'organisation_admin', String(org));
    await signOut(page);

    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    for (const name of [INI_NAME, ANN_NAME, BOB_NAME]) {
        await visit(page, '/residencies', en);
        const row = page.locator('tr').filter({ hasText: name });
        await submit(page, 'Verify', row.first());
    }
    await signOut(page);

    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    await visit(page, `/organisations/${org}/posts`, en);
    await submit(page, 'Confirm this post', page.locator('tr').filter({ hasText: PRO_NAME }));
    await signOut(page);
});

test('a verified resident starts the initiative and moves it to awareness', async () => {
    const { page } = browser;
    await asResident(page, INI);
    await visit(page, '/initiatives/new', en);
    await field(page, 'title').fill(TITLE);
    await field(page, 'aim').fill('Een veilige speeltuin, door en voor de buurt.');
    await field(page, 'areas').fill(DEMO.buurt);
    await submit(page, 'Start the initiative');
    const m = pathOf(page).match(/^\/initiatives\/(\d+)$/);
    assert.ok(m, `the browser lands on the initiative's page (got ${pathOf(page)})`);
    initiative = Number(m[1]);
    await expectPhase(page, 'Idea');

    assert.equal(await changePhase(page, 'awareness', 'We zoeken buren die meedoen.'), 303);
    await expectPhase(page, 'Awareness');
    await screenshot(page, 'initiative-flow-awareness');
    await signOut(page);
});

test('two neighbours pledge their hours', async () => {
    const { page } = browser;
    for (const email of [ANN, BOB]) {
        await asResident(page, email);
        await visit(page, `/initiatives/${initiative}/pledges`, en);
        await field(page, 'hours').fill('2');
        await field(page, 'period').selectOption('week');
        await submit(page, 'Pledge');
        await visit(page, `/initiatives/${initiative}/pledges`, en);
        assert.match(await mainText(page), /Your pledge/);
        await signOut(page);
    }
});

test('a professional offers coaching and the initiator accepts it', async () => {
    const { page } = browser;
    await signIn(page, PRO, PASSWORD);
    await actAs(page, `professional:${org}`);
    await visit(page, offers(), en);
    await page.getByLabel('What you offer').selectOption('coaching');
    await page.getByLabel('Your offer in words').fill('Ik begeleid jullie eerste bewonersavond.');
    await submit(page, 'Send the offer');
    assert.equal(pathOf(page), offers());
    assert.deepEqual(await htmlProblems(await servedHtml(page, offers(), 'en'), 'offers-form-en'), []);
    await visit(page, offers(), en);
    await expectAxeClean(page, 'axe-offers-form-en', `${offers()} with the offer form`);
    await visit(page, offers(), en);
    assert.match(await mainText(page), /Your offer has been sent to the initiators|Open offers/);
    await signOut(page);

    await asResident(page, INI);
    await visit(page, hub(), en);
    const count = page.locator('header .unread-count');
    assert.equal(await count.count(), 1, 'the header shows the unread count');
    assert.match(await count.innerText(), /\d+ unread/);
    await visit(page, '/notifications', en);
    assert.match(await mainText(page), new RegExp(`New offer to ${TITLE}`));
    assert.match(await mainText(page), new RegExp(`New pledge to ${TITLE}`));

    await visit(page, offers(), en);
    const open = page.locator('li.offer').filter({ hasText: 'Ik begeleid' });
    await submit(page, 'Accept this offer', open);
    await visit(page, offers(), en);
    const accepted = page.locator('section').filter({ has: page.locator('h2#accepted') });
    const text = await accepted.innerText();
    assert.match(text, /Ik begeleid jullie eerste bewonersavond/);
    assert.match(text, new RegExp(`Offered by ${PRO_NAME}`));
    assert.match(text, new RegExp(`as professional at ${ORGANISATION}`));
    await screenshot(page, 'initiative-flow-offer-accepted');
    await signOut(page);
});

test('a professional cannot move the phase and is told why', async () => {
    const { page } = browser;
    await signIn(page, PRO, PASSWORD);
    await actAs(page, `professional:${org}`);
    const status = await changePhase(page, 'execution', 'Ik vind dat het tijd is.');
    assert.equal(status, 403, 'the phase change is refused');
    assert.match(await mainText(page), /Professionals facilitate/);
    await screenshot(page, 'initiative-flow-professional-refused');
    await expectPhase(page, 'Awareness');
    await signOut(page);
});

test('the initiator sets the threshold and moves on to execution', async () => {
    const { page } = browser;
    await asResident(page, INI);
    await visit(page, `/initiatives/${initiative}/edit`, en);
    await field(page, 'threshold_residents').fill('2');
    await field(page, 'threshold_hours').fill('10');
    await submit(page, 'Save the changes');
    await visit(page, hub(), en);
    assert.match(await mainText(page), /2 of 2 residents/);
    assert.equal(await changePhase(page, 'execution', 'Genoeg buren doen mee.'), 303);
    await expectPhase(page, 'Execution');
    await signOut(page);
});

test('the gemeente records its decision, which changes nothing by itself', async () => {
    const { page } = browser;
    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, offers(), en);
    assert.deepEqual(await htmlProblems(await servedHtml(page, offers(), 'en'), 'offers-record-en'), []);
    await expectAxeClean(page, 'axe-offers-record-en', `${offers()} with the record form`);
    await page.getByLabel('What was decided').selectOption('subsidy_granted');
    await page.getByLabel('Date of the decision').fill('2026-03-02');
    await page.getByLabel('The decision in words').fill('Subsidie van 2500 euro voor het hek.');
    await submit(page, 'Record the decision');
    await visit(page, offers(), en);
    const decisions = await page.locator('section').filter({ has: page.locator('h2#external') }).innerText();
    assert.match(decisions, /Subsidy granted/);
    assert.match(decisions, new RegExp(`Decided by ${DEMO.gemeenteName}`));
    assert.match(decisions, /Subsidie van 2500 euro/);
    await expectPhase(page, 'Execution');
    await signOut(page);
});

test('a task is held by a pledger only after she agrees', async () => {
    const { page } = browser;
    await asResident(page, INI);
    await visit(page, `/initiatives/${initiative}/plan`, en);
    await field(page, 'title').fill('Sleutel van het hek beheren');
    await submit(page, 'Add the task');
    await visit(page, `/initiatives/${initiative}/plan`, en);
    const row = page.locator('tr').filter({ hasText: 'Sleutel van het hek' });
    assert.equal(await row.count(), 1, 'the task is in the plan');
    assert.match(await row.innerText(), /nobody yet/);
    const link = row.getByRole('link', { name: 'Sleutel van het hek beheren' });
    const task = await link.getAttribute('href');
    assert.match(task, /^\/tasks\/\d+$/);
    await visit(page, task, en);
    await field(page, 'person_id').selectOption({ label: ANN_NAME });
    await submit(page, 'Ask to hold the task');
    await visit(page, task, en);
    assert.match(await mainText(page), /Held by\W+nobody yet/, 'asking does not make her the holder');
    await signOut(page);

    await asResident(page, ANN);
    await visit(page, '/notifications', en);
    assert.match(await mainText(page), new RegExp(`You are asked to take on a task in ${TITLE}`));
    await visit(page, task, en);
    await submit(page, 'I agree to hold this task');
    await visit(page, task, en);
    assert.match(await mainText(page), new RegExp(`Held by\\W+${ANN_NAME}`));
    await signOut(page);
});

test('the initiator evaluates and anchors the initiative', async () => {
    const { page } = browser;
    await asResident(page, INI);
    assert.equal(await changePhase(page, 'evaluation', 'De speeltuin is open.'), 303);
    await visit(page, `/initiatives/${initiative}/evaluation`, en);
    await field(page, 'results').fill('Een speeltuin die de buurt zelf beheert.');
    await field(page, 'worked').fill('Vroeg toezeggingen vragen.');
    await field(page, 'did_not_work').fill('Vergaderen op werkdagen.');
    await field(page, 'conditions').fill('Met een sleutelhouder uit de buurt.');
    await submit(page, 'Save the evaluation');
    assert.equal(await changePhase(page, 'anchored', 'De buurt draagt het zelf.'), 303);
    await expectPhase(page, 'Anchored');
    const history = await mainText(page);
    for (const reason of ['We zoeken buren', 'Genoeg buren', 'De speeltuin is open', 'De buurt draagt'])
        assert.match(history, new RegExp(reason), `the phase history keeps "${reason}"`);
    await screenshot(page, 'initiative-flow-anchored');
});

for (const lang of LANGUAGES) {
    test(`the offers and notifications pages pass axe and html-validate in ${lang}`, async () => {
        const { page } = browser;
        for (const [name, path] of [
            ['offers', offers()],
            ['notifications', '/notifications'],
        ]) {
            await visitIn(page, path, lang);
            await expectAxeClean(page, `axe-${name}-${lang}`, `${path} (${lang})`);
            assert.deepEqual(await htmlProblems(await servedHtml(page, path, lang), `${name}-${lang}`), []);
        }
    });
}
