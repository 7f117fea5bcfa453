// Organising an activity through the real pages (issue 7, "Done when"):
// three residents of a demo buurt, verified by letter code, found a
// collective, and one of them starts an initiative. The initiator organises
// a weekly activity with one place and a volunteer role; one neighbour signs
// up and has the place, the other joins the waiting list and moves up --
// and is told -- when the first cancels. The initiator cancels one date;
// the collective's board organises an activity of its own. The activity,
// the organisers' page with its form, the buurt's listing, the print
// listing and one's own activities pass axe-core and html-validate as
// served, in both languages.
//
// Then every kind of iCalendar feed -- initiative, collective, buurt and a
// person's private link -- is parsed with ical.js (npm), and the
// occurrences it expands (RRULE, EXDATE, TZID=Europe/Amsterdam with the
// feed's VTIMEZONE) must be exactly the platform's own JSON list of
// occurrences over the same period.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import ICAL from 'ical.js';

import { asResident, signOut, submit, verifyResidents } from './flows.mjs';
import {
    DEMO,
    LANGUAGES,
    browserForSuite,
    expectPageClean,
    pathOf,
    screenshot,
    url,
    visit,
} from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = { email: `gemeente-activiteit-${RUN}@example.nl`, name: 'Ambtenaar Agenda' };
const RESIDENTS = [
    { email: `gijs-${RUN}@example.nl`, name: 'Gijs Gras' },
    { email: `hanna-${RUN}@example.nl`, name: 'Hanna Hek' },
    { email: `ivo-${RUN}@example.nl`, name: 'Ivo Iep' },
];
const TITLE = `Repaircafé ${RUN}`;
const BOARD_TITLE = `Ledenavond ${RUN}`;

// axe-core needs the page's timers, so this suite runs with JavaScript on
// (the pages themselves use none; the forms are plain posts).
const browser = browserForSuite();

const nl = { lang: 'nl' };
let initiative = '';
let collective = '';
let activity = '';
let feedLink = '';

function field(page, name) {
    return page.locator(`main [name="${name}"]`);
}

async function mainText(page) {
    return page.locator('main').innerText();
}

// A date days from now, as the date input takes it.
function inDays(days) {
    return new Date(Date.now() + days * 86400 * 1000).toISOString().slice(0, 10);
}

// The cookies of page's browser, as a Cookie header.
async function cookies(page) {
    return (await page.context().cookies(url('/'))).map((c) => `${c.name}=${c.value}`).join('; ');
}

test('three residents, a collective and an initiative', async () => {
    const { page } = browser;
    await verifyResidents(page, OFFICIAL, RESIDENTS, 'Werkplaatsstraat');
    const [gijs, hanna, ivo] = RESIDENTS;
    await asResident(page, gijs);
    await visit(page, '/collectives/new', nl);
    await field(page, 'name').fill(`Buurttrust Agenda ${RUN}`);
    await field(page, 'kind').selectOption('trust');
    await field(page, 'area').selectOption(DEMO.buurt);
    await field(page, 'voting_rule').selectOption('majority');
    await field(page, 'cofounder1').fill(hanna.email);
    await field(page, 'cofounder2').fill(ivo.email);
    await submit(page, 'Het collectief oprichten');
    assert.match(pathOf(page), /^\/collectives\/\d+$/);
    collective = pathOf(page);
    await visit(page, '/initiatives/new', nl);
    await page.getByLabel('Titel', { exact: true }).fill(`Repareren in de buurt ${RUN}`);
    await submit(page, 'Start het initiatief');
    assert.match(pathOf(page), /^\/initiatives\/\d+$/);
    initiative = pathOf(page);
    await signOut(page);
    for (const who of [hanna, ivo]) {
        await asResident(page, who);
        await visit(page, collective, nl);
        await submit(page, 'Aansluiten als medeoprichter');
        await signOut(page);
    }
});

test('the initiator organises a weekly activity with one place and a volunteer role', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[0]);
    await visit(page, initiative, nl);
    await page.locator('main').getByRole('link', { name: 'Activiteiten' }).click();
    await page.waitForURL((u) => new URL(u).pathname === `${initiative}/activities`);
    // an end before the start: the form again, the message next to the field
    await field(page, 'title').fill(TITLE);
    await field(page, 'date').fill(inDays(2));
    await field(page, 'starts').fill('19:30');
    await field(page, 'ends').fill('18:00');
    await field(page, 'address').fill('Buurthuis, Kerkstraat 1');
    await submit(page, 'De activiteit aanmaken');
    assert.match(await page.locator('#ends-error').innerText(), /eindigt voordat ze begint/);
    await field(page, 'ends').fill('21:30');
    await field(page, 'freq').selectOption('WEEKLY');
    await field(page, 'count').fill('6');
    await field(page, 'capacity').fill('1');
    await field(page, 'role_1_name').fill('Koffie schenken');
    await field(page, 'role_1_needed').fill('1');
    await submit(page, 'De activiteit aanmaken');
    assert.match(pathOf(page), /^\/activities\/\d+$/);
    activity = pathOf(page);
    const main = await mainText(page);
    assert.match(main, /De activiteit is aangemaakt/);
    assert.match(main, /0 van 1 plaatsen bezet/);
    assert.match(main, /Koffie schenken/);
    await screenshot(page, 'activity-created');
    await signOut(page);
});

test('one neighbour has the place, the other waits and moves up when it frees', async () => {
    const { page } = browser;
    const [, hanna, ivo] = RESIDENTS;
    await asResident(page, hanna);
    await visit(page, activity, nl);
    await submit(page, 'Aanmelden voor deze activiteit');
    assert.match(await mainText(page), /U bent aangemeld: u hebt een plaats/);
    await submit(page, 'Help mee'); // the volunteer role
    assert.match(await mainText(page), /Dank u wel dat u als vrijwilliger helpt/);
    await signOut(page);

    await asResident(page, ivo);
    await visit(page, activity, nl);
    assert.match(await mainText(page), /Alle plaatsen zijn bezet/);
    await submit(page, 'Op de wachtlijst');
    assert.match(await mainText(page), /U staat als nummer 1 op de wachtlijst/);
    await screenshot(page, 'activity-waiting');
    await signOut(page);

    await asResident(page, hanna);
    await visit(page, activity, nl);
    await submit(page, 'Mijn aanmelding intrekken');
    assert.match(await mainText(page), /Uw aanmelding is ingetrokken/);
    await signOut(page);

    await asResident(page, ivo);
    await visit(page, activity, nl);
    assert.match(await mainText(page), /U hebt een plaats/);
    await visit(page, '/notifications', nl);
    assert.ok((await page.locator(`main a[href="${activity}"]`).count()) > 0, 'Ivo was told');
    // his private calendar link, shown once
    await visit(page, '/me/calendar', nl);
    await submit(page, 'Een link maken');
    feedLink = await page.locator('main .feed-link a').getAttribute('href');
    assert.match(feedLink, /\/calendar\/[A-Za-z0-9_-]{43}\/activities\.ics$/);
    await signOut(page);
});

test('the organisers see who signed up and cancel one date', async () => {
    const { page } = browser;
    await asResident(page, RESIDENTS[0]);
    await visit(page, activity, nl);
    assert.match(await mainText(page), new RegExp(RESIDENTS[2].name));
    await field(page, 'starts_at').selectOption({ index: 1 });
    await page.locator('#occurrence-reason').fill('De zaal is bezet');
    await submit(page, 'Deze datum afzeggen');
    assert.match(await mainText(page), /Die datum is afgezegd/);
    assert.match(await mainText(page), /\(afgezegd\)/);
});

test('the collective board organises a monthly activity', async () => {
    const { page } = browser;
    await visit(page, `${collective}/activities`, nl);
    await field(page, 'title').fill(BOARD_TITLE);
    await field(page, 'date').fill(inDays(5));
    await field(page, 'starts').fill('20:00');
    await field(page, 'ends').fill('22:00');
    await field(page, 'freq').selectOption('MONTHLY');
    await field(page, 'count').fill('7'); // past a change of summer time
    await field(page, 'address').fill('De Linde, zaal 2');
    await submit(page, 'De activiteit aanmaken');
    assert.match(pathOf(page), /^\/activities\/\d+$/);
    await visit(page, `/areas/${DEMO.buurt}/activities`, nl);
    const main = await mainText(page);
    assert.match(main, new RegExp(TITLE));
    assert.match(main, new RegExp(BOARD_TITLE));
});

const checkPage = (name, path, lang) => expectPageClean(browser.page, name, path, lang);

// The initiator is signed in here.
for (const lang of LANGUAGES) {
    test(`the activity pages in ${lang} pass axe and html-validate`, async () => {
        await checkPage('activity', activity, lang);
        await checkPage('activities-owner', `${initiative}/activities`, lang);
        await checkPage('activity-edit', `${activity}/edit`, lang);
        await checkPage('activities-buurt', `/areas/${DEMO.buurt}/activities`, lang);
        await checkPage('activities-wijk', `/areas/${DEMO.wijk}/activities`, lang);
        await checkPage('activities-print', `/areas/${DEMO.buurt}/activities/print`, lang);
        await checkPage('my-activities', '/me/calendar', lang);
    });
}

// ---- the feeds against ical.js ------------------------------------------------

// "id:start:end" of every occurrence that ical.js expands from the feed in
// text and that ends after from and starts before to (unix seconds);
// cancelled events left out.
function icalOccurrences(text, from, to) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const out = [];
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
        if (vevent.getFirstPropertyValue('status') === 'CANCELLED') continue;
        const event = new ICAL.Event(vevent);
        const id = Number(/^activity-(\d+)@/.exec(event.uid)[1]);
        const add = (start, end) => {
            const s = start.toUnixTime();
            const e = end.toUnixTime();
            if (e > from && s < to) out.push(`${id}:${s}:${e}`);
        };
        if (!event.isRecurring()) {
            add(event.startDate, event.endDate);
            continue;
        }
        const it = event.iterator();
        for (let next = it.next(); next; next = it.next()) {
            if (next.toUnixTime() >= to) break;
            const details = event.getOccurrenceDetails(next);
            add(details.startDate, details.endDate);
        }
    }
    return out.sort();
}

// The platform's own list, the same way.
function platformOccurrences(json) {
    return json.items
        .filter((o) => !o.cancelled)
        .map((o) => `${o.activity_id}:${o.starts_at}:${o.ends_at}`)
        .sort();
}

// Every line of a feed ends in CRLF and holds at most 75 octets.
function assertWellFormed(text, what) {
    assert.ok(text.endsWith('\r\n'), `${what} ends with CRLF`);
    for (const line of text.slice(0, -2).split('\r\n')) {
        assert.ok(!line.includes('\n'), `${what}: a bare LF`);
        assert.ok(Buffer.byteLength(line) <= 75, `${what}: a line of ${Buffer.byteLength(line)} octets`);
    }
}

async function compare(feedPath, listPath, headers = {}) {
    const from = Math.floor(Date.now() / 1000) - 86400;
    const to = from + 240 * 86400;
    const feed = await fetch(url(feedPath));
    assert.equal(feed.status, 200, feedPath);
    assert.match(feed.headers.get('content-type'), /^text\/calendar/);
    const text = await feed.text();
    assertWellFormed(text, feedPath);
    const list = await fetch(url(`${listPath}?from=${from}&to=${to}`), { headers });
    assert.equal(list.status, 200, listPath);
    const mine = platformOccurrences(await list.json());
    assert.ok(mine.length > 0, `${listPath} lists occurrences`);
    assert.deepEqual(icalOccurrences(text, from, to), mine, `${feedPath} as ical.js expands it`);
    return text;
}

test('every kind of feed expands in ical.js to the platform own occurrences', async () => {
    const { page } = browser;
    const ini = await compare(`${initiative}/activities.ics`, `/api/v1${initiative}/activities`);
    assert.match(ini, /EXDATE;TZID=Europe\/Amsterdam:/);
    assert.match(ini, /RRULE:FREQ=WEEKLY;COUNT=6/);
    await compare(`${collective}/activities.ics`, `/api/v1${collective}/activities`);
    await compare(`/areas/${DEMO.buurt}/activities.ics`, `/api/v1/areas/${DEMO.buurt}/activities`);
    await signOut(page);
    await asResident(page, RESIDENTS[2]); // Ivo, whose link it is
    const personal = new URL(feedLink, url('/')).pathname;
    const text = await compare(personal, '/api/v1/me/activities', { cookie: await cookies(page) });
    assert.doesNotMatch(text, new RegExp(BOARD_TITLE)); // he signed up for the one only
    // a link stopped no longer works
    await visit(page, '/me/calendar', nl);
    await submit(page, 'Mijn agendalink stopzetten');
    assert.equal((await fetch(url(personal))).status, 404);
    await signOut(page);
});
