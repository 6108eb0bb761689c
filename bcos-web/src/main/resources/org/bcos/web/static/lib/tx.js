// Transactions as bcos-types' TransactionCodec:
//   body = u8 version | string chainId | address sender | u64 nonce | u64 fee | u64 expiryHeight
//          | u8 messageTag | message fields
//   tx   = body | Ed25519 signature (64) | u64 proof-of-work stamp (0 when unused)
// The sender signs SHA-256(len(tag) | tag | body) with tag "BCOS/tx/v1"; the transaction hash
// is SHA-256 of the whole encoding; bcos_sendRawTransaction takes the encoding as hex.

import { Encoder, CodecError, toBigInt } from './codec.js';
import { concat, sha256, toHex, utf8 } from './bytes.js';
import { sign } from './slip10.js';

export const TX_VERSION = 1;
export const SIGNING_DOMAIN = 'BCOS/tx/v1';
export const SIGNATURE_BYTES = 64;
/** Transaction.MAX_ENCODED_BYTES: nodes refuse a longer transaction. */
export const MAX_ENCODED_BYTES = 2048;
/** ChainId.MAX_LENGTH, and its alphabet. */
export const MAX_CHAIN_ID_LENGTH = 32;
const CHAIN_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** CoinTransfer.TAG and CoinTransfer.MAX_MEMO_BYTES (a ledger rule: MEMO_TOO_LONG). */
export const COIN_TRANSFER_TAG = 1;
export const MAX_MEMO_BYTES = 256;

/** coin.transfer: `amountUnits` base units of DDC to `to` (dd1… or bytes), with a memo. */
export function coinTransfer(to, amountUnits, memo = '') {
  const memoBytes = utf8(memo).length;
  if (memoBytes > MAX_MEMO_BYTES) {
    const e = new CodecError('memo', `memo is ${memoBytes} UTF-8 bytes; the limit is ${MAX_MEMO_BYTES}`);
    e.code = 'MEMO_TOO_LONG';
    throw e;
  }
  const amount = toBigInt(amountUnits, 'amountUnits');
  const toBytes = new Encoder().address(to, 'to').toBytes(); // refuses a bad address now
  return {
    tag: COIN_TRANSFER_TAG,
    encodeFields: (e) => e.fixed(toBytes).u64(amount, 'amountUnits').string(memo),
  };
}

/** The canonical body bytes of {chainId, sender, nonce, feeUnits, expiryHeight, message}. */
export function encodeBody({ chainId, sender, nonce, feeUnits, expiryHeight, message }) {
  if (typeof chainId !== 'string' || !CHAIN_ID.test(chainId)) {
    throw new CodecError('chainId', `chainId must be 1-${MAX_CHAIN_ID_LENGTH} characters of a-z, 0-9`
      + " and '-', not starting with '-'");
  }
  const e = new Encoder()
    .u8(TX_VERSION)
    .string(chainId)
    .address(sender, 'sender')
    .u64(nonce, 'nonce')
    .u64(feeUnits, 'feeUnits')
    .u64(expiryHeight, 'expiryHeight')
    .u8(message.tag, 'messageTag');
  message.encodeFields(e);
  return e.toBytes();
}

/** What the sender signs: SHA-256(one byte: tag length | tag | body). */
export async function signingDigest(bodyBytes) {
  const tag = utf8(SIGNING_DOMAIN);
  return sha256(concat(Uint8Array.of(tag.length), tag, bodyBytes));
}

/** Body, signature and stamp joined; MAX_ENCODED_BYTES enforced (TX_TOO_LARGE). */
export function assemble(bodyBytes, signature, powStamp = 0) {
  if (signature.length !== SIGNATURE_BYTES) {
    throw new CodecError('signature', `a signature is ${SIGNATURE_BYTES} bytes, got ${signature.length}`);
  }
  const encoded = new Encoder().fixed(bodyBytes).fixed(signature).u64(powStamp, 'powStamp').toBytes();
  if (encoded.length > MAX_ENCODED_BYTES) {
    const e = new CodecError('transaction', `the transaction is ${encoded.length} bytes; the limit is ${MAX_ENCODED_BYTES}`);
    e.code = 'TX_TOO_LARGE';
    throw e;
  }
  return encoded;
}

/**
 * Signs a body with `key` ({privateKey: CryptoKey, publicKey}) and assembles it:
 * {body, digest, signature, encoded, hash, hex} (bytes, and `hex` for bcos_sendRawTransaction).
 * The body's sender must be the key's address.
 */
export async function signTransaction(body, key) {
  const bodyBytes = encodeBody({ ...body, sender: body.sender ?? key.publicKey });
  const sender = bodyBytes.subarray(2 + bodyBytes[1], 2 + bodyBytes[1] + 32);
  if (toHex(sender) !== toHex(key.publicKey)) {
    throw new CodecError('sender', 'the sender is not the signing key\'s address');
  }
  const digest = await signingDigest(bodyBytes);
  const signature = await sign(key.privateKey, digest);
  const encoded = assemble(bodyBytes, signature);
  return { body: bodyBytes, digest, signature, encoded, hash: await sha256(encoded), hex: toHex(encoded) };
}

/** The JSON-RPC request that submits a signed transaction. */
export function sendRawTransactionRequest(id, encoded) {
  return { jsonrpc: '2.0', id, method: 'bcos_sendRawTransaction', params: [toHex(encoded)] };
}
