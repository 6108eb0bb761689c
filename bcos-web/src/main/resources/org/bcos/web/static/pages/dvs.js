// The DVS pages (docs/WEB.md). Routes:
//   #/dvs                       communities and issues (search, paged)
//   #/dvs/community/<id>        a community: members, areas, its issues
//   #/dvs/issue/<id>            an issue: phases, options, the ballot, and its results
//                               (pages/dvs/results.js mountResults: live tally, regions, verify)
//   #/dvs/delegations           my delegations and those given to me (pages/dvs/delegations.js)
import * as delegations from './dvs/delegations.js';
import { mountResults } from './dvs/results.js';

export function render(root, shell, route) {
  const [view, id] = route.parts;
  if (view === 'delegations') return delegations.render(root, shell, route);
  root.append(shell.el('h1', null, shell.t('nav.dvs')), shell.el('p', 'muted', shell.t('page.soon')));
  if (view === 'issue' && id !== undefined) {
    const results = shell.el('section', 'card');
    root.append(results);
    return mountResults(results, shell, Number(id));
  }
  return () => {};
}
