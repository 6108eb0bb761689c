// Bech32 (BIP-173) and bech32m (BIP-350) text, and BCOS addresses: the 32-byte Ed25519 public
// key as bech32m with prefix "dd" (dd1…), exactly as bcos-types' Bech32m and Address. Every
// refusal is an AddressError with code INVALID_ADDRESS or WRONG_CHAIN_ADDRESS (the CLI's names)
// and a reason naming the rule broken.

export const PREFIX = 'dd';
export const ADDRESS_BYTES = 32;
/** BIP-173's limit on the whole string. */
export const MAX_LENGTH = 90;
export const BECH32 = 'bech32';
export const BECH32M = 'bech32m';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CONST = { [BECH32]: 1, [BECH32M]: 0x2bc830a3 };
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/**
 * reason: TOO_LONG, INVALID_CHARACTER, MIXED_CASE, NO_SEPARATOR, TOO_SHORT, NOT_IN_ALPHABET,
 * CHECKSUM, PADDING, WRONG_PREFIX (code WRONG_CHAIN_ADDRESS), WRONG_LENGTH.
 */
export class AddressError extends Error {
  constructor(reason, message, code = 'INVALID_ADDRESS') {
    super(message);
    this.name = 'AddressError';
    this.code = code;
    this.reason = reason;
  }
}

function polymod(values) {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]) >>> 0;
  }
  return chk;
}

function expand(prefix, values) {
  const out = [];
  for (let i = 0; i < prefix.length; i++) out.push(prefix.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < prefix.length; i++) out.push(prefix.charCodeAt(i) & 31);
  return out.concat(values);
}

function convertBits(data, from, to, pad) {
  let acc = 0;
  let bits = 0;
  const maxv = (1 << to) - 1;
  const out = [];
  for (const value of data) {
    acc = ((acc << from) | value) & 0xffffff;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    throw new AddressError('PADDING', 'invalid padding in the data part');
  }
  return out;
}

/** Text of 5-bit groups under a (lower-case) prefix. */
export function encodeGroups(prefix, groups, variant = BECH32M) {
  const mod = polymod(expand(prefix, groups).concat([0, 0, 0, 0, 0, 0])) ^ CONST[variant];
  let s = prefix + '1';
  for (const v of groups) s += CHARSET[v];
  for (let i = 0; i < 6; i++) s += CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return s;
}

/** {prefix, groups} of text checked with `variant`'s constant; AddressError names a failure. */
export function decodeGroups(text, variant = BECH32M) {
  text = String(text);
  if (text.length > MAX_LENGTH) {
    throw new AddressError('TOO_LONG', `bech32m text longer than ${MAX_LENGTH} characters`);
  }
  let lower = false;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126) throw new AddressError('INVALID_CHARACTER', `invalid character at position ${i}`);
    lower ||= c >= 97 && c <= 122;
    upper ||= c >= 65 && c <= 90;
  }
  if (lower && upper) throw new AddressError('MIXED_CASE', 'mixed upper and lower case');
  const s = text.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (sep < 1) throw new AddressError('NO_SEPARATOR', "missing prefix or '1' separator");
  if (sep + 7 > s.length) throw new AddressError('TOO_SHORT', 'too short to hold a checksum');
  const prefix = s.slice(0, sep);
  const values = [];
  for (const ch of s.slice(sep + 1)) {
    const v = CHARSET.indexOf(ch);
    if (v < 0) throw new AddressError('NOT_IN_ALPHABET', `character '${ch}' is not in the bech32 alphabet`);
    values.push(v);
  }
  if (polymod(expand(prefix, values)) !== CONST[variant]) {
    throw new AddressError('CHECKSUM', 'checksum mismatch: the text was mistyped or altered');
  }
  return { prefix, groups: values.slice(0, -6) };
}

/** Bech32m (or bech32) text of bytes. */
export function encode(prefix, bytes, variant = BECH32M) {
  return encodeGroups(prefix, convertBits(bytes, 8, 5, true), variant);
}

/** {prefix, data: Uint8Array} of bech32m (or bech32) text. */
export function decode(text, variant = BECH32M) {
  const { prefix, groups } = decodeGroups(text, variant);
  return { prefix, data: Uint8Array.from(convertBits(groups, 5, 8, false)) };
}

/** The dd1… address of a 32-byte public key. */
export function encodeAddress(publicKey) {
  if (publicKey.length !== ADDRESS_BYTES) {
    throw new AddressError('WRONG_LENGTH', `an address is ${ADDRESS_BYTES} bytes, got ${publicKey.length}`);
  }
  return encode(PREFIX, publicKey);
}

/** The 32 bytes of a dd1… address (either case); AddressError names what is wrong. */
export function decodeAddress(text) {
  const { prefix, data } = decode(text);
  if (prefix !== PREFIX) {
    throw new AddressError('WRONG_PREFIX', `'${text}' is an address of another chain (prefix '${prefix}');`
      + ` BCOS addresses start with ${PREFIX}1`, 'WRONG_CHAIN_ADDRESS');
  }
  if (data.length !== ADDRESS_BYTES) {
    throw new AddressError('WRONG_LENGTH', `address must carry ${ADDRESS_BYTES} bytes, got ${data.length}`);
  }
  return data;
}

/** The canonical (lower-case) form of a dd1… address. */
export function normalizeAddress(text) {
  return encodeAddress(decodeAddress(text));
}
