// Pieces every explorer page shares: links to blocks, transactions and accounts, the search box,
// the sub-navigation and how an RPC failure is shown. Text is only ever set as textContent.

import { link } from '../../ui/dom.js';
import { shortHash } from '../../ui/format.js';

export const blockHref = (ref) => `#/explorer/block/${encodeURIComponent(String(ref))}`;
export const txHref = (hash) => `#/explorer/tx/${encodeURIComponent(hash)}`;
export const accountHref = (address) => `#/explorer/account/${encodeURIComponent(address)}`;

/** A link to a block by height or hash (the whole hash in the title when shortened). */
export function blockLink(ref, text) {
  const a = link(blockHref(ref), text === undefined ? shortHash(ref) : text, 'mono');
  a.title = String(ref);
  return a;
}

export function txLink(hash, short = true) {
  const a = link(txHref(hash), short ? shortHash(hash) : hash, 'mono');
  a.title = hash;
  return a;
}

export function accountLink(address, short = true) {
  const a = link(accountHref(address), short ? shortHash(address) : address, 'mono');
  a.title = address;
  return a;
}

/** The node's reason of an RPC error (NOT_FOUND, INVALID_PARAMS, …), or undefined. */
export function reasonOf(e) {
  return e && e.data && typeof e.data.reason === 'string' ? e.data.reason : undefined;
}

/** A paragraph saying the node failed, with its message as text. */
export function rpcError(shell, e) {
  return shell.el('p', 'error', shell.t('error.rpc') + (e && e.message ? e.message : String(e)));
}

/** The explorer's search form and its sub-navigation (home, validators). */
export function searchBar(shell, initial = '') {
  const { el, t } = shell;
  const form = el('form', 'xsearch');
  form.setAttribute('role', 'search');
  const label = el('label', 'xhidden', t('search.label'));
  label.htmlFor = 'explorer-q';
  const input = el('input');
  input.id = 'explorer-q';
  input.type = 'search';
  input.name = 'q';
  input.value = initial;
  input.maxLength = 200;
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.placeholder = t('search.placeholder');
  const button = el('button', 'primary', t('search.go'));
  button.type = 'submit';
  button.id = 'explorer-search';
  form.append(label, input, button);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    shell.go(`#/explorer/search?q=${encodeURIComponent(input.value.trim())}`);
  });
  const nav = el('nav', 'xnav');
  nav.setAttribute('aria-label', t('explorer.sections'));
  nav.append(link('#/explorer', t('explorer.home')), link('#/explorer/validators', t('validators.title')));
  const bar = el('div', 'xbar');
  bar.append(form, nav);
  return bar;
}
