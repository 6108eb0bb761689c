// #/explorer/search?q=…: an address opens its account page; 64 hex digits a transaction, else
// the block with that hash; digits the block at that height; anything else is named as not found.

import { classify } from '../../lib/explorer-search.js';
import { accountHref, blockHref, reasonOf, rpcError, searchBar, txHref } from './common.js';

export function render(root, shell, route) {
  const { el, t, call } = shell;
  const q = route.query.get('q') || '';
  const found = classify(q);
  const out = el('div', 'xresult');
  out.id = 'explorer-result';
  root.append(el('h1', null, t('search.title')), searchBar(shell, q), out);
  let stopped = false;
  const go = (hash) => { if (!stopped) location.replace(hash); };
  const notFound = (key) => {
    const p = el('p', 'xnotfound', t(key, { q: found.value ?? q }));
    p.id = 'explorer-notfound';
    out.replaceChildren(p);
  };

  if (found.kind === 'empty') {
    out.append(el('p', 'muted', t('search.empty')));
  } else if (found.kind === 'address') {
    go(accountHref(found.value));
  } else if (found.kind === 'height') {
    go(blockHref(found.value));
  } else if (found.kind === 'hash') {
    out.append(el('p', 'muted', t('search.looking')));
    lookUpHash(found.value);
  } else {
    notFound('search.notAnything');
  }

  async function lookUpHash(hash) {
    try {
      const tx = await call('bcos_getTransaction', [hash]);
      if (tx) return go(txHref(hash)); // pending, final or dropped: its page says which
    } catch (e) {
      if (reasonOf(e) !== 'NOT_FOUND') return out.replaceChildren(rpcError(shell, e));
    }
    try {
      await call('bcos_getBlock', [hash]);
      return go(blockHref(hash));
    } catch (e) {
      if (reasonOf(e) !== 'NOT_FOUND') return out.replaceChildren(rpcError(shell, e));
    }
    return notFound('search.hashNotFound');
  }

  return () => { stopped = true; };
}
