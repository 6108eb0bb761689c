// #/governance/params: every chain parameter in force (bcos_params: name, value, bounds,
// default, unit, module, doc), searchable, with the open proposals that would change it.
import { errorText, subnav } from './common.js';
import { pendingChanges, unitValue } from './model.js';

/** Pages of gov_proposals (200 each) read to find the open ones. */
export const PROPOSAL_PAGES = 10;

export function render(root, shell) {
  let stopped = false;
  const t = shell.t;
  root.append(subnav(shell, 'params'), shell.el('h1', null, t('governance.params.title')));
  const search = shell.el('input');
  search.type = 'search';
  search.id = 'gov-param-search';
  search.autocomplete = 'off';
  const label = shell.el('label', null, t('governance.params.search'));
  label.htmlFor = search.id;
  const row = shell.el('div', 'gov-field');
  row.append(label, search);
  const head = shell.el('p', 'muted');
  const list = shell.el('div', 'gov-params');
  list.id = 'gov-params';
  root.append(row, head, list);
  (async () => {
    try {
      const [params, proposals] = await Promise.all([shell.call('bcos_params'), allProposals(shell)]);
      if (stopped) return;
      const pending = pendingChanges(proposals);
      head.textContent = t('governance.params.at', { height: params.height, count: params.params.length });
      for (const p of params.params) list.append(card(shell, p, pending.get(p.name) ?? []));
      search.addEventListener('input', () => {
        const q = search.value.trim().toLowerCase();
        for (const c of list.children) c.hidden = q !== '' && !c.dataset.search.includes(q);
      });
    } catch (e) {
      list.append(shell.el('p', 'gov-error', errorText(e)));
    }
  })();
  return () => { stopped = true; };
}

async function allProposals(shell) {
  const out = [];
  let after = 0;
  for (let i = 0; i < PROPOSAL_PAGES; i++) {
    const r = await shell.call('gov_proposals', [200, after]);
    out.push(...r.proposals);
    if (r.nextAfter === undefined) break;
    after = r.nextAfter;
  }
  return out;
}

function card(shell, p, pending) {
  const t = shell.t;
  const c = shell.el('article', 'gov-param');
  c.id = `gov-param-${p.name}`;
  c.dataset.search = `${p.name} ${p.module} ${p.doc}`.toLowerCase();
  const head = shell.el('div', 'gov-param-head');
  head.append(shell.el('h2', 'mono', p.name), shell.el('span', 'gov-module', p.module));
  const value = shell.el('p', 'gov-param-value', unitValue(p.unit, p.value));
  value.dataset.value = String(p.value);
  const facts = shell.el('p', 'muted', t('governance.params.facts', {
    min: unitValue(p.unit, p.min), max: unitValue(p.unit, p.max), def: unitValue(p.unit, p.default), unit: p.unit,
  }));
  c.append(head, value, shell.el('p', null, p.doc), facts);
  if (pending.length > 0) {
    const ul = shell.el('ul', 'gov-pending');
    for (const ch of pending) {
      const li = shell.el('li');
      const a = shell.el('a', null, t('governance.params.pending', { id: ch.id, value: unitValue(p.unit, ch.value), status: t(`governance.status.${ch.status}`) }));
      a.href = `#/governance/proposal/${ch.id}`;
      li.append(a);
      ul.append(li);
    }
    c.append(ul);
  }
  return c;
}
