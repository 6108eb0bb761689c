// #/explorer/validators: the validator set with stake (stake_validators: moniker, operator,
// voting power and its share, commission, status; bcos_validators on a chain without staking) and
// recent signing: how many of the last SIGNING_WINDOW blocks' commits each one signed, read from
// the lastCommitSigners of the blocks that carry them (bcos_getBlock; block h carries the commit
// of block h - 1), then kept current: each new block over /ws (newBlocks) slides the window.

import { cell, link } from '../../ui/dom.js';
import { ddcText, shortHash } from '../../ui/format.js';
import { accountHref, accountLink, reasonOf, rpcError, searchBar } from './common.js';

/** Commits counted for "recent signing". */
export const SIGNING_WINDOW = 50;
/** Blocks read at once while counting. */
export const FETCH_PARALLEL = 5;
/** Pages of stake_validators read at most (200 validators each). */
export const MAX_VALIDATOR_PAGES = 10;

/** Basis points (an integer) as a percentage with two decimals: 1234 → "12.34 %". */
export function percent(bps) {
  const b = BigInt(bps);
  return `${b / 100n}.${(b % 100n).toString().padStart(2, '0')} %`;
}

/** Higher voting power first (exact: a power may be a BigInt, net/json.js). */
function byPower(a, b) {
  const d = BigInt(b.power || 0) - BigInt(a.power || 0);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** A whole number grouped by thousands: 1000000 → "1,000,000". */
export function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function render(root, shell) {
  const { el, t, call, socket } = shell;
  const body = el('div');
  body.append(el('p', 'muted', t('validators.loading')));
  root.append(el('h1', null, t('validators.title')), searchBar(shell), body);
  let stopped = false;
  let stopLive = () => {};

  (async () => {
    let set;
    try {
      set = await loadSet();
    } catch (e) {
      if (!stopped) body.replaceChildren(rpcError(shell, e));
      return;
    }
    if (stopped) return;
    const signing = el('p', 'muted', t('validators.counting', { n: SIGNING_WINDOW }));
    signing.id = 'validators-signing';
    const tbl = table(set);
    const scroll = el('div', 'xscroll');
    scroll.append(tbl);
    const card = el('section', 'card');
    card.append(el('h2', null, t('validators.set', { n: set.rows.length, height: set.height })),
      scroll, signing);
    body.replaceChildren(card);
    // the commits seen, by the height of the block carrying them; the newest SIGNING_WINDOW count
    const commits = new Map();
    let counted = false;
    const show = () => {
      const top = Math.max(...commits.keys());
      for (const h of [...commits.keys()]) if (h <= top - SIGNING_WINDOW) commits.delete(h);
      const bySigner = new Map();
      for (const signers of commits.values()) {
        for (const k of new Set(signers)) bySigner.set(k, (bySigner.get(k) || 0) + 1);
      }
      for (const tr of tbl.tBodies[0].rows) {
        const n = bySigner.get(tr.dataset.key) || 0;
        const cell = tr.querySelector('.xsigned');
        cell.textContent = t('validators.signedOf', { n, of: commits.size });
        cell.dataset.signed = String(n);
      }
      // block h carries the commit of h - 1
      signing.textContent = t('validators.window', { n: commits.size, from: Math.min(...commits.keys()) - 1, to: top - 1 });
      signing.dataset.to = String(top - 1);
    };
    stopLive = socket.subscribe('newBlocks', undefined, (b) => {
      if (stopped || !Array.isArray(b.lastCommitSigners)) return;
      commits.set(b.height, b.lastCommitSigners);
      if (counted) show();
    });
    try {
      await countSigning(set.head, commits);
      if (stopped) return;
      counted = true;
      if (commits.size > 0) show();
    } catch (e) {
      if (!stopped) signing.replaceWith(rpcError(shell, e));
    }
  })();

  /** {height, head, rows: [{key, operator, moniker, power, status, commissionBps, tokensUnits}], total}. */
  async function loadSet() {
    const status = await call('bcos_status');
    try {
      const rows = [];
      let cursor;
      let height = status.height;
      for (let page = 0; page < MAX_VALIDATOR_PAGES; page++) {
        const r = await call('stake_validators', cursor === undefined ? [200] : [200, cursor]);
        height = r.height;
        for (const v of r.validators) {
          rows.push({ key: v.consensusKey, operator: v.operator, moniker: v.moniker, power: v.votingPower,
            status: v.status, commissionBps: v.commission ? v.commission.rateBasisPoints : undefined,
            tokensUnits: v.tokensUnits, rank: v.rank });
        }
        cursor = r.nextCursor;
        if (cursor === undefined) break;
      }
      rows.sort((a, b) => byPower(a, b) || (a.operator < b.operator ? -1 : 1));
      return { height, head: status.height, rows, total: rows.reduce((s, v) => s + BigInt(v.power || 0), 0n) };
    } catch (e) {
      if (reasonOf(e) !== 'STAKING_NOT_ACTIVE') throw e;
    }
    const r = await call('bcos_validators');
    return { height: r.height, head: status.height, total: BigInt(r.totalPower),
      rows: r.validators.map((v) => ({ key: v.address, power: v.power, status: 'active' })) };
  }

  function table(set) {
    const tbl = el('table', 'xtable xvalidators');
    const head = el('tr');
    // on a phone: moniker (a link to the operator), share, status, signed
    const wide = ['validators.operator', 'validators.key', 'validators.power', 'validators.stake', 'validators.commission'];
    const num = ['validators.power', 'validators.share', 'validators.stake', 'validators.commission', 'validators.signed'];
    const keys = ['validators.moniker', 'validators.operator', 'validators.key', 'validators.power',
      'validators.share', 'validators.stake', 'validators.commission', 'validators.status', 'validators.signed'];
    for (const k of keys) {
      head.append(el('th', [wide.includes(k) ? 'wide' : '', num.includes(k) ? 'num' : ''].join(' ').trim() || null, t(k)));
    }
    tbl.append(el('thead'), el('tbody'));
    tbl.tHead.append(head);
    for (const v of set.rows) {
      const tr = el('tr');
      tr.dataset.key = v.key;
      const td = cell;
      const share = set.total > 0n ? percent(BigInt(v.power || 0) * 10_000n / set.total) : '—';
      const name = v.moniker ?? shortHash(v.key);
      tr.append(td(v.operator ? link(accountHref(v.operator), name) : name),
        td(v.operator ? accountLink(v.operator) : '—', 'wide'),
        td(accountLink(v.key), 'wide'), td(grouped(v.power ?? 0), 'num wide'), td(share, 'num'),
        td(v.tokensUnits !== undefined ? ddcText(v.tokensUnits) : '—', 'num wide'),
        td(v.commissionBps !== undefined ? percent(v.commissionBps) : '—', 'num wide'),
        td(el('span', `xstatus ${v.status}`, t(`validators.status.${v.status}`))),
        td('…', 'num xsigned'));
      tbl.tBodies[0].append(tr);
    }
    return tbl;
  }

  /** Reads the commits of the last SIGNING_WINDOW blocks up to `head` into `commits`. */
  async function countSigning(head, commits) {
    const from = Math.max(2, head - SIGNING_WINDOW + 1); // block 1 carries no commit
    for (let h = head; h >= from && !stopped; h -= FETCH_PARALLEL) {
      const heights = [];
      for (let k = h; k > h - FETCH_PARALLEL && k >= from; k--) heights.push(k);
      const blocks = await Promise.all(heights.map((k) => call('bcos_getBlock', [k])));
      for (const b of blocks) {
        if (Array.isArray(b.lastCommitSigners) && !commits.has(b.height)) commits.set(b.height, b.lastCommitSigners);
      }
    }
  }

  return () => {
    stopped = true;
    stopLive();
  };
}
