// The fee-free proof-of-work stamp (bcos-types TransactionCodec.powBits / findStamp): a u64
// `stamp` such that SHA-256(one byte: tag length | "BCOS/pow/v1" | signing digest | u64 stamp)
// starts with at least `bits` zero bits. A transaction with fee 0 carries it after its signature
// (lib/tx.js assemble(body, signature, stamp)); DVS ballots, supports and delegations may go
// fee-free when the stamp shows the community's powDifficultyBits. The search tries 0, 1, 2, …
// in order, as Java does, so both find the same (smallest) stamp for the same digest and bits.
// Hashing is Web Crypto (crypto.subtle), many digests in flight at once.

import { utf8 } from '../bytes.js';

export const POW_DOMAIN = 'BCOS/pow/v1';
/** TransactionCodec.findStamp: difficulty 0..40 bits; DvsParams.powDifficultyBits likewise. */
export const MAX_BITS = 40;
/** Digests computed concurrently per round of the search. */
export const BATCH = 512;

/** STAMP_CANCELLED (the person cancelled), INVALID_VALUE (bits or digest out of range). */
export class StampError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'StampError';
    this.code = code;
  }
}

const TAG = utf8(POW_DOMAIN);

/** Leading zero bits of a hash (Uint8Array). */
export function leadingZeroBits(hash) {
  let bits = 0;
  for (const b of hash) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

/** Attempts the search needs on average: 2^bits. */
export function expectedAttempts(bits) {
  return 2 ** bits;
}

function input(digest) {
  if (!(digest instanceof Uint8Array) || digest.length !== 32) {
    throw new StampError('INVALID_VALUE', 'the signing digest is 32 bytes');
  }
  const buf = new Uint8Array(1 + TAG.length + 32 + 8);
  buf[0] = TAG.length;
  buf.set(TAG, 1);
  buf.set(digest, 1 + TAG.length);
  return buf;
}

async function hashOf(buf, stamp) {
  const b = buf.slice();
  new DataView(b.buffer).setBigUint64(b.length - 8, BigInt(stamp), false);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', b));
}

/** The proof-of-work bits `stamp` shows over `digest`. */
export async function powBits(digest, stamp) {
  return leadingZeroBits(await hashOf(input(digest), stamp));
}

/**
 * The smallest stamp with at least `bits` proof-of-work bits over `digest` (a Number: stamps
 * stay far below 2^53). `onProgress(attempts)` is called after each batch; `signal` (an
 * AbortSignal, or anything with `aborted`) stops the search with STAMP_CANCELLED.
 */
export async function findStamp(digest, bits, { onProgress, signal, batch = BATCH } = {}) {
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_BITS) {
    throw new StampError('INVALID_VALUE', `difficulty is 0..${MAX_BITS} bits, got ${bits}`);
  }
  const buf = input(digest);
  const limit = 2 ** (MAX_BITS + 1);
  for (let start = 0; start < limit; start += batch) {
    if (signal?.aborted) throw new StampError('STAMP_CANCELLED', 'the stamp search was cancelled');
    const hashes = await Promise.all(Array.from({ length: batch }, (_, i) => hashOf(buf, start + i)));
    for (let i = 0; i < batch; i++) {
      if (leadingZeroBits(hashes[i]) >= bits) {
        onProgress?.(start + i + 1);
        return start + i;
      }
    }
    onProgress?.(start + batch);
  }
  throw new StampError('INVALID_VALUE', 'no stamp found');
}

/**
 * Runs findStamp in a module Web Worker (lib/dvs/stamp-worker.js) so the page stays responsive:
 * {promise (resolves to the stamp), cancel()}; cancel() ends the worker and rejects with
 * STAMP_CANCELLED.
 */
export function findStampInWorker(digest, bits, onProgress) {
  const worker = new Worker(new URL('./stamp-worker.js', import.meta.url), { type: 'module' });
  let cancel;
  const promise = new Promise((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new StampError('STAMP_CANCELLED', 'the stamp search was cancelled'));
    };
    worker.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === 'progress') onProgress?.(m.attempts);
      else {
        worker.terminate();
        if (m.type === 'done') resolve(m.stamp);
        else reject(new StampError(m.code, m.message));
      }
    };
    worker.onerror = (ev) => {
      worker.terminate();
      reject(new StampError('WORKER_FAILED', ev.message || 'the stamp worker failed'));
    };
    worker.postMessage({ digest, bits });
  });
  return { promise, cancel };
}
