// What the explorer's search box was given: an address, a 64-hex-digit hash (a transaction or a
// block), a block height, or none of these. Pure: the page does the lookups.

import { normalizeAddress } from './address.js';

/** Longest text the search box reads (an address is 63 characters, a 0x hash 66). */
export const MAX_QUERY_LENGTH = 200;

/**
 * {kind: 'address', value: dd1… (canonical)} | {kind: 'hash', value: 64 lower-case hex} |
 * {kind: 'height', value: number} | {kind: 'empty'} | {kind: 'unknown', value: the text}.
 */
export function classify(text) {
  const q = String(text ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  if (q === '') return { kind: 'empty' };
  if (/^dd1/i.test(q)) {
    try {
      return { kind: 'address', value: normalizeAddress(q) };
    } catch {
      return { kind: 'unknown', value: q };
    }
  }
  const hex = q.replace(/^0x/i, '');
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return { kind: 'hash', value: hex.toLowerCase() };
  if (/^\d{1,16}$/.test(q) && Number.isSafeInteger(Number(q))) return { kind: 'height', value: Number(q) };
  return { kind: 'unknown', value: q };
}
