// Residency through the real pages: a resident signs up and asks for
// residency in a demo buurt; the platform admin (made at the console by
// run.sh) names a municipality admin, who prints a batch of letters; the
// resident types the code from the letter and sees the residency verified;
// the buurt's public history then shows the verification without an e-mail
// address. Every new page passes axe-core with zero violations and
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
const RESIDENT = `bewoner-${RUN}@example.nl`;
const OFFICIAL = `gemeente-${RUN}@example.nl`;

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; nojs.test.mjs covers that).
const browser = browserForSuite();

let code = '';

test('a resident is verified with the code from a printed letter', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await signUp(page, OFFICIAL, 'Ambtenaar Test');
    await signOut(page);
    await signUp(page, RESIDENT, 'Bewoner Test');
    await visit(page, '/account/residency', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await submit(page, 'Bewonerschap aanvragen');
    assert.equal(pathOf(page), '/account/residency');
    assert.match(await page.locator('main').innerText(), /Wacht op verificatie/);
    await signOut(page);

    await signInAsAdmin(page);
    await grantRole(page, OFFICIAL, 'municipality_admin', DEMO.gemeente);
    await signOut(page);

    await signIn(page, OFFICIAL, PASSWORD);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, '/residencies', { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), /Bewoner Test/);
    await visit(page, '/letters', { lang: 'nl' });
    await page.getByLabel('Buurtcode').fill(DEMO.buurt);
    await page.getByLabel('Adressen').fill('Marktstraat 1\nMarktstraat 2');
    // The letters page answers the POST itself; the same form is also sent
    // once with fetch to validate the HTML exactly as served (that makes two
    // more letters, which is harmless).
    const letters = await postFormAsServed(page, 'form[action="/letters"]');
    assert.equal(letters.status, 200, 'the letters form answers with the letters');
    await submit(page, 'Brieven maken');
    assert.equal(await page.locator('article.letter').count(), 2);
    code = (await page.locator('.letter-code strong').first().innerText()).trim();
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const problems = await htmlProblems(letters.html, 'letters-result');
    assert.deepEqual(problems, []);
    await expectAxeClean(page, 'residency-letters');
    await signOut(page);

    await signIn(page, RESIDENT, PASSWORD);
    await visit(page, '/account/residency/code', { lang: 'nl' });
    await page.getByLabel('Code uit de brief').fill(code.toLowerCase());
    await submit(page, 'Code invullen');
    assert.equal(pathOf(page), '/account/residency');
    assert.match(await page.locator('main').innerText(), /Geverifieerd/);
    await screenshot(page, 'residency-verified');

    await visit(page, `/areas/${DEMO.buurt}/audit`, { lang: 'nl' });
    const history = await page.locator('main').innerText();
    assert.match(history, /residency\.verify/);
    assert.doesNotMatch(history, /@/);
});

test('a used letter code is refused with a message next to the field', async () => {
    const { page } = browser;
    await visit(page, '/account/residency/code', { lang: 'nl' });
    await page.getByLabel('Code uit de brief').fill(code);
    await submit(page, 'Code invullen');
    assert.equal(pathOf(page), '/account/residency/code');
    const field = page.getByLabel('Code uit de brief');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
});

// The new pages; the resident is signed in from here on.
const NEW_PAGES = [
    { name: 'residency', path: '/account/residency' },
    { name: 'residency-code', path: '/account/residency/code' },
    { name: 'capacity', path: '/account/capacity' },
    { name: 'my-data', path: '/account/data' },
    { name: 'erase', path: '/account/erase' },
    { name: 'area-history', path: `/areas/${DEMO.buurt}/audit` },
    // The desks: each seen by whoever acts in the capacity it is for (the
    // policy answers anyone else 403, tested in professional_api_test).
    { name: 'residency-queue', path: '/residencies', as: 'official' },
    { name: 'letters', path: '/letters', as: 'official' },
    { name: 'roles', path: '/admin/roles', as: 'admin' },
];

// Who is signed in for the page checks below, and in which capacity.
let signedInAs = 'resident';
async function becomeFor(page, who) {
    if (who === signedInAs)
        return;
    await signOut(page);
    if (who === 'resident') {
        await signIn(page, RESIDENT, PASSWORD);
    } else if (who === 'official') {
        await signIn(page, OFFICIAL, PASSWORD);
        await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    } else {
        await signInAsAdmin(page);
    }
    signedInAs = who;
}

for (const lang of LANGUAGES) {
    for (const p of NEW_PAGES) {
        test(`axe finds no violations on the ${p.name} page in ${lang}`, async () => {
            const { page } = browser;
            await becomeFor(page, p.as ?? 'resident');
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
