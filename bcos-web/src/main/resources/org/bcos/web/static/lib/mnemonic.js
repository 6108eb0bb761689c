// BIP-39 mnemonics exactly as bcos-crypto's Mnemonic (the CLI's `bcos key new` / `key import`):
// English list, 12..24 words (24 generated), phrase normalised (NFKD, lower case, single spaces),
// seed = PBKDF2-HMAC-SHA512(phrase, "mnemonic" + NFKD(passphrase), 2048 rounds, 64 bytes).
// All hashing is Web Crypto's.

import { ENGLISH } from './bip39-english.js';
import { sha256, utf8, wipe } from './bytes.js';

/** Words in a phrase made by generate(). */
export const GENERATED_WORDS = 24;
export const PBKDF2_ITERATIONS = 2048;
const INDEX = new Map(ENGLISH.map((w, i) => [w, i]));

/**
 * A phrase that is not a valid BIP-39 English phrase. code is always INVALID_MNEMONIC (the CLI's
 * name); reason says which rule: WORD_COUNT, UNKNOWN_WORD (with word and position), CHECKSUM.
 */
export class MnemonicError extends Error {
  constructor(reason, message, details = {}) {
    super(message);
    this.name = 'MnemonicError';
    this.code = 'INVALID_MNEMONIC';
    this.reason = reason;
    Object.assign(this, details);
  }
}

/** The words of a phrase after NFKD, lower case and whitespace folding (as the Java side). */
export function normalizedWords(phrase) {
  if (phrase == null) throw new MnemonicError('WORD_COUNT', 'The mnemonic is missing.');
  const s = String(phrase).normalize('NFKD').toLowerCase().trim();
  return s === '' ? [] : s.split(/\s+/);
}

/** The phrase of entropy (16, 20, 24, 28 or 32 bytes) with its checksum. */
export async function fromEntropy(entropy) {
  const n = entropy.length;
  if (n < 16 || n > 32 || n % 4 !== 0) {
    throw new RangeError('BIP-39 entropy is 16, 20, 24, 28 or 32 bytes, got ' + n);
  }
  const bits = new Uint8Array(n + 1);
  bits.set(entropy);
  bits[n] = (await sha256(entropy))[0];
  const count = (n * 8 + n / 4) / 11;
  const words = [];
  for (let w = 0; w < count; w++) words.push(ENGLISH[readBits(bits, w * 11, 11)]);
  wipe(bits);
  return words.join(' ');
}

/** A new 24-word phrase from 256 bits of crypto.getRandomValues. */
export async function generate() {
  const entropy = crypto.getRandomValues(new Uint8Array(32));
  try {
    return await fromEntropy(entropy);
  } finally {
    wipe(entropy);
  }
}

/** The entropy of a phrase; throws MnemonicError naming the problem. */
export async function toEntropy(phrase) {
  const words = normalizedWords(phrase);
  const count = words.length;
  if (count < 12 || count > 24 || count % 3 !== 0) {
    throw new MnemonicError('WORD_COUNT',
      `A mnemonic has 12, 15, 18, 21 or 24 words, but this one has ${count}.`, { count });
  }
  const bits = new Uint8Array(Math.ceil((count * 11) / 8));
  words.forEach((word, w) => {
    const index = INDEX.get(word);
    if (index === undefined) {
      throw new MnemonicError('UNKNOWN_WORD',
        `Word ${w + 1}, "${word}", is not in the BIP-39 English list.`, { word, position: w + 1 });
    }
    writeBits(bits, w * 11, index);
  });
  const checksumBits = count / 3;
  const entropy = bits.slice(0, (count * 11 - checksumBits) / 8);
  const expected = (await sha256(entropy))[0] >>> (8 - checksumBits);
  const actual = readBits(bits, entropy.length * 8, checksumBits);
  wipe(bits);
  if (expected !== actual) {
    wipe(entropy);
    throw new MnemonicError('CHECKSUM',
      "The mnemonic's checksum does not match: a word is wrong or words are out of order.");
  }
  return entropy;
}

/** Resolves if the phrase is valid; rejects with MnemonicError otherwise. */
export async function validate(phrase) {
  wipe(await toEntropy(phrase));
}

/** The 64-byte BIP-39 seed (the phrase is validated first). */
export async function toSeed(phrase, passphrase = '') {
  await validate(phrase);
  const password = utf8(normalizedWords(phrase).join(' '));
  const salt = utf8('mnemonic' + String(passphrase ?? '').normalize('NFKD'));
  try {
    const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-512', salt, iterations: PBKDF2_ITERATIONS }, key, 512);
    return new Uint8Array(bits);
  } finally {
    wipe(password);
  }
}

function readBits(bytes, from, count) {
  let value = 0;
  for (let i = from; i < from + count; i++) value = (value << 1) | ((bytes[i >>> 3] >>> (7 - (i & 7))) & 1);
  return value;
}

function writeBits(bytes, from, eleven) {
  for (let i = 0; i < 11; i++) {
    if ((eleven >>> (10 - i)) & 1) {
      const bit = from + i;
      bytes[bit >>> 3] |= 0x80 >>> (bit & 7);
    }
  }
}
