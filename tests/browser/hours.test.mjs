// Investment hours through the real pages (issue 8, parts 1 and 2): an
// organisation's admin pledges hours for a wijk of the demo gemeente on the
// organisation's hours page; a professional with a confirmed post at the
// organisation logs hours spent against the pledge on its page; the public
// page of the wijk -- reached by the link on the area page -- shows pledged
// versus delivered per organisation and per pledge, and the organisation's
// page lists the pledge. A bad form (hours on a day outside the pledge's
// period) comes back with the message next to the field and nothing booked.
// The pledge page, the area's hours page and the organisation's hours page
// pass axe-core and html-validate as served, in both languages.
//
// The people are made through the pages: the professional asks for the post
// on /account/posts, the platform admin of run.sh names the organisation
// admin, who confirms the post.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, actAs, grantRole, signIn, signInAsAdmin, signOut, signUp, submit } from './flows.mjs';
import { LANGUAGES, browserForSuite, expectAxeClean, expectPageClean, follow, pathOf, url, visit } from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const BOSS = `uren-baas-${RUN}@example.nl`;
const PRO = `uren-coach-${RUN}@example.nl`;
const PRO_NAME = 'Henk Uren';
const ORGANISATION = 'Stichting Welzijn Lindenhoven';
const WIJK = 'WK990103';

const browser = browserForSuite();
const en = { lang: 'en' };

let org = 0;
let pledge = 0;

// The number of the demo organisation called name, from the public API.
async function organisationId(name) {
    const res = await fetch(url('/api/v1/organisations'));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const found = items.find((o) => o.name === name);
    assert.ok(found, `the demo has the organisation ${name}`);
    return found.id;
}

// The form control called name in <main>.
function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

async function mainText(page) {
    return page.locator('main').innerText();
}

test('the people: an organisation admin and a professional with a confirmed post', async () => {
    const { page } = browser;
    org = await organisationId(ORGANISATION);
    await signUp(page, BOSS, 'Uren Coördinator');
    await signOut(page);
    await signUp(page, PRO, PRO_NAME);
    await visit(page, '/account/posts', en);
    await page.getByLabel('Organisation', { exact: true }).selectOption(String(org));
    await page.getByLabel('Post', { exact: true }).selectOption({ label: 'Welfare worker' });
    await submit(page, 'Ask for the post');
    await signOut(page);

    await signInAsAdmin(page);
    await grantRole(page, BOSS, 'organisation_admin', String(org));
    await signOut(page);

    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    await visit(page, `/organisations/${org}/posts`, en);
    await submit(page, 'Confirm this post', page.locator('tr').filter({ hasText: PRO_NAME }));
    await signOut(page);
});

test('the organisation admin pledges hours for a wijk', async () => {
    const { page } = browser;
    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    await visit(page, `/organisations/${org}`, en);
    await follow(page, page.locator(`main a[href="/organisations/${org}/hours"]`), /\/hours$/);
    await field(page, 'hours').fill('120');
    await field(page, 'area').fill(WIJK);
    await field(page, 'starts_on').fill('2026-01-01');
    await field(page, 'ends_on').fill('2026-12-31');
    await submit(page, 'Pledge the hours');
    const m = pathOf(page).match(/^\/hours\/(\d+)$/);
    assert.ok(m, `the browser lands on the pledge's page (got ${pathOf(page)})`);
    pledge = Number(m[1]);
    const text = await mainText(page);
    assert.match(text, /The hours have been pledged/);
    assert.match(text, /120/);
    assert.match(text, /Withdraw the pledge/);
    await expectAxeClean(page, 'hours-pledged');
    await signOut(page);
});

test('a professional of the organisation logs hours against the pledge', async () => {
    const { page } = browser;
    await signIn(page, PRO, PASSWORD);
    await actAs(page, `professional:${org}`);
    await visit(page, `/hours/${pledge}`, en);
    // a day outside the pledge's period: the form again, nothing booked
    await field(page, 'on_date').fill('2025-12-31');
    await field(page, 'hours').fill('3.5');
    await field(page, 'kind').selectOption('coaching');
    await submit(page, 'Log hours');
    assert.match(await page.locator('#on_date-error').innerText(), /2026-01-01/);
    assert.doesNotMatch(await mainText(page), /Hours logged/);
    await expectAxeClean(page, 'hours-log-refused');

    await visit(page, `/hours/${pledge}`, en);
    await field(page, 'on_date').fill('2026-02-10');
    await field(page, 'hours').fill('3.5');
    await field(page, 'kind').selectOption('coaching');
    await field(page, 'note').fill('Eerste bewonersavond begeleid');
    await submit(page, 'Log hours');
    assert.equal(pathOf(page), `/hours/${pledge}`);
    const text = await mainText(page);
    assert.match(text, /Your hours have been logged/);
    assert.match(text, /Hours logged/);
    assert.match(text, new RegExp(PRO_NAME));
    assert.match(text, /Eerste bewonersavond begeleid/);
    assert.doesNotMatch(text, /Withdraw the pledge/, 'a professional does not withdraw the pledge');
    await expectAxeClean(page, 'hours-logged');
    await signOut(page);
});

test('the public page of the wijk shows pledged versus delivered', async () => {
    const { page } = browser;
    await visit(page, `/areas/${WIJK}`, en);
    await follow(page, page.locator(`main a[href="/areas/${WIJK}/hours"]`), /\/hours$/);
    const orgRow = page.locator('main tr').filter({ has: page.locator(`a[href="/organisations/${org}/hours"]`) });
    assert.equal(await orgRow.count(), 1, 'one row for the organisation');
    const cells = await orgRow.locator('td').allInnerTexts();
    assert.ok(cells.includes('120'), `the organisation pledged 120 hours here (got ${cells.join(' | ')})`);
    assert.ok(cells.includes('3.5'), `and delivered 3.5 (got ${cells.join(' | ')})`);
    const pledgeRow = page.locator('main tr').filter({ has: page.locator(`a[href="/hours/${pledge}"]`) });
    assert.equal(await pledgeRow.count(), 1, 'the pledge has its row');
    assert.match(await pledgeRow.innerText(), /116\.5/, 'with the hours still open');

    await visit(page, `/organisations/${org}/hours`, en);
    assert.equal(await page.locator(`main a[href="/hours/${pledge}"]`).count(), 1);
    assert.equal(await field(page, 'hours').count(), 0, 'a visitor gets no form to pledge');

    const csv = await fetch(url(`/hours/${pledge}/ledger.csv`));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(await csv.text(), /,delivery,delivered,3\.5,/);
});

test('the hours pages pass axe-core and html-validate in both languages', async () => {
    const { page } = browser;
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'hours-pledge', `/hours/${pledge}`, lang);
        await expectPageClean(page, 'hours-area', `/areas/${WIJK}/hours`, lang);
        await expectPageClean(page, 'hours-organisation', `/organisations/${org}/hours`, lang);
    }
    await signIn(page, PRO, PASSWORD);
    await actAs(page, `professional:${org}`);
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'hours-pledge-form', `/hours/${pledge}`, lang);
        await expectPageClean(page, 'hours-correct', `/hours/${pledge}/correct`, lang);
    }
    await signOut(page);
    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'hours-organisation-form', `/organisations/${org}/hours`, lang);
        await expectPageClean(page, 'hours-pledge-admin', `/hours/${pledge}`, lang);
    }
    await signOut(page);
});
