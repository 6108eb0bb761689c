// The shell: header (chain id, height, connection), nav, language switch and a hash router.
// A route is #/<page>/<part>/<part>?<query>: the page module gets {name, parts, query} and
// renders into #page; it returns the function that stops what it started (subscriptions,
// timers). Every text from the node is set with textContent, never parsed as HTML. A page's
// modules are loaded when it is first opened (import() on the same origin, as the CSP allows),
// so the first load fetches the shell and one page, not all five.
import { call, connect } from './net/rpc.js';
import * as submit from './net/submit.js';
import * as session from './lib/session.js';
import { LANGS, load, t, language } from './ui/i18n.js';
import { el } from './ui/dom.js';

const LANG_KEY = 'bcos.lang';
const ROUTES = {
  explorer: () => import('./pages/explorer.js'),
  wallet: () => import('./pages/wallet.js'),
  dvs: () => import('./pages/dvs.js'),
  poll: () => import('./pages/poll.js'),
  governance: () => import('./pages/governance.js'),
};
const DEFAULT_ROUTE = 'explorer';

let current = null; // {hash, stop}
let routing = 0; // the latest route() call: a page that loads after a newer one is not drawn

/** The parsed route of a hash: {name, parts, query}. */
export function parseRoute(hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const segments = path.split('/').filter((s) => s.length > 0).map(decodeURIComponent);
  return { name: segments[0] || DEFAULT_ROUTE, parts: segments.slice(1), query: new URLSearchParams(search) };
}

async function setLanguage(lang) {
  const chosen = await load(lang);
  document.documentElement.lang = chosen;
  localStorage.setItem(LANG_KEY, chosen);
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === chosen));
  }
  route(true);
}

async function route(force = false) {
  const hash = location.hash || `#/${DEFAULT_ROUTE}`;
  if (!force && current && current.hash === hash) return;
  if (current) current.stop();
  current = { hash, stop: () => {} };
  const mine = ++routing;
  const r = parseRoute(hash);
  const root = document.getElementById('page');
  root.replaceChildren();
  for (const a of document.querySelectorAll('[data-route]')) {
    const on = a.dataset.route === r.name;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!Object.hasOwn(ROUTES, r.name)) {
    root.append(el('p', 'muted', t('page.notFound')));
    return;
  }
  let page;
  try {
    page = await ROUTES[r.name]();
  } catch (e) {
    if (mine === routing) root.append(el('p', 'error', t('page.loadFailed')));
    return;
  }
  if (mine !== routing) return; // the reader went elsewhere while it loaded
  const stop = page.render(root, shell, r);
  current = { hash, stop: typeof stop === 'function' ? stop : () => {} };
}

function setConnection(state) {
  const c = document.getElementById('conn');
  c.className = `conn ${state === 'live' ? 'on' : 'off'}`;
  c.dataset.i18n = `conn.${state}`;
  c.textContent = t(`conn.${state}`);
}

function showSigner(key) {
  const s = document.getElementById('signer');
  if (!s) return;
  s.textContent = key ? (key.label || `${key.address.slice(0, 8)}…${key.address.slice(-4)}`) : '';
  s.title = key ? key.address : '';
  s.hidden = !key;
}

/**
 * What pages get from the shell: the RPC call, the live socket, texts, the unlocked key
 * (session), the transaction flow (submit) and navigation.
 */
const shell = {
  call,
  socket: connect(setConnection),
  t,
  el,
  language,
  session,
  submit,
  go(hash) {
    location.hash = hash;
  },
  setHeight(h) {
    document.getElementById('chain-height').textContent = String(h);
  },
};

async function start() {
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => setLanguage(b.dataset.lang));
  }
  window.addEventListener('hashchange', () => route());
  session.onChange(showSigner);
  const saved = localStorage.getItem(LANG_KEY);
  const lang = saved || (navigator.language || 'en').slice(0, 2).toLowerCase();
  await setLanguage(LANGS.includes(lang) ? lang : 'en');
  shell.socket.subscribe('newBlocks', undefined, (b) => shell.setHeight(b.height));
  try {
    const id = await call('bcos_chainId');
    document.getElementById('chain-id').textContent = id.chainId;
    const st = await call('bcos_status');
    shell.setHeight(st.height);
  } catch (e) {
    document.getElementById('chain-id').textContent = '?';
  }
}

start();
