// The governance messages (lib/gov/messages.js) against the vectors Java computes
// (bcos-cli GovWebVectorsTest): every gov and stake message and a vote ballot byte for byte, a
// signed proposal; and bad input refused by the node's reason names before anything is signed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { toHex } from '../../main/resources/org/bcos/web/static/lib/bytes.js';
import * as slip10 from '../../main/resources/org/bcos/web/static/lib/slip10.js';
import * as tx from '../../main/resources/org/bcos/web/static/lib/tx.js';
import * as gov from '../../main/resources/org/bcos/web/static/lib/gov/messages.js';
import * as view from '../../main/resources/org/bcos/web/static/pages/governance/model.js';

const vectors = JSON.parse(readFileSync(new URL('./vectors/gov-messages.json', import.meta.url), 'utf8'));

function content(a) {
  switch (a.kind) {
    case 'param': return gov.paramChange(a.changes);
    case 'upgrade': return gov.upgradeContent(a.name, a.version, a.release, a.height);
    case 'cancel-upgrade': return gov.cancelUpgradeContent(a.name);
    case 'spend': return gov.spendContent(a.recipient, a.amount);
    default: return gov.textContent();
  }
}

function build(v) {
  const a = v.args;
  switch (v.builder) {
    case 'submitProposal': return gov.submitProposal(a.title, a.description, content(a), a.deposit);
    case 'deposit': return gov.deposit(a.proposal, a.amount);
    case 'vote': return gov.vote(a.issue, a.choice);
    case 'createValidator': return gov.createValidator(a.consensusKey, a.rate, a.maxRate, a.maxChange, a.selfBond, a.moniker);
    case 'editValidator': return gov.editValidator(a.moniker, a.rate);
    case 'bond': return gov.bond(a.validator, a.amount);
    case 'unbond': return gov.unbond(a.validator, a.amount);
    case 'redelegate': return gov.redelegate(a.source, a.destination, a.amount);
    case 'withdrawRewards': return gov.withdrawRewards(a.validator);
    case 'unjail': return gov.unjail();
    default: throw new Error(`no builder ${v.builder}`);
  }
}

test('every gov and stake message encodes as Java encodes it', () => {
  assert.ok(vectors.messages.length >= 17);
  for (const v of vectors.messages) {
    const msg = build(v);
    assert.equal(msg.tag, v.tag, v.builder);
    assert.equal(toHex(gov.encodeMessage(msg)), v.encoded, `${v.builder} ${JSON.stringify(v.args).slice(0, 80)}`);
  }
});

test('a signed proposal is the transaction Java signs', async () => {
  const v = vectors.signedProposal;
  const key = await slip10.keyFromMnemonic(v.mnemonic, v.account);
  const signed = await tx.signTransaction({ chainId: v.chainId, nonce: v.nonce, feeUnits: v.feeUnits,
    expiryHeight: v.expiryHeight, message: gov.submitProposal(v.title, '', gov.textContent(), v.deposit) }, key);
  assert.equal(signed.hex, v.encoded);
  assert.equal(toHex(signed.hash), v.hash);
});

const PARAMS = [
  { name: 'minFeeUnits', value: '10000', min: '0', max: '100000000', unit: 'BASE_UNITS' },
  { name: 'govThresholdBasisPoints', value: '5000', min: '0', max: '9999', unit: 'BASIS_POINTS' },
];

function refusedBy(code, field, fn) {
  assert.throws(fn, (e) => e.code === code && (field === undefined || e.field === field), `expected ${code} ${field ?? ''}`);
}

test('a parameter change is checked against bcos_params before signing', () => {
  refusedBy('PARAM_OUT_OF_RANGE', 'govThresholdBasisPoints', () => gov.paramChange([{ name: 'govThresholdBasisPoints', value: '10000' }], PARAMS));
  refusedBy('PARAM_OUT_OF_RANGE', 'minFeeUnits', () => gov.paramChange([{ name: 'minFeeUnits', value: '100000001' }], PARAMS));
  refusedBy('PARAM_OUT_OF_RANGE', 'minFeeUnits', () => gov.paramChange([{ name: 'minFeeUnits', value: '-1' }], PARAMS));
  refusedBy('UNKNOWN_PARAM', 'name', () => gov.paramChange([{ name: 'noSuch', value: '1' }], PARAMS));
  refusedBy('PROPOSAL_CONTENT_INVALID', 'changes', () => gov.paramChange([], PARAMS));
  refusedBy('PROPOSAL_CONTENT_INVALID', 'changes', () => gov.paramChange([{ name: 'minFeeUnits', value: 1 }, { name: 'minFeeUnits', value: 2 }], PARAMS));
  refusedBy('PROPOSAL_CONTENT_INVALID', 'changes', () => gov.paramChange(Array.from({ length: 17 }, (_, i) => ({ name: `p${i}`, value: 1 }))));
  // the bounds themselves are admitted
  assert.equal(gov.paramChange([{ name: 'govThresholdBasisPoints', value: '9999' }], PARAMS).changes[0].value, 9999n);
  assert.equal(gov.paramChange([{ name: 'minFeeUnits', value: 0 }], PARAMS).changes[0].value, 0n);
});

test('titles, descriptions, deposits and upgrade plans are refused by name', () => {
  const text = gov.textContent();
  refusedBy('PROPOSAL_TEXT_INVALID', 'title', () => gov.submitProposal('t'.repeat(141), '', text, 1));
  refusedBy('PROPOSAL_TEXT_INVALID', 'title', () => gov.submitProposal('한'.repeat(47), '', text, 1)); // 141 bytes
  refusedBy('PROPOSAL_TEXT_INVALID', 'title', () => gov.submitProposal('', '', text, 1));
  refusedBy('PROPOSAL_TEXT_INVALID', 'title', () => gov.submitProposal('a\u0007b', '', text, 1));
  refusedBy('PROPOSAL_TEXT_INVALID', 'description', () => gov.submitProposal('ok', 'd'.repeat(1025), text, 1));
  refusedBy('DEPOSIT_NOT_POSITIVE', 'deposit', () => gov.submitProposal('ok', '', text, 0));
  gov.submitProposal('한'.repeat(46), 'd'.repeat(1024), text, 1); // 138 bytes and the limit: admitted
  refusedBy('PROPOSAL_CONTENT_INVALID', 'name', () => gov.upgradeContent('V6', 6, 'b5'.repeat(32), 100));
  refusedBy('PROPOSAL_CONTENT_INVALID', 'version', () => gov.upgradeContent('v6', 0, 'b5'.repeat(32), 100));
  refusedBy('INVALID_HASH', 'release', () => gov.upgradeContent('v6', 6, 'b5'.repeat(31), 100));
  refusedBy('PROPOSAL_CONTENT_INVALID', 'release', () => gov.upgradeContent('v6', 6, '00'.repeat(32), 100));
  refusedBy('PROPOSAL_CONTENT_INVALID', 'amount', () => gov.spendContent(vectors.messages[3].args.recipient, 0));
  refusedBy('INVALID_ADDRESS', undefined, () => gov.spendContent('dd1notanaddress', 5));
  refusedBy('DEPOSIT_NOT_POSITIVE', 'amount', () => gov.deposit(1, 0));
  refusedBy('INVALID_CHOICE', 'choice', () => gov.vote(1, 'maybe'));
});

test('stake messages refuse zero amounts, bad rates, monikers and self-redelegation', () => {
  const a = vectors.messages.find((v) => v.builder === 'bond').args.validator;
  const b = vectors.messages.find((v) => v.builder === 'withdrawRewards').args.validator;
  refusedBy('STAKE_NOT_POSITIVE', 'amount', () => gov.bond(a, 0));
  refusedBy('STAKE_NOT_POSITIVE', 'amount', () => gov.unbond(a, '0'));
  refusedBy('REDELEGATION_TO_SELF', 'destination', () => gov.redelegate(a, a, 5));
  refusedBy('COMMISSION_INVALID', 'rate', () => gov.createValidator(b, 600, 500, 10, 1, 'x'));
  refusedBy('COMMISSION_INVALID', 'rate', () => gov.createValidator(b, 5, 10001, 10, 1, 'x'));
  refusedBy('MONIKER_INVALID', 'moniker', () => gov.createValidator(b, 5, 50, 10, 1, ''));
  refusedBy('MONIKER_INVALID', 'moniker', () => gov.editValidator('m'.repeat(65)));
  refusedBy('INVALID_VALUE', 'amount', () => gov.bond(a, 2n ** 63n));
});

test('the page model: tally shares, countdowns and pending parameter changes', () => {
  const tally = { yes: '600', no: '200', abstain: '100', veto: '100', electorateWeight: '2000', countedWeight: '1000', turnoutBps: 5000, quorumMet: true };
  const s = view.tallyShares(tally);
  assert.deepEqual(s.map((x) => [x.choice, x.bps]), [['yes', 6000], ['no', 2000], ['abstain', 1000], ['veto', 1000]]);
  assert.deepEqual(view.tallyShares({ yes: '0', no: '0', abstain: '0', veto: '0' }).map((x) => x.bps), [0, 0, 0, 0]);
  assert.equal(view.percent(3340), '33.4 %');
  assert.equal(view.percent(5000), '50 %');
  assert.equal(view.estimateMillis(100, 110, 500, 1_000_000), 1_005_000);
  assert.equal(view.estimateMillis(100, 90, 500, 1_000_000), null);
  const pending = view.pendingChanges([
    { id: 1, status: 'VOTING_PERIOD', content: { kind: 'param', changes: [{ name: 'minFeeUnits', value: 20000 }] } },
    { id: 2, status: 'PASSED', content: { kind: 'param', changes: [{ name: 'maxValidators', value: 50 }] } },
    { id: 3, status: 'DEPOSIT_PERIOD', content: { kind: 'param', changes: [{ name: 'minFeeUnits', value: 30000 }] } },
    { id: 4, status: 'DEPOSIT_PERIOD', content: { kind: 'text' } },
  ]);
  assert.deepEqual([...pending.keys()], ['minFeeUnits']);
  assert.deepEqual(pending.get('minFeeUnits').map((p) => [p.id, p.value]), [[1, '20000'], [3, '30000']]);
  assert.equal(view.unitValue('BASE_UNITS', '20000'), '0.0002 DDC');
  assert.equal(view.unitValue('BASIS_POINTS', '3340'), '3340 bp (33.4 %)');
  assert.equal(view.unitValue('BLOCKS', '17280'), '17,280 blocks');
  assert.equal(view.parseParamInput('BASE_UNITS', '0.0002'), 20000n);
  assert.equal(view.parseParamInput('COUNT', '50'), 50n);
  assert.throws(() => view.parseParamInput('COUNT', '5.5'), (e) => e.code === 'PARAM_OUT_OF_RANGE');
});

test('rates typed as bcos stake reads them: percent with two decimals at most, or basis points', () => {
  assert.equal(view.basisPoints('5%', 'commission'), 500);
  assert.equal(view.basisPoints('5', 'commission'), 500);
  assert.equal(view.basisPoints(' 0.25 % ', 'commission'), 25);
  assert.equal(view.basisPoints('0.250%', 'commission'), 25);
  assert.equal(view.basisPoints('500bp', 'commission'), 500);
  assert.equal(view.basisPoints('100%', 'commission'), 10000);
  assert.equal(view.basisPoints('0', 'commission'), 0);
  for (const [text, words] of [['100.01%', '0 % … 100 %'], ['10001bp', '0 % … 100 %'],
    ['0.125%', 'whole number of basis points'], ['-1%', 'a percentage'], ['5 percent', 'a percentage'],
    ['', 'a percentage'], ['1e2', 'a percentage']]) {
    assert.throws(() => view.basisPoints(text, 'commission'),
      (e) => e.code === 'INVALID_RATE' && e.field === 'commission' && e.message.startsWith('commission must be')
        && e.message.includes(words), text);
  }
});
