// The explorer's in-browser account proofs (lib/stateproof.js) against what Java computes
// (vectors/explorer-proofs.json, written and checked by bcos-cli's StateProofWebVectorsTest),
// and the search box's reading of what was typed (pages/explorer/search.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as sp from '../../main/resources/org/bcos/web/static/lib/stateproof.js';
import { fromHex, toHex } from '../../main/resources/org/bcos/web/static/lib/bytes.js';
import { classify } from '../../main/resources/org/bcos/web/static/lib/explorer-search.js';

const PROOFS = JSON.parse(readFileSync(new URL('./vectors/explorer-proofs.json', import.meta.url), 'utf8'));

test('the vectors use the same domain and column as the JS', () => {
  assert.equal(PROOFS.stateDomain, sp.STATE_DOMAIN);
  assert.equal(PROOFS.accountColumn, sp.ACCOUNT_COLUMN);
  assert.ok(PROOFS.cases.some((c) => c.ok && c.accountEncoding === undefined), 'an exclusion case');
  assert.ok(PROOFS.cases.filter((c) => !c.ok).length >= 5, 'tampered cases');
});

for (const c of PROOFS.cases) {
  test(`account proof: ${c.name} → ${c.ok ? 'checked' : c.reason}`, async () => {
    const r = await sp.checkAccountProof(c);
    assert.equal(r.ok, c.ok, `${r.reason} ${r.message ?? ""}`);
    assert.equal(r.kind, c.accountEncoding === undefined ? 'exclusion' : 'inclusion');
    if (!c.ok) assert.equal(r.reason, c.reason);
    if (c.balanceUnits !== undefined) {
      assert.equal(r.balanceUnits, BigInt(c.balanceUnits));
      assert.equal(r.nonce, BigInt(c.nonce));
    }
  });
}

test('decodeProof refuses non-canonical bytes by name', () => {
  const good = fromHex(PROOFS.cases[0].proof);
  const p = sp.decodeProof(good);
  assert.equal(p.key.length, 32);
  // a redundant zero byte in the sibling count
  const count = good[32];
  const padded = new Uint8Array([...good.slice(0, 32), count | 0x80, 0, ...good.slice(33)]);
  assert.throws(() => sp.decodeProof(padded), { code: 'PROOF_MALFORMED', reason: 'NON_CANONICAL_VARINT' });
  // 257 siblings
  const many = new Uint8Array([...good.slice(0, 32), 0x81, 0x02]);
  assert.throws(() => sp.decodeProof(many), { reason: 'LENGTH_TOO_LARGE' });
  // the leaf flag must be 0 or 1
  const flagAt = 33 + 32 * p.siblings.length;
  const badFlag = good.slice();
  badFlag[flagAt] = 2;
  assert.throws(() => sp.decodeProof(badFlag), { reason: 'INVALID_VALUE' });
  assert.throws(() => sp.decodeProof(good.slice(0, 10)), { reason: 'TRUNCATED' });
});

test('tree key bits: bit 0 is the most significant bit of byte 0', () => {
  const k = new Uint8Array(32);
  k[0] = 0x80;
  k[31] = 0x01;
  assert.equal(sp.bit(k, 0), true);
  assert.equal(sp.bit(k, 1), false);
  assert.equal(sp.bit(k, 255), true);
  assert.equal(toHex(k).length, 64);
});

test('search: an address, a 64-hex hash, a height, anything else', () => {
  const addr = PROOFS.cases[0].address;
  assert.deepEqual(classify(`  ${addr}  `), { kind: 'address', value: addr });
  assert.deepEqual(classify(addr.toUpperCase()), { kind: 'address', value: addr });
  const h = 'AB'.repeat(32);
  assert.deepEqual(classify(h), { kind: 'hash', value: 'ab'.repeat(32) });
  assert.deepEqual(classify(`0x${h}`), { kind: 'hash', value: 'ab'.repeat(32) });
  assert.deepEqual(classify('42'), { kind: 'height', value: 42 });
  assert.deepEqual(classify('0'), { kind: 'height', value: 0 });
  assert.equal(classify('9'.repeat(30)).kind, 'unknown', 'beyond a safe height');
  assert.equal(classify('').kind, 'empty');
  assert.equal(classify('<img src=x onerror=alert(1)>').kind, 'unknown');
  assert.equal(classify('dd1notanaddress').kind, 'unknown');
  assert.equal(classify('-1').kind, 'unknown');
  assert.equal(classify('ab'.repeat(31)).kind, 'unknown');
});
