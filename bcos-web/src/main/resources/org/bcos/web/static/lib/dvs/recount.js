// A recount of a closed issue in the browser (docs/web/results.md): dvs_rawIssueData's state
// entries decoded as the ledger stores them (DvsStore), delegations resolved and counted as
// DelegationResolver/DelegationCounter do, the ballots counted by the issue's method, and the
// answer compared field by field with the stored result (IssueTally.encode, the `result` hex).
// Weights are BigInt throughout: a weighted roll may hold up to 2^63-1.
import { fromHex, toHex } from '../bytes.js';
import { encodeAddress } from '../address.js';
import { ballotLeaf, rootOf } from './merkle.js';
import { countMethod, firstChoice, METHODS_IN_BROWSER } from './recount-methods.js';

export { METHODS_IN_BROWSER };
/** The browser declines a recount when the raw data holds more entries than this (all columns). */
export const MAX_RECOUNT_ENTRIES = 20_000;
/**
 * Schulze compares every pair of candidates on every ballot: the browser declines when ballots ×
 * candidates² is over this (measured in Node 20: about 35 ns a pair, so about 2 s at the limit).
 */
export const MAX_RECOUNT_SCHULZE_PAIRS = 50_000_000;
const SCOPES = ['COMMUNITY', 'AREA', 'ISSUE'];
const OUTCOME_MAX_BYTES = 64;

/** A named failure of a recount (code: RECOUNT_TOO_LARGE, RECOUNT_NOT_CLOSED, RAW_DATA_INVALID, …). */
export class RecountError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Reads what lib/codec.js's Encoder (Java's codec.Encoder) writes; strict like the Decoder. */
export class Decoder {
  constructor(bytes) {
    this.b = bytes;
    this.at = 0;
  }
  need(n) {
    if (this.at + n > this.b.length) throw new RecountError('RAW_DATA_INVALID', 'an entry ends early');
  }
  u8() {
    this.need(1);
    return this.b[this.at++];
  }
  bool() {
    const v = this.u8();
    if (v > 1) throw new RecountError('RAW_DATA_INVALID', 'a boolean is neither 0 nor 1');
    return v === 1;
  }
  u32() {
    this.need(4);
    const v = new DataView(this.b.buffer, this.b.byteOffset + this.at, 4).getUint32(0);
    this.at += 4;
    return v;
  }
  u64() {
    this.need(8);
    const v = new DataView(this.b.buffer, this.b.byteOffset + this.at, 8).getBigUint64(0);
    this.at += 8;
    if (v >= 1n << 63n) throw new RecountError('RAW_DATA_INVALID', 'u64 above 2^63-1');
    return v;
  }
  i64() {
    this.need(8);
    const v = new DataView(this.b.buffer, this.b.byteOffset + this.at, 8).getBigInt64(0);
    this.at += 8;
    return v;
  }
  varint() {
    let v = 0n;
    for (let shift = 0n; shift < 63n; shift += 7n) {
      const b = this.u8();
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return v;
    }
    throw new RecountError('RAW_DATA_INVALID', 'a varint is too long');
  }
  fixed(n) {
    this.need(n);
    const out = this.b.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
  string(max) {
    const n = Number(this.varint());
    if (n > max) throw new RecountError('RAW_DATA_INVALID', `a text of ${n} bytes is over ${max}`);
    return new TextDecoder('utf-8', { fatal: true }).decode(this.fixed(n));
  }
  finish() {
    if (this.at !== this.b.length) throw new RecountError('RAW_DATA_INVALID', 'an entry has bytes left over');
  }
}

/** Ballot parts as DvsBallotPart.decodeParts reads them: [{weight: BigInt, values: [BigInt]}]. */
export function decodeParts(d) {
  const n = Number(d.varint());
  const parts = [];
  for (let i = 0; i < n; i++) {
    const weight = d.u64();
    const count = Number(d.varint());
    const values = [];
    for (let j = 0; j < count; j++) {
      const z = d.varint();
      values.push((z & 1n) === 0n ? z >> 1n : -((z + 1n) >> 1n));
    }
    parts.push({ weight, values });
  }
  return parts;
}

/** The stored result (IssueTally.encode) with BigInt weights and totals. */
export function decodeResult(hex) {
  const d = new Decoder(fromHex(hex));
  const r = { issue: d.u64(), height: d.u64(), final: d.bool(), outcome: d.string(OUTCOME_MAX_BYTES) };
  const t = Number(d.varint());
  r.totals = [];
  for (let i = 0; i < t; i++) r.totals.push(d.i64());
  const w = Number(d.varint());
  r.winners = [];
  for (let i = 0; i < w; i++) r.winners.push(d.u32() - 1);
  r.electorateWeight = d.u64();
  r.countedWeight = d.u64();
  r.ballots = d.u64();
  r.quorumMet = d.bool();
  r.ballotsRoot = toHex(d.fixed(32));
  const n = Number(d.varint());
  r.regions = [];
  for (let i = 0; i < n; i++) {
    const cell = { region: d.string(1024), members: d.u64(), weight: d.u64(), firstChoices: [] };
    const c = Number(d.varint());
    for (let j = 0; j < c; j++) cell.firstChoices.push(d.u64());
    r.regions.push(cell);
  }
  r.unverifiedIdentity = d.bool();
  r.action = d.string(OUTCOME_MAX_BYTES);
  d.finish();
  return r;
}

function entries(raw, column) {
  const list = raw[column];
  if (!Array.isArray(list)) throw new RecountError('RAW_DATA_INVALID', `column ${column} is missing`);
  return list.map((e) => {
    const [k, v] = String(e).split(':');
    return { key: fromHex(k), value: fromHex(v ?? '') };
  });
}

/** How many entries the raw data holds, over all columns (what MAX_RECOUNT_ENTRIES limits). */
export function entryCount(raw) {
  let n = 0;
  for (const v of Object.values(raw)) if (Array.isArray(v)) n += v.length;
  return n;
}

/**
 * The counting inputs of a closed issue from dvs_rawIssueData (and dvs_getIssue, dvs_getCommunity
 * for its rules and parameters): the electorate snapshot, ballots, frozen delegations, area path.
 */
export function decodeRaw(raw, issue, community) {
  const members = entries(raw, 'dvs_snapshots').map(({ key, value }) => {
    const d = new Decoder(value);
    const m = { address: toHex(key.slice(8, 40)), weight: d.u64(), region: d.string(256), refuses: d.bool() };
    d.finish();
    return m;
  });
  members.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const ballots = new Map();
  for (const { key, value } of entries(raw, 'dvs_ballots')) {
    const d = new Decoder(value);
    ballots.set(toHex(key.slice(8, 40)), decodeParts(d));
    d.finish();
  }
  const delegations = entries(raw, 'dvs_frozen_delegations').map(({ key, value }) => {
    const d = new Decoder(key);
    d.u64();
    const from = toHex(d.fixed(32));
    const scope = SCOPES[d.u8()];
    if (!scope || value.length !== 32) throw new RecountError('RAW_DATA_INVALID', 'a delegation entry is malformed');
    return { from, scope, scopeId: d.u64(), to: toHex(value) };
  });
  const parents = new Map();
  for (const { key, value } of entries(raw, 'dvs_areas')) {
    parents.set(new Decoder(key.slice(8)).u32(), new Decoder(value).u32());
  }
  const areaPath = [];
  for (let a = issue.area, guard = 0; guard < 10_000; guard++) {
    areaPath.push(a);
    if (a === 0) break;
    a = parents.has(a) ? parents.get(a) : 0;
  }
  return { members, ballots, delegations, areaPath, issue, community };
}

/** delegateOf per member (DelegationResolver: community, then areas root-first, then issue). */
export function resolveDelegations(members, delegations, areaPath, issueId) {
  const index = new Map(members.map((m, i) => [m.address, i]));
  const delegateOf = new Array(members.length).fill(-1);
  const community = [];
  const areas = areaPath.map(() => []);
  const issueEdges = [];
  for (const d of delegations) {
    const from = index.get(d.from);
    const to = index.get(d.to);
    if (from === undefined || to === undefined) continue;
    if (d.scope === 'COMMUNITY') community.push([from, to]);
    else if (d.scope === 'AREA') {
      const at = areaPath.indexOf(Number(d.scopeId));
      if (at >= 0) areas[at].push([from, to]);
    } else if (d.scopeId === BigInt(issueId)) issueEdges.push([from, to]);
  }
  const apply = (edges) => {
    for (const [f, t] of edges) delegateOf[f] = t;
  };
  apply(community);
  for (let i = areas.length - 1; i >= 0; i--) apply(areas[i]);
  apply(issueEdges);
  return delegateOf;
}

/**
 * DelegationCounter.count: for each member the voter its weight ends with (-1: not counted —
 * not voting, a cycle, a refusing delegate, a chain over maxChainLength hops).
 */
export function countDelegations(delegateOf, voted, refuses, maxChainLength) {
  const n = delegateOf.length;
  const countedFor = new Array(n).fill(-2);
  const hops = new Array(n).fill(-1);
  const state = new Array(n).fill('unseen');
  for (let start = 0; start < n; start++) {
    if (state[start] !== 'unseen') continue;
    const stack = [];
    let m = start;
    let cycle = false;
    for (;;) {
      if (voted[m]) { state[m] = 'voted'; countedFor[m] = m; hops[m] = 0; break; }
      const d = delegateOf[m];
      if (d < 0) { state[m] = 'none'; countedFor[m] = -1; break; }
      if (refuses[d]) { state[m] = 'refused'; countedFor[m] = -1; break; }
      state[m] = 'stack';
      stack.push(m);
      if (state[d] === 'stack') {
        for (const s of stack) { state[s] = 'cycle'; countedFor[s] = -1; }
        cycle = true;
        break;
      }
      if (state[d] !== 'unseen') break;
      m = d;
    }
    if (cycle) continue;
    while (stack.length > 0) {
      const member = stack.pop();
      const via = delegateOf[member];
      if ((state[via] === 'voted' || state[via] === 'delegated') && hops[via] + 1 <= maxChainLength) {
        state[member] = 'delegated';
        countedFor[member] = countedFor[via];
        hops[member] = hops[via] + 1;
      } else {
        state[member] = 'lost';
        countedFor[member] = -1;
      }
    }
  }
  return countedFor;
}

/** Recounts decoded inputs: the same fields as the stored result, computed here. */
export async function recount(inputs) {
  const { members, ballots, delegations, areaPath, issue, community } = inputs;
  const n = members.length;
  const voted = members.map((m) => ballots.has(m.address));
  const delegateOf = resolveDelegations(members, delegations, areaPath, issue.id);
  const countedFor = countDelegations(delegateOf, voted, members.map((m) => m.refuses),
    community.params.maxChainLength);
  const countedWeight = new Array(n).fill(0n);
  for (let j = 0; j < n; j++) if (countedFor[j] >= 0) countedWeight[countedFor[j]] += members[j].weight;
  const weighted = [];
  const first = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (voted[i]) first[i] = addBallots(issue, ballots.get(members[i].address), members[i].weight, countedWeight[i], weighted);
  }
  const electorateWeight = members.reduce((s, m) => s + m.weight, 0n);
  const out = countMethod(issue, weighted, electorateWeight);
  const regions = breakdown(issue, members, countedFor, first, community.params.minCellSize);
  const totals = out.totals ?? firstChoiceTotals(regions, width(issue));
  const leaves = [];
  for (const voter of [...ballots.keys()].sort()) leaves.push(await ballotLeaf(fromHex(voter), ballots.get(voter)));
  return {
    outcome: out.outcome, totals, winners: out.winners, electorateWeight,
    countedWeight: out.countedWeight, ballots: BigInt(ballots.size), quorumMet: out.quorumMet,
    ballotsRoot: toHex(await rootOf(leaves)), regions,
  };
}

/** A voter's parts carrying `counted` weight; split parts share it by their own weights. */
function addBallots(issue, parts, own, counted, out) {
  let given = 0n;
  let first = null;
  for (let k = 0; k < parts.length; k++) {
    const content = contentOf(issue, parts[k].values);
    if (content === null) continue;
    let share = parts.length === 1 || own === 0n ? counted : (counted * parts[k].weight) / own;
    if (k === parts.length - 1 && parts.length > 1) share = counted - given;
    given += share;
    if (share > 0n) out.push({ weight: share, content });
    if (k === 0) first = firstChoice(issue, content);
  }
  return first;
}

/** DvsBallots.content without the method checks (recount-methods.js validates). */
function contentOf(issue, v) {
  const onBallot = ballotOptions(issue);
  const all = issue.options.length;
  const offUnmarked = (vals) => vals.every((x, i) => x === 0n || onBallot.includes(i));
  const compress = (vals) => onBallot.map((o) => vals[o]);
  switch (issue.rules.method) {
    case 'YES_NO':
      return v.length === 1 && v[0] >= 0n && v[0] < 4n ? { choice: Number(v[0]) } : null;
    case 'SINGLE_CHOICE':
      return v.length === 1 && onBallot.includes(Number(v[0])) ? { option: onBallot.indexOf(Number(v[0])) } : null;
    case 'APPROVAL':
      return v.every((x) => onBallot.includes(Number(x))) ? { options: v.map((x) => onBallot.indexOf(Number(x))) } : null;
    case 'SCORE':
    case 'QUADRATIC':
      return v.length === all && offUnmarked(v) ? { values: compress(v) } : null;
    default: {
      const statusQuo = issue.mode === 'deliberative' && issue.rules.method === 'SCHULZE';
      if (v.length !== all && !(statusQuo && v.length === all + 1)) return null;
      if (!offUnmarked(v.slice(0, all))) return null;
      const ranks = compress(v);
      if (v.length === all + 1) ranks.push(v[all]);
      return { ranks };
    }
  }
}

export function ballotOptions(issue) {
  return issue.options.filter((o) => o.onBallot).map((o) => o.index);
}

function width(issue) {
  return issue.rules.method === 'YES_NO' ? 4 : issue.options.length;
}

/** DvsRegions.breakdown with its small-cell merge (the two smallest, ties by name, repeatedly). */
function breakdown(issue, members, countedFor, first, minCellSize) {
  const w = width(issue);
  const cells = new Map();
  for (let j = 0; j < members.length; j++) {
    const voter = countedFor[j];
    if (voter < 0) continue;
    const region = members[j].region === '' ? '(unassigned)' : members[j].region;
    if (!cells.has(region)) cells.set(region, { region, members: 0n, weight: 0n, firstChoices: new Array(w).fill(0n) });
    const c = cells.get(region);
    c.members += 1n;
    c.weight += members[j].weight;
    const choice = first[voter];
    if (choice !== null && choice >= 0 && choice < w) c.firstChoices[choice] += members[j].weight;
  }
  const byName = (a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0);
  const work = [...cells.values()].sort(byName);
  const min = BigInt(minCellSize);
  while (work.length > 1) {
    work.sort((a, b) => (a.members !== b.members ? (a.members < b.members ? -1 : 1) : byName(a, b)));
    if (work[0].members >= min) break;
    const a = work.shift();
    const b = work.shift();
    const name = a.region < b.region ? `${a.region}+${b.region}` : `${b.region}+${a.region}`;
    work.push({ region: name, members: a.members + b.members, weight: a.weight + b.weight,
      firstChoices: a.firstChoices.map((x, i) => x + b.firstChoices[i]) });
  }
  if (work.length === 1 && work[0].members < min) {
    return [{ region: '(all, too few to show)', members: work[0].members, weight: work[0].weight, firstChoices: [] }];
  }
  return work.sort(byName);
}

function firstChoiceTotals(regions, w) {
  const sum = new Array(w).fill(0n);
  for (const r of regions) r.firstChoices.forEach((x, i) => { if (i < w) sum[i] += x; });
  return sum;
}

/** The fields where a recount and the stored result differ: [] when they match. */
export function compare(mine, stored) {
  const diffs = [];
  const same = (a, b) => JSON.stringify(a, big) === JSON.stringify(b, big);
  for (const f of ['outcome', 'totals', 'winners', 'electorateWeight', 'countedWeight', 'ballots', 'quorumMet', 'ballotsRoot', 'regions']) {
    if (!same(mine[f], stored[f])) diffs.push(f);
  }
  return diffs;
}

function big(_k, v) {
  return typeof v === 'bigint' ? v.toString() : v;
}

/**
 * The whole recount of a closed issue from the three RPC answers: {match, diffs, mine, stored}
 * or a RecountError (RECOUNT_NOT_CLOSED, RECOUNT_TOO_LARGE, RECOUNT_METHOD_UNAVAILABLE).
 */
export async function recountIssue(raw, issue, community) {
  if (!raw.result) throw new RecountError('RECOUNT_NOT_CLOSED', `issue ${issue.id} has no stored result yet`);
  const count = entryCount(raw);
  if (count > MAX_RECOUNT_ENTRIES) {
    throw new RecountError('RECOUNT_TOO_LARGE', `${count} entries is over the browser's limit of ${MAX_RECOUNT_ENTRIES}`);
  }
  if (!METHODS_IN_BROWSER.includes(issue.rules.method)) {
    throw new RecountError('RECOUNT_METHOD_UNAVAILABLE', `a recount of ${issue.rules.method} is not available in the browser`);
  }
  if (issue.rules.method === 'SCHULZE') {
    const c = issue.options.filter((o) => o.onBallot).length + (issue.mode === 'deliberative' ? 1 : 0);
    const pairs = raw.dvs_ballots.length * c * c;
    if (pairs > MAX_RECOUNT_SCHULZE_PAIRS) {
      throw new RecountError('RECOUNT_TOO_LARGE', `${raw.dvs_ballots.length} ballots over ${c} candidates is over the browser's limit of ${MAX_RECOUNT_SCHULZE_PAIRS} pairs`);
    }
  }
  const stored = decodeResult(raw.result);
  const mine = await recount(decodeRaw(raw, issue, community));
  const diffs = compare(mine, stored);
  return { match: diffs.length === 0, diffs, mine, stored };
}

/** An address (dd1…) of a decoded member key, for messages. */
export function addressOf(hex) {
  return encodeAddress(fromHex(hex));
}
