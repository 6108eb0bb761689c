// #/explorer/tx/<hash>: a transaction (bcos_getTransaction): its status (a pending one turns final
// live through the txFinal subscription), block, sender and recipient, amount and fee, memo, and
// the fields of its type: multi-send outputs, and every other field the node gives as a labelled list.

import { pairs } from '../../ui/dom.js';
import { ddcText } from '../../ui/format.js';
import { accountLink, blockLink, reasonOf, rpcError, searchBar } from './common.js';
import { jsonText } from '../../net/json.js';

/** Fields this page shows in its own rows; any other field goes to the type's list. */
const SHOWN = new Set(['hash', 'status', 'height', 'index', 'blockHash', 'chainId', 'from', 'nonce',
  'fee', 'feeUnits', 'expiryHeight', 'type', 'to', 'amount', 'amountUnits', 'memo', 'outputs',
  'outputCount', 'code', 'reason', 'message']);
const ADDRESS = /^dd1[02-9ac-hj-np-z]{58}$/;
const HASH = /^[0-9a-f]{64}$/;

export function render(root, shell, route) {
  const { el, t, call, socket } = shell;
  const hash = (route.parts[1] || '').toLowerCase();
  const body = el('div');
  body.append(el('p', 'muted', t('tx.loading')));
  root.append(el('h1', null, t('tx.title')), searchBar(shell), body);
  let stopped = false;
  let stopFinal = () => {};

  if (!HASH.test(hash)) {
    body.replaceChildren(el('p', 'xnotfound', t('tx.badHash', { hash: route.parts[1] || '' })));
    return () => {};
  }

  call('bcos_getTransaction', [hash]).then((tx) => {
    if (stopped) return;
    show(tx);
    if (tx.status === 'pending') {
      stopFinal = socket.subscribe('txFinal', hash, (fin) => {
        stopFinal();
        if (!stopped) show(fin);
      });
    }
  }, (e) => {
    if (stopped) return;
    body.replaceChildren(reasonOf(e) === 'NOT_FOUND'
      ? el('p', 'xnotfound', t('tx.notFound', { hash })) : rpcError(shell, e));
  });

  function show(tx) {
    const status = el('span', `xstatus ${tx.status}`, t(`tx.status.${tx.status}`));
    status.id = 'tx-status';
    const items = [[t('tx.hash'), el('span', 'mono', tx.hash)], [t('tx.statusLabel'), status]];
    if (tx.status === 'final') {
      const h = blockLink(tx.height, String(tx.height));
      h.id = 'tx-height';
      items.push([t('tx.block'), h], [t('tx.blockHash'), blockLink(tx.blockHash, tx.blockHash)],
        [t('tx.index'), String(tx.index)]);
    } else if (tx.status === 'dropped') {
      items.push([t('tx.dropReason'), `${tx.reason}: ${tx.message}`]);
    } else {
      items.push([t('tx.block'), t('tx.waitingFinal')]);
    }
    if (tx.type !== undefined) {
      items.push([t('tx.type'), tx.type], [t('tx.from'), accountLink(tx.from, false)]);
      if (tx.to !== undefined) items.push([t('tx.to'), accountLink(tx.to, false)]);
      if (tx.amountUnits !== undefined) items.push([t('tx.amount'), el('span', 'num', ddcText(tx.amountUnits))]);
      items.push([t('tx.fee'), ddcText(tx.feeUnits)]);
      if (tx.memo !== undefined) items.push([t('tx.memo'), tx.memo === '' ? t('tx.noMemo') : el('span', 'xmemo', tx.memo)]);
      items.push([t('tx.nonce'), String(tx.nonce)], [t('tx.expiry'), String(tx.expiryHeight)],
        [t('tx.chain'), tx.chainId]);
    }
    const main = el('section', 'card');
    main.append(el('h2', null, t('tx.overview')), pairs('xpairs', items));
    const parts = [main];
    if (Array.isArray(tx.outputs)) parts.push(outputs(tx.outputs));
    const extra = Object.keys(tx).filter((k) => !SHOWN.has(k));
    if (extra.length > 0) {
      const card = el('section', 'card');
      card.append(el('h2', null, t('tx.fields', { type: tx.type })),
        pairs('xpairs xfields', extra.map((k) => [k, value(tx[k])])));
      parts.push(card);
    }
    body.replaceChildren(...parts);
  }

  function outputs(list) {
    const card = el('section', 'card');
    card.append(el('h2', null, t('tx.outputs', { count: list.length })));
    const tbl = el('table', 'xtable xoutputs');
    const head = el('tr');
    head.append(el('th', null, '#'), el('th', null, t('tx.to')), el('th', null, t('tx.amount')));
    tbl.append(el('thead'), el('tbody'));
    tbl.tHead.append(head);
    list.forEach((o, i) => {
      const tr = el('tr');
      const to = el('td');
      to.append(accountLink(o.to));
      tr.append(el('td', 'num', i + 1), to, el('td', 'num', ddcText(o.amountUnits)));
      tbl.tBodies[0].append(tr);
    });
    card.append(tbl);
    return card;
  }

  /** A field's value: an address links to its account, a hash shows whole, objects as JSON text. */
  function value(v) {
    if (typeof v === 'string' && ADDRESS.test(v)) return accountLink(v, false);
    if (typeof v === 'string' && HASH.test(v)) return el('span', 'mono', v);
    if (v !== null && typeof v === 'object') return el('code', 'xjson', jsonText(v));
    return v === null || v === undefined ? '—' : String(v);
  }

  return () => {
    stopped = true;
    stopFinal();
  };
}
