// The governance pages (docs/web/governance.md): #/governance (proposals), /proposal/<id>,
// /new (submit a proposal), /params, /upgrades, /staking. Each sub-page is a module of
// pages/governance/ with render(root, shell, route) → stop().
import * as list from './governance/list.js';
import * as proposal from './governance/proposal.js';
import * as create from './governance/new.js';
import * as params from './governance/params.js';
import * as upgrades from './governance/upgrades.js';
import * as staking from './governance/staking.js';

const PARTS = { proposal, new: create, params, upgrades, staking };

export function render(root, shell, route) {
  const part = route.parts[0];
  const page = part && Object.hasOwn(PARTS, part) ? PARTS[part] : list;
  const wrap = shell.el('div', 'gov');
  root.append(wrap);
  return page.render(wrap, shell, route);
}
