// The account's final transactions, newest first (bcos_getAccountTransactions, HISTORY_PAGE a
// page, "Older" follows nextCursor, "Newest" goes back to the first page), with the time of each
// block (bcos_getBlock, cached by height: at most one call per distinct height of a page).
import { ddcText, isoTime, shortHash } from '../../ui/format.js';
import { link, table } from '../../ui/dom.js';
import { button, errorText } from './common.js';

/** Transactions per page. */
export const HISTORY_PAGE = 10;
/** Block times remembered (by height) while the page is open. */
const MAX_CACHED_TIMES = 512;

export function renderHistory(shell, address) {
  const { el, t, call } = shell;
  const card = el('section', 'card wallet-history-card');
  const tbl = table('wallet-history', [t('wallet.history.height'), t('wallet.history.time'),
    t('wallet.history.direction'), t('wallet.history.counterparty'), t('wallet.history.amount'),
    t('wallet.history.fee'), t('wallet.history.tx')]);
  const scroll = el('div', 'wallet-table-scroll');
  scroll.append(tbl);
  const empty = el('p', 'muted');
  const newest = button(el, t('wallet.history.newest'), { id: 'wallet-newest' });
  const older = button(el, t('wallet.history.older'), { id: 'wallet-older' });
  const nav = el('div', 'wallet-buttons');
  nav.append(newest, older);
  card.append(el('h2', null, t('wallet.history.title')), scroll, empty, nav);
  const times = new Map();
  let cursor = null; // the page shown: null = newest
  let next = null;
  let chain = Promise.resolve(); // one load at a time, in order

  async function blockTime(height) {
    if (!times.has(height)) {
      if (times.size >= MAX_CACHED_TIMES) times.clear();
      const b = await call('bcos_getBlock', [height]);
      times.set(height, b.timeMillis);
    }
    return times.get(height);
  }

  async function load(at) {
    const page = await call('bcos_getAccountTransactions', [address, HISTORY_PAGE, ...(at ? [at] : [])]);
    const heights = [...new Set(page.transactions.map((tx) => tx.height))];
    await Promise.all(heights.map(blockTime));
    cursor = at;
    next = page.nextCursor ?? null;
    const body = tbl.tBodies[0];
    body.replaceChildren(...page.transactions.map(row));
    empty.textContent = page.transactions.length === 0 ? t('wallet.history.none') : '';
    older.disabled = next === null;
    newest.disabled = cursor === null;
  }

  function row(tx) {
    const tr = el('tr');
    tr.dataset.hash = tx.hash;
    const out = tx.from === address;
    const self = out && tx.to === address;
    const direction = self ? 'self' : out ? 'out' : 'in';
    let counterparty;
    if (out) counterparty = tx.to ?? (tx.outputs ? t('wallet.history.recipients', { count: tx.outputCount ?? tx.outputs.length }) : tx.type);
    else counterparty = tx.from;
    let amount = tx.amountUnits;
    if (!out && tx.outputs) amount = tx.outputs.filter((o) => o.to === address).reduce((s, o) => s + BigInt(o.amountUnits), 0n);
    const cell = (content, className) => {
      const td = el('td', className);
      if (content instanceof Node) td.append(content); else td.textContent = content ?? '—';
      return td;
    };
    const party = cell(counterparty === tx.type ? tx.type : shortHash(counterparty), 'mono');
    party.title = counterparty ?? '';
    const typeText = tx.type === 'coin.transfer' || tx.type === 'coin.multiSend' ? t(`wallet.history.${direction}`) : tx.type;
    tr.append(
      cell(link(`#/explorer/block/${tx.height}`, String(tx.height))),
      cell(isoTime(times.get(tx.height))),
      cell(typeText, `dir-${direction}`),
      party,
      cell(amount === undefined ? '—' : `${direction === 'out' ? '−' : direction === 'in' ? '+' : ''}${ddcText(amount)}`, 'num'),
      cell(ddcText(tx.feeUnits), 'num'),
      cell(link(`#/explorer/tx/${tx.hash}`, shortHash(tx.hash), 'mono')),
    );
    return tr;
  }

  function show(at) {
    chain = chain.then(() => load(at)).catch((e) => {
      empty.textContent = errorText(t, e);
    });
  }

  older.addEventListener('click', () => next && show(next));
  newest.addEventListener('click', () => show(null));
  return {
    node: card,
    /** Reloads the newest page when it is the one shown (a new transaction appears there). */
    refresh() {
      if (cursor === null) show(null);
    },
  };
}
