// The shell: header (chain id, height, connection), nav, language switch and a hash router.
// Every text from the node is set with textContent, never parsed as HTML.
import { call, connect } from './net/rpc.js';
import * as explorer from './pages/explorer.js';

const LANGS = ['en', 'ko'];
const LANG_KEY = 'bcos.lang';
const ROUTES = {
  explorer,
  wallet: placeholder('nav.wallet'),
  dvs: placeholder('nav.dvs'),
  governance: placeholder('nav.governance'),
};
const DEFAULT_ROUTE = 'explorer';

let messages = {};
let current = null; // {name, page, stop}

/** The text of `key` in the chosen language (the key itself if it has none). */
export function t(key) {
  return Object.hasOwn(messages, key) ? messages[key] : key;
}

/** Creates an element with a class and text (textContent only). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function placeholder(titleKey) {
  return {
    render(root) {
      root.append(el('h1', null, t(titleKey)), el('p', 'muted', t('page.soon')));
      return () => {};
    },
  };
}

async function setLanguage(lang) {
  if (!LANGS.includes(lang)) lang = 'en';
  const res = await fetch(`i18n/${lang}.json`);
  messages = await res.json();
  document.documentElement.lang = lang;
  localStorage.setItem(LANG_KEY, lang);
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
  route(true);
}

function route(force = false) {
  const name = (location.hash.replace(/^#\/?/, '').split('/')[0]) || DEFAULT_ROUTE;
  if (!force && current && current.name === name) return;
  if (current) current.stop();
  const root = document.getElementById('page');
  root.replaceChildren();
  for (const a of document.querySelectorAll('[data-route]')) {
    a.classList.toggle('active', a.dataset.route === name);
  }
  const page = Object.hasOwn(ROUTES, name) ? ROUTES[name] : null;
  if (!page) {
    root.append(el('p', 'muted', t('page.notFound')));
    current = { name, stop: () => {} };
    return;
  }
  current = { name, stop: page.render(root, shell) };
}

function setConnection(state) {
  const c = document.getElementById('conn');
  c.className = `conn ${state === 'live' ? 'on' : 'off'}`;
  c.dataset.i18n = `conn.${state}`;
  c.textContent = t(`conn.${state}`);
}

/** What pages get from the shell: the RPC call, the live socket, texts. */
const shell = {
  call,
  socket: connect(setConnection),
  t,
  el,
  setHeight(h) {
    document.getElementById('chain-height').textContent = String(h);
  },
};

async function start() {
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => setLanguage(b.dataset.lang));
  }
  window.addEventListener('hashchange', () => route());
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
