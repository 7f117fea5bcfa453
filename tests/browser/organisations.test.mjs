// Organisations through the real pages: a visitor follows "Organisaties" in
// the header, searches the demo organisations by name and by kind, opens one
// and sees its profile with the areas it serves; the platform admin (made at
// the console by run.sh) names an organisation admin on /admin/roles, who
// opens the edit form from the profile, gets a bad postcode back with the
// message next to the field, and saves a corrected profile. The new pages
// pass axe-core with zero violations and html-validate as served, in both
// languages.

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
const BOSS = `buurtkamer-beheer-${RUN}@example.nl`;
const ORGANISATION = 'Buurtkamer De Weiden';
const GROUP = 'Vrijdagkookclub Bloemenbuurt';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

async function organisationId(name) {
    const res = await fetch(url(`/api/v1/organisations?limit=100&q=${encodeURIComponent(name)}`));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const org = items.find((o) => o.name === name);
    assert.ok(org, `the demo has the organisation ${name}`);
    return org.id;
}

let org = 0;

test('a visitor browses, searches and opens an organisation', async () => {
    org = await organisationId(ORGANISATION);
    const { page } = browser;
    await visit(page, '/', { lang: 'nl' });
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Organisaties' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/organisations');
    const all = await page.locator('main table').innerText();
    assert.match(all, new RegExp(ORGANISATION));
    assert.match(all, new RegExp(GROUP));

    await page.getByLabel('Naam bevat').fill('weiden');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/q=weiden/);
    const found = await page.locator('main table').innerText();
    assert.match(found, new RegExp(ORGANISATION));
    assert.doesNotMatch(found, new RegExp(GROUP));

    await page.getByLabel('Naam bevat').fill('');
    await page.getByLabel('Soort', { exact: true }).selectOption('informal_group');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/kind=informal_group/);
    const groups = await page.locator('main table').innerText();
    assert.match(groups, new RegExp(GROUP));
    assert.doesNotMatch(groups, new RegExp(ORGANISATION));
    await screenshot(page, 'organisations-search');

    await visit(page, `/organisations?q=weiden`, { lang: 'nl' });
    await page.locator('main table').getByRole('link', { name: ORGANISATION }).click();
    await page.waitForURL((u) => new URL(u).pathname === `/organisations/${org}`);
    const profile = await page.locator('main').innerText();
    assert.match(profile, /Bestaand initiatief/);
    assert.match(profile, /Weidebuurt \(BU99010301\)/);
    assert.match(profile, /9901 DE/);
    assert.equal(await page.locator(`main a[href="/areas/BU99010301/arena"]`).count(), 1);
    assert.equal(await page.locator(`main a[href="/organisations/${org}/edit"]`).count(), 0);
    await screenshot(page, 'organisations-profile');
});

test('the organisation admin edits the profile, a bad postcode shown next to its field', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await signUp(page, BOSS, 'Bram Buurtkamer');
    await signOut(page);
    await signInAsAdmin(page);
    await grantRole(page, BOSS, 'organisation_admin', String(org));
    await signOut(page);

    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);
    await visit(page, `/organisations/${org}`, { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: 'Het profiel bewerken' }).click();
    await page.waitForURL((u) => new URL(u).pathname === `/organisations/${org}/edit`);
    assert.equal(await page.getByLabel('Naam', { exact: true }).inputValue(), ORGANISATION);

    await page.getByLabel('Postcode', { exact: true }).fill('99');
    await submit(page, 'Het profiel opslaan');
    assert.equal(pathOf(page), `/organisations/${org}/edit`);
    const error = page.locator('#postal_code-error');
    assert.match(await error.innerText(), /Nederlandse postcode/);
    assert.equal(await page.getByLabel('Postcode', { exact: true }).getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'organisations-edit-error');

    await page.getByLabel('Postcode', { exact: true }).fill('9901de');
    await page.getByLabel('Beschrijving').fill('Koffie, spelletjes en een open tafel op woensdag en vrijdag.');
    await submit(page, 'Het profiel opslaan');
    assert.equal(pathOf(page), `/organisations/${org}`);
    const saved = await page.locator('main').innerText();
    assert.match(saved, /Het profiel is opgeslagen\./);
    assert.match(saved, /woensdag en vrijdag/);
    assert.match(saved, /9901 DE/);
    await screenshot(page, 'organisations-saved');
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The organisation admin is signed in here, so the edit link and form show.
for (const lang of LANGUAGES) {
    test(`the organisation pages in ${lang} pass axe and html-validate`, async () => {
        await checkPage('organisations', '/organisations?kind=informal_group', lang);
        await checkPage('organisation', `/organisations/${org}`, lang);
        await checkPage('organisation-edit', `/organisations/${org}/edit`, lang);
        await checkPage('interests', '/account/interests', lang);
    });
}

test('the registration form passes axe and html-validate in both languages', async () => {
    const { page } = browser;
    await signOut(page);
    await signInAsAdmin(page);
    for (const lang of LANGUAGES)
        await checkPage('organisation-new', '/organisations/new', lang);
});
