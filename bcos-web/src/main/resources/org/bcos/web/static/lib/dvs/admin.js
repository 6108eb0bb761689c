// The DVS messages the poll designer and the delegations page sign, encoded exactly as the Java
// records of org.bcos.ledger.dvs.api write their fields (encodeFields); bcos-cli's
// DvsAdminWebVectorsTest writes the vectors (src/test/js/vectors/poll-messages.json) the JS
// tests compare against byte for byte. Each builder checks its input first and refuses it by
// name (DvsInputError: code INVALID_DVS_INPUT and the field), so nothing out of the ledger's
// bounds is ever signed.

import { Encoder, CodecError, toBigInt } from '../codec.js';
import { utf8 } from '../bytes.js';

/** Message tags (DvsCreateCommunity.TAG, …). */
export const TAGS = Object.freeze({
  createCommunity: 10, addArea: 11, setMember: 12, attest: 13, delegate: 14, undelegate: 15,
  createIssue: 17,
});
/** DvsMessages limits (UTF-8 bytes), DvsParams/DvsRules ranges and the ledger's per-community limits. */
export const LIMITS = Object.freeze({
  maxNameBytes: 64, maxTextBytes: 256, maxOptions: 64, maxAttributeBytes: 64,
  maxPhaseBlocks: 10_000_000, maxBps: 10_000, maxChainLength: 64, maxMinCellSize: 1_000_000,
  maxPowBits: 40, maxScore: 1_000, maxVoiceCredits: 1_000_000,
  maxMemberWeight: 10n ** 15n, maxAreas: 10_000,
});
/** DvsParams electorates, by the ordinal the ledger stores (stake is the chain community's alone). */
export const ELECTORATES = Object.freeze(['members', 'weighted', 'open']);
/** DvsMessages.Method in ordinal order. */
export const METHODS = Object.freeze(['YES_NO', 'SINGLE_CHOICE', 'APPROVAL', 'SCHULZE', 'IRV', 'SCORE', 'QUADRATIC']);
/** DvsMessages.Scope in ordinal order. */
export const SCOPES = Object.freeze(['COMMUNITY', 'AREA', 'ISSUE']);
/** The one attribute a registrar attests (DvsCommunityHandlers.REGION). */
export const REGION = 'region';
/** DvsParams.defaults(electorate): docs/DVS.md "Parameters and defaults". */
export const DEFAULT_PARAMS = Object.freeze({
  electorate: 'members', admissionBlocks: 10, discussionBlocks: 10, verificationBlocks: 10,
  votingBlocks: 60, issueQuorumBps: 1000, initiativeQuorumBps: 1000, maxChainLength: 8,
  minCellSize: 5, powDifficultyBits: 16, delegationInSupport: false,
});
/** DvsRules.of(method). */
export const DEFAULT_RULES = Object.freeze({ quorumBps: 0, thresholdBps: 5000, vetoBps: 0, maxScore: 10, voiceCredits: 100 });
/** The all-zero address: "no payee" (what the CLI sends without --pay-to). */
export const NO_PAYEE = new Uint8Array(32);

/** Input the ledger would refuse (INVALID_DVS_INPUT), with the field it is about. */
export class DvsInputError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'DvsInputError';
    this.code = 'INVALID_DVS_INPUT';
    this.field = field;
  }
}

function text(value, field, min, max) {
  if (typeof value !== 'string') throw new DvsInputError(field, `${field} must be text`);
  const n = utf8(value).length;
  if (n < min || n > max) throw new DvsInputError(field, `${field} must be ${min}..${max} UTF-8 bytes, got ${n}`);
  return value;
}

function int(value, field, min, max) {
  let v;
  try {
    v = toBigInt(value, field, BigInt(max));
  } catch (e) {
    throw new DvsInputError(field, `${field} must be an integer in ${min}..${max}`);
  }
  if (v < BigInt(min)) throw new DvsInputError(field, `${field} must be an integer in ${min}..${max}`);
  return v;
}

function ordinal(list, value, field) {
  const i = typeof value === 'number' ? value : list.indexOf(String(value));
  if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new DvsInputError(field, `${field} must be one of ${list.join(', ')}`);
  return i;
}

/** An address as 32 bytes now, so a bad one is refused before anything is signed. */
function addressBytes(address, field) {
  try {
    return new Encoder().address(address, field).toBytes();
  } catch (e) {
    if (e instanceof CodecError || e.code) {
      const err = new DvsInputError(field, `${field}: ${e.message}`);
      err.reason = e.code;
      throw err;
    }
    throw e;
  }
}

/** Checked community parameters (defaults for what is missing), as DvsParams. */
export function params(p = {}) {
  const v = { ...DEFAULT_PARAMS, ...p };
  const max = LIMITS.maxPhaseBlocks;
  return {
    electorate: ordinal(ELECTORATES, v.electorate, 'electorate'),
    admissionBlocks: int(v.admissionBlocks, 'admissionBlocks', 1, max),
    discussionBlocks: int(v.discussionBlocks, 'discussionBlocks', 0, max),
    verificationBlocks: int(v.verificationBlocks, 'verificationBlocks', 0, max),
    votingBlocks: int(v.votingBlocks, 'votingBlocks', 1, max),
    issueQuorumBps: int(v.issueQuorumBps, 'issueQuorumBps', 0, LIMITS.maxBps),
    initiativeQuorumBps: int(v.initiativeQuorumBps, 'initiativeQuorumBps', 0, LIMITS.maxBps),
    maxChainLength: int(v.maxChainLength, 'maxChainLength', 0, LIMITS.maxChainLength),
    minCellSize: int(v.minCellSize, 'minCellSize', 1, LIMITS.maxMinCellSize),
    powDifficultyBits: int(v.powDifficultyBits, 'powDifficultyBits', 0, LIMITS.maxPowBits),
    delegationInSupport: Boolean(v.delegationInSupport),
  };
}

/** dvs.createCommunity (tag 10): string name | DvsParams. */
export function createCommunity(name, parameters = {}) {
  text(name, 'name', 1, LIMITS.maxNameBytes);
  const p = params(parameters);
  return {
    tag: TAGS.createCommunity,
    encodeFields: (e) => e.string(name).u8(p.electorate).u64(p.admissionBlocks).u64(p.discussionBlocks)
      .u64(p.verificationBlocks).u64(p.votingBlocks).u32(p.issueQuorumBps).u32(p.initiativeQuorumBps)
      .u32(p.maxChainLength).u32(p.minCellSize).u32(p.powDifficultyBits).bool(p.delegationInSupport),
  };
}

/** dvs.addArea (tag 11): u64 community | u32 parentArea | string name. */
export function addArea(communityId, parentArea, name) {
  const c = int(communityId, 'community', 0, 2n ** 63n - 1n);
  const parent = int(parentArea, 'parentArea', 0, LIMITS.maxAreas - 1);
  text(name, 'area name', 1, LIMITS.maxNameBytes);
  return { tag: TAGS.addArea, encodeFields: (e) => e.u64(c).u32(parent).string(name) };
}

/** dvs.setMember (tag 12): u64 community | address member | u64 weight (0 removes). */
export function setMember(communityId, member, weight) {
  const c = int(communityId, 'community', 0, 2n ** 63n - 1n);
  const m = addressBytes(member, 'member');
  const w = int(weight, 'weight', 0, LIMITS.maxMemberWeight);
  return { tag: TAGS.setMember, encodeFields: (e) => e.u64(c).fixed(m).u64(w) };
}

/** dvs.attest (tag 13): u64 community | address member | string attribute | string value. */
export function attest(communityId, member, attribute, value) {
  const c = int(communityId, 'community', 0, 2n ** 63n - 1n);
  const m = addressBytes(member, 'member');
  text(attribute, 'attribute', 1, LIMITS.maxAttributeBytes);
  text(value, 'value', 0, LIMITS.maxAttributeBytes);
  return { tag: TAGS.attest, encodeFields: (e) => e.u64(c).fixed(m).string(attribute).string(value) };
}

/** Checked issue rules (DvsRules.of defaults for what is missing). */
export function rules(method, r = {}) {
  const v = { ...DEFAULT_RULES, ...r };
  return {
    method: ordinal(METHODS, method, 'method'),
    quorumBps: int(v.quorumBps, 'quorumBps', 0, LIMITS.maxBps),
    thresholdBps: int(v.thresholdBps, 'thresholdBps', 0, LIMITS.maxBps),
    vetoBps: int(v.vetoBps, 'vetoBps', 0, LIMITS.maxBps),
    maxScore: int(v.maxScore, 'maxScore', 0, LIMITS.maxScore),
    voiceCredits: int(v.voiceCredits, 'voiceCredits', 0, LIMITS.maxVoiceCredits),
  };
}

/**
 * dvs.createIssue (tag 17): u64 community | u32 area | bool deliberative | DvsRules | varint n |
 * n × string option | address payTo | u64 payUnits. The ledger's stateless checks are applied
 * here too (DvsIssueHandlers.checkOptions): option counts per method and mode, option text
 * sizes, score/quadratic numbers, payments on yes/no issues only.
 */
export function createIssue({ community, area = 0, deliberative = false, method, options, payTo = NO_PAYEE, payUnits = 0, ...r }) {
  const c = int(community, 'community', 0, 2n ** 63n - 1n);
  const a = int(area, 'area', 0, LIMITS.maxAreas - 1);
  const ru = rules(method, r);
  const yesNo = ru.method === 0;
  if (!Array.isArray(options)) throw new DvsInputError('options', 'options must be a list');
  const min = yesNo ? 1 : deliberative ? 1 : 2;
  const max = yesNo ? 1 : LIMITS.maxOptions;
  if (options.length < min || options.length > max) {
    throw new DvsInputError('options', yesNo ? 'a yes/no issue has exactly one option: the proposal'
      : `needs ${min}..${max} options, got ${options.length}`);
  }
  options.forEach((o, i) => text(o, `option ${i + 1}`, 1, LIMITS.maxTextBytes));
  if (ru.method === METHODS.indexOf('SCORE') && ru.maxScore < 1n) throw new DvsInputError('maxScore', 'score voting needs maxScore >= 1');
  if (ru.method === METHODS.indexOf('QUADRATIC') && ru.voiceCredits < 1n) throw new DvsInputError('voiceCredits', 'quadratic voting needs voice credits');
  const pay = int(payUnits, 'payUnits', 0, 2n ** 63n - 1n);
  if (pay > 0n && !yesNo) throw new DvsInputError('payUnits', 'only yes/no issues carry a payment');
  const payee = addressBytes(payTo, 'payTo');
  const opts = [...options];
  return {
    tag: TAGS.createIssue,
    encodeFields: (e) => {
      e.u64(c).u32(a).bool(deliberative).u8(ru.method).u32(ru.quorumBps).u32(ru.thresholdBps)
        .u32(ru.vetoBps).u32(ru.maxScore).u64(ru.voiceCredits).varint(opts.length);
      for (const o of opts) e.string(o);
      e.fixed(payee).u64(pay);
    },
  };
}

function scopeOf(scope, scopeId) {
  const s = ordinal(SCOPES, scope, 'scope');
  const id = int(scopeId, 'scopeId', 0, 2n ** 63n - 1n);
  if (s === 0 && id !== 0n) throw new DvsInputError('scopeId', 'community scope takes id 0');
  return [s, id];
}

/** dvs.delegate (tag 14): u64 community | u8 scope | u64 scopeId | address delegate. */
export function delegate(communityId, scope, scopeId, to) {
  const c = int(communityId, 'community', 0, 2n ** 63n - 1n);
  const [s, id] = scopeOf(scope, scopeId);
  const d = addressBytes(to, 'delegate');
  return { tag: TAGS.delegate, encodeFields: (e) => e.u64(c).u8(s).u64(id).fixed(d) };
}

/** dvs.undelegate (tag 15): u64 community | u8 scope | u64 scopeId. */
export function undelegate(communityId, scope, scopeId) {
  const c = int(communityId, 'community', 0, 2n ** 63n - 1n);
  const [s, id] = scopeOf(scope, scopeId);
  return { tag: TAGS.undelegate, encodeFields: (e) => e.u64(c).u8(s).u64(id) };
}

/** The message's fields alone (what Java's encodeFields writes), for tests. */
export function fieldBytes(message) {
  const e = new Encoder();
  message.encodeFields(e);
  return e.toBytes();
}
