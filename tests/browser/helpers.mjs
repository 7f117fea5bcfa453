// Shared pieces of the browser suite: launching Debian's Chromium through
// playwright-core in a throw-away profile, the demo pages every test visits,
// axe-core and html-validate runs (on pages as served to a signed-in browser
// too), and screenshots for CI's artifacts.
//
// The server is started by run.sh, which exports WIJK_BASE_URL; the demo data
// is the fictional gemeente Lindenhoven (`wijkregie demo`).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { HtmlValidate } from 'html-validate';
import { chromium } from 'playwright-core';

import htmlValidateConfig from './.htmlvalidate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BASE_URL = (process.env.WIJK_BASE_URL ?? '').replace(/\/$/, '');
if (!BASE_URL) {
    throw new Error('WIJK_BASE_URL is not set: run the suite through tests/browser/run.sh BUILD_DIR');
}

export const ARTIFACTS = join(here, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

// The demo gemeente and one line down to a buurt, plus a well-formed code
// that the demo does not have.
export const DEMO = {
    gemeente: 'GM9901',
    gemeenteName: 'Lindenhoven',
    wijk: 'WK990101',
    wijken: ['WK990101', 'WK990102', 'WK990103', 'WK990104'],
    buurt: 'BU99010101',
    unknown: 'WK990199',
};

// The pages checked with axe-core and html-validate, in both languages.
export const PAGES = [
    { name: 'home', path: '/', status: 200 },
    { name: 'gemeente', path: `/areas/${DEMO.gemeente}`, status: 200 },
    { name: 'wijk', path: `/areas/${DEMO.wijk}`, status: 200 },
    { name: 'buurt', path: `/areas/${DEMO.buurt}`, status: 200 },
    { name: 'not-found', path: `/areas/${DEMO.unknown}`, status: 404 },
];

export const LANGUAGES = ['nl', 'en'];

export const PHONE = { width: 360, height: 740 };

const CHROMIUM = process.env.WIJK_CHROMIUM ?? '/usr/bin/chromium';

// playwright-core adds --headless (headless: true) and --user-data-dir (the
// profile directory); the rest keep Chromium off the network and quiet.
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

// Starts Chromium with a fresh temporary profile. contextOptions are
// playwright's (viewport, javaScriptEnabled, locale ...); the default locale
// is Dutch so that the server's Accept-Language negotiation picks "nl".
// Returns { context, page, cspReports, close }: cspReports collects every
// Content-Security-Policy complaint Chromium logs for the pages; close()
// ends Chromium and removes the profile.
export async function openBrowser(contextOptions = {}) {
    const profile = await mkdtemp(join(tmpdir(), 'wijk-chromium-'));
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM,
            headless: true,
            args: CHROMIUM_ARGS,
            locale: 'nl-NL',
            viewport: { width: 1280, height: 900 },
            ...contextOptions,
        });
    } catch (e) {
        await rm(profile, { recursive: true, force: true });
        throw e;
    }
    context.setDefaultTimeout(15000);
    context.setDefaultNavigationTimeout(15000);
    const page = context.pages()[0] ?? (await context.newPage());
    const cspReports = [];
    page.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) cspReports.push(msg.text());
    });
    return {
        context,
        page,
        cspReports,
        async close() {
            await context.close();
            await rm(profile, { recursive: true, force: true });
        },
    };
}

// One browser for all the tests of a file: opened (openBrowser with
// contextOptions) before the first test and closed after the last. Returns
// the object openBrowser gives, filled in once the tests start, so that a
// test reads browser.page and browser.context as usual.
export function browserForSuite(contextOptions = {}) {
    const browser = {};
    before(async () => {
        Object.assign(browser, await openBrowser(contextOptions));
    });
    after(async () => {
        await browser.close?.();
    });
    return browser;
}

// An absolute URL for path, with ?lang= when lang is given.
export function url(path, lang) {
    const u = new URL(path, BASE_URL + '/');
    if (lang) u.searchParams.set('lang', lang);
    return u.href;
}

// Goes to path and checks the HTTP status; returns the response.
export async function visit(page, path, { lang, status = 200 } = {}) {
    const res = await page.goto(url(path, lang));
    assert.ok(res, `no response for ${path}`);
    assert.equal(res.status(), status, `HTTP status of ${path}`);
    return res;
}

// Clicks a link (a locator) like a person and waits until the browser shows
// the page whose path matches pathRe.
export async function follow(page, link, pathRe) {
    await link.click();
    await page.waitForURL((u) => pathRe.test(new URL(u).pathname));
    await page.waitForLoadState('load');
}

// The path of the page shown now.
export function pathOf(page) {
    return new URL(page.url()).pathname;
}

export async function htmlLang(page) {
    return page.locator('html').getAttribute('lang');
}

// Goes to path (200) in lang and checks that the browser shows that very
// page, not one it was redirected to, in that language.
export async function visitIn(page, path, lang) {
    await visit(page, path, { lang });
    assert.equal(pathOf(page), new URL(url(path)).pathname);
    assert.equal(await htmlLang(page), lang);
}

// A full-page screenshot in artifacts/NAME.png.
export async function screenshot(page, name) {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// axe-core: the page's CSP is `default-src 'none'`, so a <script> tag would
// be refused; page.evaluate runs the source through the DevTools protocol,
// which the CSP does not govern, so the page is tested as served.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// All violations of axe's rules (every non-experimental rule: WCAG 2.x A
// and AA plus best practices), as plain objects.
export async function axeViolations(page) {
    await page.evaluate(AXE_SOURCE);
    return page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        }));
    });
}

// A screenshot in artifacts/NAME.png, then axe-core on the page as shown:
// fails, listing the violations, unless there are none. what names the page
// in that message (default: name).
export async function expectAxeClean(page, name, what = name) {
    await screenshot(page, name);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe violations on ${what}:\n${formatViolations(violations)}`);
}

export function formatViolations(violations) {
    return violations
        .map((v) => {
            const nodes = v.nodes.map((n) => `    at ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`);
            return `  ${v.id} (${v.impact}): ${v.help}\n${nodes.join('\n')}`;
        })
        .join('\n');
}

// html-validate with this folder's .htmlvalidate.mjs (it explains its exceptions).
const validator = new HtmlValidate(htmlValidateConfig);

// The messages html-validate has for html (empty when it is valid), each as
// "name:line:column rule: message".
export async function htmlProblems(html, name) {
    const report = await validator.validateString(html, `${name}.html`);
    return report.results.flatMap((r) =>
        r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );
}

// The raw bytes the server sends for path (not the browser's DOM), so the
// validator sees exactly what was served.
export async function fetchPage(path, lang) {
    const res = await fetch(url(path, lang), { redirect: 'manual', headers: { 'accept-language': 'nl' } });
    return { status: res.status, headers: res.headers, text: await res.text() };
}

// The cookies of page's browser, as a Cookie header value.
async function cookieHeader(page) {
    const cookies = await page.context().cookies(url('/'));
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

// The HTML of path exactly as the server sends it to page's signed-in
// browser (its cookies, not its DOM), asserting status 200.
export async function servedHtml(page, path, lang) {
    const res = await fetch(url(path, lang), {
        redirect: 'manual',
        headers: { cookie: await cookieHeader(page) },
    });
    assert.equal(res.status, 200, `HTTP status of ${path}`);
    return res.text();
}

// Opens path in lang on page and asserts that axe-core finds nothing there
// and that the HTML as served passes html-validate (name: for screenshots
// and reports).
export async function expectPageClean(page, name, path, lang) {
    await visitIn(page, path, lang);
    await expectAxeClean(page, `axe-${name}-${lang}`, `${path} (${lang})`);
    assert.deepEqual(await htmlProblems(await servedHtml(page, path, lang), `${name}-${lang}`), []);
}

// Sends the form that matches selector, as filled in on page, once more with
// fetch (the browser's cookies, the form's CSRF field, a same-origin Origin)
// and returns the answer as the server sent it: { status, cacheControl,
// html }. A navigation response's body cannot be read back reliably, so
// this is how the answer to a POST is validated as served; the form is
// then usually also sent by the browser, so whatever it makes is made twice.
export async function postFormAsServed(page, selector) {
    const fields = await page.locator(selector).evaluate((form) =>
        [...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    const res = await fetch(url(pathOf(page)), {
        method: 'POST',
        redirect: 'manual',
        headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: new URL(url('/')).origin,
            cookie: await cookieHeader(page),
        },
        body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, cacheControl: res.headers.get('cache-control'), html: await res.text() };
}
