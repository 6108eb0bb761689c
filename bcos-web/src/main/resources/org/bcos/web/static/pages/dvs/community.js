// #/dvs/community/<id>: name, electorate, members (count and total weight), areas
// (dvs_listAreas) and its issues (dvs_listIssues [id], newest first).
import { electorateKey, errorText, pager } from './common.js';
import { issueRow, PAGE_SIZE } from './home.js';

export function render(root, shell, id) {
  const { el, t, call } = shell;
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const showError = (e) => { error.textContent = t('error.rpc') + errorText(e); };
  const title = el('h1', null, t('dvs.community.numbered', { id }));
  const facts = el('div');
  const areas = el('ul', 'dvs-list');
  const issues = el('ul', 'dvs-list');
  issues.id = 'dvs-community-issues';
  const aCard = el('section', 'card');
  aCard.append(el('h2', null, t('dvs.areas')), areas);
  const iCard = el('section', 'card');
  const iPager = pager(shell, async (cursor) => {
    const r = await call('dvs_listIssues', [id, null, PAGE_SIZE, cursor, 'desc']);
    return { items: r.issues, nextCursor: r.nextCursor };
  }, (i) => issues.append(issueRow(shell, i)), showError);
  iCard.append(el('h2', null, t('dvs.issues')), issues, iPager.element);
  const back = el('p');
  back.append(shell.el('a', null, t('dvs.back')));
  back.firstChild.href = '#/dvs';
  root.append(back, title, error, facts, aCard, iCard);

  (async () => {
    try {
      const c = await call('dvs_getCommunity', [id]);
      title.textContent = c.name;
      const card = el('section', 'card');
      card.append(shell.el('dl', 'status'));
      const p = c.params || {};
      const items = [
        [t('dvs.electorate'), t(electorateKey(p.electorate))],
        [t('dvs.members'), t('dvs.members.count', { n: c.members })],
        [t('dvs.totalWeight'), c.totalWeight],
        [t('dvs.powBits'), p.powDifficultyBits],
        [t('dvs.registrar'), c.registrar],
        [t('dvs.createdAt'), c.createdHeight],
      ];
      for (const [k, v] of items) {
        const div = el('div');
        div.append(el('dt', null, k), el('dd', k === t('dvs.registrar') ? 'mono' : null, v));
        card.firstChild.append(div);
      }
      facts.append(card);
      const a = await call('dvs_listAreas', [id, 200, null]);
      for (const area of a.areas) {
        areas.append(el('li', null, area.id === 0 ? t('dvs.area.root') : `${area.name} (#${area.id})`));
      }
    } catch (e) {
      showError(e);
    }
  })();
  iPager.reset();
  return () => {};
}
