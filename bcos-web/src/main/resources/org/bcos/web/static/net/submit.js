// Signing and sending a transaction from the page, the way the CLI does (TxSubmitter): the nonce
// is the sender's pendingNonce, the expiry the head + EXPIRY_BLOCKS, the fee the chain's minimum
// unless the page names one. prepare() gives what a confirm step shows (the fee) before anything
// is signed; check() asks the node whether it would admit it (bcos_checkRawTransaction, sending
// nothing); send() submits; awaitFinal() waits for the txFinal notification ("final at height H").

import { call } from './rpc.js';
import { signTransaction } from '../lib/tx.js';

/** Blocks a transaction stays valid for (the CLI's --expiry-blocks default). */
export const EXPIRY_BLOCKS = 1000;
/** How long awaitFinal waits before giving up (the transaction may still become final). */
export const FINAL_TIMEOUT_MILLIS = 60_000;

/** A named error of this flow: NO_KEY (nothing unlocked), FINAL_TIMEOUT. */
export class SubmitError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * The envelope of `message` for `key` ({address, publicKey}): {chainId, nonce, feeUnits (BigInt),
 * expiryHeight, height, message}. `feeUnits` overrides the chain's minimum fee.
 */
export async function prepare(key, message, { feeUnits } = {}) {
  if (!key) throw new SubmitError('NO_KEY', 'no key is unlocked in this tab: open the wallet first');
  const [status, account] = await Promise.all([
    call('bcos_status'),
    call('bcos_getAccount', [key.address]),
  ]);
  return {
    chainId: status.chainId,
    nonce: BigInt(account.pendingNonce),
    feeUnits: feeUnits === undefined ? BigInt(status.minFeeUnits) : BigInt(feeUnits),
    expiryHeight: BigInt(status.height) + BigInt(EXPIRY_BLOCKS),
    height: status.height,
    balanceUnits: BigInt(account.balanceUnits),
    message,
  };
}

/** Signs a prepared envelope: {hash, hex, encoded, ...} as lib/tx.js signTransaction. */
export async function sign(key, prepared) {
  const { chainId, nonce, feeUnits, expiryHeight, message } = prepared;
  return signTransaction({ chainId, nonce, feeUnits, expiryHeight, message }, key);
}

/** Has the node check the signed transaction as on submission; rejects with its RpcError. */
export async function check(signed) {
  return call('bcos_checkRawTransaction', [signed.hex]);
}

/** Submits the signed transaction; resolves to its hash (hex). */
export async function send(signed) {
  const r = await call('bcos_sendRawTransaction', [signed.hex]);
  return r.hash;
}

/**
 * Resolves to the final transaction (as bcos_getTransaction: status, height, …) once the node
 * says it is final, over the page's socket (txFinal); rejects with FINAL_TIMEOUT after timeoutMillis.
 */
export function awaitFinal(socket, hash, timeoutMillis = FINAL_TIMEOUT_MILLIS) {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new SubmitError('FINAL_TIMEOUT', `transaction ${hash} was not final within ${timeoutMillis / 1000} s; it may still be`));
    }, timeoutMillis);
    stop = socket.subscribe('txFinal', hash, (tx) => {
      clearTimeout(timer);
      stop();
      resolve(tx);
    });
  });
}
