// My delegations and those given to me (#/dvs/delegations?community=ID, docs/web/poll.md): per
// community, the delegations I gave per scope (community / area / issue) with a Revoke button,
// a form to delegate (each sent as a ballot is: the fee-free stamp or the fee, send.js), the weight delegated to me (dvs_listDelegations "received", a bounded
// scan: paged while nextCursor), and the delegation graph around me as SVG (nodes = accounts,
// arrows = delegations, columns = chain depth). Text is set with textContent only; the SVG is
// built with createElementNS and styled from css/delegation.css (no inline style).
import * as admin from '../../lib/dvs/admin.js';
import { normalizeAddress } from '../../lib/address.js';
import { link } from '../../ui/dom.js';
import { describe } from '../poll/txflow.js';
import { confirmAndSend } from './send.js';

/** Communities offered in the picker (one dvs_listCommunities page). */
export const MAX_COMMUNITIES = 200;
/** Pages of the "received" scan read before stopping (each scans ≤ 10,000 delegations). */
export const MAX_RECEIVED_PAGES = 50;
/** Accounts drawn in the graph; the rest are counted as "and N more". */
export const MAX_GRAPH_NODES = 24;
/** Accounts whose delegations are read to draw the graph (two RPC calls each). */
export const MAX_GRAPH_LOOKUPS = 12;
const SVG = 'http://www.w3.org/2000/svg';

export function render(root, shell, route) {
  const { el, t, session } = shell;
  root.append(el('h1', null, t('delegation.title')));
  const key = session.active();
  if (!key) {
    const p = el('p', 'delegation-need-key');
    p.id = 'delegation-need-key';
    p.append(el('span', null, t('delegation.needKey')), ' ', link('#/wallet', t('delegation.openWallet')));
    root.append(p);
    return () => {};
  }
  const state = { stopped: false };
  const picker = el('section', 'card');
  const body = el('div', 'delegation-body');
  body.id = 'delegation-body';
  root.append(picker, body);
  const select = el('select');
  select.id = 'delegation-community';
  const label = el('label', null, t('delegation.community'));
  label.htmlFor = select.id;
  const error = el('p', 'error');
  picker.append(el('p', 'muted mono delegation-me', t('delegation.me', { address: key.address })), label, select, error);
  const preset = route.query.get('community');
  shell.call('dvs_listCommunities', [MAX_COMMUNITIES]).then((page) => {
    if (state.stopped) return;
    const list = page.communities;
    for (const c of list) {
      const o = el('option', null, `${c.id} · ${c.name} (${c.electorate})`);
      o.value = String(c.id);
      select.append(o);
    }
    if (preset !== null && list.some((c) => String(c.id) === preset)) select.value = preset;
    if (list.length === 0) error.textContent = t('delegation.noCommunities');
    else show();
  }, (e) => { error.textContent = describe(t, e); });
  const show = () => {
    body.replaceChildren();
    loadCommunity(shell, key, Number(select.value), body, state).catch((e) => {
      body.append(el('p', 'error', describe(t, e)));
    });
  };
  select.addEventListener('change', show);
  return () => {
    state.stopped = true;
    state.stopSend?.(); // a stamp search still running
  };
}

async function allReceived(shell, community, address) {
  const out = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await shell.call('dvs_listDelegations', [community, address, 'received', 200, cursor]);
    out.push(...page.delegations);
    cursor = page.nextCursor ?? null;
    pages += 1;
  } while (cursor && pages < MAX_RECEIVED_PAGES);
  return { delegations: out, complete: !cursor };
}

async function allGiven(shell, community, address) {
  const page = await shell.call('dvs_listDelegations', [community, address, 'given', 200]);
  return page.delegations;
}

async function loadCommunity(shell, key, community, body, state) {
  const { el, t } = shell;
  const [given, received, areas, info] = await Promise.all([
    allGiven(shell, community, key.address),
    allReceived(shell, community, key.address),
    shell.call('dvs_listAreas', [community, 200]),
    shell.call('dvs_getCommunity', [community]),
  ]);
  if (state.stopped) return;
  const reload = () => {
    body.replaceChildren();
    loadCommunity(shell, key, community, body, state).catch((e) => body.append(el('p', 'error', describe(t, e))));
  };
  const sender = { plan: null, powBits: info.params.powDifficultyBits, reload, stop: () => {} };
  state.stopSend = () => sender.stop();
  body.append(givenCard(shell, community, given, areas.areas, sender),
    receivedCard(shell, received), await graphCard(shell, community, key.address, given, received.delegations));
}

function scopeText(t, d, areas) {
  if (d.scope === 'COMMUNITY') return t('delegation.scope.COMMUNITY');
  if (d.scope === 'AREA') {
    const a = areas.find((x) => x.id === d.scopeId);
    return t('delegation.scope.AREA', { id: d.scopeId, name: a ? a.name : '' });
  }
  return t('delegation.scope.ISSUE', { id: d.scopeId });
}

function givenCard(shell, community, given, areas, sender) {
  const { el, t } = shell;
  const card = el('section', 'card');
  card.append(el('h2', null, t('delegation.given.title')));
  const plan = el('div');
  plan.id = 'delegation-plan';
  sender.plan = plan;
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  if (given.length === 0) {
    card.append(el('p', 'muted', t('delegation.given.none')));
  } else {
    const tbl = el('table', 'delegation-table');
    tbl.id = 'delegation-given';
    const head = el('tr');
    for (const h of ['scope', 'to', 'action']) head.append(el('th', null, t(`delegation.col.${h}`)));
    tbl.append(el('thead'), el('tbody'));
    tbl.tHead.append(head);
    for (const d of given) {
      const tr = el('tr');
      const revoke = el('button', 'secondary', t('delegation.revoke'));
      revoke.type = 'button';
      revoke.dataset.scope = d.scope;
      revoke.dataset.scopeId = String(d.scopeId);
      revoke.addEventListener('click', () => send(shell, sender, error,
        t('delegation.tx.undelegate', { scope: scopeText(t, d, areas) }),
        admin.undelegate(community, d.scope, d.scopeId)));
      const td = el('td');
      td.append(revoke);
      tr.append(el('td', null, scopeText(t, d, areas)), el('td', 'mono', d.to), td);
      tbl.tBodies[0].append(tr);
    }
    const wrap = el('div', 'delegation-scroll');
    wrap.append(tbl);
    card.append(wrap);
  }
  card.append(delegateForm(shell, community, areas, sender, error), error, plan);
  return card;
}

/** The confirm step for one message in the plan box: stamp or fee, then final; reloads after. */
function send(shell, sender, error, summary, message) {
  error.textContent = '';
  sender.stop();
  sender.stop = confirmAndSend(sender.plan, shell, {
    message, summary, powBits: sender.powBits, p: 'delegation-send',
    onBack: () => sender.plan.replaceChildren(),
    onFinal: () => setTimeout(sender.reload, 1200),
  });
}

function delegateForm(shell, community, areas, sender, error) {
  const { el, t } = shell;
  const form = el('form', 'delegation-form');
  form.noValidate = true;
  const labelled = (id, text, control) => {
    control.id = id;
    const l = el('label', null, text);
    l.htmlFor = id;
    const w = el('div', 'delegation-field');
    w.append(l, control);
    return w;
  };
  const scope = el('select');
  for (const s of admin.SCOPES) {
    const o = el('option', null, t(`delegation.scopeName.${s}`));
    o.value = s;
    scope.append(o);
  }
  const area = el('select');
  for (const a of areas.filter((x) => x.id !== 0)) {
    const o = el('option', null, `${a.id} · ${a.name}`);
    o.value = String(a.id);
    area.append(o);
  }
  const issue = el('input');
  issue.inputMode = 'numeric';
  const to = el('input');
  to.autocomplete = 'off';
  to.spellcheck = false;
  const areaF = labelled('delegation-area', t('delegation.area'), area);
  const issueF = labelled('delegation-issue', t('delegation.issue'), issue);
  const sync = () => {
    areaF.hidden = scope.value !== 'AREA';
    issueF.hidden = scope.value !== 'ISSUE';
  };
  scope.addEventListener('change', sync);
  sync();
  const go = el('button', 'primary', t('delegation.delegate'));
  go.type = 'submit';
  go.id = 'delegation-go';
  form.append(el('h3', null, t('delegation.form.title')), labelled('delegation-scope', t('delegation.scope'), scope), areaF, issueF,
    labelled('delegation-to', t('delegation.to'), to), go);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    let message;
    let target;
    try {
      target = normalizeAddress(to.value.trim());
    } catch (e) {
      error.textContent = t('delegation.badAddress', { reason: e.reason || e.code });
      return;
    }
    try {
      const scopeId = scope.value === 'COMMUNITY' ? 0 : scope.value === 'AREA' ? area.value : issue.value.trim();
      message = admin.delegate(community, scope.value, scopeId, target);
    } catch (e) {
      error.textContent = `${e.field}: ${e.message}`;
      return;
    }
    send(shell, sender, error, t('delegation.tx.delegate', { to: target }), message);
  });
  return form;
}

function receivedCard(shell, received) {
  const { el, t } = shell;
  const card = el('section', 'card');
  card.append(el('h2', null, t('delegation.received.title')));
  const list = received.delegations;
  let total = 0n;
  let unweighted = 0;
  for (const d of list) {
    if (d.weight === undefined) unweighted += 1; else total += BigInt(d.weight);
  }
  const sum = el('p', 'delegation-total');
  sum.id = 'delegation-received-total';
  sum.dataset.weight = String(total);
  sum.textContent = t('delegation.received.total', { weight: total.toLocaleString('en-US'), n: list.length });
  card.append(sum);
  if (unweighted > 0) card.append(el('p', 'muted', t('delegation.received.unweighted', { n: unweighted })));
  if (!received.complete) card.append(el('p', 'muted', t('delegation.received.partial', { pages: MAX_RECEIVED_PAGES })));
  if (list.length > 0) {
    const tbl = el('table', 'delegation-table');
    tbl.id = 'delegation-received';
    const head = el('tr');
    for (const h of ['from', 'scope', 'weight']) head.append(el('th', null, t(`delegation.col.${h}`)));
    tbl.append(el('thead'), el('tbody'));
    tbl.tHead.append(head);
    for (const d of list) {
      const tr = el('tr');
      tr.append(el('td', 'mono', d.from), el('td', null, scopeText(t, d, [])), el('td', 'num', d.weight ?? '—'));
      tbl.tBodies[0].append(tr);
    }
    const wrap = el('div', 'delegation-scroll');
    wrap.append(tbl);
    card.append(wrap);
  }
  return card;
}

/**
 * The accounts and delegations around `me`: my own, those given to me, then (breadth first, at
 * most MAX_GRAPH_LOOKUPS accounts read) who delegated to those who delegated to me, and where
 * my delegate's weight goes on.
 */
async function collectGraph(shell, community, me, given, received) {
  const edges = new Map(); // "from>to>scope>id" → edge
  const add = (d) => edges.set(`${d.from}>${d.to}>${d.scope}>${d.scopeId}`, d);
  given.forEach(add);
  received.forEach(add);
  const seen = new Set([me]);
  const queue = [...received.map((d) => d.from), ...given.map((d) => d.to)];
  let lookups = 0;
  while (queue.length > 0 && lookups < MAX_GRAPH_LOOKUPS) {
    const a = queue.shift();
    if (seen.has(a)) continue;
    seen.add(a);
    lookups += 1;
    const [g, r] = await Promise.all([allGiven(shell, community, a),
      shell.call('dvs_listDelegations', [community, a, 'received', 200])]);
    for (const d of [...g, ...r.delegations]) {
      add(d);
      for (const next of [d.from, d.to]) if (!seen.has(next)) queue.push(next);
    }
  }
  return [...edges.values()];
}

/** Column of each account: the longest chain of delegations leading to it (cycles cut). */
export function layers(nodes, edges) {
  const depth = new Map(nodes.map((n) => [n, 0]));
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const d = depth.get(e.from) + 1;
      if (d < nodes.length && d > depth.get(e.to)) {
        depth.set(e.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

function svg(tag, attrs, cls) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (cls) e.setAttribute('class', cls);
  return e;
}

async function graphCard(shell, community, me, given, received) {
  const { el, t } = shell;
  const card = el('section', 'card');
  card.append(el('h2', null, t('delegation.graph.title')));
  const all = await collectGraph(shell, community, me, given, received);
  const order = [me];
  for (const e of all) for (const a of [e.from, e.to]) if (!order.includes(a)) order.push(a);
  const shown = order.slice(0, MAX_GRAPH_NODES);
  const inGraph = new Set(shown);
  const edges = all.filter((e) => inGraph.has(e.from) && inGraph.has(e.to));
  if (edges.length === 0) {
    card.append(el('p', 'muted', t('delegation.graph.empty')));
    return card;
  }
  const depth = layers(shown, edges);
  const columns = new Map();
  for (const n of shown) {
    const d = depth.get(n);
    if (!columns.has(d)) columns.set(d, []);
    columns.get(d).push(n);
  }
  const colW = 190;
  const rowH = 56;
  const nodeW = 150;
  const nodeH = 34;
  const maxRows = Math.max(...[...columns.values()].map((c) => c.length));
  const width = columns.size * colW + 20;
  const height = maxRows * rowH + 20;
  const pos = new Map();
  [...columns.keys()].sort((a, b) => a - b).forEach((d, ci) => {
    columns.get(d).forEach((n, ri) => pos.set(n, { x: 10 + ci * colW, y: 10 + ri * rowH }));
  });
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' }, 'delegation-graph');
  root.id = 'delegation-graph';
  root.setAttribute('aria-label', t('delegation.graph.label', { nodes: shown.length, edges: edges.length }));
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'delegation-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z' }, 'delegation-arrowhead'));
  defs.append(marker);
  root.append(defs);
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    const forward = b.x > a.x;
    const x1 = forward ? a.x + nodeW : a.x + nodeW / 2;
    const y1 = forward ? a.y + nodeH / 2 : a.y + nodeH;
    const x2 = forward ? b.x : b.x + nodeW / 2;
    const y2 = forward ? b.y + nodeH / 2 : b.y;
    const line = svg('path', { d: `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`, 'marker-end': 'url(#delegation-arrow)' },
      `delegation-edge scope-${e.scope.toLowerCase()}`);
    const title = svg('title', {});
    title.textContent = `${e.from} → ${e.to} (${e.scope}${e.scope === 'COMMUNITY' ? '' : ` ${e.scopeId}`})`;
    line.append(title);
    root.append(line);
  }
  for (const n of shown) {
    const p = pos.get(n);
    const g = svg('g', { transform: `translate(${p.x},${p.y})` }, n === me ? 'delegation-node me' : 'delegation-node');
    g.setAttribute('data-address', n);
    const title = svg('title', {});
    title.textContent = n;
    const text = svg('text', { x: nodeW / 2, y: nodeH / 2 + 5, 'text-anchor': 'middle' });
    text.textContent = n === me ? t('delegation.graph.you') : `${n.slice(0, 8)}…${n.slice(-4)}`;
    g.append(title, svg('rect', { width: nodeW, height: nodeH, rx: 6 }), text);
    root.append(g);
  }
  const wrap = el('div', 'delegation-scroll');
  wrap.append(root);
  card.append(wrap);
  if (order.length > shown.length) card.append(el('p', 'muted', t('delegation.graph.more', { n: order.length - shown.length })));
  card.append(el('p', 'muted delegation-legend', t('delegation.graph.legend')));
  return card;
}
