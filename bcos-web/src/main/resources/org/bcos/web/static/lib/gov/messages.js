// The gov and stake messages, and a proposal's vote, encoded as the ledger's records do
// (encodeFields of org.bcos.ledger.gov.api, org.bcos.ledger.stake.api and DvsCastBallot):
//   gov.submitProposal (60): string title | string description | content | u64 deposit
//     content: u8 kind | fields — 1 param (u32 n, then n × string name | u64 value),
//     2 upgrade (string name | u32 version | hash release | u64 height), 3 cancel-upgrade
//     (string name), 4 spend (address recipient | u64 units), 5 text (nothing)
//   gov.deposit (61): u64 proposal | u64 units
//   stake.createValidator (41) … stake.unjail (47): docs/GOVERNANCE.md "Staking"
//   dvs.castBallot (20) of a proposal: u64 issue | varint 1 | u64 weight 0 | varint 1 | varint choice
// Each builder checks its input first and refuses by the node's reason names (an Error with
// `code` and `field`), so the page explains the problem before anything is signed.
// bcos-cli's GovWebVectorsTest produces the vectors these encodings are tested against.

import { Encoder, CodecError, toBigInt } from '../codec.js';
import { utf8, fromHex } from '../bytes.js';

export const TAGS = Object.freeze({
  createValidator: 41, editValidator: 42, bond: 43, unbond: 44, redelegate: 45,
  withdrawRewards: 46, unjail: 47, submitProposal: 60, deposit: 61, castBallot: 20,
});
/** GovSubmitProposal.MAX_TITLE_BYTES and MAX_DESCRIPTION_BYTES. */
export const MAX_TITLE_BYTES = 140;
export const MAX_DESCRIPTION_BYTES = 1024;
/** ProposalContent.MAX_CHANGES. */
export const MAX_CHANGES = 16;
/** The longest parameter name the node decodes. */
export const MAX_PARAM_NAME_BYTES = 64;
/** UpgradePlan.MAX_NAME_LENGTH and its alphabet. */
export const MAX_UPGRADE_NAME_LENGTH = 64;
const UPGRADE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** StakingValidator.MAX_MONIKER_BYTES; StakeEditValidator.KEEP_RATE; rates are ≤ 10,000 bp. */
export const MAX_MONIKER_BYTES = 64;
export const KEEP_RATE = 65535;
export const MAX_RATE_BASIS_POINTS = 10000;
/** A proposal's vote: the DVS yes/no choices. */
export const CHOICES = Object.freeze({ yes: 0, no: 1, abstain: 2, veto: 3 });
const U32_MAX = 0xffffffffn;

/** A refusal by name: `code` is the node's reason, `field` the input it is about. */
export function refused(code, field, message) {
  const e = new CodecError(field, message);
  e.code = code;
  return e;
}

function hasControl(text) {
  // Character.isISOControl: U+0000..U+001F and U+007F..U+009F
  return /[\u0000-\u001f\u007f-\u009f]/.test(text);
}

function checkText(code, field, text, maxBytes, allowEmpty) {
  if (typeof text !== 'string') throw refused(code, field, `${field} must be text`);
  const n = utf8(text).length;
  if (!allowEmpty && n === 0) throw refused(code, field, `${field} is empty`);
  if (n > maxBytes) throw refused(code, field, `${field} is ${n} UTF-8 bytes; the limit is ${maxBytes}`);
  if (field !== 'description' && hasControl(text)) throw refused(code, field, `${field} has control characters`);
}

function message(tag, encodeFields) {
  return { tag, encodeFields };
}

/**
 * A parameter change of `changes` ([{name, value}], value as BigInt/number/decimal string).
 * With `params` (bcos_params' list) each name must be in force (UNKNOWN_PARAM) and each value
 * within its bounds (PARAM_OUT_OF_RANGE), as the node checks at submission.
 */
export function paramChange(changes, params) {
  if (!Array.isArray(changes) || changes.length === 0 || changes.length > MAX_CHANGES) {
    throw refused('PROPOSAL_CONTENT_INVALID', 'changes', `a parameter change has 1-${MAX_CHANGES} changes`);
  }
  const seen = new Set();
  const checked = changes.map(({ name, value }) => {
    if (typeof name !== 'string' || name.length === 0 || utf8(name).length > MAX_PARAM_NAME_BYTES) {
      throw refused('UNKNOWN_PARAM', 'name', `no parameter is named ${String(name).slice(0, 70)}`);
    }
    if (seen.has(name)) throw refused('PROPOSAL_CONTENT_INVALID', 'changes', `${name} is changed twice`);
    seen.add(name);
    let v;
    try {
      v = toBigInt(value, name);
    } catch (e) {
      throw refused('PARAM_OUT_OF_RANGE', name, `${name} must be a whole number, got ${String(value).slice(0, 24)}`);
    }
    if (params) checkParam(params, name, v);
    return { name, value: v };
  });
  return {
    kind: 'param',
    changes: checked,
    encode: (e) => {
      e.u8(1).u32(checked.length);
      for (const c of checked) e.string(c.name).u64(c.value, c.name);
    },
  };
}

/** Refuses `value` for parameter `name` unless bcos_params lists it and its bounds admit it. */
export function checkParam(params, name, value) {
  const spec = params.find((p) => p.name === name);
  if (!spec) throw refused('UNKNOWN_PARAM', 'name', `no parameter ${name} is in force on this chain`);
  const v = BigInt(value);
  if (v < BigInt(spec.min) || v > BigInt(spec.max)) {
    throw refused('PARAM_OUT_OF_RANGE', name, `${name} must be in ${spec.min}..${spec.max}, got ${v}`);
  }
  return spec;
}

/** A software upgrade: protocol `version` from `height`, release artifact SHA-256 `release` (hex). */
export function upgradeContent(name, version, release, height) {
  if (typeof name !== 'string' || !UPGRADE_NAME.test(name)) {
    throw refused('PROPOSAL_CONTENT_INVALID', 'name', `an upgrade name is 1-${MAX_UPGRADE_NAME_LENGTH} of a-z 0-9 . _ - (starting with a letter or digit)`);
  }
  const v = toBigInt(version, 'version', U32_MAX);
  if (v === 0n) throw refused('PROPOSAL_CONTENT_INVALID', 'version', 'the protocol version must be at least 1');
  const hex = String(release ?? '').trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw refused('INVALID_HASH', 'release', 'the release is a SHA-256: 64 hex digits');
  if (/^0+$/.test(hex)) throw refused('PROPOSAL_CONTENT_INVALID', 'release', 'the release hash is all zeros');
  const h = toBigInt(height, 'height');
  const hash = fromHex(hex);
  return {
    kind: 'upgrade', name, version: v, release: hex, height: h,
    encode: (e) => e.u8(2).string(name).u32(v, 'version').fixed(hash).u64(h, 'height'),
  };
}

/** Cancels the scheduled upgrade `name`. */
export function cancelUpgradeContent(name) {
  if (typeof name !== 'string' || !UPGRADE_NAME.test(name)) {
    throw refused('PROPOSAL_CONTENT_INVALID', 'name', 'an upgrade name is 1-64 of a-z 0-9 . _ -');
  }
  return { kind: 'cancel-upgrade', name, encode: (e) => e.u8(3).string(name) };
}

/** Pays `units` from the community pool to `recipient` (dd1…). */
export function spendContent(recipient, units) {
  const u = toBigInt(units, 'amount');
  if (u === 0n) throw refused('PROPOSAL_CONTENT_INVALID', 'amount', 'a spend pays more than 0');
  const to = new Encoder().address(recipient, 'recipient').toBytes();
  return { kind: 'spend', encode: (e) => e.u8(4).fixed(to).u64(u, 'amount') };
}

/** A text proposal: the decision is the record. */
export function textContent() {
  return { kind: 'text', encode: (e) => e.u8(5) };
}

/** gov.submitProposal: title (1-140 bytes), description (≤ 1,024), content, first deposit. */
export function submitProposal(title, description, content, depositUnits) {
  checkText('PROPOSAL_TEXT_INVALID', 'title', title, MAX_TITLE_BYTES, false);
  checkText('PROPOSAL_TEXT_INVALID', 'description', description ?? '', MAX_DESCRIPTION_BYTES, true);
  const deposit = toBigInt(depositUnits, 'deposit');
  if (deposit === 0n) throw refused('DEPOSIT_NOT_POSITIVE', 'deposit', 'the first deposit must be more than 0');
  return message(TAGS.submitProposal, (e) => {
    e.string(title).string(description ?? '');
    content.encode(e);
    e.u64(deposit, 'deposit');
  });
}

/** gov.deposit: `units` more for proposal `proposalId`. */
export function deposit(proposalId, units) {
  const id = toBigInt(proposalId, 'proposal');
  const u = toBigInt(units, 'amount');
  if (u === 0n) throw refused('DEPOSIT_NOT_POSITIVE', 'amount', 'a deposit must be more than 0');
  return message(TAGS.deposit, (e) => e.u64(id, 'proposal').u64(u, 'amount'));
}

/** The vote on a proposal: a DVS ballot on its issue, all of the voter's weight on `choice`. */
export function vote(issueId, choice) {
  if (!Object.hasOwn(CHOICES, choice)) throw refused('INVALID_CHOICE', 'choice', 'the choice is yes, no, abstain or veto');
  const issue = toBigInt(issueId, 'issue');
  return message(TAGS.castBallot, (e) => e.u64(issue, 'issue').varint(1).u64(0).varint(1).varint(CHOICES[choice] * 2));
}

function positive(units, field) {
  const u = toBigInt(units, field);
  if (u === 0n) throw refused('STAKE_NOT_POSITIVE', field, `${field} must be more than 0`);
  return u;
}

function addressBytes(address, field) {
  return new Encoder().address(address, field).toBytes();
}

function checkRates(rate, maxRate, maxChange) {
  const r = toBigInt(rate, 'rate', U32_MAX);
  const m = toBigInt(maxRate, 'maxRate', U32_MAX);
  const c = toBigInt(maxChange, 'maxChange', U32_MAX);
  if (m > BigInt(MAX_RATE_BASIS_POINTS) || r > m || c > m) {
    throw refused('COMMISSION_INVALID', 'rate', 'rate ≤ max rate ≤ 10,000 bp, and max change ≤ max rate');
  }
  return [r, m, c];
}

/** stake.createValidator: the sender becomes the operator of a validator signing with `consensusKey`. */
export function createValidator(consensusKey, rate, maxRate, maxChange, selfBondUnits, moniker) {
  const key = addressBytes(consensusKey, 'consensusKey');
  const [r, m, c] = checkRates(rate, maxRate, maxChange);
  const bond = positive(selfBondUnits, 'selfBond');
  checkText('MONIKER_INVALID', 'moniker', moniker, MAX_MONIKER_BYTES, false);
  return message(TAGS.createValidator, (e) => e.fixed(key).u32(r).u32(m).u32(c).u64(bond).string(moniker));
}

/** stake.editValidator: new moniker; `rate` in basis points, or KEEP_RATE to keep it. */
export function editValidator(moniker, rate = KEEP_RATE) {
  checkText('MONIKER_INVALID', 'moniker', moniker, MAX_MONIKER_BYTES, false);
  const r = toBigInt(rate, 'rate', U32_MAX);
  if (r > BigInt(MAX_RATE_BASIS_POINTS) && r !== BigInt(KEEP_RATE)) {
    throw refused('COMMISSION_INVALID', 'rate', 'a rate is at most 10,000 bp');
  }
  return message(TAGS.editValidator, (e) => e.string(moniker).u32(r));
}

/** stake.bond: `units` of the sender's balance to the validator `validator` operates. */
export function bond(validator, units) {
  const v = addressBytes(validator, 'validator');
  const u = positive(units, 'amount');
  return message(TAGS.bond, (e) => e.fixed(v).u64(u));
}

/** stake.unbond: `units` of the sender's bond out of `validator`. */
export function unbond(validator, units) {
  const v = addressBytes(validator, 'validator');
  const u = positive(units, 'amount');
  return message(TAGS.unbond, (e) => e.fixed(v).u64(u));
}

/** stake.redelegate: `units` of the sender's bond from `source` to `destination`. */
export function redelegate(source, destination, units) {
  const s = addressBytes(source, 'source');
  const d = addressBytes(destination, 'destination');
  if (s.every((b, i) => b === d[i])) throw refused('REDELEGATION_TO_SELF', 'destination', 'source and destination are the same validator');
  const u = positive(units, 'amount');
  return message(TAGS.redelegate, (e) => e.fixed(s).fixed(d).u64(u));
}

/** stake.withdrawRewards: the pending reward of the sender's bond with `validator`. */
export function withdrawRewards(validator) {
  const v = addressBytes(validator, 'validator');
  return message(TAGS.withdrawRewards, (e) => e.fixed(v));
}

/** stake.unjail: the sender's jailed validator back into the running. */
export function unjail() {
  return message(TAGS.unjail, () => {});
}

/** The message as the node reads it after the envelope: u8 tag | fields. */
export function encodeMessage(msg) {
  const e = new Encoder().u8(msg.tag);
  msg.encodeFields(e);
  return e.toBytes();
}
