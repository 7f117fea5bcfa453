// Pledges and the plan through the real pages: two people sign up and ask
// for residency in a demo buurt; a municipality admin (named by the platform
// admin of run.sh) prints letters and each redeems a code. The first starts
// an initiative with thresholds (2 residents, 20 hours a month) and moves it
// to awareness. The second pledges on /initiatives/{id}/pledges: absurd
// hours are shown again with the message next to the field; then 3 hours a
// week and a skill, and the progress reads "1 of 2 residents, 13 of 20
// hours a month". The initiator sees the pledge in the list, moves the
// initiative to execution, adds a task on the plan and asks the pledger to
// hold it; the task is nobody's until the pledger, on the task's page,
// agrees. The pledges, plan and task pages pass axe-core and html-validate
// as served, in both languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    ADMIN,
    ADMIN_PASSWORD,
    asResident,
    signOut,
    submit,
    verifyResidents,
} from './flows.mjs';
import {
    LANGUAGES,
    browserForSuite,
    expectPageClean,
    pathOf,
    screenshot,
    visit,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = `gemeente-plan-${RUN}@example.nl`;
const INITIATOR = { email: `petra-${RUN}@example.nl`, name: 'Petra Plan' };
const PLEDGER = { email: `kees-${RUN}@example.nl`, name: 'Kees Klus' };
const TITLE = 'Speeltuin aan de Lindenlaan';
const TASK = 'Sleutel van het hek beheren';

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

let hub = '';
let taskPage = '';

async function movePhase(page, phase, reason) {
    await visit(page, hub, { lang: 'nl' });
    await page.getByLabel('Nieuwe fase').selectOption(phase);
    await page.getByLabel('Reden').fill(reason);
    await submit(page, 'Verander de fase');
}

test('a resident pledges hours and sees the progress', async () => {
    assert.ok(ADMIN && ADMIN_PASSWORD, 'run.sh exports WIJK_ADMIN_EMAIL and WIJK_ADMIN_PASSWORD');
    const { page } = browser;
    await verifyResidents(page, { email: OFFICIAL, name: 'Ambtenaar Plan' }, [INITIATOR, PLEDGER], 'Lindenlaan');
    await asResident(page, INITIATOR);
    await visit(page, '/initiatives/new', { lang: 'nl' });
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Bewoners die moeten toezeggen voor de uitvoering').fill('2');
    await page.getByLabel('Uren per maand die toegezegd moeten zijn voor de uitvoering').fill('20');
    await submit(page, 'Start het initiatief');
    assert.match(pathOf(page), /^\/initiatives\/\d+$/);
    hub = pathOf(page);
    await movePhase(page, 'awareness', 'We vragen de buren');
    assert.match(await page.locator('main').innerText(), /Fase: Bewustwording/);
    await signOut(page);

    await asResident(page, PLEDGER);
    await visit(page, `${hub}/pledges`, { lang: 'nl' });
    const before = await page.locator('main').innerText();
    assert.match(before, /0 van 2 bewoners, 0 van 20 uur per maand/);
    await page.getByLabel('Uren', { exact: true }).fill('50');
    await page.getByLabel('Per', { exact: true }).selectOption('week');
    await submit(page, 'Toezeggen');
    assert.equal(pathOf(page), `${hub}/pledges`);
    const hours = page.getByLabel('Uren', { exact: true });
    assert.equal(await hours.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('main').innerText(), /Zeg tussen 0,5 en 40 uur per week toe/);
    await hours.fill('3');
    await page.getByLabel('Een vaardigheid die u meebrengt').fill('timmeren');
    await submit(page, 'Toezeggen');
    const main = await page.locator('main').innerText();
    assert.match(main, /Dank u wel: uw toezegging is vastgelegd\./);
    assert.match(main, /1 van 2 bewoners, 13 van 20 uur per maand/);
    assert.match(main, /3 uur per week; vaardigheid: timmeren/);
    await screenshot(page, 'pledges-pledged');
    await signOut(page);
});

test('an initiator asks a pledger to hold a task and the pledger consents', async () => {
    const { page } = browser;
    await asResident(page, INITIATOR);
    await visit(page, `${hub}/pledges`, { lang: 'nl' });
    const list = page.locator('table').filter({ hasText: PLEDGER.name });
    assert.equal(await list.count(), 1, 'the initiators see who pledged');
    await movePhase(page, 'execution', 'We beginnen met wie er is');
    await visit(page, `${hub}/plan`, { lang: 'nl' });
    await page.getByLabel('Taak', { exact: true }).fill(TASK);
    await page.getByLabel('Deadline').fill('2026-12-01');
    await submit(page, 'Voeg de taak toe');
    assert.match(await page.locator('main').innerText(), /De taak is aan het plan toegevoegd\./);
    await page.locator('main').getByRole('link', { name: TASK }).click();
    await page.waitForURL((u) => /^\/tasks\/\d+$/.test(new URL(u).pathname));
    taskPage = pathOf(page);
    await page.getByLabel('Toezegger').selectOption({ label: PLEDGER.name });
    await submit(page, 'Vraag om de taak op zich te nemen');
    let main = await page.locator('main').innerText();
    assert.match(main, /Het verzoek is verstuurd/);
    assert.match(main, /Uitgevoerd door\s+nog niemand/);
    await signOut(page);

    await asResident(page, PLEDGER);
    await visit(page, `${hub}/plan`, { lang: 'nl' });
    const plan = await page.locator('main').innerText();
    assert.match(plan, /Kees Klus is gevraagd de taak op zich te nemen\./);
    await visit(page, taskPage, { lang: 'nl' });
    assert.match(await page.locator('main').innerText(), /U bent gevraagd deze taak op u te nemen/);
    await submit(page, 'Ja, ik neem deze taak op me');
    main = await page.locator('main').innerText();
    assert.match(main, /U hebt deze taak nu op u genomen\./);
    assert.match(main, new RegExp(`Uitgevoerd door\\s+${PLEDGER.name}`));
    await screenshot(page, 'plan-task-consented');
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The pledger (who holds the task) and then the initiator are signed in.
test('the pledges, plan and task pages pass axe-core and html-validate', async () => {
    const { page } = browser;
    for (const lang of LANGUAGES) {
        await checkPage('pledges-pledger', `${hub}/pledges`, lang);
        await checkPage('task-holder', taskPage, lang);
    }
    await signOut(page);
    await asResident(page, INITIATOR);
    for (const lang of LANGUAGES) {
        await checkPage('pledges-initiator', `${hub}/pledges`, lang);
        await checkPage('plan-initiator', `${hub}/plan`, lang);
        await checkPage('task-initiator', taskPage, lang);
    }
});
