// #/wallet with a key unlocked: the address (copy), the balance (refreshed on every new block),
// the send form (review with the fee and the node's check, then sign, send, "final at height
// H"), the receive view (payment request URI, share link, QR code) and the history.
import { coinTransfer, MAX_MEMO_BYTES } from '../../lib/tx.js';
import { parseRecipient } from '../../lib/payment-uri.js';
import { utf8 } from '../../lib/bytes.js';
import { ddc, ddcText, parseDdc } from '../../ui/format.js';
import { link, pairs } from '../../ui/dom.js';
import { button, errorText, field } from './common.js';
import { renderHistory } from './history.js';
import { renderReceive } from './receive.js';

export function renderAccount(root, shell, key, sendQuery) {
  const { el, t, call, session } = shell;
  const stops = [];
  root.append(el('h1', null, t('nav.wallet')));

  const head = el('section', 'card wallet-head');
  const address = el('span', 'mono wallet-address-text', key.address);
  address.id = 'wallet-account-address';
  const copy = button(el, t('wallet.account.copy'), { id: 'wallet-copy' });
  const copied = el('span', 'muted');
  copied.setAttribute('role', 'status');
  copy.addEventListener('click', () => {
    navigator.clipboard.writeText(key.address)
      .then(() => { copied.textContent = t('wallet.account.copied'); })
      .catch(() => { copied.textContent = t('wallet.account.copyFailed'); });
  });
  const balance = el('strong', 'wallet-balance', '…');
  balance.id = 'wallet-balance';
  const lock = button(el, t('wallet.account.lock'), { id: 'wallet-lock' });
  lock.addEventListener('click', () => session.lock());
  const addrRow = el('div', 'wallet-address-row');
  addrRow.append(address, copy, copied);
  head.append(el('h2', null, key.label || t('wallet.account.title')), addrRow,
    pairs('wallet-summary', [[t('wallet.account.balance'), balance]]), lock);
  root.append(head);

  const state = { balanceUnits: null, nonce: null };
  const history = renderHistory(shell, key.address);
  const send = sendForm(shell, key, sendQuery, () => refresh());
  const grid = el('div', 'wallet-grid');
  grid.append(send.node, renderReceive(shell, key.address));
  root.append(grid, history.node);

  let refreshing = false;
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      const acct = await call('bcos_getAccount', [key.address]);
      const changed = state.balanceUnits !== acct.balanceUnits || state.nonce !== acct.nonce;
      state.balanceUnits = acct.balanceUnits;
      state.nonce = acct.nonce;
      balance.textContent = ddcText(acct.balanceUnits);
      balance.dataset.units = String(acct.balanceUnits);
      if (changed) history.refresh();
    } catch (e) {
      balance.textContent = errorText(t, e);
    } finally {
      refreshing = false;
    }
  }
  refresh();
  stops.push(shell.socket.subscribe('newBlocks', undefined, () => refresh()));
  stops.push(send.stop);
  return () => stops.forEach((s) => s());
}

/** The send form and its confirm step; `query` (URLSearchParams of #/wallet/send) fills it. */
function sendForm(shell, key, query, onFinal) {
  const { el, t, submit, socket } = shell;
  const card = el('section', 'card wallet-send');
  const form = el('form', 'stack');
  const [toL, to] = field(el, 'wallet-to', t('wallet.send.to'));
  to.placeholder = 'dd1… / bcos:…';
  const [amountL, amount] = field(el, 'wallet-amount', t('wallet.send.amount'));
  amount.inputMode = 'decimal';
  const [memoL, memo] = field(el, 'wallet-memo', t('wallet.send.memo', { max: MAX_MEMO_BYTES }));
  const review = button(el, t('wallet.send.review'), { id: 'wallet-review', className: 'primary', submit: true });
  const error = el('p', 'error wallet-error-text');
  error.id = 'wallet-send-error';
  error.setAttribute('role', 'alert');
  const confirm = el('div', 'wallet-confirm');
  confirm.id = 'wallet-confirm';
  const status = el('div', 'wallet-status');
  status.id = 'wallet-status';
  status.setAttribute('role', 'status');
  form.append(toL, to, amountL, amount, memoL, memo, review, error);
  card.append(el('h2', null, t('wallet.send.title')), form, confirm, status);
  let stopWait = () => {};

  if (query) {
    to.value = query.get('to') ?? '';
    amount.value = query.get('amount') ?? '';
    memo.value = query.get('memo') ?? '';
    queueMicrotask(() => (to.value ? amount : to).focus());
  }
  // a pasted bcos: request fills the amount and memo it carries
  to.addEventListener('change', () => {
    try {
      const r = parseRecipient(to.value);
      if (!to.value.trim().toLowerCase().startsWith('bcos:')) return;
      to.value = r.address;
      if (r.amountUnits !== undefined) amount.value = ddc(r.amountUnits);
      if (r.memo !== undefined) memo.value = r.memo;
    } catch {
      // reported by name on review
    }
  });

  // a reviewed transaction is only sent as reviewed: editing a field drops the confirm step
  form.addEventListener('input', () => confirm.replaceChildren());

  const fail = (input, text) => {
    error.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    confirm.replaceChildren();
    for (const i of [to, amount, memo]) i.removeAttribute('aria-invalid');
    let request;
    try {
      request = parseRecipient(to.value);
    } catch (e) {
      return fail(to, t(e.field === 'to' ? 'wallet.send.badTo' : `wallet.send.badUri.${e.field}`));
    }
    let units;
    try {
      units = parseDdc(amount.value);
    } catch {
      return fail(amount, t('wallet.send.badAmount'));
    }
    if (units <= 0n) return fail(amount, t('wallet.send.zeroAmount'));
    const memoBytes = utf8(memo.value).length;
    if (memoBytes > MAX_MEMO_BYTES) return fail(memo, t('wallet.send.memoTooLong', { bytes: memoBytes, max: MAX_MEMO_BYTES }));
    review.disabled = true;
    try {
      const prepared = await submit.prepare(key, coinTransfer(request.address, units, memo.value));
      const total = units + prepared.feeUnits;
      if (total > prepared.balanceUnits) {
        return fail(amount, t('wallet.send.overBalance', { fee: ddcText(prepared.feeUnits), balance: ddcText(prepared.balanceUnits) }));
      }
      const signed = await submit.sign(key, prepared);
      showConfirm(request.address, units, prepared, signed);
    } catch (e) {
      error.textContent = errorText(t, e);
    } finally {
      review.disabled = false;
    }
  });

  async function showConfirm(toAddress, units, prepared, signed) {
    const total = units + prepared.feeUnits;
    const verdict = el('p', 'muted', t('wallet.send.checking'));
    verdict.id = 'wallet-node-check';
    const items = [
      [t('wallet.send.toShort'), el('span', 'mono', toAddress)],
      [t('wallet.history.amount'), ddcText(units)],
      [t('wallet.send.fee'), ddcText(prepared.feeUnits)],
      [t('wallet.send.total'), ddcText(total)],
      [t('wallet.send.after'), ddcText(prepared.balanceUnits - total)],
    ];
    if (memo.value) items.push([t('wallet.send.memoShort'), memo.value]);
    const sendButton = button(el, t('wallet.send.go'), { id: 'wallet-send', className: 'primary' });
    const cancel = button(el, t('wallet.cancel'), { id: 'wallet-cancel' });
    sendButton.disabled = true;
    cancel.addEventListener('click', () => confirm.replaceChildren());
    const buttons = el('div', 'wallet-buttons');
    buttons.append(sendButton, cancel);
    confirm.replaceChildren(el('h3', null, t('wallet.send.confirmTitle')), pairs('wallet-confirm-list', items), verdict, buttons);
    cancel.focus();
    try {
      await submit.check(signed);
      verdict.textContent = t('wallet.send.admissible');
      verdict.className = 'wallet-ok';
      sendButton.disabled = false;
      sendButton.focus();
    } catch (e) {
      verdict.textContent = t('wallet.send.refused', { reason: errorText(t, e) });
      verdict.className = 'error';
    }
    sendButton.addEventListener('click', () => sendSigned(signed), { once: true });
  }

  async function sendSigned(signed) {
    confirm.replaceChildren();
    status.replaceChildren(el('p', null, t('wallet.send.sending')));
    try {
      const hash = await submit.send(signed);
      const txLink = link(`#/explorer/tx/${hash}`, hash, 'mono');
      const pending = el('p', 'pending', t('wallet.send.pending'));
      status.replaceChildren(pending, el('p', null, t('wallet.send.hash')), txLink);
      to.value = '';
      amount.value = '';
      memo.value = '';
      let live = true;
      stopWait = () => { live = false; };
      const tx = await submit.awaitFinal(socket, hash);
      if (!live) return;
      const final = el('p', 'final');
      final.id = 'wallet-final';
      final.dataset.height = String(tx.height);
      const [before, after = ''] = t('wallet.send.finalAt').split('{height}');
      final.append(before, link(`#/explorer/block/${tx.height}`, String(tx.height)), after);
      status.replaceChildren(final, el('p', null, t('wallet.send.hash')), txLink);
      onFinal();
    } catch (e) {
      status.replaceChildren(el('p', 'error', errorText(t, e)));
    }
  }

  return { node: card, stop: () => stopWait() };
}
