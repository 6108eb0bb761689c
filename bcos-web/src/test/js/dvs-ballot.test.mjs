// DVS ballots and the proof-of-work stamp against the vectors Java computes (vectors/
// dvs-ballots.json, written and checked by bcos-cli's DvsWebVectorsTest): every method's ballot,
// split votes, a support, signed with the fee and fee-free with the stamp, byte for byte; and
// ballots the ledger would refuse, refused here by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { fromHex, toHex } from '../../main/resources/org/bcos/web/static/lib/bytes.js';
import { Encoder } from '../../main/resources/org/bcos/web/static/lib/codec.js';
import { keyFromMnemonic, sign } from '../../main/resources/org/bcos/web/static/lib/slip10.js';
import * as tx from '../../main/resources/org/bcos/web/static/lib/tx.js';
import * as ballot from '../../main/resources/org/bcos/web/static/lib/dvs/ballot.js';
import * as stamp from '../../main/resources/org/bcos/web/static/lib/dvs/stamp.js';

const V = JSON.parse(readFileSync(new URL('./vectors/dvs-ballots.json', import.meta.url), 'utf8'));

/** The dvs_getIssue shape of a vector's issue. */
function issueOf(i) {
  const options = Array.from({ length: i.options }, (_, k) => ({ index: k, text: `o${k}`, onBallot: !i.offBallot.includes(k) }));
  return { id: i.id, mode: i.mode, rules: { method: i.method, maxScore: i.maxScore, voiceCredits: i.voiceCredits }, options };
}

function messageBytes(message) {
  const e = new Encoder().u8(message.tag);
  message.encodeFields(e);
  return toHex(e.toBytes());
}

/** Signs `message` as the vector's transaction `t` did (stamped when t.stamp is not 0). */
async function checkSigned(v, t, message) {
  const key = await keyFromMnemonic(V.words, v.account);
  const body = tx.encodeBody({ chainId: v.chainId, sender: key.publicKey, nonce: v.nonce, feeUnits: t.feeUnits, expiryHeight: v.expiryHeight, message });
  assert.equal(toHex(body), t.body, 'body');
  const digest = await tx.signingDigest(body);
  assert.equal(toHex(digest), t.digest, 'digest');
  const signature = await sign(key.privateKey, digest);
  assert.equal(toHex(signature), t.signature, 'signature');
  const s = t.feeUnits === '0' ? await stamp.findStamp(digest, V.stampBits) : 0;
  assert.equal(String(s), t.stamp, 'stamp');
  assert.equal(toHex(tx.assemble(body, signature, s)), t.encoded, 'encoded');
}

for (const v of V.ballots) {
  test(`ballot vector: ${v.name}`, async () => {
    const shape = ballot.issueShape(issueOf(v.issue));
    const parts = ballot.validateBallot(shape, v.parts, { electorate: v.electorate, weight: BigInt(v.voterWeight) });
    const message = ballot.castBallot(v.issue.id, parts);
    assert.equal(messageBytes(message), v.message);
    await checkSigned(v, v.paid, message);
    await checkSigned(v, v.free, message);
  });
}

test('support vector', async () => {
  const v = V.support;
  const message = ballot.support(v.issue, v.initiative, v.support);
  assert.equal(messageBytes(message), v.message);
  await checkSigned(v, v.paid, message);
  await checkSigned(v, v.free, message);
});

test('stamps: the same smallest stamp as Java, showing the same bits', async () => {
  for (const s of V.stamps) {
    const digest = fromHex(s.digest);
    let progress = 0;
    const found = await stamp.findStamp(digest, s.bits, { onProgress: (a) => { progress = a; } });
    assert.equal(String(found), s.stamp, `bits ${s.bits}`);
    assert.equal(await stamp.powBits(digest, found), s.shows);
    assert.ok(progress >= found + 1, 'progress reaches the stamp');
  }
});

test('a cancelled stamp search stops with STAMP_CANCELLED; bad difficulty is refused', async () => {
  const ctl = new AbortController();
  const search = stamp.findStamp(new Uint8Array(32), 40, { onProgress: () => ctl.abort(), signal: ctl.signal });
  await assert.rejects(search, (e) => e.code === 'STAMP_CANCELLED');
  await assert.rejects(stamp.findStamp(new Uint8Array(32), 41), (e) => e.code === 'INVALID_VALUE');
  await assert.rejects(stamp.findStamp(new Uint8Array(31), 1), (e) => e.code === 'INVALID_VALUE');
  assert.equal(stamp.expectedAttempts(16), 65536);
});

const shapeOf = (method, options, extra = {}) => ballot.issueShape(issueOf({ id: 1, method, mode: 'poll', options, offBallot: [], maxScore: 10, voiceCredits: 100, ...extra }));

function refused(fn, reason) {
  assert.throws(fn, (e) => {
    assert.equal(e.code, 'INVALID_BALLOT', e.message);
    assert.equal(e.reason, reason, e.message);
    return true;
  });
}

test('bad ballots are refused by name, as the ledger would', () => {
  const quadratic = shapeOf('QUADRATIC', 3);
  refused(() => ballot.validatePart(quadratic, [8, 6, 1]), 'OVER_BUDGET'); // 64 + 36 + 1 > 100
  ballot.validatePart(quadratic, [8, -6, 0]); // exactly 100
  refused(() => ballot.validatePart(quadratic, [0, 0, 0]), 'EMPTY_BALLOT');
  refused(() => ballot.validatePart(shapeOf('IRV', 3), [1, 1, 2]), 'DUPLICATE_RANK');
  refused(() => ballot.ranksFromOrder(shapeOf('SCHULZE', 3), [0, 2, 0]), 'DUPLICATE_RANK');
  refused(() => ballot.validatePart(shapeOf('SCHULZE', 3), [4, 1, 2]), 'RANK_OUT_OF_RANGE');
  refused(() => ballot.validatePart(shapeOf('SCHULZE', 3), [0, 0, 0]), 'EMPTY_BALLOT');
  refused(() => ballot.validatePart(shapeOf('SCORE', 2), [11, 0]), 'SCORE_OUT_OF_RANGE');
  refused(() => ballot.validatePart(shapeOf('SCORE', 2), [-1, 0]), 'SCORE_OUT_OF_RANGE');
  refused(() => ballot.validatePart(shapeOf('SCORE', 2), [1]), 'WRONG_LENGTH');
  refused(() => ballot.validatePart(shapeOf('APPROVAL', 3), [0, 0]), 'DUPLICATE_OPTION');
  refused(() => ballot.validatePart(shapeOf('APPROVAL', 3), []), 'EMPTY_BALLOT');
  refused(() => ballot.validatePart(shapeOf('SINGLE_CHOICE', 3), [3]), 'OPTION_OUT_OF_RANGE');
  refused(() => ballot.validatePart(shapeOf('YES_NO', 1), [4]), 'OPTION_OUT_OF_RANGE');
  const deliberative = ballot.issueShape(issueOf({ id: 1, method: 'SCHULZE', mode: 'deliberative', options: 3, offBallot: [1], maxScore: 10, voiceCredits: 100 }));
  refused(() => ballot.validatePart(deliberative, [1, 2, 3, 0]), 'OFF_BALLOT_MARKED');
  assert.deepEqual(ballot.ranksFromOrder(deliberative, [2, ballot.STATUS_QUO, 0]), [3, 0, 1, 2]);
  refused(() => ballot.validateBallot(shapeOf('YES_NO', 1), [{ weight: 1, values: [0] }, { weight: 1, values: [1] }], { electorate: 'members', weight: 2 }), 'SPLIT_NOT_ALLOWED');
  refused(() => ballot.validateBallot(shapeOf('YES_NO', 1), [{ weight: 5, values: [0] }, { weight: 4, values: [1] }], { electorate: 'weighted', weight: 10 }), 'PART_WEIGHTS');
  refused(() => ballot.validateBallot(shapeOf('YES_NO', 1), Array.from({ length: 17 }, () => ({ weight: 1, values: [0] })), { electorate: 'weighted', weight: 17 }), 'TOO_MANY_PARTS');
  refused(() => ballot.validatePart(shapeOf('QUADRATIC', 1), [2n ** 41n]), 'VALUE_OUT_OF_RANGE');
});

test('zig-zag as DvsBallotPart.encodeParts', () => {
  assert.deepEqual([0, -1, 1, -2, 2].map((v) => ballot.zigZag(v)), [0n, 1n, 2n, 3n, 4n]);
});
