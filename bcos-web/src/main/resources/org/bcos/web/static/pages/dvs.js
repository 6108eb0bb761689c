// The DVS pages (docs/WEB.md, docs/web/dvs.md). Routes:
//   #/dvs                       communities (search by name, paged) and issues newest first
//   #/dvs/community/<id>        a community: electorate, members, areas, its issues
//   #/dvs/issue/<id>            an issue: phases, options or initiatives, the ballot, my ballot,
//                               and its results (pages/dvs/results.js mountResults)
//   #/dvs/delegations           my delegations and those given to me (pages/dvs/delegations.js)
import * as delegations from './dvs/delegations.js';
import { mountResults } from './dvs/results.js';
import * as home from './dvs/home.js';
import * as community from './dvs/community.js';
import * as issue from './dvs/issue.js';

export function render(root, shell, route) {
  const [view, id] = route.parts;
  if (view === 'delegations') return delegations.render(root, shell, route);
  const page = shell.el('div', 'dvs-page'); // scopes css/dvs.css
  root.append(page);
  if (view === 'community' && /^\d+$/.test(id ?? '')) return community.render(page, shell, Number(id));
  if (view === 'issue' && /^\d+$/.test(id ?? '')) {
    const results = shell.el('section', 'card dvs-results');
    return issue.render(page, shell, Number(id), results, () => mountResults(results, shell, Number(id)));
  }
  return home.render(page, shell, route);
}
