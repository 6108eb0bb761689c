// The ballots tree of an issue, checked in the browser (docs/web/results.md). Same hashing as the
// ledger: a ballot leaf is DvsBallotPart.ballotLeaf = SHA-256(len ‖ "BCOS/dvs-ballot/v1" ‖ voter
// (32-byte key) ‖ parts), parts = varint count, then per part u64 weight, varint count and
// zig-zag varint values; the tree is TxRoot's RFC 6962 shape: leaf = H(0x00 ‖ item), node =
// H(0x01 ‖ left ‖ right), split at the largest power of two below n.
import { concat, equal, fromHex, sha256, toHex, utf8 } from '../bytes.js';
import { decodeAddress } from '../address.js';
import { Encoder } from '../codec.js';
import { encodeParts as writeParts } from './ballot.js';

export const BALLOT_TAG = 'BCOS/dvs-ballot/v1';

/** A named failure of a proof or a ballot encoding (code, and a sentence). */
export class ProofError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The ledger's encoding of ballot parts [{weight, values}] (DvsBallotPart.encodeParts). */
export function encodeParts(parts) {
  return writeParts(new Encoder(), parts).toBytes();
}

/** The ballot's leaf item: SHA-256 over the tag (with its length byte), the voter key and parts. */
export async function ballotLeaf(voter, parts) {
  const tag = utf8(BALLOT_TAG);
  const key = typeof voter === 'string' ? decodeAddress(voter) : voter;
  return sha256(concat(Uint8Array.of(tag.length), tag, key, encodeParts(parts)));
}

async function leafHash(item) {
  return sha256(concat(Uint8Array.of(0), item));
}

async function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

function split(n) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k; // Integer.highestOneBit(n - 1) for n ≥ 2
}

/** The root over leaf items (TxRoot.of); 32 zero bytes for none. */
export async function rootOf(items) {
  if (items.length === 0) return new Uint8Array(32);
  const leaves = [];
  for (const i of items) leaves.push(await leafHash(i));
  return subtree(leaves, 0, leaves.length);
}

async function subtree(leaves, from, to) {
  if (to - from === 1) return leaves[from];
  const s = split(to - from);
  return nodeHash(await subtree(leaves, from, from + s), await subtree(leaves, from + s, to));
}

/**
 * The root an audit path leads to from `item` at `index` of `size` leaves (TxRoot.verify's
 * fold), or a ProofError: PROOF_INDEX_OUT_OF_RANGE, PROOF_PATH_TOO_SHORT, PROOF_PATH_TOO_LONG.
 */
export async function rootFromPath(item, index, size, path) {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    throw new ProofError('PROOF_INDEX_OUT_OF_RANGE', `index ${index} is not within 0..${size - 1}`);
  }
  const hashes = path.map((h) => (typeof h === 'string' ? fromHex(h) : h));
  let at = hashes.length - 1;
  const fold = async (from, to) => {
    if (to - from === 1) return leafHash(item);
    if (at < 0) throw new ProofError('PROOF_PATH_TOO_SHORT', `the path has ${hashes.length} hashes; a tree of ${size} needs more`);
    const s = split(to - from);
    const sibling = hashes[at--];
    if (sibling.length !== 32) throw new ProofError('PROOF_HASH_INVALID', 'a path hash is not 32 bytes');
    if (index < from + s) return nodeHash(await fold(from, from + s), sibling);
    return nodeHash(sibling, await fold(from + s, to));
  };
  const root = await fold(0, size);
  if (at !== -1) throw new ProofError('PROOF_PATH_TOO_LONG', `the path has ${at + 1} hashes more than a tree of ${size} needs`);
  return root;
}

/**
 * Checks a dvs_proof answer against a ballots root (hex, from dvs_result): recomputes the leaf
 * from voter and parts, then folds the path. Returns {ok, code?, leaf, root}; codes:
 * LEAF_MISMATCH (the ballot content is not what the leaf commits to), ROOT_MISMATCH, and the
 * ProofError codes above.
 */
export async function verifyBallotProof(proof, ballotsRoot) {
  try {
    const leaf = await ballotLeaf(proof.voter, proof.parts);
    if (proof.leaf !== undefined && toHex(leaf) !== String(proof.leaf).toLowerCase()) {
      return { ok: false, code: 'LEAF_MISMATCH', leaf: toHex(leaf) };
    }
    const root = await rootFromPath(leaf, proof.index, proof.size, proof.path);
    const ok = equal(root, fromHex(ballotsRoot));
    return { ok, code: ok ? undefined : 'ROOT_MISMATCH', leaf: toHex(leaf), root: toHex(root) };
  } catch (e) {
    if (e instanceof ProofError) return { ok: false, code: e.code, message: e.message };
    if (e && e.code) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: 'PROOF_INVALID', message: String(e && e.message) };
  }
}
