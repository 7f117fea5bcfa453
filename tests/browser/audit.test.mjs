// Invitations and the audit log through the real pages: the platform admin
// (made at the console by run.sh) makes an invitation and sees its code
// once; a new person signs up with that code and finds the sign-in on
// /account/activity; named a municipality admin, the invited person
// verifies a neighbour's residency, and the buurt's public history page for
// that object says in words in which capacity it was done. Every new page
// passes axe-core with zero violations and html-validate as served, in both
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
    DEMO,
    LANGUAGES,
    browserForSuite,
    expectAxeClean,
    htmlProblems,
    pathOf,
    postFormAsServed,
    screenshot,
    servedHtml,
    visit,
    visitIn,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const INVITED = `uitgenodigd-${RUN}@example.nl`;
const NEIGHBOUR = `buur-${RUN}@example.nl`;

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; nojs.test.mjs covers that).
const browser = browserForSuite();

let code = '';

test('a platform admin makes an invitation and sees its code once', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await signInAsAdmin(page);
    await visit(page, '/account', { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: 'Uitnodigingen' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/invitations');
    await page.getByLabel('Geldig gedurende (dagen)').fill('7');
    await page.getByLabel('Notitie (niet verplicht)').fill('voor de nieuwe buurvrouw');
    // The answer is validated as served (with fetch: that makes one more
    // invitation, which is harmless), then the form is sent by the browser.
    const served = await postFormAsServed(page, 'form[action="/invitations"]');
    assert.equal(served.status, 200);
    assert.equal(served.cacheControl, 'no-store');
    assert.deepEqual(await htmlProblems(served.html, 'invitation-code'), []);
    await submit(page, 'Uitnodiging maken');
    code = (await page.locator('.invitation-code strong').innerText()).trim();
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    assert.match(await page.locator('main').innerText(), /Geef deze code door/);
    await expectAxeClean(page, 'invitation-code');
    // The list shows the invitation, never the code again.
    await visit(page, '/invitations', { lang: 'nl' });
    const list = await page.locator('main').innerText();
    assert.match(list, /voor de nieuwe buurvrouw/);
    assert.match(list, /Nog niet gebruikt/);
    assert.ok(!list.includes(code), 'the list does not show the code');
    await signOut(page);
});

test('the invited person signs up with the code and sees the sign-in in their activity', async () => {
    const { page } = browser;
    await signUp(page, NEIGHBOUR, 'Buur Test');
    await visit(page, '/account/residency', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await submit(page, 'Bewonerschap aanvragen');
    await signOut(page);

    await signUp(page, INVITED, 'Uitgenodigd Test', code.toLowerCase());
    await page.locator('main').getByRole('link', { name: 'Uw activiteit' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/account/activity');
    const activity = await page.locator('main').innerText();
    assert.match(activity, /session\.start/);
    assert.match(activity, /invitation\.use/);
    assert.doesNotMatch(activity, /@/);
    await screenshot(page, 'account-activity');
    await signOut(page);
});

test('a used invitation code is refused at sign-up with a message next to the field', async () => {
    const { page } = browser;
    await visit(page, '/sign-up', { lang: 'nl' });
    await page.getByLabel('E-mailadres').fill(`tweede-${RUN}@example.nl`);
    await page.getByLabel('Uw naam zoals anderen die zien').fill('Tweede');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Wachtwoord nogmaals').fill(PASSWORD);
    await page.getByLabel('Uitnodigingscode (als u die hebt)').fill(code);
    await submit(page, 'Account maken');
    assert.equal(pathOf(page), '/sign-up');
    const field = page.getByLabel('Uitnodigingscode (als u die hebt)');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
});

test('an object page shows the capacity of what was done in words', async () => {
    const { page } = browser;
    await signInAsAdmin(page);
    await grantRole(page, INVITED, 'municipality_admin', DEMO.gemeente);
    await signOut(page);

    await signIn(page, INVITED, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/residencies', { lang: 'nl' });
    await submit(page, 'Verifiëren', page.locator('tr', { hasText: 'Buur Test' }));

    await visit(page, `/areas/${DEMO.buurt}/audit`, { lang: 'nl' });
    await page.locator('main').getByRole('link', { name: `area ${DEMO.buurt}` }).first().click();
    await page.waitForURL((u) => new URL(u).pathname === `/audit/area/${DEMO.buurt}`);
    const nl = await page.locator('main').innerText();
    assert.match(nl, /residency\.verify/);
    assert.match(nl, new RegExp(`Uitgenodigd Test, als gemeentebeheerder van ${DEMO.gemeenteName}`));
    assert.doesNotMatch(nl, /@/);
    await visit(page, `/audit/area/${DEMO.buurt}`, { lang: 'en' });
    const en = await page.locator('main').innerText();
    assert.match(en, new RegExp(`as municipality admin of ${DEMO.gemeenteName}`));
    await screenshot(page, 'object-history');
});

// The new pages; the invited person is signed in from here on.
const NEW_PAGES = [
    { name: 'invitations', path: '/invitations' },
    { name: 'activity', path: '/account/activity' },
    { name: 'object-history', path: `/audit/area/${DEMO.buurt}` },
    { name: 'area-history', path: `/areas/${DEMO.buurt}/audit` },
];

for (const lang of LANGUAGES) {
    for (const p of NEW_PAGES) {
        test(`axe finds no violations on the ${p.name} page in ${lang}`, async () => {
            const { page } = browser;
            await visitIn(page, p.path, lang);
            await expectAxeClean(page, `axe-${p.name}-${lang}`, `${p.path} (${lang})`);
        });

        test(`the ${p.name} page in ${lang} is valid HTML as served`, async () => {
            const { page } = browser;
            const problems = await htmlProblems(await servedHtml(page, p.path, lang), `${p.name}-${lang}`);
            assert.deepEqual(problems, []);
        });
    }
}
