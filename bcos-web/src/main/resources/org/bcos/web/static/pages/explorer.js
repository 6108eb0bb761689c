// The explorer: #/explorer (home: status, live blocks and transactions, search),
// #/explorer/search?q=…, #/explorer/block/<height|hash|latest>, #/explorer/tx/<hash>,
// #/explorer/account/<dd1…>, #/explorer/validators. Each sub-page is a module of pages/explorer/.

import * as home from './explorer/home.js';
import * as search from './explorer/search.js';
import * as block from './explorer/block.js';
import * as tx from './explorer/tx.js';
import * as account from './explorer/account.js';
import * as validators from './explorer/validators.js';

const PAGES = { search, block, tx, account, validators };

export function render(root, shell, route) {
  const part = route && route.parts && route.parts.length > 0 ? route.parts[0] : '';
  if (part === '') return home.render(root, shell, route);
  if (!Object.hasOwn(PAGES, part)) {
    root.append(shell.el('p', 'muted', shell.t('page.notFound')));
    return () => {};
  }
  return PAGES[part].render(root, shell, route);
}
