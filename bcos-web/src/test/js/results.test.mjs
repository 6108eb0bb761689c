// The results view's logic against the vectors Java computes (vectors/results-proofs.json,
// written and checked by bcos-cli's BallotProofWebVectorsTest): ballot inclusion proofs checked
// as the ledger builds them, tampered proofs refused by name, and a recount of a closed issue of
// every method from dvs_rawIssueData's entries, equal to the result the ledger stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as merkle from '../../main/resources/org/bcos/web/static/lib/dvs/merkle.js';
import * as recount from '../../main/resources/org/bcos/web/static/lib/dvs/recount.js';

const V = JSON.parse(readFileSync(new URL('./vectors/results-proofs.json', import.meta.url), 'utf8'));
const big = (_k, v) => (typeof v === 'bigint' ? v.toString() : v);
const plain = (x) => JSON.parse(JSON.stringify(x, big));

test('every proof Java made leads to its ballots root', async () => {
  assert.ok(V.proofs.length >= 8);
  for (const p of V.proofs) {
    const r = await merkle.verifyBallotProof(p, p.ballotsRoot);
    assert.equal(r.ok, true, `size ${p.size} index ${p.index}: ${r.code}`);
    assert.equal(r.leaf, p.leaf);
  }
});

test('the root of the leaves is the ballots root (a tree of one is its leaf hash)', async () => {
  const p = V.proofs[0];
  assert.equal(p.size, 1);
  assert.deepEqual(p.path, []);
  const root = await merkle.rootOf([await merkle.ballotLeaf(p.voter, p.parts)]);
  assert.equal(Buffer.from(root).toString('hex'), p.ballotsRoot);
});

test('tampered proofs fail, each for its own reason', async () => {
  const expected = {
    flippedPathByte: 'ROOT_MISMATCH', wrongIndex: 'ROOT_MISMATCH', pathTooShort: 'PROOF_PATH_TOO_SHORT',
    pathTooLong: 'PROOF_PATH_TOO_LONG', changedWeight: 'LEAF_MISMATCH', wrongSize: null,
    otherRoot: 'ROOT_MISMATCH', indexOutOfRange: 'PROOF_INDEX_OUT_OF_RANGE',
  };
  assert.equal(V.tampered.length, Object.keys(expected).length);
  for (const p of V.tampered) {
    const r = await merkle.verifyBallotProof(p, p.ballotsRoot);
    assert.equal(r.ok, false, p.kind);
    if (expected[p.kind]) assert.equal(r.code, expected[p.kind], p.kind);
  }
  // the changed ballot also fails without the leaf the node sent: the root differs
  const changed = V.tampered.find((p) => p.kind === 'changedWeight');
  const r = await merkle.verifyBallotProof({ ...changed, leaf: undefined }, changed.ballotsRoot);
  assert.equal(r.code, 'ROOT_MISMATCH');
});

test('a proof with a malformed hash or address is refused by name, not thrown', async () => {
  const p = V.proofs[3];
  assert.equal((await merkle.verifyBallotProof({ ...p, path: ['zz'] }, p.ballotsRoot)).ok, false);
  const bad = await merkle.verifyBallotProof({ ...p, voter: 'dd1notanaddress' }, p.ballotsRoot);
  assert.equal(bad.ok, false);
  assert.equal(bad.code, 'INVALID_ADDRESS');
});

for (const c of V.recounts) {
  test(`recount: ${c.name} (${c.issue.rules.method})`, async () => {
    assert.ok(recount.METHODS_IN_BROWSER.includes(c.issue.rules.method));
    const stored = recount.decodeResult(c.raw.result);
    assert.deepEqual(plain({ ...stored }).outcome, c.expected.outcome);
    const r = await recount.recountIssue(c.raw, c.issue, c.community);
    assert.deepEqual(r.diffs, [], JSON.stringify(plain(r.mine)));
    assert.equal(r.match, true);
    const mine = plain(r.mine);
    for (const f of Object.keys(c.expected)) assert.deepEqual(mine[f], c.expected[f], f);
  });
}

test('a recount notices a changed ballot, and refuses what it cannot do', async () => {
  const c = V.recounts.find((x) => x.issue.rules.method === 'SINGLE_CHOICE');
  const raw = structuredClone(c.raw);
  // voter's single choice 2 (zig-zag 4) → 1 (zig-zag 2)
  const at = raw.dvs_ballots.findIndex((e) => e.endsWith(':0100000000000000000104'));
  raw.dvs_ballots[at] = raw.dvs_ballots[at].replace(/04$/, '02');
  assert.notDeepEqual(raw.dvs_ballots, c.raw.dvs_ballots);
  const r = await recount.recountIssue(raw, c.issue, c.community);
  assert.equal(r.match, false);
  assert.ok(r.diffs.includes('ballotsRoot'));
  assert.ok(r.diffs.includes('totals'));
  await assert.rejects(recount.recountIssue({ ...c.raw, result: undefined }, c.issue, c.community), { code: 'RECOUNT_NOT_CLOSED' });
  const other = { ...c.issue, rules: { ...c.issue.rules, method: 'BORDA' } };
  await assert.rejects(recount.recountIssue(c.raw, other, c.community), { code: 'RECOUNT_METHOD_UNAVAILABLE' });
  const huge = { ...c.raw, dvs_ballots: new Array(recount.MAX_RECOUNT_ENTRIES + 1).fill('00:00') };
  await assert.rejects(recount.recountIssue(huge, c.issue, c.community), { code: 'RECOUNT_TOO_LARGE' });
  const s = V.recounts.find((x) => x.issue.rules.method === 'SCHULZE');
  const wide = { ...s.issue, options: Array.from({ length: 256 }, (_, k) => ({ index: k, text: `o${k}`, onBallot: true })) };
  const many = { ...s.raw, dvs_ballots: new Array(800).fill('00:00') }; // 800 × 257² > 50,000,000
  await assert.rejects(recount.recountIssue(many, wide, s.community), { code: 'RECOUNT_TOO_LARGE' });
});
