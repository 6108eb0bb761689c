// The key this tab signs with, in memory only: never written anywhere, never sent. The wallet
// page unlocks it (from words, or from the encrypted store under a passphrase); every page that
// signs reads it here and, when there is none, sends the person to the wallet (#/wallet).

let current = null; // {address, label, publicKey, privateKey}
const listeners = new Set();

/** Makes `key` ({address, publicKey: Uint8Array, privateKey: CryptoKey}) this tab's signer. */
export function unlock(key, label = '') {
  current = Object.freeze({ address: key.address, label, publicKey: key.publicKey, privateKey: key.privateKey });
  for (const fn of listeners) fn(current);
}

/** Forgets the key (the CryptoKey is not extractable; dropping the reference is all there is). */
export function lock() {
  current = null;
  for (const fn of listeners) fn(null);
}

/** The unlocked key, or null. */
export function active() {
  return current;
}

/** Calls fn(keyOrNull) on every change; returns the function that stops it. */
export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
