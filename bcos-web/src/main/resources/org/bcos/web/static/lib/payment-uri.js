// Payment requests as text (docs/web/wallet.md "Payment request URI"), in the manner of BIP-21:
//   bcos:<dd1… address>[?amount=<DDC, up to 8 decimals>][&memo=<percent-encoded UTF-8>]
// The wallet's receive view writes them (and draws them as a QR code); its send form and the
// route #/wallet/send?to=&amount=&memo= read them. Parameters named req-* are ones a reader must
// understand (BIP-21): none is defined, so any is refused; other unknown parameters are ignored.

import { normalizeAddress } from './address.js';
import { MAX_MEMO_BYTES } from './tx.js';
import { utf8 } from './bytes.js';
import { ddc, parseDdc } from '../ui/format.js';

export const SCHEME = 'bcos:';
/** Longest URI read (characters): an address, an amount and a 256-byte memo percent-encoded fit. */
export const MAX_URI_CHARS = 1200;

/**
 * A payment request that cannot be read. code is PAYMENT_URI_INVALID; field names the part:
 * uri (scheme, length, syntax), to (the address: `cause` has its AddressError), amount, memo.
 */
export class PaymentUriError extends Error {
  constructor(field, message, cause) {
    super(message);
    this.name = 'PaymentUriError';
    this.code = 'PAYMENT_URI_INVALID';
    this.field = field;
    if (cause) this.cause = cause;
  }
}

/** The URI of a request for `amountUnits` (BigInt, optional) to `address`, with `memo` (optional). */
export function formatPaymentUri({ address, amountUnits, memo }) {
  const to = normalizeAddress(address);
  const params = [];
  if (amountUnits !== undefined && amountUnits !== null) params.push(`amount=${ddc(amountUnits)}`);
  if (memo) {
    checkMemo(memo);
    params.push(`memo=${encodeURIComponent(memo)}`);
  }
  return `${SCHEME}${to}${params.length ? `?${params.join('&')}` : ''}`;
}

/**
 * Reads a payment request: {address, amountUnits?: BigInt, memo?: string}. Refuses, with a
 * PaymentUriError naming the field, another scheme, a bad address, amount or memo, a repeated
 * parameter, or a req-* parameter.
 */
export function parsePaymentUri(text) {
  const s = String(text ?? '').trim();
  if (s.length > MAX_URI_CHARS) throw new PaymentUriError('uri', `a payment request has at most ${MAX_URI_CHARS} characters`);
  if (s.slice(0, SCHEME.length).toLowerCase() !== SCHEME) throw new PaymentUriError('uri', `a payment request starts with "${SCHEME}"`);
  const rest = s.slice(SCHEME.length);
  const q = rest.indexOf('?');
  const out = { address: readAddress(q < 0 ? rest : rest.slice(0, q)) };
  if (q < 0) return out;
  const seen = new Set();
  for (const pair of rest.slice(q + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), 'uri');
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1), name === 'memo' ? 'memo' : 'uri');
    if (seen.has(name)) throw new PaymentUriError(name === 'amount' || name === 'memo' ? name : 'uri', `"${name}" is given twice`);
    seen.add(name);
    if (name === 'amount') out.amountUnits = readAmount(value);
    else if (name === 'memo') out.memo = checkMemo(value);
    else if (name.startsWith('req-')) throw new PaymentUriError('uri', `the request needs "${name}", which this wallet does not know`);
  }
  return out;
}

/**
 * What a person put in a "to" field: a dd1… address or a bcos: URI. Returns the same shape as
 * parsePaymentUri; a bad address is a PaymentUriError of field `to`.
 */
export function parseRecipient(text) {
  const s = String(text ?? '').trim();
  if (s.slice(0, SCHEME.length).toLowerCase() === SCHEME) return parsePaymentUri(s);
  return { address: readAddress(s) };
}

/** The app route that opens the send form with this request filled in. */
export function sendRoute({ address, amountUnits, memo }) {
  const q = new URLSearchParams();
  q.set('to', normalizeAddress(address));
  if (amountUnits !== undefined && amountUnits !== null) q.set('amount', ddc(amountUnits));
  if (memo) q.set('memo', checkMemo(memo));
  return `#/wallet/send?${q.toString()}`;
}

function readAddress(text) {
  try {
    return normalizeAddress(text);
  } catch (e) {
    throw new PaymentUriError('to', `not a dd1… address: ${e.message}`, e);
  }
}

function readAmount(text) {
  try {
    return parseDdc(text);
  } catch (e) {
    throw new PaymentUriError('amount', e.message, e);
  }
}

function checkMemo(memo) {
  const n = utf8(memo).length;
  if (n > MAX_MEMO_BYTES) throw new PaymentUriError('memo', `a memo has at most ${MAX_MEMO_BYTES} UTF-8 bytes; this one has ${n}`);
  return memo;
}

function decode(text, field) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    throw new PaymentUriError(field, `bad percent-encoding: ${text.slice(0, 20)}`, e);
  }
}
