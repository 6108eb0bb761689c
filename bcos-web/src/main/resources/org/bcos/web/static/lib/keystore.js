// Keys kept in this browser, encrypted under a passphrase (docs/web/wallet.md "Storage").
// A record holds the recovery words, encrypted: PBKDF2-HMAC-SHA256 (KDF_ITERATIONS rounds, a
// random SALT_BYTES salt) turns the passphrase into an AES-GCM-256 key, which encrypts the
// normalised words with a random IV_BYTES nonce; the record's version, address and account are
// the AES-GCM additional data, so a record edited in storage no longer decrypts. Words, not a
// private key, are kept so the page can show them again and derive the account's key (the same
// derivation as the CLI). Nothing here is sent anywhere. All crypto is Web Crypto's.

import { normalizedWords, validate } from './mnemonic.js';
import { keyFromMnemonic, MAX_ACCOUNT } from './slip10.js';
import { encodeAddress, normalizeAddress } from './address.js';
import { utf8, wipe } from './bytes.js';

/** The record format this code writes and reads. */
export const KEYSTORE_VERSION = 1;
/** PBKDF2-HMAC-SHA256 rounds (OWASP's 2023 figure for PBKDF2-SHA256 is 600,000). */
export const KDF_ITERATIONS = 600_000;
export const KDF_HASH = 'SHA-256';
export const SALT_BYTES = 16;
/** AES-GCM nonce length (96 bits, as NIST SP 800-38D recommends). */
export const IV_BYTES = 12;
export const AES_KEY_BITS = 256;
/** Shortest passphrase accepted (characters, after trimming nothing: spaces count). */
export const MIN_PASSPHRASE_CHARS = 12;
/** Longest passphrase accepted (characters). */
export const MAX_PASSPHRASE_CHARS = 1024;
/** Longest key label (characters). */
export const MAX_LABEL_CHARS = 64;
/** Most keys one browser keeps. */
export const MAX_KEYS = 32;
/** The localStorage entry holding the records (a JSON array). */
export const STORAGE_KEY = 'bcos.wallet.keys';
/** Longest ciphertext a record may carry (base64 characters): 24 words are < 300 bytes. */
const MAX_CIPHERTEXT_CHARS = 4096;

/**
 * A refusal of the keystore, by code: WRONG_PASSPHRASE (the passphrase does not open the record,
 * or the record was altered), PASSPHRASE_TOO_SHORT, PASSPHRASE_TOO_LONG, PASSPHRASE_MISMATCH,
 * LABEL_INVALID, BAD_RECORD (with `reason`: the field that is wrong), DUPLICATE_KEY, TOO_MANY_KEYS,
 * NOT_FOUND, STORAGE_UNREADABLE.
 */
export class KeystoreError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'KeystoreError';
    this.code = code;
    Object.assign(this, details);
  }
}

/** Refuses a passphrase that is too short or too long, or not typed the same twice. */
export function checkPassphrase(passphrase, repeated = passphrase) {
  const s = String(passphrase ?? '');
  const n = [...s].length;
  if (n < MIN_PASSPHRASE_CHARS) {
    throw new KeystoreError('PASSPHRASE_TOO_SHORT', `a passphrase has at least ${MIN_PASSPHRASE_CHARS} characters; this one has ${n}`, { min: MIN_PASSPHRASE_CHARS });
  }
  if (n > MAX_PASSPHRASE_CHARS) {
    throw new KeystoreError('PASSPHRASE_TOO_LONG', `a passphrase has at most ${MAX_PASSPHRASE_CHARS} characters`, { max: MAX_PASSPHRASE_CHARS });
  }
  if (s !== String(repeated ?? '')) {
    throw new KeystoreError('PASSPHRASE_MISMATCH', 'the two passphrases differ');
  }
}

/** The label trimmed; refuses an empty one or one over MAX_LABEL_CHARS. */
export function checkLabel(label) {
  const s = String(label ?? '').trim();
  if (s.length === 0 || [...s].length > MAX_LABEL_CHARS) {
    throw new KeystoreError('LABEL_INVALID', `a label has 1 to ${MAX_LABEL_CHARS} characters`, { max: MAX_LABEL_CHARS });
  }
  return s;
}

async function aesKey(passphrase, salt) {
  const password = utf8(String(passphrase).normalize('NFKC'));
  try {
    const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: KDF_HASH, salt, iterations: KDF_ITERATIONS },
      base, { name: 'AES-GCM', length: AES_KEY_BITS }, false, ['encrypt', 'decrypt']);
  } finally {
    wipe(password);
  }
}

function additionalData(record) {
  return utf8(`bcos-wallet/v${record.version}|${record.address}|${record.account}`);
}

/**
 * A new record of account `account` of `words`, encrypted under `passphrase` (checked against
 * MIN_PASSPHRASE_CHARS; `repeated` is the second typing). The words are validated and the
 * address derived here.
 */
export async function createRecord({ words, account = 0, label, passphrase, repeated = passphrase }) {
  checkPassphrase(passphrase, repeated);
  const cleanLabel = checkLabel(label);
  await validate(words);
  const phrase = normalizedWords(words).join(' ');
  const key = await keyFromMnemonic(phrase, account);
  const record = { version: KEYSTORE_VERSION, label: cleanLabel, address: encodeAddress(key.publicKey), account };
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = utf8(phrase);
  try {
    const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(record) },
      await aesKey(passphrase, salt), plain);
    return { ...record, salt: b64(salt), iv: b64(iv), ciphertext: b64(new Uint8Array(cipher)) };
  } finally {
    wipe(plain);
  }
}

/** The words of a record; WRONG_PASSPHRASE when the passphrase (or the record) is wrong. */
export async function decryptWords(record, passphrase) {
  checkRecord(record);
  let plain;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: unb64(record.iv), additionalData: additionalData(record) },
      await aesKey(passphrase, unb64(record.salt)), unb64(record.ciphertext)));
  } catch {
    throw new KeystoreError('WRONG_PASSPHRASE', 'the passphrase does not open this key (or its stored record was altered)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new KeystoreError('BAD_RECORD', 'the decrypted words are not UTF-8', { reason: 'ciphertext' });
  } finally {
    wipe(plain);
  }
}

/**
 * The signing key of a record under `passphrase`: {address, publicKey, privateKey, label}, the
 * address re-derived from the words and compared with the record's (BAD_RECORD `address`).
 */
export async function unlockRecord(record, passphrase) {
  const words = await decryptWords(record, passphrase);
  const key = await keyFromMnemonic(words, record.account);
  const address = encodeAddress(key.publicKey);
  if (address !== record.address) {
    throw new KeystoreError('BAD_RECORD', 'the words do not give the stored address', { reason: 'address' });
  }
  return { ...key, address, label: record.label };
}

/** Refuses anything that is not a well-formed record of this version (BAD_RECORD, reason). */
export function checkRecord(record) {
  const bad = (reason, what) => new KeystoreError('BAD_RECORD', `not a wallet record: ${what}`, { reason });
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw bad('record', 'not an object');
  if (record.version !== KEYSTORE_VERSION) throw bad('version', `version ${record.version} (this page reads ${KEYSTORE_VERSION})`);
  if (typeof record.label !== 'string' || record.label.trim() === '' || [...record.label].length > MAX_LABEL_CHARS) throw bad('label', 'bad label');
  if (!Number.isInteger(record.account) || record.account < 0 || record.account > MAX_ACCOUNT) throw bad('account', 'bad account');
  try {
    if (typeof record.address !== 'string' || normalizeAddress(record.address) !== record.address) throw new Error();
  } catch {
    throw bad('address', 'bad address');
  }
  const sizes = { salt: SALT_BYTES, iv: IV_BYTES };
  for (const [field, n] of Object.entries(sizes)) {
    if (!isB64(record[field]) || unb64(record[field]).length !== n) throw bad(field, `${field} is not ${n} bytes of base64`);
  }
  if (!isB64(record.ciphertext) || record.ciphertext.length > MAX_CIPHERTEXT_CHARS || unb64(record.ciphertext).length <= 16) {
    throw bad('ciphertext', 'bad ciphertext');
  }
  return record;
}

/** Just the fields a record has, in order (what is stored). */
function stored(record) {
  const { version, label, address, account, salt, iv, ciphertext } = record;
  return { version, label, address, account, salt, iv, ciphertext };
}

/**
 * The records kept in `storage` (localStorage or anything with getItem/setItem): well-formed ones
 * in `records`, and how many entries were unreadable in `skipped` (they stay in storage).
 */
export function listRecords(storage) {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return { records: [], skipped: 0 };
  let all;
  try {
    all = JSON.parse(raw);
  } catch {
    throw new KeystoreError('STORAGE_UNREADABLE', `the browser's ${STORAGE_KEY} entry is not JSON`);
  }
  if (!Array.isArray(all)) throw new KeystoreError('STORAGE_UNREADABLE', `the browser's ${STORAGE_KEY} entry is not a list`);
  const records = [];
  for (const r of all) {
    try {
      records.push(stored(checkRecord(r)));
    } catch {
      // counted below: a bad entry is not shown, and not dropped either (a newer page may read it)
    }
  }
  return { records, skipped: all.length - records.length };
}

function writeAll(storage, mutate) {
  const raw = storage.getItem(STORAGE_KEY);
  const all = raw === null ? [] : JSON.parse(raw);
  if (!Array.isArray(all)) throw new KeystoreError('STORAGE_UNREADABLE', `the browser's ${STORAGE_KEY} entry is not a list`);
  const next = mutate(all);
  storage.setItem(STORAGE_KEY, JSON.stringify(next));
}

/** Adds a record (checked); DUPLICATE_KEY if its address is kept already, TOO_MANY_KEYS. */
export function addRecord(storage, record) {
  checkRecord(record);
  listRecords(storage); // refuses unreadable storage before writing over it
  writeAll(storage, (all) => {
    if (all.some((r) => r && r.address === record.address)) {
      throw new KeystoreError('DUPLICATE_KEY', `a key for ${record.address} is kept already`);
    }
    if (all.length >= MAX_KEYS) throw new KeystoreError('TOO_MANY_KEYS', `this browser keeps at most ${MAX_KEYS} keys`, { max: MAX_KEYS });
    return [...all, stored(record)];
  });
}

/** Removes the record of `address`; NOT_FOUND when there is none. */
export function removeRecord(storage, address) {
  writeAll(storage, (all) => {
    const next = all.filter((r) => !(r && r.address === address));
    if (next.length === all.length) throw new KeystoreError('NOT_FOUND', `no key for ${address} is kept`);
    return next;
  });
}

/** The record of `address`, or null. */
export function findRecord(storage, address) {
  return listRecords(storage).records.find((r) => r.address === address) ?? null;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isB64(text) {
  return typeof text === 'string' && text.length % 4 === 0 && B64.test(text);
}

function b64(bytes) {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function unb64(text) {
  const bin = atob(text);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
