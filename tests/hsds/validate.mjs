// Validates Wijkregie's Open Referral HSDS 3 output against the real HSDS 3
// schemas (../shared/data/hsds-schema, JSON Schema draft 2020-12) with ajv:
// the export of the demo data (`wijkregie export hsds`) and the answers of
// the HSDS API of a running server. The schemas refer to each other by file
// name ("$ref": "location.json"); each is registered under a base URL with
// its file name, so those references resolve to the local files. Formats
// the schemas use (uuid, email, uri, date-time) are checked here.
//
// Environment: HSDS_EXPORT (the exported file), WIJK_BASE_URL (the server),
// HSDS_SCHEMA_DIR (default: ../shared/data/hsds-schema next to the source
// root). Run by tests/hsds/run.sh; node --test prints TAP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../browser/package.json'));
const Ajv2020 = require('ajv/dist/2020.js').default ?? require('ajv/dist/2020.js');

const schemaDir = process.env.HSDS_SCHEMA_DIR ?? join(here, '../../../shared/data/hsds-schema');
const base = 'https://hsds.local/schema/';

function makeAjv() {
  // strictSchema off: the HSDS files carry keywords of their own (name, path,
  // constraints, example, core, ...) that are documentation, not rules.
  const ajv = new Ajv2020({ allErrors: true, strictSchema: false, validateFormats: true });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  for (const file of readdirSync(schemaDir)) {
    if (!file.endsWith('.json') || file === 'openapi.json') continue;
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    schema.$id = base + file;
    ajv.addSchema(schema);
  }
  const openapi = JSON.parse(readFileSync(join(schemaDir, 'openapi.json'), 'utf8'));
  ajv.addSchema({ ...openapi.components.schemas.Page, $id: base + 'page.json' });
  return ajv;
}

const ajv = makeAjv();

function check(schemaFile, doc, what) {
  const validate = ajv.getSchema(base + schemaFile);
  assert.ok(validate, `schema ${schemaFile} is loaded`);
  if (!validate(doc))
    assert.fail(`${what} does not validate against ${schemaFile}: ` +
      ajv.errorsText(validate.errors, { separator: '\n  ' }));
}

function checkPage(page, itemSchema, what) {
  check('page.json', page, what);
  for (const key of ['total_items', 'total_pages', 'page_number', 'size', 'first_page',
    'last_page', 'empty', 'contents'])
    assert.ok(key in page, `${what} has ${key}`);
  assert.ok(Array.isArray(page.contents), `${what}.contents is an array`);
  page.contents.forEach((item, i) => check(itemSchema, item, `${what}.contents[${i}]`));
}

test('the HSDS schemas load and compile', () => {
  for (const file of ['organization.json', 'service.json', 'location.json', 'schedule.json'])
    assert.ok(ajv.getSchema(base + file), file);
});

test('a broken document fails validation', () => {
  const validate = ajv.getSchema(base + 'service.json');
  assert.equal(validate({ id: 'not-a-uuid', name: 'X', status: 'active' }), false);
  assert.equal(validate({ id: '00000000-0000-8000-8000-000000000001', name: 'X' }), false);
  assert.equal(validate({ id: '00000000-0000-8000-8000-000000000001', name: 'X',
    status: 'open' }), false);
  assert.equal(validate({ id: '00000000-0000-8000-8000-000000000001', name: 'X',
    status: 'active', schedules: [{ id: '00000000-0000-8000-8000-000000000002',
      freq: 'DAILY' }] }), false);
  assert.equal(validate({ id: '00000000-0000-8000-8000-000000000001', name: 'X',
    status: 'active' }), true);
});

test('the export of the demo data validates', { skip: !process.env.HSDS_EXPORT }, () => {
  const doc = JSON.parse(readFileSync(process.env.HSDS_EXPORT, 'utf8'));
  assert.equal(doc.version, '3.0');
  assert.ok(doc.organizations.length >= 4, 'the demo organisations are there');
  assert.ok(doc.services.length >= 4, 'the demo services are there');
  doc.organizations.forEach((o, i) => check('organization.json', o, `organizations[${i}]`));
  doc.services.forEach((s, i) => check('service.json', s, `services[${i}]`));
  const withHours = doc.services.filter((s) => s.schedules.length > 0 ||
    s.service_at_locations.some((l) => l.schedules.length > 0));
  assert.ok(withHours.length >= 4, 'services have opening hours');
  assert.ok(doc.services.some((s) => s.service_at_locations.length > 0), 'and locations');
  const ids = new Set();
  for (const s of doc.services) {
    assert.ok(!ids.has(s.id), `service id ${s.id} is unique`);
    ids.add(s.id);
  }
});

async function get(path) {
  const res = await fetch(process.env.WIJK_BASE_URL + path);
  assert.equal(res.status, 200, `${path} answers 200`);
  return res.json();
}

test('the HSDS API answers validate', { skip: !process.env.WIJK_BASE_URL }, async () => {
  const about = await get('/api/v1/hsds');
  assert.equal(about.version, '3.0');
  const orgs = await get('/api/v1/hsds/organizations?per_page=2');
  checkPage(orgs, 'organization.json', 'organizations page 1');
  assert.equal(orgs.size, 2);
  assert.equal(orgs.first_page, true);
  assert.ok(orgs.total_items >= 4);
  const org = await get('/api/v1/hsds/organizations/' + orgs.contents[0].id);
  check('organization.json', org, 'one organization');
  const services = await get('/api/v1/hsds/services?search=koffie');
  checkPage(services, 'service.json', 'services page');
  assert.ok(services.total_items >= 1);
  const one = await get('/api/v1/hsds/services/' + services.contents[0].id);
  check('service.json', one, 'one service');
  assert.equal(one.name, services.contents[0].name);
  const missing = await fetch(process.env.WIJK_BASE_URL +
    '/api/v1/hsds/services/00000000-0000-8000-8000-000000000001');
  assert.equal(missing.status, 404);
});
