// Checks the node's Merkle proofs of state entries in the browser, as bcos-storage's MerkleProof
// and bcos-ledger's StateKey do (docs/web/explorer.md):
//   tree key of (column, key) = SHA-256(len || "BCOS/state/v1" || u8 column || key)
//   leaf     = SHA-256(0x00 || tree key || SHA-256(value))
//   internal = SHA-256(0x01 || left || right); empty subtree = 32 zero bytes
// A proof (canonical bytes) = key (32) | varint n (≤ 256) | n siblings (32 each, top-down)
//   | bool "ends at a leaf" | leaf key (32) | leaf value hash (32).
// Bit i of a key (bit 0 = the most significant bit of byte 0) picks the branch at depth i (1 = right).

import { concat, equal, fromHex, sha256, utf8 } from './bytes.js';
import { decodeAddress } from './address.js';

export const STATE_DOMAIN = 'BCOS/state/v1';
/** Account.STATE_COLUMN (coin_accounts). */
export const ACCOUNT_COLUMN = 1;
/** MerkleProof.MAX_SIBLINGS: one per key bit. */
export const MAX_SIBLINGS = 256;
export const HASH_BYTES = 32;
/** An account's value: u64 balance units | u64 nonce. */
export const ACCOUNT_ENCODING_BYTES = 16;

const EMPTY = new Uint8Array(HASH_BYTES);

/** Proof bytes that are not a canonical MerkleProof (code PROOF_MALFORMED, `reason` says why). */
export class ProofError extends Error {
  constructor(reason, message) {
    super(message);
    this.code = 'PROOF_MALFORMED';
    this.reason = reason;
  }
}

/** Reads canonical proof bytes into {key, siblings, leafKey, leafValueHash} (leaf* null: empty end). */
export function decodeProof(bytes) {
  let at = 0;
  const take = (n) => {
    if (at + n > bytes.length) throw new ProofError('TRUNCATED', `proof ends after ${bytes.length} bytes`);
    const out = bytes.slice(at, at + n);
    at += n;
    return out;
  };
  const key = take(HASH_BYTES);
  const count = readVarint(take, MAX_SIBLINGS);
  const siblings = [];
  for (let i = 0; i < count; i++) siblings.push(take(HASH_BYTES));
  const [flag] = take(1);
  if (flag > 1) throw new ProofError('INVALID_VALUE', `boolean must be 0 or 1, got ${flag}`);
  let leafKey = null;
  let leafValueHash = null;
  if (flag === 1) {
    leafKey = take(HASH_BYTES);
    leafValueHash = take(HASH_BYTES);
  }
  if (at !== bytes.length) throw new ProofError('TRAILING_BYTES', `${bytes.length - at} bytes after the proof`);
  return { key, siblings, leafKey, leafValueHash };
}

function readVarint(take, max) {
  let value = 0;
  for (let shift = 0; shift < 63; shift += 7) {
    const [b] = take(1);
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) {
      if (b === 0 && shift > 0) throw new ProofError('NON_CANONICAL_VARINT', 'varint has a redundant zero byte');
      if (value > max) throw new ProofError('LENGTH_TOO_LARGE', `${value} siblings, at most ${max}`);
      return value;
    }
  }
  throw new ProofError('NON_CANONICAL_VARINT', 'varint longer than 9 bytes');
}

/** Bit `i` of a 32-byte key (bit 0 = most significant bit of byte 0). */
export function bit(key, i) {
  return ((key[i >> 3] >> (7 - (i & 7))) & 1) === 1;
}

/** Where (column, key) sits in the state tree (StateKey.treeKey). */
export async function treeKey(column, keyBytes) {
  const tag = utf8(STATE_DOMAIN);
  return sha256(concat(Uint8Array.of(tag.length), tag, Uint8Array.of(column), keyBytes));
}

async function leafHash(key, valueHash) {
  return sha256(concat(Uint8Array.of(0), key, valueHash));
}

async function computesRoot(root, proof, endHash) {
  let hash = endHash;
  for (let depth = proof.siblings.length - 1; depth >= 0; depth--) {
    const sibling = proof.siblings[depth];
    hash = await sha256(bit(proof.key, depth)
      ? concat(Uint8Array.of(1), sibling, hash) : concat(Uint8Array.of(1), hash, sibling));
  }
  return equal(hash, root);
}

/** True if `proof` shows that the tree with `root` maps `key` to `valueHash` (MerkleProof.verifyInclusion). */
export async function verifyInclusion(root, key, valueHash, proof) {
  if (!equal(proof.key, key) || proof.leafKey === null || !equal(proof.leafKey, key)
      || !equal(proof.leafValueHash, valueHash)) return false;
  return computesRoot(root, proof, await leafHash(key, valueHash));
}

/** True if `proof` shows that the tree with `root` holds nothing at `key` (MerkleProof.verifyExclusion). */
export async function verifyExclusion(root, key, proof) {
  if (!equal(proof.key, key)) return false;
  let end = EMPTY;
  if (proof.leafKey !== null) {
    if (equal(proof.leafKey, key)) return false;
    for (let i = 0; i < proof.siblings.length; i++) {
      if (bit(key, i) !== bit(proof.leafKey, i)) return false; // not where the key's path ends
    }
    end = await leafHash(proof.leafKey, proof.leafValueHash);
  }
  return computesRoot(root, proof, end);
}

/**
 * Checks what bcos_getAccount [address, true] answered: `proof` (hex) proves that the account's
 * entry is `accountEncoding` (hex; absent: the account does not exist) under `stateRoot` (hex).
 * Resolves to {ok, kind: 'inclusion' | 'exclusion', reason?, balanceUnits?, nonce?}; reason is
 * MALFORMED (bytes not a proof), WRONG_KEY (a proof of another entry), BAD_ENCODING (the account
 * bytes are not 16) or ROOT_MISMATCH (the path does not lead to the state root).
 */
export async function checkAccountProof({ address, proof, accountEncoding, stateRoot }) {
  const kind = accountEncoding === undefined || accountEncoding === null ? 'exclusion' : 'inclusion';
  let parsed;
  let root;
  let value = null;
  try {
    parsed = decodeProof(fromHex(proof));
    root = fromHex(stateRoot);
    if (kind === 'inclusion') value = fromHex(accountEncoding);
  } catch (e) {
    return { ok: false, kind, reason: 'MALFORMED', message: e.message };
  }
  if (root.length !== HASH_BYTES) return { ok: false, kind, reason: 'MALFORMED', message: 'state root is not 32 bytes' };
  const key = await treeKey(ACCOUNT_COLUMN, decodeAddress(address));
  if (!equal(parsed.key, key)) return { ok: false, kind, reason: 'WRONG_KEY' };
  if (kind === 'exclusion') {
    const ok = await verifyExclusion(root, key, parsed);
    return ok ? { ok, kind } : { ok, kind, reason: 'ROOT_MISMATCH' };
  }
  if (value.length !== ACCOUNT_ENCODING_BYTES) return { ok: false, kind, reason: 'BAD_ENCODING' };
  const ok = await verifyInclusion(root, key, await sha256(value), parsed);
  if (!ok) return { ok, kind, reason: 'ROOT_MISMATCH' };
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  return { ok, kind, balanceUnits: view.getBigUint64(0), nonce: view.getBigUint64(8) };
}
