// Explorer home: the chain status (bcos_status), the latest blocks and the latest transactions,
// live over /ws (newBlocks; a block with transactions is read in full for its transactions).

import { cell } from '../../ui/dom.js';
import { ddcText, isoTime } from '../../ui/format.js';
import { accountLink, blockLink, rpcError, searchBar, txLink } from './common.js';

/** Blocks shown; older ones drop off the end. */
export const MAX_BLOCKS = 20;
/** Transactions shown; older ones drop off the end. */
export const MAX_TXS = 20;
/** Blocks fetched over HTTP when the page opens (the rest arrive live). */
export const INITIAL_BLOCKS = 10;
/** The status is refreshed on a new block at most this often. */
export const STATUS_REFRESH_MILLIS = 2_000;

export function render(root, shell) {
  const { t, el, call, socket } = shell;
  const statusList = el('dl', 'status');
  const rows = el('tbody');
  const txRows = el('tbody');
  const waiting = el('p', 'muted', t('explorer.waiting'));
  const noTxs = el('p', 'muted', t('explorer.noTxs'));
  const error = el('div');
  const table = headed(el('table', 'blocks'), rows,
    ['block.height', 'block.hash', 'block.time', 'block.txs', 'block.proposer'],
    ['block.hash', 'block.proposer']);
  const txTable = headed(el('table', 'xtable xtxs'), txRows,
    ['tx.hash', 'block.height', 'tx.from', 'tx.to', 'tx.amount'], ['tx.from', 'tx.to']);
  const statusCard = el('section', 'card');
  const blocksCard = el('section', 'card');
  const txsCard = el('section', 'card');
  statusCard.append(el('h2', null, t('explorer.status')), statusList);
  blocksCard.append(el('h2', null, t('explorer.latest')), waiting, scroll(el, table));
  txsCard.append(el('h2', null, t('explorer.latestTxs')), noTxs, scroll(el, txTable));
  const lists = el('div', 'xhome');
  lists.append(blocksCard, txsCard);
  root.append(el('h1', null, t('explorer.title')), searchBar(shell), error, statusCard, lists);

  const shown = new Set();
  const shownTxs = new Set();
  let lastStatus = 0;
  let stopped = false;
  let heightCell = null; // the status's height and head time, kept current by each new block
  let timeCell = null;

  function headed(tbl, body, keys, wide) {
    const head = el('tr');
    for (const k of keys) head.append(el('th', wide.includes(k) ? 'wide' : null, t(k)));
    tbl.append(el('thead'), body);
    tbl.tHead.append(head);
    return tbl;
  }

  function showError(e) {
    error.replaceChildren(rpcError(shell, e));
  }

  function addBlock(b, atTop) {
    if (shown.has(b.height)) return;
    shown.add(b.height);
    waiting.hidden = true;
    const tr = el('tr');
    tr.dataset.height = String(b.height);
    const cell = (cls, child) => {
      const td = el('td', cls);
      td.append(child);
      return td;
    };
    tr.append(cell('num', blockLink(b.height, String(b.height))), cell('wide', blockLink(b.hash)),
      el('td', null, isoTime(b.timeMillis)), el('td', 'num', b.txCount),
      cell('wide', accountLink(b.proposer)));
    if (atTop) rows.prepend(tr); else rows.append(tr);
    while (rows.rows.length > MAX_BLOCKS) {
      shown.delete(Number(rows.lastChild.dataset.height));
      rows.lastChild.remove();
    }
  }

  function addTxs(block, atTop) {
    const txs = Array.isArray(block.transactions) ? block.transactions.filter((x) => typeof x === 'object') : [];
    const fresh = txs.filter((x) => !shownTxs.has(x.hash));
    if (fresh.length === 0) return;
    noTxs.hidden = true;
    const made = fresh.map((x) => {
      shownTxs.add(x.hash);
      const tr = el('tr');
      tr.dataset.hash = x.hash;
      const td = (cls, child) => cell(child, cls);
      tr.append(td(null, txLink(x.hash)), td('num', blockLink(block.height, String(block.height))),
        td('wide', x.from ? accountLink(x.from) : '—'), td('wide', x.to ? accountLink(x.to) : x.type),
        td('num', x.amountUnits !== undefined ? ddcText(x.amountUnits) : '—'));
      return tr;
    });
    if (atTop) txRows.prepend(...made); else txRows.append(...made);
    while (txRows.rows.length > MAX_TXS) {
      shownTxs.delete(txRows.lastChild.dataset.hash);
      txRows.lastChild.remove();
    }
  }

  async function refreshStatus() {
    lastStatus = Date.now();
    try {
      const s = await call('bcos_status');
      const items = [
        ['status.chainId', s.chainId],
        ['status.height', blockLink(s.height, String(s.height))],
        ['status.headTime', isoTime(s.headTimeMillis)],
        ['status.validators', Array.isArray(s.validators) ? s.validators.length : '—'],
        ['status.peers', s.peers],
        ['status.mempool', `${s.mempoolTxs} tx · ${s.mempoolBytes} B`],
        ['status.minFee', s.minFeeUnits === undefined ? '—' : ddcText(s.minFeeUnits)],
      ];
      const nodes = [];
      for (const [k, v] of items) {
        const pair = el('div');
        const dd = el('dd');
        if (k === 'status.height') heightCell = dd;
        if (k === 'status.headTime') timeCell = dd;
        if (v instanceof Node) dd.append(v); else dd.textContent = String(v);
        pair.append(el('dt', null, t(k)), dd);
        nodes.push(pair);
      }
      statusList.replaceChildren(...nodes);
      error.replaceChildren();
      return s;
    } catch (e) {
      showError(e);
      return null;
    }
  }

  async function loadLatest(height) {
    const from = Math.max(1, height - INITIAL_BLOCKS + 1);
    for (let h = height; h >= from && !stopped; h--) {
      try {
        const b = await call('bcos_getBlock', [h, true]);
        addBlock(b, false);
        addTxs(b, false);
      } catch (e) {
        showError(e);
        return;
      }
    }
  }

  const stop = socket.subscribe('newBlocks', undefined, (b) => {
    addBlock(b, true);
    if (heightCell) heightCell.replaceChildren(blockLink(b.height, String(b.height)));
    if (timeCell) timeCell.textContent = isoTime(b.timeMillis);
    if (b.txCount > 0) {
      call('bcos_getBlock', [b.height, true]).then((full) => { if (!stopped) addTxs(full, true); }, showError);
    }
    if (Date.now() - lastStatus >= STATUS_REFRESH_MILLIS) refreshStatus();
  });
  refreshStatus().then((s) => { if (s) loadLatest(s.height); });
  return () => {
    stopped = true;
    stop();
  };
}

function scroll(el, table) {
  const wrap = el('div', 'xscroll');
  wrap.append(table);
  return wrap;
}
