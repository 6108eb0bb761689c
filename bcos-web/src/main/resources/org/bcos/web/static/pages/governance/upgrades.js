// #/governance/upgrades: upgrade_status — the protocol version in force, the versions this
// node's software ships, the scheduled upgrade with blocks left and its estimated time, and the
// planned and applied ones.
import { shortHash } from '../../ui/format.js';
import { chainClock, errorText, heightText, subnav } from './common.js';

export function render(root, shell) {
  let stopped = false;
  const t = shell.t;
  root.append(subnav(shell, 'upgrades'), shell.el('h1', null, t('governance.upgrades.title')));
  const body = shell.el('div', 'gov-upgrades');
  body.id = 'gov-upgrades';
  root.append(body);
  (async () => {
    try {
      const [u, clock] = await Promise.all([shell.call('upgrade_status'), chainClock(shell)]);
      if (stopped) return;
      const v = shell.el('p', 'gov-version');
      v.id = 'gov-version';
      v.textContent = t('governance.upgrades.version', { version: u.version, height: u.height });
      body.append(v);
      const sw = shell.el('ul', 'gov-software');
      for (const s of u.software) sw.append(shell.el('li', null, t('governance.upgrades.software', { version: s.version, name: s.name, modules: s.modules.join(', ') })));
      body.append(shell.el('h2', null, t('governance.upgrades.softwareTitle')), sw);
      body.append(shell.el('h2', null, t('governance.upgrades.scheduledTitle')));
      if (u.scheduled) {
        const s = u.scheduled;
        const p = shell.el('div', `gov-scheduled${s.supported ? '' : ' gov-warning'}`);
        p.id = 'gov-scheduled';
        p.append(shell.el('p', null, t('governance.upgrades.plan', { name: s.name, version: s.version, when: heightText(shell, clock, s.height) })),
          shell.el('p', 'muted', t('governance.upgrades.release', { release: shortHash(s.release), stored: t(s.releaseStored ? 'governance.yes' : 'governance.no') })));
        if (!s.supported) p.append(shell.el('p', 'gov-error', t('governance.upgrades.unsupported', { version: s.version, height: s.height })));
        body.append(p);
      } else {
        body.append(shell.el('p', 'muted', t('governance.upgrades.none')));
      }
      body.append(plans(shell, 'governance.upgrades.plannedTitle', u.planned), plans(shell, 'governance.upgrades.appliedTitle', u.applied));
    } catch (e) {
      body.append(shell.el('p', 'gov-error', errorText(e)));
    }
  })();
  return () => { stopped = true; };
}

function plans(shell, titleKey, list) {
  const box = shell.el('section');
  box.append(shell.el('h2', null, shell.t(titleKey)));
  if (list.length === 0) box.append(shell.el('p', 'muted', shell.t('governance.upgrades.empty')));
  const ul = shell.el('ul');
  for (const p of list) {
    ul.append(shell.el('li', null, shell.t('governance.upgrades.item', {
      name: p.name, version: p.version, height: p.height, release: shortHash(p.release),
      supported: shell.t(p.supported ? 'governance.yes' : 'governance.no'),
    })));
  }
  box.append(ul);
  return box;
}
