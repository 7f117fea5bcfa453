// Posts at organisations through the real pages: a person signs up and asks
// for a post at one of the demo organisations; the platform admin (made at
// the console by run.sh) names an organisation admin on /admin/roles, who
// follows the link on the capacity page to /organisations/{id}/posts and
// confirms the post; the person then chooses the professional capacity and
// the header shows it. The new pages pass axe-core with zero violations and
// html-validate as served, in both languages.

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
    LANGUAGES,
    browserForSuite,
    expectPageClean,
    pathOf,
    screenshot,
    url,
    visit,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const WORKER = `welzijnswerker-${RUN}@example.nl`;
const BOSS = `welzijn-beheer-${RUN}@example.nl`;
const WORKER_NAME = 'Wies Welzijn';
const ORGANISATION = 'Stichting Welzijn Lindenhoven';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

// The number of the demo organisation called name, from the public API.
async function organisationId(name) {
    const res = await fetch(url('/api/v1/organisations'));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const org = items.find((o) => o.name === name);
    assert.ok(org, `the demo has the organisation ${name}`);
    return org.id;
}

let org = 0;

test('a post asked for in the browser is confirmed by the organisation admin', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    org = await organisationId(ORGANISATION);
    const { page } = browser;
    await signUp(page, BOSS, 'Bea Beheer');
    await signOut(page);

    await signUp(page, WORKER, WORKER_NAME);
    await visit(page, '/account/capacity', { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: 'Uw functies bij organisaties' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/account/posts');
    await page.getByLabel('Organisatie', { exact: true }).selectOption(String(org));
    await page.getByLabel('Functie', { exact: true }).selectOption({ label: 'Welzijnswerker' });
    await submit(page, 'Functie aanvragen');
    assert.equal(pathOf(page), '/account/posts');
    const mine = await page.locator('main').innerText();
    assert.match(mine, /Uw aanvraag is naar de beheerders van de organisatie gestuurd/);
    assert.match(mine, /Wacht op bevestiging/);
    assert.match(mine, new RegExp(ORGANISATION));
    await screenshot(page, 'posts-requested');
    await signOut(page);

    await signInAsAdmin(page);
    await grantRole(page, BOSS, 'organisation_admin', String(org));
    await signOut(page);

    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    await page.locator('main').getByRole('link', { name: `Functies bij ${ORGANISATION}` }).click();
    await page.waitForURL((u) => new URL(u).pathname === `/organisations/${org}/posts`);
    const waiting = page.locator('table').filter({ hasText: WORKER_NAME });
    assert.equal(await waiting.count(), 1, 'the request is listed with the name of who asked');
    await submit(page, 'Deze functie bevestigen', waiting);
    assert.equal(pathOf(page), `/organisations/${org}/posts`);
    const desk = await page.locator('main').innerText();
    assert.match(desk, /De functie is bevestigd\./);
    assert.match(desk, /Er wachten geen aanvragen\./);
    assert.match(desk, new RegExp(WORKER_NAME));
    await screenshot(page, 'posts-confirmed');
    await signOut(page);

    await signIn(page, WORKER, PASSWORD);
    await visit(page, '/account/posts', { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), /Bevestigd door de organisatie/);
    await actAs(page, `professional:${org}`);
    await screenshot(page, 'posts-professional');
});

test('a stranger gets the reason why on the organisation desk', async () => {
    const { page } = browser;
    await visit(page, `/organisations/${org}/posts`, { lang: 'nl', status: 403 });
    assert.match(await page.locator('main').innerText(), /organisati/);
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The worker is signed in here: their own posts page, with a confirmed post.
for (const lang of LANGUAGES) {
    test(`the posts page in ${lang} passes axe and html-validate`, async () => {
        await checkPage('posts', '/account/posts', lang);
    });
}

test('the organisation desk passes axe and html-validate in both languages', async () => {
    const { page } = browser;
    await signOut(page);
    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    for (const lang of LANGUAGES) {
        await checkPage('organisation-posts', `/organisations/${org}/posts`, lang);
        await checkPage('capacity-admin', '/account/capacity', lang);
    }
});
