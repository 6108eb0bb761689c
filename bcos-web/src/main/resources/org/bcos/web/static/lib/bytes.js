// Byte helpers shared by the crypto modules: hex, UTF-8, concatenation, SHA-256.
// Pure functions over Uint8Array; the hashing is Web Crypto's (crypto.subtle).

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lower-case hex of bytes. */
export function toHex(bytes) {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Bytes of even-length hex (either case); a TypeError names what is wrong. */
export function fromHex(text) {
  const s = String(text).toLowerCase();
  if (!HEX.test(s)) throw new TypeError('not hex of whole bytes: ' + JSON.stringify(String(text).slice(0, 20)));
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
  return out;
}

export function utf8(text) {
  return new TextEncoder().encode(text);
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equal(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** SHA-256 of bytes (Web Crypto). */
export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** Overwrites bytes with zeros (best effort: JS cannot promise no other copy exists). */
export function wipe(bytes) {
  if (bytes) bytes.fill(0);
}
