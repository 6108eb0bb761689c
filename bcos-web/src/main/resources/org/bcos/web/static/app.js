// The shell: header (chain id, height, connection), nav, language switch and a hash router.
// A route is #/<page>/<part>/<part>?<query>: the page module gets {name, parts, query} and
// renders into #page; it returns the function that stops what it started (subscriptions,
// timers). Every text from the node is set with textContent, never parsed as HTML.
import { call, connect } from './net/rpc.js';
import * as submit from './net/submit.js';
import * as session from './lib/session.js';
import { LANGS, load, t, language } from './ui/i18n.js';
import { el } from './ui/dom.js';
import * as explorer from './pages/explorer.js';
import * as wallet from './pages/wallet.js';
import * as dvs from './pages/dvs.js';
import * as poll from './pages/poll.js';
import * as governance from './pages/governance.js';

const LANG_KEY = 'bcos.lang';
const ROUTES = { explorer, wallet, dvs, poll, governance };
const DEFAULT_ROUTE = 'explorer';

let current = null; // {hash, stop}

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

function route(force = false) {
  const hash = location.hash || `#/${DEFAULT_ROUTE}`;
  if (!force && current && current.hash === hash) return;
  if (current) current.stop();
  const r = parseRoute(hash);
  const root = document.getElementById('page');
  root.replaceChildren();
  for (const a of document.querySelectorAll('[data-route]')) {
    const on = a.dataset.route === r.name;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const page = Object.hasOwn(ROUTES, r.name) ? ROUTES[r.name] : null;
  if (!page) {
    root.append(el('p', 'muted', t('page.notFound')));
    current = { hash, stop: () => {} };
    return;
  }
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
