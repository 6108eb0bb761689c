// #/explorer/account/<dd1…>: balance and nonce (bcos_getAccount [address, true]), the answer's
// Merkle proof checked here in the browser (lib/stateproof.js) against the state root of the block
// it names (read with bcos_getBlock), and the account's history (bcos_getAccountTransactions, paged).

import { cell, pairs } from '../../ui/dom.js';
import { ddcText, isoTime } from '../../ui/format.js';
import { normalizeAddress } from '../../lib/address.js';
import { checkAccountProof } from '../../lib/stateproof.js';
import { accountLink, blockLink, rpcError, searchBar, txLink } from './common.js';

/** History rows per page (the RPC allows up to 200). */
export const HISTORY_PAGE = 20;

export function render(root, shell, route) {
  const { el, t, call } = shell;
  const body = el('div');
  root.append(el('h1', null, t('account.title')), searchBar(shell), body);
  let address;
  try {
    address = normalizeAddress(route.parts[1] || '');
  } catch (e) {
    body.append(el('p', 'xnotfound', t('account.badAddress', { address: route.parts[1] || '' })));
    return () => {};
  }
  let stopped = false;
  const summary = el('section', 'card');
  const proofCard = el('section', 'card');
  const history = el('section', 'card');
  summary.append(el('p', 'muted', t('account.loading')));
  body.append(summary, proofCard, history);

  (async () => {
    let a;
    try {
      a = await call('bcos_getAccount', [address, true]);
    } catch (e) {
      if (!stopped) summary.replaceChildren(rpcError(shell, e));
      return;
    }
    if (stopped) return;
    const balance = el('span', 'num xbig', ddcText(a.balanceUnits));
    balance.id = 'account-balance';
    summary.replaceChildren(el('h2', null, t('account.summary')), pairs('xpairs', [
      [t('account.address'), el('span', 'mono', a.address)],
      [t('account.balance'), balance],
      [t('account.nonce'), String(a.nonce)],
      [t('account.pendingNonce'), String(a.pendingNonce)],
      [t('account.exists'), a.exists ? t('account.yes') : t('account.no')],
    ]));
    proofCard.append(el('h2', null, t('account.proof')));
    await showProof(a);
  })();

  async function showProof(a) {
    const verdict = el('p', 'xproof');
    verdict.id = 'account-proof';
    proofCard.append(verdict);
    let block;
    try {
      block = await call('bcos_getBlock', [a.height]);
    } catch (e) {
      verdict.className = 'xproof bad';
      verdict.textContent = t('account.proofNoBlock', { height: a.height });
      return;
    }
    const r = await checkAccountProof(a);
    if (stopped) return;
    const rootMatches = block.stateRoot === a.stateRoot;
    const matches = r.ok && (r.kind === 'exclusion'
      || (String(r.balanceUnits) === String(a.balanceUnits) && String(r.nonce) === String(a.nonce)));
    if (r.ok && rootMatches && matches) {
      verdict.className = 'xproof ok';
      verdict.dataset.ok = 'true';
      verdict.append(el('span', null, t(r.kind === 'inclusion' ? 'account.proofOk' : 'account.proofAbsentOk')),
        ' ', blockLink(a.height, t('account.blockN', { height: a.height })));
    } else {
      verdict.className = 'xproof bad';
      verdict.dataset.ok = 'false';
      const why = !r.ok ? t(`account.proofReason.${r.reason}`)
        : !rootMatches ? t('account.proofRootDiffers', { height: a.height }) : t('account.proofValueDiffers');
      verdict.textContent = `${t('account.proofFailed')} ${why}`;
    }
    proofCard.append(pairs('xpairs', [
      [t('account.stateRoot'), el('span', 'mono', a.stateRoot)],
      [t('account.proofKind'), t(`account.kind.${r.kind}`)],
      [t('account.proofBytes'), t('account.bytes', { n: (a.proof || '').length / 2 })],
    ]));
    proofCard.append(el('p', 'muted xsmall', t('account.proofHow')));
  }

  // history, paged with nextCursor
  const tbl = el('table', 'xtable xhistory');
  const head = el('tr');
  for (const k of ['tx.hash', 'block.height', 'account.direction', 'account.counterparty', 'tx.amount', 'tx.type']) {
    head.append(el('th', k === 'account.counterparty' || k === 'tx.type' ? 'wide' : null, t(k)));
  }
  tbl.append(el('thead'), el('tbody'));
  tbl.tHead.append(head);
  const more = el('button', 'xmore', t('account.more'));
  more.type = 'button';
  more.id = 'account-more';
  more.hidden = true;
  const empty = el('p', 'muted', t('account.noHistory'));
  empty.hidden = true;
  const scroll = el('div', 'xscroll');
  scroll.append(tbl);
  history.append(el('h2', null, t('account.history')), empty, scroll, more);
  let cursor;

  async function loadPage() {
    more.disabled = true;
    try {
      const page = await call('bcos_getAccountTransactions',
        cursor === undefined ? [address, HISTORY_PAGE] : [address, HISTORY_PAGE, cursor]);
      if (stopped) return;
      for (const x of page.transactions) tbl.tBodies[0].append(row(x));
      empty.hidden = tbl.tBodies[0].rows.length > 0;
      cursor = page.nextCursor;
      more.hidden = cursor === undefined;
    } catch (e) {
      if (!stopped) history.append(rpcError(shell, e));
    } finally {
      more.disabled = false;
    }
  }

  function row(x) {
    const tr = el('tr');
    tr.dataset.hash = x.hash;
    const out = x.from === address;
    const other = out ? (x.to || (Array.isArray(x.outputs) ? t('account.outputs', { n: x.outputs.length }) : null)) : x.from;
    const td = cell;
    const amount = x.amountUnits !== undefined ? `${out ? '−' : '+'}${ddcText(x.amountUnits)}` : '—';
    tr.append(td(txLink(x.hash)), td(blockLink(x.height, String(x.height)), 'num'),
      td(t(out ? 'account.out' : 'account.in')),
      td(other && /^dd1/.test(other) ? accountLink(other) : other, 'wide'),
      td(amount, `num ${out ? 'xout' : 'xin'}`), td(x.type, 'wide'));
    tr.title = x.timeMillis ? isoTime(x.timeMillis) : '';
    return tr;
  }

  more.addEventListener('click', loadPage);
  loadPage();
  return () => { stopped = true; };
}
