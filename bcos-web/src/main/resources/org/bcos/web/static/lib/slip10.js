// SLIP-10 Ed25519 keys as bcos-crypto's Mnemonic.toKeyPair(words, account): account 0 is the
// master key of the BIP-39 seed (empty BIP-39 passphrase), I = HMAC-SHA512("ed25519 seed", seed),
// private key = I[0..32); account N >= 1 is the hardened child m/N'. The 32-byte private key is
// the RFC 8032 seed; Web Crypto takes it wrapped in PKCS#8 (RFC 8410) and signs with it.

import { toSeed } from './mnemonic.js';
import { concat, fromHex, utf8, wipe } from './bytes.js';

/** The largest account index: SLIP-10 Ed25519 derives hardened children only, below 2^31. */
export const MAX_ACCOUNT = 0x7fffffff;
const MASTER_KEY = utf8('ed25519 seed');
/** PKCS#8 PrivateKeyInfo header for an Ed25519 key (RFC 8410 §7): the 32 seed bytes follow. */
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420');

async function hmacSha512(key, data) {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data));
}

/**
 * The SLIP-10 Ed25519 private key at the hardened path `indexes` (each 0..2^31-1; the hardened
 * bit is added here) under the master key of `seed`; no indexes: the master key.
 */
export async function slip10(seed, indexes = []) {
  let i = await hmacSha512(MASTER_KEY, seed);
  for (const index of indexes) {
    checkAccount(index);
    const data = new Uint8Array(37);
    data.set(i.subarray(0, 32), 1);
    new DataView(data.buffer).setUint32(33, (index | 0x80000000) >>> 0, false);
    const chainCode = i.slice(32);
    wipe(i);
    i = await hmacSha512(chainCode, data);
    wipe(data);
    wipe(chainCode);
  }
  const key = i.slice(0, 32);
  wipe(i);
  return key;
}

function checkAccount(account) {
  if (!Number.isInteger(account) || account < 0 || account > MAX_ACCOUNT) {
    throw new RangeError(`an account index is 0..${MAX_ACCOUNT}: ${account}`);
  }
}

/** The 32-byte private key of account `account` of a phrase (0 = the CLI's default key). */
export async function privateKeyFromMnemonic(phrase, account = 0) {
  checkAccount(account);
  const seed = await toSeed(phrase, '');
  try {
    return await slip10(seed, account === 0 ? [] : [account]);
  } finally {
    wipe(seed);
  }
}

/**
 * A signing key from a 32-byte private key: {privateKey: CryptoKey (not extractable, 'sign'),
 * publicKey: Uint8Array(32)}. Web Crypto has no "public key of a private key" call, so the key
 * is imported once extractable, its JWK export gives the public key (x), and the key used for
 * signing is a second, non-extractable import.
 */
export async function importPrivateKey(seed32) {
  if (!(seed32 instanceof Uint8Array) || seed32.length !== 32) {
    throw new RangeError('an Ed25519 private key is 32 bytes');
  }
  const pkcs8 = concat(PKCS8_ED25519_PREFIX, seed32);
  try {
    const once = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', once);
    const publicKey = base64UrlDecode(jwk.x);
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    return { privateKey, publicKey };
  } finally {
    wipe(pkcs8);
  }
}

/** The key of account `account` of a phrase: {privateKey: CryptoKey, publicKey: bytes}. */
export async function keyFromMnemonic(phrase, account = 0) {
  const seed32 = await privateKeyFromMnemonic(phrase, account);
  try {
    return await importPrivateKey(seed32);
  } finally {
    wipe(seed32);
  }
}

/** The 64-byte RFC 8032 signature of message (deterministic). */
export async function sign(privateKey, message) {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, message));
}

/** Whether signature is publicKey's signature of message (Web Crypto's verify). */
export async function verify(publicKey, message, signature) {
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
}

function base64UrlDecode(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
