// Review, sign and send a list of DVS transactions from the page (the poll designer and the
// delegations page): the fee of each transaction and the total are shown before anything is
// signed; after Confirm they are signed with consecutive nonces, sent (at most MAX_IN_FLIGHT
// waiting to be final at once) and each row says "final at height H". The box's data-state is
// review → sending → done (or failed / cancelled), which browser tests wait on.
import { ddcText } from '../../ui/format.js';

/** Transactions sent ahead of the ones not yet final (well below the mempool's 5,000 per sender). */
export const MAX_IN_FLIGHT = 32;

/**
 * Shows `items` ([{label, message, stage?}]) for review in `box` (its id prefixes the button ids:
 * `<id>-confirm`, `<id>-cancel`); resolves to the final transactions, in order, once all are
 * final (items of a higher stage are sent once those before are final); rejects (with the error shown in the box) if one cannot be sent, or with code CANCELLED.
 */
export async function reviewAndSend(box, shell, items) {
  const { el, t, submit, session } = shell;
  box.replaceChildren();
  box.classList.add('txplan');
  const key = session.active();
  box.dataset.state = 'preparing';
  let prepared;
  try {
    prepared = await submit.prepare(key, items[0].message);
  } catch (e) {
    return failed(box, el, t, e);
  }
  const fee = prepared.feeUnits;
  const total = fee * BigInt(items.length);
  const list = el('ol', 'txplan-list');
  const rows = items.map((item) => {
    const li = el('li');
    const state = el('span', 'txplan-state muted', t('poll.tx.fee', { fee: ddcText(fee) }));
    li.append(el('span', 'txplan-label', item.label), state);
    list.append(li);
    return { li, state };
  });
  const summary = el('p', 'txplan-total', t('poll.tx.total', {
    count: items.length, fee: ddcText(fee), total: ddcText(total), balance: ddcText(prepared.balanceUnits),
  }));
  const confirm = el('button', 'primary', t('poll.tx.confirm'));
  confirm.type = 'button';
  confirm.id = `${box.id}-confirm`;
  const cancel = el('button', 'secondary', t('poll.tx.cancel'));
  cancel.type = 'button';
  cancel.id = `${box.id}-cancel`;
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const buttons = el('div', 'txplan-buttons');
  buttons.append(confirm, cancel);
  box.append(el('h3', null, t('poll.tx.review')), list, summary, buttons, error);
  if (prepared.balanceUnits < total) {
    confirm.disabled = true;
    error.textContent = t('poll.tx.short', { total: ddcText(total) });
  }
  box.dataset.state = 'review';
  confirm.focus();
  return new Promise((resolve, reject) => {
    cancel.addEventListener('click', () => {
      box.dataset.state = 'cancelled';
      box.replaceChildren();
      const e = new Error('cancelled');
      e.code = 'CANCELLED';
      reject(e);
    });
    confirm.addEventListener('click', () => {
      confirm.disabled = true;
      cancel.disabled = true;
      box.dataset.state = 'sending';
      sendAll(shell, key, prepared, items, rows).then((finals) => {
        box.dataset.state = 'done';
        buttons.remove();
        resolve(finals);
      }, (e) => {
        box.dataset.state = 'failed';
        error.textContent = describe(t, e);
        reject(e);
      });
    });
  });
}

async function sendAll(shell, key, prepared, items, rows) {
  const { submit, socket, t } = shell;
  const pending = [];
  const finals = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    // the node admits a transaction against the head's state: a later stage (an attestation of
    // a member added in this list) waits until the earlier ones are final
    if (i > 0 && (items[i].stage ?? 0) !== (items[i - 1].stage ?? 0)) await Promise.all(pending);
    const envelope = { ...prepared, nonce: prepared.nonce + BigInt(i), message: items[i].message };
    const signed = await submit.sign(key, envelope);
    if (i === 0) await submit.check(signed);
    rows[i].state.textContent = t('poll.tx.sent');
    const hash = await submit.send(signed);
    rows[i].li.dataset.hash = hash;
    pending.push(awaitOne(shell, hash).then((tx) => {
      finals[i] = tx;
      rows[i].state.textContent = t('poll.tx.final', { height: tx.height });
      rows[i].state.className = 'txplan-state ok';
    }, (e) => {
      rows[i].state.textContent = describe(t, e);
      rows[i].state.className = 'txplan-state error';
      throw e;
    }));
    if (pending.length - finals.filter(Boolean).length >= MAX_IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
  return finals;
}

/** The final transaction; if it is not final in time, what the node says of it (e.g. dropped, with why). */
async function awaitOne(shell, hash) {
  try {
    return await shell.submit.awaitFinal(shell.socket, hash);
  } catch (e) {
    const tx = await shell.call('bcos_getTransaction', [hash]).catch(() => null);
    if (tx && tx.status === 'final') return tx;
    if (tx && tx.status === 'dropped') {
      const err = new Error(`${tx.reason}: ${tx.message}`);
      err.code = tx.reason;
      throw err;
    }
    throw e;
  }
}

function failed(box, el, t, e) {
  box.dataset.state = 'failed';
  const p = el('p', 'error', describe(t, e));
  p.setAttribute('role', 'alert');
  box.append(p);
  return Promise.reject(e);
}

/** An error as a person reads it: the node's reason name and sentence, or ours. */
export function describe(t, e) {
  const data = e && e.data && typeof e.data === 'object' ? e.data : null;
  const reason = data && (data.reason || data.name);
  return t('poll.tx.failed', { reason: reason ? `${reason}: ${e.message}` : (e && e.message) || String(e) });
}
