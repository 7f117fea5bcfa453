// The transition monitor through the real pages (issue 10, part 5): five
// residents of a demo buurt (verified at the console) contribute through
// the API, and the indicators are computed with `wijkregie monitor run
// --full` on the database being served (run.sh exports WIJK_BIN and
// WIJK_DB); the area page
// links to the dashboard; the dashboard shows the early warning before the
// phase and draws every indicator as an SVG chart whose accessible name is
// its table's caption, and the table holds exactly the series the API
// gives (every quarter, each figure as the page's language writes it, or
// "not shown"). A municipality admin flags a buurt as vulnerable through
// the form (a flag without a reason comes back with the message next to
// the field) and the dashboard says why. The comparison of a wijk's
// buurten draws the indicator picked in its form as bars, whose table
// holds each buurt's figure as the API gives it, and refuses an unknown
// indicator. The dashboard, the comparison and the flag form pass axe-core
// and html-validate as served, in Dutch and English.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

import { PASSWORD, actAs, grantRole, signIn, signInAsAdmin, signOut, signUp, submit } from './flows.mjs';
import { DEMO, LANGUAGES, browserForSuite, expectPageClean, follow, pathOf, url, visit } from './helpers.mjs';

const RUN = `${process.pid}-${Date.now()}`;
const OFFICIAL = `gemeente-monitor-${RUN}@example.nl`;
const BUURT = 'BU99010302';
const WIJK = 'WK990103';
const FLAGGED = 'BU99010404';
const REASON = `Winkels staan leeg en het buurthuis sluit ${RUN}`;

const browser = browserForSuite();
const buurt = BUURT;
const wijk = WIJK;

async function getJson(path) {
    const res = await fetch(url(path));
    assert.equal(res.status, 200, `HTTP status of ${path}`);
    return res.json();
}

// A figure as the dashboard writes it in lang: grouping and decimal marks
// of that language, or the words for "not shown".
function written(point, decimals, lang) {
    if (point.suppressed !== null) return lang === 'nl' ? 'niet getoond' : 'not shown';
    return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
    }).format(point.value);
}

function quarterLabel(q, lang) {
    return `${q.slice(0, 4)} ${lang === 'nl' ? 'K' : 'Q'}${q.slice(5)}`;
}

// A client of the JSON API with its own cookies and CSRF token, as a
// resident's app would be.
function apiClient() {
    const jar = new Map();
    let csrf = '';
    return async function send(method, path, body, status) {
        const res = await fetch(url(path), {
            method,
            headers: {
                cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
                origin: new URL(url('/')).origin,
                'x-csrf-token': csrf,
                ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
        });
        for (const c of res.headers.getSetCookie()) {
            const [pair] = c.split(';');
            const eq = pair.indexOf('=');
            jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const json = await res.json().catch(() => null);
        if (json?.csrf_token) csrf = json.csrf_token;
        assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(json)}`);
        return json;
    };
}

function cli(...args) {
    assert.ok(process.env.WIJK_BIN && process.env.WIJK_DB, 'run through tests/browser/run.sh');
    execFileSync(process.env.WIJK_BIN, [...args, '--db', process.env.WIJK_DB], {
        stdio: ['ignore', 'ignore', 'inherit'],
    });
}

// Five residents of BUURT, verified at the console, contribute through the
// API: one starts an initiative and takes it to awareness, four pledge.
// Five contributors is the least the monitor shows figures for.
async function contribute() {
    const residents = [];
    for (let i = 0; i < 5; i++) {
        const send = apiClient();
        const email = `monitor-${i}-${RUN}@example.nl`;
        await send('GET', '/api/v1/session', null, 200);
        await send('POST', '/api/v1/people', { email, display_name: `Buur ${i}`, password: PASSWORD }, 201);
        cli('user', 'verify', email, '--buurt', BUURT);
        await send('POST', '/api/v1/session', { email, password: PASSWORD }, 201);
        await send('PUT', '/api/v1/me/capacity', { capacity: `resident:${BUURT}` }, 200);
        residents.push(send);
    }
    const [initiator, ...pledgers] = residents;
    const { id } = await initiator('POST', '/api/v1/initiatives', {
        title: `Buurtmoestuin ${RUN}`,
        aim: 'Samen groenten kweken',
        areas: [BUURT],
        threshold_residents: 4,
        threshold_hours: 10,
    }, 201);
    await initiator('POST', `/api/v1/initiatives/${id}/phase`, { phase: 'awareness' }, 200);
    for (const send of pledgers) {
        await send('POST', `/api/v1/initiatives/${id}/pledges`, { hours: '2', period: 'week' }, 201);
    }
}

test('residents contribute and the indicators are computed on the served database', async () => {
    await contribute();
    // The window ends at the run's second and counts what came before it:
    // a pledge made in the same second as the run is not in it yet.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    cli('monitor', 'run', '--full');
    const summary = await getJson(`/api/v1/areas/${BUURT}/monitor`);
    assert.match(summary.quarter, /^\d{4}Q[1-4]$/);
    const shown = summary.figures.filter((f) => f.suppressed === null);
    assert.ok(shown.length > 0, 'five contributors make figures visible');
    assert.ok(shown.some((f) => f.code === 'I1' && f.value > 0), 'activation counts them');
});

test('the area page leads to the dashboard, which shows the warning before the phase', async () => {
    const { page } = browser;
    await visit(page, `/areas/${buurt}`, { lang: 'en' });
    await follow(page, page.locator('main a[href$="/monitor"]').first(), /\/monitor$/);
    assert.equal(pathOf(page), `/areas/${buurt}/monitor`);
    const headings = await page.locator('main h2').allInnerTexts();
    const warning = headings.indexOf('Early warning');
    const phase = headings.indexOf('Transition phase');
    assert.ok(warning >= 0 && phase > warning, `headings in order: ${headings.join(' | ')}`);
});

for (const lang of LANGUAGES) {
    test(`a chart's table holds the series of the API (${lang})`, async () => {
        const { page } = browser;
        await visit(page, `/areas/${buurt}/monitor`, { lang });
        const { indicators } = await getJson(`/api/v1/areas/${buurt}/monitor/series`);
        assert.equal(await page.locator('main svg[role="img"]').count(), indicators.length);
        for (const ind of indicators) {
            const chart = page.locator(`#chart-${ind.code.toLowerCase()}`);
            // The drawing's accessible name is its table's caption.
            const svg = chart.locator('svg[role="img"]');
            const title = await page.locator(`#${await svg.getAttribute('aria-labelledby')}`).textContent();
            assert.equal(title, await chart.locator('table caption').innerText());
            const rows = chart.locator('table tbody tr');
            assert.equal(await rows.count(), ind.points.length, `${ind.code}: one row per quarter`);
            for (const [i, point] of ind.points.entries()) {
                const row = rows.nth(i);
                assert.equal(await row.locator('th').innerText(), quarterLabel(point.quarter, lang));
                assert.equal(await row.locator('td').innerText(), written(point, ind.decimals, lang),
                    `${ind.code} ${point.quarter}`);
            }
        }
    });
}

for (const lang of LANGUAGES) {
    test(`the comparison draws the indicator picked in its form as bars (${lang})`, async () => {
        const { page } = browser;
        await visit(page, `/areas/${wijk}/monitor/compare`, { lang });
        const chart = page.locator('#monitor-bars');
        assert.equal(await chart.locator('svg[role="img"]').count(), 1);
        assert.equal(await page.getByLabel('Indicator', { exact: true }).inputValue(), 'I1');

        await page.getByLabel('Indicator', { exact: true }).selectOption('I2');
        await submit(page, lang === 'nl' ? 'Toon' : 'Show');
        assert.equal(pathOf(page), `/areas/${wijk}/monitor/compare`);
        assert.equal(new URL(page.url()).searchParams.get('indicator'), 'I2');
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        assert.equal(await page.getByLabel('Indicator', { exact: true }).inputValue(), 'I2');

        // The drawing's accessible name is its table's caption.
        const svg = chart.locator('svg[role="img"]');
        const title = await page.locator(`#${await svg.getAttribute('aria-labelledby')}`).textContent();
        assert.equal(title, await chart.locator('table caption').innerText());

        // One row per buurt, its figure as the API gives it; the buurt the
        // residents contributed in among them.
        const { buurten } = await getJson(`/api/v1/areas/${wijk}/monitor/compare`);
        const { indicators } = await getJson(`/api/v1/areas/${buurt}/monitor/series?indicator=I2`);
        const rows = chart.locator('table tbody tr');
        assert.equal(await rows.count(), buurten.length);
        const warning = lang === 'nl' ? 'waarschuwing' : 'warning';
        for (const [i, b] of buurten.entries()) {
            const figure = b.figures.find((f) => f.code === 'I2');
            const row = rows.nth(i);
            const name = b.warning_raised ? `${b.name} (${warning})` : b.name;
            assert.equal(await row.locator('th').innerText(), name);
            assert.equal(await row.locator('td').innerText(), written(figure, indicators[0].decimals, lang),
                `I2 of ${b.code}`);
        }
        const ours = buurten.findIndex((b) => b.code === buurt);
        assert.ok(ours >= 0, `${buurt} is one of the buurten of ${wijk}`);
        const value = await rows.nth(ours).locator('td').innerText();
        assert.match(value, /^\d/, `${buurt} has a figure for I2: ${value}`);
        // A shown figure is a bar; a figure not shown is the word, no bar.
        const shownCount = buurten.filter((b) => b.figures.find((f) => f.code === 'I2').suppressed === null).length;
        assert.equal(await svg.locator('rect[x]').count(), shownCount);
    });
}

test('the comparison refuses an indicator that does not exist', async () => {
    const { page } = browser;
    await visit(page, `/areas/${wijk}/monitor/compare?indicator=I99`, { lang: 'en', status: 400 });
    assert.match(await page.locator('main').innerText(), /indicator must be one of: I1, I2/);
});

test('a municipality admin flags a buurt as vulnerable; the dashboard says why', async () => {
    const { page } = browser;
    await signUp(page, OFFICIAL, 'Ambtenaar Monitor');
    await signOut(page);
    await signInAsAdmin(page);
    await grantRole(page, OFFICIAL, 'municipality_admin', DEMO.gemeente);
    await signOut(page);
    await signIn(page, OFFICIAL);
    await actAs(page, `municipality_admin:${DEMO.gemeente}`);
    await visit(page, `/areas/${FLAGGED}/monitor`, { lang: 'en' });
    await follow(page, page.locator(`main a[href="/areas/${FLAGGED}/monitor/flag"]`), /\/flag$/);

    // Without a reason the form comes back with the message at the field.
    await page.getByLabel('Vulnerable', { exact: true }).selectOption('yes');
    await submit(page, 'Save');
    assert.equal(pathOf(page), `/areas/${FLAGGED}/monitor/flag`);
    const error = page.locator('#flag-reason-error');
    assert.ok((await error.innerText()).trim().length > 0, 'the message is next to the reason');
    assert.equal(await page.locator('#flag-reason').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Reason', { exact: true }).fill(REASON);
    await submit(page, 'Save');
    assert.equal(pathOf(page), `/areas/${FLAGGED}/monitor`);
    const main = await page.locator('main').innerText();
    assert.match(main, /The buurt is flagged as vulnerable\./);
    assert.ok(main.includes(REASON), 'the dashboard shows the reason of the flag');
    for (const lang of LANGUAGES) {
        await expectPageClean(page, `monitor-flag`, `/areas/${FLAGGED}/monitor/flag`, lang);
    }
    await signOut(page);
});

test('the dashboards and the comparison pass axe and html-validate', async () => {
    const { page } = browser;
    for (const lang of LANGUAGES) {
        await expectPageClean(page, 'monitor-buurt', `/areas/${buurt}/monitor`, lang);
        await expectPageClean(page, 'monitor-wijk', `/areas/${wijk}/monitor`, lang);
        await expectPageClean(page, 'monitor-compare', `/areas/${wijk}/monitor/compare`, lang);
        await expectPageClean(page, 'monitor-compare-i8a', `/areas/${wijk}/monitor/compare?indicator=I8a`, lang);
    }
});
