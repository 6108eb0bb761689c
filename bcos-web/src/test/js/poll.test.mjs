// The poll designer's logic: lib/dvs/admin.js against the messages Java encodes
// (vectors/poll-messages.json, written and checked by bcos-cli's DvsAdminWebVectorsTest), its
// refusals of out-of-bounds input, and the roll CSV parser (lib/dvs/members-csv.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { toHex } from '../../main/resources/org/bcos/web/static/lib/bytes.js';
import { keyFromMnemonic } from '../../main/resources/org/bcos/web/static/lib/slip10.js';
import { encodeBody, signTransaction } from '../../main/resources/org/bcos/web/static/lib/tx.js';
import * as admin from '../../main/resources/org/bcos/web/static/lib/dvs/admin.js';
import { parseMembers, splitCsv, MAX_ROWS } from '../../main/resources/org/bcos/web/static/lib/dvs/members-csv.js';

const V = JSON.parse(readFileSync(new URL('./vectors/poll-messages.json', import.meta.url), 'utf8'));

/** The JS message for a vector's kind and input (the page's calls). */
function build({ kind, input: i }) {
  switch (kind) {
    case 'createCommunity': return admin.createCommunity(i.name, i.params);
    case 'addArea': return admin.addArea(i.community, i.parentArea, i.name);
    case 'setMember': return admin.setMember(i.community, i.member, i.weight);
    case 'attest': return admin.attest(i.community, i.member, i.attribute, i.value);
    case 'createIssue': return admin.createIssue(i);
    case 'delegate': return admin.delegate(i.community, i.scope, i.scopeId, i.to);
    case 'undelegate': return admin.undelegate(i.community, i.scope, i.scopeId);
    default: throw new Error(`unknown kind ${kind}`);
  }
}

test('every DVS message encodes as Java encodes it', () => {
  assert.ok(V.messages.length >= 15);
  const kinds = new Set();
  for (const v of V.messages) {
    const m = build(v);
    assert.equal(m.tag, v.tag, v.kind);
    assert.equal(toHex(admin.fieldBytes(m)), v.fields, `${v.kind} ${JSON.stringify(v.input).slice(0, 80)}`);
    kinds.add(v.kind);
  }
  assert.deepEqual([...kinds].sort(), ['addArea', 'attest', 'createCommunity', 'createIssue', 'delegate', 'setMember', 'undelegate']);
});

test('signed DVS transactions are byte for byte the ones Java signs', async () => {
  assert.ok(V.transactions.length >= 3);
  for (const v of V.transactions) {
    const key = await keyFromMnemonic(V.mnemonic, v.account);
    const body = { chainId: v.chainId, nonce: v.nonce, feeUnits: v.feeUnits, expiryHeight: v.expiryHeight, message: build(v) };
    assert.equal(toHex(encodeBody({ ...body, sender: key.publicKey })), v.body);
    const signed = await signTransaction(body, key);
    assert.equal(signed.hex, v.encoded);
    assert.equal(toHex(signed.hash), v.hash);
  }
});

test('out-of-bounds input is refused by name before anything is signed', () => {
  const refused = (fn, field) => assert.throws(fn, (e) => e.code === 'INVALID_DVS_INPUT' && e.field === field, field);
  const alice = V.messages.find((v) => v.kind === 'setMember').input.member;
  refused(() => admin.createCommunity('', {}), 'name');
  refused(() => admin.createCommunity('x'.repeat(65), {}), 'name');
  refused(() => admin.createCommunity('한'.repeat(22), {}), 'name'); // 66 UTF-8 bytes
  refused(() => admin.createCommunity('ok', { electorate: 'stake' }), 'electorate');
  refused(() => admin.createCommunity('ok', { votingBlocks: 0 }), 'votingBlocks');
  refused(() => admin.createCommunity('ok', { admissionBlocks: 10_000_001 }), 'admissionBlocks');
  refused(() => admin.createCommunity('ok', { maxChainLength: 65 }), 'maxChainLength');
  refused(() => admin.createCommunity('ok', { powDifficultyBits: 41 }), 'powDifficultyBits');
  refused(() => admin.createCommunity('ok', { issueQuorumBps: 10_001 }), 'issueQuorumBps');
  refused(() => admin.createCommunity('ok', { minCellSize: 0 }), 'minCellSize');
  refused(() => admin.createCommunity('ok', { votingBlocks: '1.5' }), 'votingBlocks');
  refused(() => admin.setMember(1, 'dd1notanaddress', 1), 'member');
  refused(() => admin.setMember(1, alice, 10n ** 15n + 1n), 'weight');
  refused(() => admin.attest(1, alice, 'region', 'r'.repeat(65)), 'value');
  refused(() => admin.createIssue({ community: 1, method: 'SCHULZE', options: ['only one'] }), 'options');
  refused(() => admin.createIssue({ community: 1, method: 'YES_NO', options: ['a', 'b'] }), 'options');
  refused(() => admin.createIssue({ community: 1, method: 'SINGLE_CHOICE', options: Array.from({ length: 65 }, (_, i) => `o${i}`) }), 'options');
  refused(() => admin.createIssue({ community: 1, method: 'APPROVAL', options: ['a', ''] }), 'option 2');
  refused(() => admin.createIssue({ community: 1, method: 'APPROVAL', options: ['a', 'b'.repeat(257)] }), 'option 2');
  refused(() => admin.createIssue({ community: 1, method: 'SCORE', options: ['a', 'b'], maxScore: 0 }), 'maxScore');
  refused(() => admin.createIssue({ community: 1, method: 'QUADRATIC', options: ['a', 'b'], voiceCredits: 0 }), 'voiceCredits');
  refused(() => admin.createIssue({ community: 1, method: 'IRV', options: ['a', 'b'], payUnits: 5 }), 'payUnits');
  refused(() => admin.createIssue({ community: 1, method: 'BORDA', options: ['a', 'b'] }), 'method');
  refused(() => admin.delegate(1, 'COMMUNITY', 3, alice), 'scopeId');
  refused(() => admin.delegate(1, 'REGION', 0, alice), 'scope');
  refused(() => admin.undelegate(1, 'AREA', -1), 'scopeId');
});

const A = V.messages.filter((v) => v.kind === 'setMember').map((v) => v.input.member);

test('a roll parses from CSV with a header, BOM, CRLF, quotes and labels', () => {
  const csv = `\uFEFFaddress,weight,region,label\r\n${A[0]},10,KR-11,"Kim, ""the chair"""\r\n"${A[1].toUpperCase()}", 20 ,KR-26,<img src=x onerror=alert(1)>\r\n\r\n`;
  const { rows, errors } = parseMembers(csv, { electorate: 'weighted', regions: ['KR-11', 'KR-26'] });
  assert.deepEqual(errors, []);
  assert.deepEqual(rows.map((r) => [r.row, r.address, r.weight, r.region, r.label]), [
    [2, A[0], 10n, 'KR-11', 'Kim, "the chair"'],
    [3, A[1], 20n, 'KR-26', '<img src=x onerror=alert(1)>'],
  ]);
});

test('without weight the weight is 1; without region there is none; LF and CR line ends', () => {
  const { rows, errors } = parseMembers(`${A[0]}\r${A[1]},,\n`, { electorate: 'members' });
  assert.deepEqual(errors, []);
  assert.deepEqual(rows.map((r) => [r.row, r.weight, r.region]), [[1, 1n, ''], [2, 1n, '']]);
});

test('every bad row is named by row and column, and nothing is returned to send', () => {
  const csv = [
    'address,weight,region',
    `${A[0]},10,KR-11`,
    'dd1qqqq,5,KR-11',
    `${A[1]},0,KR-11`,
    `${A[1]},-3,`,
    `${A[0]},2,`,
    `${A[1]},1.5,Atlantis`,
    `${A[1]},1,KR-11,label,extra`,
  ].join('\n');
  const { rows, errors } = parseMembers(csv, { electorate: 'weighted', regions: ['KR-11'] });
  assert.deepEqual(rows, []);
  assert.deepEqual(errors.map((e) => [e.row, e.column, e.code]), [
    [3, 'address', 'BAD_ADDRESS'],
    [4, 'weight', 'BAD_WEIGHT'],
    [5, 'address', 'DUPLICATE_ADDRESS'],
    [5, 'weight', 'BAD_WEIGHT'],
    [6, 'address', 'DUPLICATE_ADDRESS'],
    [7, 'address', 'DUPLICATE_ADDRESS'],
    [7, 'weight', 'BAD_WEIGHT'],
    [7, 'region', 'UNKNOWN_REGION'],
    [8, '', 'TOO_MANY_COLUMNS'],
  ]);
  assert.match(errors[4].message, /row 6, column address: already on row 2/);
  assert.match(errors[7].message, /row 7, column region: "Atlantis"/);
});

test('a members electorate takes weight 1 only; weights above 10^15 (the ledger\'s MAX_MEMBER_WEIGHT) are refused', () => {
  const members = parseMembers(`${A[0]},2`, { electorate: 'members' });
  assert.deepEqual(members.errors.map((e) => [e.row, e.column, e.code]), [[1, 'weight', 'BAD_WEIGHT']]);
  const big = parseMembers(`${A[0]},1000000000000001`, { electorate: 'weighted' });
  assert.equal(big.errors[0].code, 'BAD_WEIGHT');
  assert.equal(parseMembers(`${A[0]},1000000000000000`, { electorate: 'weighted' }).rows[0].weight, 10n ** 15n);
});

test('too many rows names the limit; an open quote and an empty file are named too', () => {
  const lines = Array.from({ length: MAX_ROWS + 1 }, () => A[0]).join('\n');
  const many = parseMembers(lines, { electorate: 'members' });
  assert.equal(many.errors[0].code, 'TOO_MANY_ROWS');
  assert.match(many.errors[0].message, new RegExp(`at most ${MAX_ROWS} member rows`));
  assert.equal(parseMembers(`${A[0]},"1\n`).errors[0].code, 'UNTERMINATED_QUOTE');
  assert.equal(parseMembers('address,weight,region\n').errors[0].code, 'NO_ROWS');
  assert.equal(parseMembers('  \n').errors[0].code, 'NO_ROWS');
});

test('splitCsv keeps quoted commas and line breaks inside a cell, and names rows by their first line', () => {
  const rows = splitCsv('a,"b\nc",d\r\ne,f');
  assert.deepEqual(rows, [{ line: 1, cells: ['a', 'b\nc', 'd'] }, { line: 3, cells: ['e', 'f'] }]);
});
