// Pure helpers of the governance pages (no DOM): tally shares, time estimates, parameters in
// their units, and which parameters open proposals would change. Exact integers throughout.

import { ddcText, parseDdc } from '../../ui/format.js';
import { refused } from '../../lib/gov/messages.js';

export const CHOICE_ORDER = ['yes', 'no', 'abstain', 'veto'];
/** Statuses of a proposal still open (its changes are pending). */
export const OPEN_STATUSES = ['DEPOSIT_PERIOD', 'VOTING_PERIOD'];
/** Blocks read back to estimate the block interval. */
export const INTERVAL_SAMPLE_BLOCKS = 20;

/** Each choice's weight and its share (basis points, floor) of all four. */
export function tallyShares(tally) {
  const units = CHOICE_ORDER.map((c) => BigInt(tally?.[c] ?? 0));
  const total = units.reduce((a, b) => a + b, 0n);
  return CHOICE_ORDER.map((choice, i) => ({
    choice, units: units[i], bps: total === 0n ? 0 : Number((units[i] * 10000n) / total),
  }));
}

/** Basis points as a percentage: 3340 → "33.4 %", 5000 → "50 %". */
export function percent(bps) {
  const b = BigInt(bps);
  const whole = b / 100n;
  const frac = (b % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} %`;
}

/**
 * A rate as people type it, to basis points, as `bcos stake` reads it: "5", "5%", "0.25 %"
 * (percent, at most two decimals) or "500bp"; 0 … 10,000. `field` names it in the refusal.
 */
export function basisPoints(text, field) {
  const raw = String(text ?? '').trim();
  const s = raw.toLowerCase();
  const shown = raw.slice(0, 24);
  let bps;
  const bp = /^([0-9]{1,6})\s*bp$/.exec(s);
  const pct = /^([0-9]{1,6})(?:\.([0-9]{1,6}))?\s*%?$/.exec(s);
  if (bp) {
    bps = Number(bp[1]);
  } else if (pct) {
    const decimals = (pct[2] ?? '').replace(/0+$/, '');
    if (decimals.length > 2) throw refused('INVALID_RATE', field, `${field} must be a whole number of basis points (0.01 %), got "${shown}"`);
    bps = Number(pct[1]) * 100 + Number(decimals.padEnd(2, '0'));
  } else {
    throw refused('INVALID_RATE', field, `${field} must be a percentage (5 %, 0.25 %) or basis points (500bp), got "${shown}"`);
  }
  if (bps > 10000) throw refused('INVALID_RATE', field, `${field} must be 0 % … 100 %, got "${shown}"`);
  return bps;
}

/** When `targetHeight` is expected (ms since the epoch), or null when it is not ahead. */
export function estimateMillis(height, targetHeight, intervalMillis, headTimeMillis) {
  const left = Number(targetHeight) - Number(height);
  if (!(left > 0) || !(intervalMillis > 0)) return null;
  return Number(headTimeMillis) + left * intervalMillis;
}

/** The average block interval between two block headers (ms), or null. */
export function intervalMillis(older, newer) {
  const blocks = Number(newer.height) - Number(older.height);
  if (blocks <= 0) return null;
  return Math.max(1, Math.round((Number(newer.timeMillis) - Number(older.timeMillis)) / blocks));
}

/** Parameter name → [{id, value (string), status}] of the open proposals that would change it. */
export function pendingChanges(proposals) {
  const out = new Map();
  for (const p of proposals) {
    if (!OPEN_STATUSES.includes(p.status) || p.content?.kind !== 'param') continue;
    for (const c of p.content.changes ?? []) {
      if (!out.has(c.name)) out.set(c.name, []);
      out.get(c.name).push({ id: p.id, value: String(c.value), status: p.status });
    }
  }
  return out;
}

function grouped(v) {
  return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A parameter value in its unit, for people: 0.0002 DDC, 3340 bp (33.4 %), 17,280 blocks. */
export function unitValue(unit, value) {
  switch (unit) {
    case 'BASE_UNITS': return ddcText(value);
    case 'BASIS_POINTS': return `${value} bp (${percent(value)})`;
    case 'PERCENT': return `${value} %`;
    case 'BLOCKS': return `${grouped(value)} blocks`;
    case 'BYTES': return `${grouped(value)} bytes`;
    case 'BITS': return `${value} bits`;
    default: return grouped(value);
  }
}

/** A typed parameter value: DDC for BASE_UNITS (to base units), else a whole number. */
export function parseParamInput(unit, text) {
  const s = String(text ?? '').trim().replaceAll(',', '');
  if (unit === 'BASE_UNITS') {
    try {
      return parseDdc(s);
    } catch (e) {
      throw refused('PARAM_OUT_OF_RANGE', 'value', e.message);
    }
  }
  if (!/^(0|[1-9][0-9]{0,18})$/.test(s)) throw refused('PARAM_OUT_OF_RANGE', 'value', `"${String(text).slice(0, 24)}" is not a whole number`);
  return BigInt(s);
}
