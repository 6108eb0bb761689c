// #/explorer/block/<height|hash|latest>: the header (bcos_getBlock [ref, true]), who signed the
// previous block's commit (lastCommitSigners, protocol version 3 on), its transactions, and links
// to the blocks before and after.

import { pairs } from '../../ui/dom.js';
import { ddcText, isoTime } from '../../ui/format.js';
import { accountLink, blockLink, reasonOf, rpcError, searchBar, txLink } from './common.js';

export function render(root, shell, route) {
  const { el, t, call, socket } = shell;
  const ref = route.parts[1] || 'latest';
  const body = el('div');
  body.append(el('p', 'muted', t('block.loading')));
  root.append(el('h1', null, t('block.title')), searchBar(shell), body);
  let stopped = false;
  let stopNext = () => {};

  (async () => {
    let b;
    try {
      b = await call('bcos_getBlock', [/^\d+$/.test(ref) ? Number(ref) : ref, true]);
    } catch (e) {
      if (stopped) return;
      const p = reasonOf(e) === 'NOT_FOUND'
        ? el('p', 'xnotfound', t('block.notFound', { ref })) : rpcError(shell, e);
      body.replaceChildren(p);
      return;
    }
    if (!stopped) show(b);
  })();

  function show(b) {
    root.querySelector('h1').textContent = t('block.titleAt', { height: b.height });
    const items = [
      [t('block.height'), String(b.height)],
      [t('block.hash'), mono(b.hash)],
      [t('block.parent'), b.height > 0 ? blockLink(b.height - 1, b.previousHash) : mono(b.previousHash)],
      [t('block.time'), isoTime(b.timeMillis)],
      [t('block.proposer'), accountLink(b.proposer, false)],
      [t('block.stateRoot'), mono(b.stateRoot)],
      [t('block.txRoot'), mono(b.txRoot)],
      [t('block.txs'), String(b.txCount)],
    ];
    if (b.protocolVersion !== undefined) items.push([t('block.protocol'), String(b.protocolVersion)]);
    if (Array.isArray(b.lastCommitSigners)) {
      const list = el('ul', 'xsigners');
      for (const s of b.lastCommitSigners) {
        const li = el('li');
        li.append(accountLink(s, false));
        list.append(li);
      }
      if (b.lastCommitSigners.length === 0) list.append(el('li', 'muted', t('block.noSigners')));
      const wrap = el('div');
      wrap.append(el('p', 'muted xsmall', t('block.signersOf', { height: Math.max(0, b.height - 1) })), list);
      items.push([t('block.signers', { count: b.lastCommitSigners.length }), wrap]);
    }
    const header = el('section', 'card');
    header.append(el('h2', null, t('block.header')), pairs('xpairs', items));

    const nav = el('nav', 'xprevnext');
    nav.setAttribute('aria-label', t('block.around'));
    if (b.height > 0) nav.append(blockLink(b.height - 1, t('block.prev', { height: b.height - 1 })));
    const next = blockLink(b.height + 1, t('block.next', { height: b.height + 1 }));
    next.id = 'block-next';
    nav.append(next);
    next.hidden = true;
    call('bcos_status').then((s) => {
      if (s.height > b.height) next.hidden = false;
      else stopNext = socket.subscribe('newBlocks', undefined, (nb) => { if (nb.height > b.height) next.hidden = false; });
    }, () => {});

    const txs = el('section', 'card');
    txs.append(el('h2', null, t('block.txList', { count: b.txCount })));
    const list = (b.transactions || []).filter((x) => typeof x === 'object');
    if (list.length === 0) {
      txs.append(el('p', 'muted', t('block.noTxs')));
    } else {
      const tbl = el('table', 'xtable xblocktxs');
      const head = el('tr');
      for (const k of ['tx.index', 'tx.hash', 'tx.type', 'tx.from', 'tx.to', 'tx.amount', 'tx.fee']) {
        head.append(el('th', k === 'tx.from' || k === 'tx.to' ? 'wide' : null, t(k)));
      }
      tbl.append(el('thead'), el('tbody'));
      tbl.tHead.append(head);
      for (const x of list) {
        const tr = el('tr');
        tr.dataset.hash = x.hash;
        tr.append(el('td', 'num', x.index), cell(txLink(x.hash)), el('td', null, x.type),
          cell(x.from ? accountLink(x.from) : '—', 'wide'), cell(x.to ? accountLink(x.to) : '—', 'wide'),
          el('td', 'num', x.amountUnits !== undefined ? ddcText(x.amountUnits) : '—'),
          el('td', 'num', x.feeUnits !== undefined ? ddcText(x.feeUnits) : '—'));
        tbl.tBodies[0].append(tr);
      }
      const scroll = el('div', 'xscroll');
      scroll.append(tbl);
      txs.append(scroll);
    }
    body.replaceChildren(nav, header, txs);
  }

  function mono(text) {
    return el('span', 'mono', text);
  }

  function cell(child, cls) {
    const td = el('td', cls);
    if (child instanceof Node) td.append(child); else td.textContent = child;
    return td;
  }

  return () => {
    stopped = true;
    stopNext();
  };
}
