// Explorer home: the chain status (bcos_status) and the latest blocks, live over /ws (newBlocks).

import { isoTime, shortHash } from '../ui/format.js';

/** Blocks shown; older ones drop off the end. */
export const MAX_BLOCKS = 20;
/** Blocks fetched over HTTP when the page opens (the rest arrive live). */
export const INITIAL_BLOCKS = 10;
/** The status is refreshed on a new block at most this often. */
export const STATUS_REFRESH_MILLIS = 2_000;

export function render(root, shell) {
  const { t, el, call, socket } = shell;
  const statusList = el('dl', 'status');
  const rows = el('tbody');
  const waiting = el('p', 'muted', t('explorer.waiting'));
  const error = el('p', 'error');
  error.hidden = true;
  const table = el('table', 'blocks');
  const head = el('tr');
  for (const k of ['block.height', 'block.hash', 'block.time', 'block.txs', 'block.proposer']) {
    head.append(el('th', k === 'block.hash' || k === 'block.proposer' ? 'wide' : null, t(k)));
  }
  table.append(el('thead'), rows);
  table.tHead.append(head);
  root.append(el('h1', null, t('explorer.title')), error,
    el('section', 'card', null), el('section', 'card', null));
  const [statusCard, blocksCard] = root.querySelectorAll('section.card');
  statusCard.append(el('h2', null, t('explorer.status')), statusList);
  blocksCard.append(el('h2', null, t('explorer.latest')), waiting, table);

  const shown = new Set();
  let lastStatus = 0;

  function showError(e) {
    error.textContent = t('error.rpc') + (e && e.message ? e.message : String(e));
    error.hidden = false;
  }

  function addBlock(b, atTop) {
    if (shown.has(b.height)) return;
    shown.add(b.height);
    waiting.hidden = true;
    const tr = el('tr');
    tr.dataset.height = String(b.height);
    const hash = el('td', 'mono wide', shortHash(b.hash));
    hash.title = b.hash;
    const proposer = el('td', 'mono wide', shortHash(b.proposer));
    proposer.title = b.proposer;
    tr.append(el('td', 'num', b.height), hash, el('td', null, isoTime(b.timeMillis)),
      el('td', 'num', b.txCount), proposer);
    if (atTop) rows.prepend(tr); else rows.append(tr);
    while (rows.rows.length > MAX_BLOCKS) {
      shown.delete(Number(rows.lastChild.dataset.height));
      rows.lastChild.remove();
    }
  }

  async function refreshStatus() {
    lastStatus = Date.now();
    try {
      const s = await call('bcos_status');
      const items = [
        ['status.chainId', s.chainId],
        ['status.height', s.height],
        ['status.headTime', isoTime(s.headTimeMillis)],
        ['status.validators', Array.isArray(s.validators) ? s.validators.length : '—'],
        ['status.peers', s.peers],
        ['status.mempool', `${s.mempoolTxs} tx · ${s.mempoolBytes} B`],
        ['status.minFee', s.minFee === undefined ? '—' : `${s.minFee} DDC`],
      ];
      const nodes = [];
      for (const [k, v] of items) {
        const pair = el('div');
        pair.append(el('dt', null, t(k)), el('dd', null, v));
        nodes.push(pair);
      }
      statusList.replaceChildren(...nodes);
      error.hidden = true;
      return s;
    } catch (e) {
      showError(e);
      return null;
    }
  }

  async function loadLatest(height) {
    const from = Math.max(1, height - INITIAL_BLOCKS + 1);
    for (let h = height; h >= from; h--) {
      try {
        addBlock(await call('bcos_getBlock', [h]), false);
      } catch (e) {
        showError(e);
        return;
      }
    }
  }

  const stop = socket.subscribe('newBlocks', undefined, (b) => {
    addBlock(b, true);
    if (Date.now() - lastStatus >= STATUS_REFRESH_MILLIS) refreshStatus();
  });
  refreshStatus().then((s) => { if (s) loadLatest(s.height); });
  return stop;
}
