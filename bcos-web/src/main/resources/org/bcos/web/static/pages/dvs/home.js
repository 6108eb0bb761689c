// #/dvs: communities (dvs_listCommunities: search by name prefix, paged) and issues newest first
// (dvs_listIssues [null, phase, limit, cursor, "desc"], with a phase filter), each a link.
import { electorateKey, errorText, issueTitle, labelled, methodKey, pager, phaseKey } from './common.js';

/** Rows per page of each list (the RPC allows 1..200). */
export const PAGE_SIZE = 20;
const PHASES = ['ADMISSION', 'DISCUSSION', 'VERIFICATION', 'VOTING', 'CLOSED'];

export function render(root, shell) {
  const { el, t, call } = shell;
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const showError = (e) => { error.textContent = t('error.rpc') + errorText(e); };

  // communities
  const search = el('input');
  search.type = 'search';
  search.autocomplete = 'off';
  const searchForm = el('form', 'dvs-filter');
  const go = el('button', 'primary', t('dvs.search'));
  go.type = 'submit';
  searchForm.append(...labelled(shell, 'dvs-search', t('dvs.communities.search'), search), go);
  const communities = el('ul', 'dvs-list');
  communities.id = 'dvs-communities';
  const cPager = pager(shell, async (cursor) => {
    const prefix = search.value.trim();
    const r = await call('dvs_listCommunities', [PAGE_SIZE, cursor, prefix === '' ? null : prefix]);
    return { items: r.communities, nextCursor: r.nextCursor };
  }, (c) => {
    const li = el('li');
    li.append(shell.el('a', null, c.name), el('span', 'muted',
      ` · ${t(electorateKey(c.electorate))} · ${t('dvs.members.count', { n: c.members })}`));
    li.firstChild.href = `#/dvs/community/${c.id}`;
    communities.append(li);
  }, showError);
  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    communities.replaceChildren();
    cPager.reset();
  });

  // issues
  const phase = el('select');
  phase.append(new Option(t('dvs.phase.any'), ''));
  for (const p of PHASES) phase.append(new Option(t(phaseKey(p)), p));
  const phaseForm = el('div', 'dvs-filter');
  phaseForm.append(...labelled(shell, 'dvs-phase-filter', t('dvs.issues.phase'), phase));
  const issues = el('ul', 'dvs-list');
  issues.id = 'dvs-issues';
  const iPager = pager(shell, async (cursor) => {
    const r = await call('dvs_listIssues', [null, phase.value || null, PAGE_SIZE, cursor, 'desc']);
    return { items: r.issues, nextCursor: r.nextCursor };
  }, (i) => issues.append(issueRow(shell, i)), showError);
  phase.addEventListener('change', () => {
    issues.replaceChildren();
    iPager.reset();
  });

  const cCard = el('section', 'card');
  cCard.append(el('h2', null, t('dvs.communities')), searchForm, communities, cPager.element);
  const iCard = el('section', 'card');
  iCard.append(el('h2', null, t('dvs.issues.newest')), phaseForm, issues, iPager.element);
  const mine = el('p');
  mine.append(shell.el('a', null, t('dvs.delegations.link')));
  mine.firstChild.href = '#/dvs/delegations';
  root.append(el('h1', null, t('dvs.title')), error, mine, cCard, iCard);
  cPager.reset();
  iPager.reset();
  return () => {};
}

/** One issue as a list row: title link, method, phase and the end of the phase. */
export function issueRow(shell, i) {
  const { el, t } = shell;
  const li = el('li');
  const a = el('a', null, issueTitle(t, i));
  a.href = `#/dvs/issue/${i.id}`;
  const phase = el('span', `dvs-phase-badge phase-${String(i.phase).toLowerCase()}`, t(phaseKey(i.phase)));
  li.append(a, ' ', phase, el('span', 'muted', ` · ${t(methodKey(i.rules.method))} · ${
    t(i.phase === 'CLOSED' ? 'dvs.closedAt' : 'dvs.phaseEndsAt', { height: i.phaseEnd })}`));
  return li;
}
