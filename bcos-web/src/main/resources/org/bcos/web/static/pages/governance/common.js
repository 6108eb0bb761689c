// What every governance page shares: the sub-navigation, the "unlock a key first" gate, the
// review → fee → confirm → "final at height H" flow of a signed message, and time estimates.

import { ddcText, isoTime } from '../../ui/format.js';
import { estimateMillis, intervalMillis, INTERVAL_SAMPLE_BLOCKS } from './model.js';

const SECTIONS = [
  ['', 'governance.nav.proposals'],
  ['new', 'governance.nav.new'],
  ['params', 'governance.nav.params'],
  ['upgrades', 'governance.nav.upgrades'],
  ['staking', 'governance.nav.staking'],
];

/** The sub-navigation of the governance pages, `current` marked. */
export function subnav(shell, current) {
  const nav = shell.el('nav', 'gov-subnav');
  nav.setAttribute('aria-label', shell.t('governance.nav.label'));
  for (const [part, key] of SECTIONS) {
    const a = shell.el('a', null, shell.t(key));
    a.href = part ? `#/governance/${part}` : '#/governance';
    if (part === current) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  return nav;
}

/** The text of an error for people: the node's reason (or the page's code), then its message. */
export function errorText(e) {
  const reason = e?.data?.reason ?? (typeof e?.code === 'string' ? e.code : null);
  const msg = String(e?.message ?? e);
  return reason && !msg.startsWith(reason) ? `${reason}: ${msg}` : msg;
}

/** null when a key is unlocked; else a note with a link to #/wallet. */
export function keyGate(shell) {
  if (shell.session.active()) return null;
  const p = shell.el('p', 'gov-note');
  p.append(shell.t('governance.needKey'), ' ');
  const a = shell.el('a', null, shell.t('governance.openWallet'));
  a.href = '#/wallet';
  p.append(a);
  return p;
}

/** A labelled input (label for=id); returns {row, input}. */
export function field(shell, id, labelKey, attrs = {}) {
  const row = shell.el('div', 'gov-field');
  const label = shell.el('label', null, shell.t(labelKey));
  label.htmlFor = id;
  const input = shell.el(attrs.tag ?? 'input');
  input.id = id;
  for (const [k, v] of Object.entries(attrs)) if (k !== 'tag') input.setAttribute(k, v);
  row.append(label, input);
  return { row, input };
}

/** A <button type=button> with an id. */
export function button(shell, id, key, className) {
  const b = shell.el('button', className, shell.t(key));
  b.type = 'button';
  b.id = id;
  return b;
}

/**
 * Wires a form's review button to the signing flow: `build()` makes the message (or throws a
 * named refusal), `precheck(prepared)` may return a warning key to show before signing; the fee
 * is shown, then Confirm signs, checks, sends and waits for "final at height H".
 * `onFinal(tx)` runs after. Ids: `${id}-review`, `${id}-confirm`, `${id}-status`.
 */
export function txFlow(shell, id, { build, precheck, onFinal }) {
  const box = shell.el('div', 'gov-tx');
  const review = button(shell, `${id}-review`, 'governance.review');
  const status = shell.el('div', 'gov-status');
  status.id = `${id}-status`;
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  box.append(review, status);
  let busy = false;
  let watching = false;
  review.addEventListener('click', async () => {
    if (busy) return;
    if (!watching && box.parentElement) {
      // a refusal shown for earlier input goes away once the input changes
      watching = true;
      box.parentElement.addEventListener('input', () => {
        if (status.classList.contains('gov-error')) {
          status.replaceChildren();
          status.className = 'gov-status';
        }
      });
    }
    status.replaceChildren();
    status.className = 'gov-status';
    const key = shell.session.active();
    if (!key) {
      status.append(keyGate(shell));
      return;
    }
    try {
      busy = true;
      const message = await build();
      const prepared = await shell.submit.prepare(key, message);
      const warning = precheck ? await precheck(prepared) : null;
      showConfirm(shell, id, status, key, prepared, warning, onFinal);
    } catch (e) {
      fail(status, e);
    } finally {
      busy = false;
    }
  });
  return box;
}

function fail(status, e) {
  status.className = 'gov-status gov-error';
  status.replaceChildren(errorText(e));
}

function showConfirm(shell, id, status, key, prepared, warning, onFinal) {
  const fee = shell.el('p', 'gov-fee', shell.t('governance.fee', { fee: ddcText(prepared.feeUnits) }));
  fee.id = `${id}-fee`;
  const confirm = button(shell, `${id}-confirm`, 'governance.confirm', 'primary');
  const cancel = button(shell, `${id}-cancel`, 'governance.cancel');
  status.replaceChildren(fee);
  if (warning) {
    const w = shell.el('p', 'gov-warning', shell.t(warning.key, warning.vars));
    w.id = `${id}-warning`;
    status.append(w);
  }
  status.append(confirm, cancel);
  cancel.addEventListener('click', () => status.replaceChildren());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    cancel.disabled = true;
    try {
      const signed = await shell.submit.sign(key, prepared);
      await shell.submit.check(signed);
      status.replaceChildren(shell.t('governance.sending'));
      const hash = await shell.submit.send(signed);
      const tx = await shell.submit.awaitFinal(shell.socket, hash);
      const done = shell.el('p', 'gov-final');
      done.id = `${id}-final`;
      const a = shell.el('a', null, shell.t('governance.finalAt', { height: tx.height }));
      a.href = `#/explorer/tx/${hash}`;
      done.append(a);
      status.replaceChildren(done);
      if (onFinal) onFinal(tx);
    } catch (e) {
      fail(status, e);
    }
  });
  confirm.focus();
}

/** {height, headTimeMillis, intervalMillis} of the head, for estimates; interval from recent blocks. */
export async function chainClock(shell) {
  const head = await shell.call('bcos_getBlock', ['latest']);
  let interval = null;
  if (head.height > 1) {
    const older = await shell.call('bcos_getBlock', [Math.max(1, head.height - INTERVAL_SAMPLE_BLOCKS)]);
    interval = intervalMillis(older, head);
  }
  return { height: head.height, headTimeMillis: head.timeMillis, intervalMillis: interval };
}

/** "height H (≈ ISO time, N blocks left)" or "height H" when it is past or unknown. */
export function heightText(shell, clock, target) {
  if (target === undefined || target === null) return '—';
  const at = clock ? estimateMillis(clock.height, target, clock.intervalMillis, clock.headTimeMillis) : null;
  if (at === null) return shell.t('governance.atHeight', { height: target });
  return shell.t('governance.atHeightEta', { height: target, time: isoTime(at), left: Number(target) - Number(clock.height) });
}
