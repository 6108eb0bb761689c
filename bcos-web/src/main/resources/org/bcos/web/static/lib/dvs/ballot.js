// DVS ballots and supports as the ledger encodes and checks them (org.bcos.ledger.dvs.api):
//   dvs.castBallot (tag 20) = u64 issue | varint parts | per part: u64 weight | varint count
//                             | zig-zag varint values            (DvsCastBallot, DvsBallotPart)
//   dvs.support    (tag 19) = u64 issue | u32 initiative | bool support   (DvsSupport)
// Values are indexed by the issue's options (dvs_getIssue `options`), per method:
//   YES_NO {choice: 0 yes, 1 no, 2 abstain, 3 no-with-veto}; SINGLE_CHOICE {option};
//   APPROVAL {options…}; SCHULZE, IRV {rank per option, 1 = best, 0 = unranked; deliberative
//   Schulze: one more rank last, the status quo's}; SCORE {0..maxScore per option};
//   QUADRATIC {votes per option, may be negative; Σ votes² ≤ voiceCredits}.
// validatePart / validateBallot refuse what the ledger would (DvsBallots + BallotValidator +
// DvsCastBallotHandler) with a BallotError: code INVALID_BALLOT and `reason` the ledger's
// BallotProblem name (WRONG_LENGTH, OPTION_OUT_OF_RANGE, DUPLICATE_OPTION, RANK_OUT_OF_RANGE,
// DUPLICATE_RANK, SCORE_OUT_OF_RANGE, OVER_BUDGET, EMPTY_BALLOT) or OFF_BALLOT_MARKED,
// TOO_MANY_PARTS, SPLIT_NOT_ALLOWED, PART_WEIGHTS.

import { toBigInt } from '../codec.js';

export const CAST_BALLOT_TAG = 20;
export const SUPPORT_TAG = 19;
/** DvsMessages.MAX_OPTIONS, MAX_BALLOT_PARTS; DvsBallotPart.MAX_VALUES, MAX_ABS_VALUE. */
export const MAX_OPTIONS = 64;
export const MAX_BALLOT_PARTS = 16;
export const MAX_VALUES = MAX_OPTIONS + 1;
export const MAX_ABS_VALUE = 1n << 40n;
/** Yes/no choices in their wire order (BallotContent.Choice). */
export const CHOICES = Object.freeze(['yes', 'no', 'abstain', 'veto']);
/** Ballot methods (DvsMessages.Method), as dvs_getIssue's rules.method names them. */
export const METHODS = Object.freeze(['YES_NO', 'SINGLE_CHOICE', 'APPROVAL', 'SCHULZE', 'IRV', 'SCORE', 'QUADRATIC']);
/** Where a ranked ballot puts the status quo (dvs_ranking's option -1). */
export const STATUS_QUO = -1;

/** A ballot the ledger would refuse; `reason` names why. */
export class BallotError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'BallotError';
    this.code = 'INVALID_BALLOT';
    this.reason = reason;
  }
}

const refuse = (reason, message) => {
  throw new BallotError(reason, message);
};

/** The shape of an issue the checks need, from dvs_getIssue's answer. */
export function issueShape(issue) {
  const options = issue.options ?? [];
  return {
    id: issue.id,
    method: issue.rules.method,
    deliberative: issue.mode === 'deliberative',
    optionCount: options.length,
    onBallot: options.filter((o) => o.onBallot !== false).map((o) => o.index),
    maxScore: Number(issue.rules.maxScore ?? 10),
    voiceCredits: BigInt(issue.rules.voiceCredits ?? 100),
  };
}

/** Whether the issue's ranked ballot has a status quo (deliberative Schulze). */
export function hasStatusQuo(shape) {
  return shape.method === 'SCHULZE' && shape.deliberative;
}

/** Voice credits a quadratic ballot costs (Σ votes², BigInt). */
export function quadraticCost(values) {
  return values.reduce((sum, v) => sum + BigInt(v) * BigInt(v), 0n);
}

/**
 * The values of a ranked ballot from an order of candidates, best first (option indices, and
 * STATUS_QUO where the issue has one); candidates left out stay unranked (0).
 */
export function ranksFromOrder(shape, order) {
  const values = new Array(shape.optionCount + (hasStatusQuo(shape) ? 1 : 0)).fill(0);
  order.forEach((candidate, i) => {
    const at = candidate === STATUS_QUO ? shape.optionCount : candidate;
    if (!(at >= 0 && at < values.length)) refuse('OPTION_OUT_OF_RANGE', `no candidate ${candidate} on this ballot`);
    if (values[at] !== 0) refuse('DUPLICATE_RANK', `candidate ${candidate} is placed twice`);
    values[at] = i + 1;
  });
  return values;
}

/** Checks one part's values against the issue as the ledger does; returns them as BigInts. */
export function validatePart(shape, values) {
  if (!Array.isArray(values) || values.length > MAX_VALUES) refuse('WRONG_LENGTH', `a ballot part has at most ${MAX_VALUES} values`);
  const v = values.map((x) => toSigned(x));
  const all = shape.optionCount;
  const on = new Set(shape.onBallot);
  const n = shape.onBallot.length;
  switch (shape.method) {
    case 'YES_NO':
      if (v.length !== 1) refuse('WRONG_LENGTH', 'a yes/no ballot has one value: the choice');
      if (v[0] < 0n || v[0] >= BigInt(CHOICES.length)) refuse('OPTION_OUT_OF_RANGE', `choice ${v[0]} is not yes (0), no (1), abstain (2) or veto (3)`);
      break;
    case 'SINGLE_CHOICE':
      if (v.length !== 1) refuse('WRONG_LENGTH', 'a single-choice ballot has one value: the option');
      if (!on.has(Number(v[0]))) refuse('OPTION_OUT_OF_RANGE', `option ${v[0]} is not on the ballot`);
      break;
    case 'APPROVAL': {
      if (v.length === 0) refuse('EMPTY_BALLOT', 'approve at least one option');
      const seen = new Set();
      for (const x of v) {
        if (!on.has(Number(x))) refuse('OPTION_OUT_OF_RANGE', `option ${x} is not on the ballot`);
        if (seen.has(x)) refuse('DUPLICATE_OPTION', `option ${x} is approved twice`);
        seen.add(x);
      }
      break;
    }
    case 'SCHULZE':
    case 'IRV':
      checkRanking(shape, v, on, n);
      break;
    case 'SCORE':
      if (v.length !== all) refuse('WRONG_LENGTH', `a score ballot has one score per option (${all})`);
      offBallotUnmarked(v, on);
      for (const x of v) {
        if (x < 0n || x > BigInt(shape.maxScore)) refuse('SCORE_OUT_OF_RANGE', `score ${x} is outside 0..${shape.maxScore}`);
      }
      break;
    case 'QUADRATIC': {
      if (v.length !== all) refuse('WRONG_LENGTH', `a quadratic ballot has votes per option (${all})`);
      offBallotUnmarked(v, on);
      if (v.every((x) => x === 0n)) refuse('EMPTY_BALLOT', 'cast at least one vote');
      const cost = quadraticCost(v);
      if (cost > shape.voiceCredits) refuse('OVER_BUDGET', `the votes cost ${cost} voice credits; the ballot has ${shape.voiceCredits}`);
      break;
    }
    default:
      refuse('WRONG_METHOD', `unknown method ${shape.method}`);
  }
  return v;
}

function checkRanking(shape, v, on, n) {
  const all = shape.optionCount;
  const sq = hasStatusQuo(shape);
  if (v.length !== all && !(sq && v.length === all + 1)) refuse('WRONG_LENGTH', `a ranked ballot has one rank per option (${all})${sq ? ', and one for the status quo' : ''}`);
  offBallotUnmarked(v.slice(0, all), on);
  const candidates = BigInt(n + (sq ? 1 : 0));
  const ranks = v.filter((_, i) => i >= all || on.has(i));
  let any = false;
  for (const r of ranks) {
    if (r < 0n || r > candidates) refuse('RANK_OUT_OF_RANGE', `rank ${r} is outside 0..${candidates}`);
    any ||= r !== 0n;
  }
  if (!any) refuse('EMPTY_BALLOT', 'rank at least one option');
  if (shape.method === 'IRV') {
    const used = new Set();
    for (const r of ranks) {
      if (r !== 0n && used.has(r)) refuse('DUPLICATE_RANK', `two options share rank ${r}`);
      used.add(r);
    }
  }
}

function offBallotUnmarked(v, on) {
  v.forEach((x, i) => {
    if (x !== 0n && !on.has(i)) refuse('OFF_BALLOT_MARKED', `option ${i} did not reach the ballot; leave it 0`);
  });
}

function toSigned(x) {
  let v;
  if (typeof x === 'bigint') v = x;
  else if (typeof x === 'number' && Number.isSafeInteger(x)) v = BigInt(x);
  else if (typeof x === 'string' && /^-?(0|[1-9][0-9]{0,18})$/.test(x)) v = BigInt(x);
  else refuse('VALUE_OUT_OF_RANGE', `ballot value ${String(x).slice(0, 24)} is not an integer`);
  if (v > MAX_ABS_VALUE || v < -MAX_ABS_VALUE) refuse('VALUE_OUT_OF_RANGE', `ballot value ${v} is beyond ±2^40`);
  return v;
}

/**
 * Checks a whole ballot ([{weight, values}]) for a voter: each part as validatePart; several
 * parts only in a weighted electorate, their weights adding up to the voter's `weight` (one part
 * of weight 0 means all of it).
 */
export function validateBallot(shape, parts, { electorate = 'members', weight = 1n } = {}) {
  if (!Array.isArray(parts) || parts.length === 0) refuse('EMPTY_BALLOT', 'a ballot has at least one part');
  if (parts.length > MAX_BALLOT_PARTS) refuse('TOO_MANY_PARTS', `a ballot has at most ${MAX_BALLOT_PARTS} parts`);
  if (parts.length > 1 && electorate !== 'weighted') refuse('SPLIT_NOT_ALLOWED', 'only weighted electorates split votes');
  const out = parts.map((p) => ({ weight: toBigInt(p.weight ?? 0, 'weight'), values: validatePart(shape, p.values) }));
  const whole = out.length === 1 && out[0].weight === 0n;
  const sum = out.reduce((s, p) => s + p.weight, 0n);
  if (!whole && sum !== BigInt(weight)) refuse('PART_WEIGHTS', `part weights add up to ${sum}; the voter's weight is ${weight}`);
  return out;
}

/** Zig-zag of a signed value (DvsBallotPart.encodeParts): 0, -1, 1, -2 → 0, 1, 2, 3. */
export function zigZag(v) {
  const x = BigInt(v);
  return x >= 0n ? x << 1n : ((-x) << 1n) - 1n;
}

/** Writes parts as DvsBallotPart.encodeParts to an Encoder (lib/codec.js). */
export function encodeParts(e, parts) {
  e.varint(parts.length);
  for (const p of parts) {
    e.u64(p.weight ?? 0, 'weight').varint(p.values.length);
    for (const v of p.values) e.varint(zigZag(toSigned(v)));
  }
  return e;
}

/** The dvs.castBallot message ({tag, encodeFields}) for lib/tx.js. Check it first (validateBallot). */
export function castBallot(issueId, parts) {
  if (parts.length > MAX_BALLOT_PARTS) refuse('TOO_MANY_PARTS', `a ballot has at most ${MAX_BALLOT_PARTS} parts`);
  const id = toBigInt(issueId, 'issue');
  const copy = parts.map((p) => ({ weight: toBigInt(p.weight ?? 0, 'weight'), values: p.values.map(toSigned) }));
  return { tag: CAST_BALLOT_TAG, encodeFields: (e) => encodeParts(e.u64(id, 'issue'), copy) };
}

/** The dvs.support message: support (or stop supporting) initiative `initiative` of an issue. */
export function support(issueId, initiative, yes = true) {
  const id = toBigInt(issueId, 'issue');
  const index = toBigInt(initiative, 'initiative', 0xffffffffn);
  return { tag: SUPPORT_TAG, encodeFields: (e) => e.u64(id, 'issue').u32(index, 'initiative').bool(yes) };
}
