// #/governance: the proposals (gov_proposals, 20 a page with "more" from nextAfter): id, title,
// kind, status, deposit against the minimum, and the end of the current period with its time.
import { ddcText, parseDdc } from '../../ui/format.js';
import { chainClock, errorText, heightText, subnav } from './common.js';

export const PAGE_SIZE = 20;

export function render(root, shell) {
  let stopped = false;
  root.append(subnav(shell, ''), shell.el('h1', null, shell.t('governance.proposals.title')));
  const intro = shell.el('p', 'muted', shell.t('governance.proposals.intro'));
  const list = shell.el('div', 'gov-list');
  list.id = 'gov-proposals';
  const more = shell.el('button', null, shell.t('governance.more'));
  more.type = 'button';
  more.id = 'gov-more';
  more.hidden = true;
  const problem = shell.el('p', 'gov-error');
  root.append(intro, list, more, problem);
  let after = 0;
  let minDeposit = null;
  let clock = null;

  async function page() {
    more.disabled = true;
    try {
      if (clock === null) {
        const [c, p] = await Promise.all([chainClock(shell), shell.call('bcos_params')]);
        clock = c;
        const spec = p.params.find((x) => x.name === 'govMinDepositUnits');
        minDeposit = spec ? BigInt(spec.value) : null;
      }
      const r = await shell.call('gov_proposals', [PAGE_SIZE, after]);
      if (stopped) return;
      if (after === 0 && r.proposals.length === 0) list.append(shell.el('p', 'muted', shell.t('governance.proposals.none')));
      for (const p of r.proposals) list.append(card(shell, p, minDeposit, clock));
      after = r.nextAfter ?? after;
      more.hidden = r.nextAfter === undefined;
    } catch (e) {
      problem.textContent = errorText(e);
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', page);
  page();
  return () => { stopped = true; };
}

function card(shell, p, minDeposit, clock) {
  const c = shell.el('article', 'gov-card');
  c.dataset.status = p.status;
  const head = shell.el('div', 'gov-card-head');
  const a = shell.el('a', 'gov-card-title', `#${p.id} ${p.title}`);
  a.href = `#/governance/proposal/${p.id}`;
  head.append(a, statusBadge(shell, p.status));
  c.append(head);
  const meta = shell.el('div', 'gov-card-meta');
  meta.append(shell.el('span', 'gov-kind', shell.t(`governance.kind.${p.content.kind}`)));
  if (p.status === 'DEPOSIT_PERIOD') {
    meta.append(shell.el('span', null, shell.t('governance.depositEnds', { when: heightText(shell, clock, p.depositEndHeight) })));
  } else if (p.status === 'VOTING_PERIOD') {
    meta.append(shell.el('span', null, shell.t('governance.votingEnds', { when: heightText(shell, clock, p.votingEndHeight) })));
  } else if (p.closedHeight !== undefined) {
    meta.append(shell.el('span', null, shell.t('governance.closedAt', { height: p.closedHeight })));
  }
  c.append(meta, depositBar(shell, parseDdc(p.totalDeposit), minDeposit));
  return c;
}

/** A proposal status as a labelled badge. */
export function statusBadge(shell, status) {
  const s = shell.el('span', `gov-badge gov-${status.toLowerCase().replaceAll('_', '-')}`, shell.t(`governance.status.${status}`));
  s.dataset.status = status;
  return s;
}

/** "deposit X of Y" with a progress bar (a <progress>, so readers announce it). */
export function depositBar(shell, total, min) {
  const wrap = shell.el('div', 'gov-deposit');
  const label = min === null
    ? shell.t('governance.depositOnly', { amount: ddcText(total) })
    : shell.t('governance.depositOf', { amount: ddcText(total), min: ddcText(min) });
  const text = shell.el('span', null, label);
  wrap.append(text);
  if (min !== null && min > 0n) {
    const bar = shell.el('progress', 'gov-progress');
    bar.max = 10000;
    bar.value = Number(total >= min ? 10000n : (total * 10000n) / min);
    bar.setAttribute('aria-label', label);
    wrap.append(bar);
  }
  return wrap;
}
