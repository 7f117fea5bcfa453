// The flows a person goes through, written once: down the geography by
// clicking links and the "find by CBS code" form, run both with and without
// JavaScript (navigation.test.mjs, nojs.test.mjs); and an account's steps
// through the Dutch forms -- signing up, in and out, choosing a capacity,
// a platform admin naming a role -- that the suites of the signed-in pages
// start with.

import assert from 'node:assert/strict';

import { DEMO, follow, pathOf, screenshot, visit } from './helpers.mjs';

// The password of every account the browser tests make.
export const PASSWORD = 'lindenhoven buurtfeest zomer';

// The first platform admin, made at the console by run.sh.
export const ADMIN = process.env.WIJK_ADMIN_EMAIL;
export const ADMIN_PASSWORD = process.env.WIJK_ADMIN_PASSWORD;

const areaPath = (code) => new RegExp(`^/areas/${code}$`);

// The link in <main> that leads to an area's page.
function areaLink(page, code) {
    return page.locator(`main a[href="/areas/${code}"]`);
}

// The trail of links above an area page: a navigation landmark with a name
// that holds a link to every ancestor.
async function checkBreadcrumbs(page, ancestors) {
    for (const code of ancestors) {
        const trail = page.getByRole('navigation').filter({ has: page.locator(`a[href="/areas/${code}"]`) });
        assert.equal(await trail.count(), 1, `one breadcrumb trail with a link to ${code}`);
        const name = await trail.getAttribute('aria-label');
        assert.ok(name && name.trim(), 'the breadcrumb trail has an accessible name');
    }
}

// The area's outline: an <svg> with role="img" and an accessible name.
export async function checkOutline(page) {
    const svg = page.locator('main svg');
    assert.ok((await svg.count()) >= 1, 'the page draws the outline as SVG');
    const snapshot = await svg.first().ariaSnapshot();
    assert.match(snapshot, /^- img "[^"]+"/, `the outline is an image with a name (got ${snapshot})`);
    const box = await svg.first().boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, 'the outline is visible');
}

// The key figures: a table in <main> with a row per figure, each a header
// cell and a value; the inhabitants row carries a number.
export async function checkKeyFigures(page) {
    const table = page.locator('main table').filter({ has: page.locator('th[scope="row"]') });
    assert.ok((await table.count()) >= 1, 'a key figures table with row headers');
    const rows = table.first().locator('tr').filter({ has: page.locator('th[scope="row"]') });
    assert.ok((await rows.count()) >= 3, 'the key figures table lists several figures');
    const cells = await rows.locator('td').allInnerTexts();
    assert.ok(cells.some((t) => /\d/.test(t)), `some key figure is a number (got ${cells.join(' | ')})`);
}

// Home -> gemeente -> wijk -> buurt by real clicks, checking each page on
// the way. shots: a screenshot name prefix, or null for none.
export async function walkDownTheAreas(page, shots) {
    await visit(page, '/');
    assert.match(await page.title(), /Wijkregie/, 'the home page title names the platform');
    if (shots) await screenshot(page, `${shots}-home`);

    const gemeente = areaLink(page, DEMO.gemeente);
    assert.match(await gemeente.first().innerText(), new RegExp(DEMO.gemeenteName));
    await follow(page, gemeente.first(), areaPath(DEMO.gemeente));
    assert.match(await page.locator('h1').innerText(), new RegExp(DEMO.gemeenteName));
    for (const code of DEMO.wijken) {
        assert.equal(await areaLink(page, code).count(), 1, `the gemeente lists wijk ${code}`);
    }
    if (shots) await screenshot(page, `${shots}-gemeente`);

    await follow(page, areaLink(page, DEMO.wijk), areaPath(DEMO.wijk));
    await checkBreadcrumbs(page, [DEMO.gemeente]);
    assert.ok((await areaLink(page, DEMO.buurt).count()) >= 1, `the wijk lists buurt ${DEMO.buurt}`);
    if (shots) await screenshot(page, `${shots}-wijk`);

    await follow(page, areaLink(page, DEMO.buurt).first(), areaPath(DEMO.buurt));
    await checkBreadcrumbs(page, [DEMO.gemeente, DEMO.wijk]);
    assert.ok((await page.locator('h1').innerText()).trim().length > 0, 'the buurt page has a heading');
    await checkKeyFigures(page);
    await checkOutline(page);
    if (shots) await screenshot(page, `${shots}-buurt`);
}

// Types code into the home page's "find by CBS code" form, submits it and
// checks that the browser lands on that area's page.
export async function findByCode(page, code, shots) {
    await visit(page, '/');
    const form = page.locator('form[action="/areas"]');
    assert.equal(await form.count(), 1, 'the home page has the find-by-code form');
    assert.equal((await form.getAttribute('method')) ?? 'get', 'get', 'the form uses GET');
    const input = form.locator('input[name="code"]');
    const id = await input.getAttribute('id');
    assert.ok(id, 'the code field has an id');
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, 'the code field has a label');
    await input.fill('');
    await input.pressSequentially(code);
    await form.locator('button[type="submit"], input[type="submit"]').first().click();
    await page.waitForURL((u) => new URL(u).pathname === `/areas/${code}`);
    assert.equal(pathOf(page), `/areas/${code}`);
    assert.ok((await page.locator('h1').innerText()).trim().length > 0);
    if (shots) await screenshot(page, `${shots}-found-${code}`);
}

// ---- an account, through the Dutch forms -----------------------------------

// Signs up email with the display name name and PASSWORD (and the invitation
// code, when given) on /sign-up; the browser lands on /account signed in.
export async function signUp(page, email, name, code) {
    await visit(page, '/sign-up', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Uw naam zoals anderen die zien').fill(name);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Wachtwoord nogmaals').fill(PASSWORD);
    if (code) await page.getByLabel('Uitnodigingscode (als u die hebt)').fill(code);
    await page.locator('main').getByRole('button', { name: 'Account maken' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/account');
}

// Signs out with the header's button on the home page; lands on /.
export async function signOut(page) {
    await visit(page, '/', { lang: 'nl' });
    await page.getByRole('button', { name: 'Uitloggen' }).first().click();
    await page.waitForURL((u) => new URL(u).pathname === '/');
}

// Fills in and sends the sign-in form; what it answers is the caller's to
// check (a wrong password shows the form again).
export async function signIn(page, email, password = PASSWORD) {
    await visit(page, '/sign-in', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.locator('main').getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');
}

// Chooses capacity on /account/capacity; the header then shows it.
export async function actAs(page, capacity) {
    await visit(page, '/account/capacity', { lang: 'nl' });
    await page.getByLabel('Optreden als').selectOption(capacity);
    await page.locator('main').getByRole('button', { name: 'Kiezen' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('header').innerText(), new RegExp(capacity));
}

// The platform admin of run.sh, signed in and acting as one.
export async function signInAsAdmin(page) {
    await signIn(page, ADMIN, ADMIN_PASSWORD);
    await actAs(page, 'platform_admin');
}

// Clicks the button called name inside scope (default: <main>) and waits
// for the page it leads to.
export async function submit(page, name, scope = page.locator('main')) {
    await scope.getByRole('button', { name }).click();
    await page.waitForLoadState('load');
}

// As a platform admin: names email role on /admin/roles, with scope (a
// gemeente code or an organisation number; '' or none for a role without).
export async function grantRole(page, email, role, scope) {
    await visit(page, '/admin/roles', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Rol', { exact: true }).selectOption(role);
    if (scope) await page.getByLabel('Gemeentecode of organisatienummer').fill(scope);
    await submit(page, 'Rol toekennen');
    assert.match(await page.locator('main').innerText(), /De rol is toegekend/);
}

// Signs in as who ({email}), acting as a resident of the demo buurt.
export async function asResident(page, who) {
    await signIn(page, who.email, PASSWORD);
    await actAs(page, `resident:${DEMO.buurt}`);
}

// Residents of the demo buurt, verified through the pages as it happens
// for real: each of residents ({email, name}) signs up and asks for
// residency; the platform admin names official ({email, name}) municipality
// admin; the official prints a letter per resident, one address in street
// each; every resident redeems their code. Ends signed out.
export async function verifyResidents(page, official, residents, street) {
    await signUp(page, official.email, official.name);
    await signOut(page);
    for (const who of residents) {
        await signUp(page, who.email, who.name);
        await visit(page, '/account/residency', { lang: 'nl' });
        await page.getByLabel('Buurtcode').fill(DEMO.buurt);
        await submit(page, 'Bewonerschap aanvragen');
        await signOut(page);
    }
    await signInAsAdmin(page);
    await grantRole(page, official.email, 'municipality_admin', DEMO.gemeente);
    await signOut(page);
    await signIn(page, official.email, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/letters', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await page.getByLabel('Adressen').fill(residents.map((_, i) => `${street} ${i + 1}`).join('\n'));
    await submit(page, 'Brieven maken');
    const codes = await page.locator('.letter-code strong').allInnerTexts();
    assert.equal(codes.length, residents.length);
    await signOut(page);
    for (const [i, who] of residents.entries()) {
        await signIn(page, who.email, PASSWORD);
        await visit(page, '/account/residency/code', { lang: 'nl' });
        await page.getByLabel('Code uit de brief').fill(codes[i].trim());
        await submit(page, 'Code invullen');
        assert.match(await page.locator('main').innerText(), /Geverifieerd/);
        await signOut(page);
    }
}
