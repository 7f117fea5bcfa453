// Services through the real pages: a visitor searches the demo's services by
// name and by area, opens one and reads its opening hours in words and its
// next openings; the admin of a demo organisation (named on /admin/roles by
// the platform admin that run.sh made) adds a service with a first location
// on the organisation's services page, then opening hours on its edit page,
// and a schedule that cannot occur comes back with the message next to its
// field. The pages pass axe-core with zero violations and html-validate as
// served, in both languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, actAs, grantRole, signIn, signInAsAdmin, signOut, signUp, submit } from './flows.mjs';
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
const BOSS = `huurders-beheer-${RUN}@example.nl`;
const ORGANISATION = 'Huurdersvereniging Lindenhof';
const SERVICE = `Klusochtend ${RUN}`;

const browser = browserForSuite();

async function organisationId(name) {
    const res = await fetch(url('/api/v1/organisations'));
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const org = items.find((o) => o.name === name);
    assert.ok(org, `the demo has the organisation ${name}`);
    return org.id;
}

let serviceId = 0;
let newServiceId = 0;

test('a visitor finds a service and reads when it is open', async () => {
    const { page } = browser;
    await visit(page, '/services', { lang: 'nl' });
    await page.getByLabel('Naam of beschrijving').fill('koffie');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/services');
    const results = page.locator('table').filter({ hasText: 'Koffieochtend Lindeplein' });
    assert.equal(await results.count(), 1, 'the search finds the demo service');
    await results.getByRole('link', { name: 'Koffieochtend Lindeplein' }).click();
    await page.waitForURL((u) => /^\/services\/\d+$/.test(new URL(u).pathname));
    serviceId = Number(pathOf(page).split('/').pop());
    const main = await page.locator('main').innerText();
    assert.match(main, /Elke week op dinsdag en donderdag, 09:30 tot 11:30/);
    assert.match(main, /Eerstvolgende openingen/);
    assert.match(main, /(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d+ \w+ \d{4}, \d\d:\d\d tot/);
    assert.match(main, /Drempelvrije ingang/);
    assert.match(main, /Nederlands, Turks, Arabisch|Arabisch, Nederlands, Turks/);
    await screenshot(page, 'service-page');
});

test('the search by area finds what lies below it', async () => {
    const { page } = browser;
    await visit(page, '/services?area=WK990103', { lang: 'en' });
    const main = await page.locator('main').innerText();
    assert.match(main, /Open tafel/);
    assert.match(main, /Formulierenhulp/);
    assert.doesNotMatch(main, /Koffieochtend Lindeplein/);
    await visit(page, '/services?area=BU99999999', { lang: 'en', status: 404 });
    assert.match(await page.locator('main').innerText(), /There is no area with code BU99999999/);
});

test('an organisation admin adds a service and its opening hours', async () => {
    const org = await organisationId(ORGANISATION);
    const { page } = browser;
    await signUp(page, BOSS, 'Henk Huurder');
    await signOut(page);
    await signInAsAdmin(page);
    await grantRole(page, BOSS, 'organisation_admin', String(org));
    await signOut(page);
    await signIn(page, BOSS, PASSWORD);
    await actAs(page, `organisation_admin:${org}`);

    await visit(page, `/organisations/${org}/services`, { lang: 'nl' });
    const form = page.locator('form').filter({ hasText: 'Dienst toevoegen' });
    await form.getByLabel('Naam', { exact: true }).fill(SERVICE);
    await form.getByLabel('Talen').fill('nl, pl');
    await form.getByLabel('Kosten in euro').fill('0');
    await form.getByLabel('Naam van de locatie').fill('Klushok');
    await form.getByLabel('Gebiedscode').fill('BU99010203');
    await submit(page, 'Dienst toevoegen');
    await page.waitForURL((u) => /^\/services\/\d+$/.test(new URL(u).pathname));
    newServiceId = Number(pathOf(page).split('/').pop());
    let main = await page.locator('main').innerText();
    assert.match(main, /Opgeslagen\./);
    assert.match(main, /Klushok/);
    assert.match(main, /Gratis/);

    await page.getByRole('link', { name: /Deze dienst wijzigen/ }).click();
    await page.waitForURL((u) => new URL(u).pathname === `/services/${newServiceId}/edit`);
    const hours = page.locator('form').filter({ hasText: 'Openingstijden toevoegen' });
    await hours.getByLabel('Dagen van de maand').fill('31');
    await hours.getByLabel('Hoe vaak (WEEKLY of MONTHLY)').fill('MONTHLY');
    await hours.getByLabel('Alleen in de maanden').fill('2');
    await hours.getByLabel('Vanaf (JJJJ-MM-DD)').fill('2025-01-01');
    await hours.getByLabel('Opent om (UU:MM)').fill('10:00');
    await hours.getByLabel('Sluit om (UU:MM)').fill('12:00');
    await submit(page, 'Openingstijden toevoegen');
    assert.equal(pathOf(page), `/services/${newServiceId}/schedules`);
    const error = page.locator('#sched-bymonthday-error');
    assert.match(await error.innerText(), /Geen van de gekozen maanden heeft die dag van de maand/);
    await screenshot(page, 'service-schedule-refused');

    const again = page.locator('form').filter({ hasText: 'Openingstijden toevoegen' });
    await again.getByLabel('Dagen van de maand').fill('');
    await again.getByLabel('Alleen in de maanden').fill('');
    await again.getByLabel('Hoe vaak (WEEKLY of MONTHLY)').fill('WEEKLY');
    await again.getByLabel('Dagen', { exact: true }).fill('SA');
    await submit(page, 'Openingstijden toevoegen');
    await page.waitForURL((u) => new URL(u).pathname === `/services/${newServiceId}`);
    main = await page.locator('main').innerText();
    assert.match(main, /Elke week op zaterdag, 10:00 tot 12:00/);
    await screenshot(page, 'service-added');
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

for (const lang of LANGUAGES) {
    test(`the service pages in ${lang} pass axe and html-validate`, async () => {
        assert.ok(serviceId && newServiceId, 'the tests before found and made services');
        const org = await organisationId(ORGANISATION);
        await checkPage('services', '/services?q=koffie', lang);
        await checkPage('service', `/services/${serviceId}`, lang);
        await checkPage('organisation-services', `/organisations/${org}/services`, lang);
        await checkPage('service-edit', `/services/${newServiceId}/edit`, lang);
    });
}
