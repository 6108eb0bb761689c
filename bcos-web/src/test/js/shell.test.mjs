// The shell's texts and formats: every area has the same keys in English and Korean, keys carry
// their area's prefix and are defined once, no text is empty; DDC amounts and times format and
// parse exactly (BigInt base units), and bad amounts are refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { AREAS, LANGS } from '../../main/resources/org/bcos/web/static/ui/i18n.js';
import * as format from '../../main/resources/org/bcos/web/static/ui/format.js';

const STATIC = new URL('../../main/resources/org/bcos/web/static/', import.meta.url);
const texts = (lang, area) => JSON.parse(readFileSync(new URL(`i18n/${lang}/${area}.json`, STATIC), 'utf8'));
/** Prefixes the common file may use (shell texts shared by every page). */
const COMMON_PREFIXES = ['chain', 'conn', 'nav', 'foot', 'page', 'error', 'common'];

test('every area has the same keys in every language, and no empty text', () => {
  for (const area of AREAS) {
    const en = texts('en', area);
    for (const lang of LANGS) {
      const other = texts(lang, area);
      assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort(), `${lang}/${area}.json keys differ from en`);
      for (const [k, v] of Object.entries(other)) {
        assert.ok(typeof v === 'string' && v.trim().length > 0, `${lang}/${area}.json ${k} is empty`);
      }
    }
  }
});

test('keys carry their area prefix and are defined in one area only', () => {
  const seen = new Map();
  for (const area of AREAS) {
    for (const k of Object.keys(texts('en', area))) {
      const prefix = k.split('.')[0];
      if (area === 'common') assert.ok(COMMON_PREFIXES.includes(prefix), `common key ${k}`);
      else if (area === 'explorer') assert.ok(['explorer', 'status', 'block', 'tx', 'account', 'validators', 'search'].includes(prefix), `explorer key ${k}`);
      else assert.equal(prefix, area, `${area}.json key ${k} must start with '${area}.'`);
      assert.ok(!seen.has(k), `${k} is in both ${seen.get(k)} and ${area}`);
      seen.set(k, area);
    }
  }
});

test('DDC amounts format exactly', () => {
  assert.equal(format.ddc(0n), '0');
  assert.equal(format.ddc(1n), '0.00000001');
  assert.equal(format.ddc('150000000'), '1.5');
  assert.equal(format.ddc(format.TOTAL_SUPPLY_UNITS), '50000000000');
  assert.equal(format.ddcText(123456789012345678n), '1,234,567,890.12345678 DDC');
  assert.equal(format.ddcText(100000n), '0.001 DDC');
});

test('typed DDC amounts parse exactly, and bad ones are refused by name', () => {
  assert.equal(format.parseDdc('1.5'), 150000000n);
  assert.equal(format.parseDdc(' 1,000 '), 100000000000n);
  assert.equal(format.parseDdc('0.00000001'), 1n);
  assert.equal(format.parseDdc('50000000000'), format.TOTAL_SUPPLY_UNITS);
  for (const bad of ['', '-1', '1.', '.5', 'abc', '1e3', '0.000000001', '50000000000.00000001', '1.2.3']) {
    assert.throws(() => format.parseDdc(bad), (e) => e.code === 'AMOUNT_INVALID', bad);
  }
});

test('times are ISO to the second, hashes shorten', () => {
  assert.equal(format.isoTime(0), '1970-01-01T00:00:00Z');
  assert.equal(format.isoTime(1796672405123), '2026-12-07T19:40:05Z');
  assert.equal(format.shortHash('a'.repeat(64)), `${'a'.repeat(10)}…${'a'.repeat(8)}`);
  assert.equal(format.shortHash('abc'), 'abc');
});
