// #/governance/proposal/<id>: everything gov_proposal gives — content, deposits, the live tally
// (yes/no/abstain/veto bars, turnout against quorum, threshold, veto), the ballots, the outcome —
// with countdowns to the period's end, refreshed on each new block while the proposal is open;
// and the deposit and vote forms.
import { ddcText, parseDdc, shortHash } from '../../ui/format.js';
import * as gov from '../../lib/gov/messages.js';
import { chainClock, errorText, field, heightText, keyGate, subnav, txFlow } from './common.js';
import { depositBar, statusBadge } from './list.js';
import { OPEN_STATUSES, percent, tallyShares, unitValue } from './model.js';

/** Least time between two refreshes driven by new blocks. */
export const REFRESH_MILLIS = 1000;

export function render(root, shell, route) {
  const id = route.parts[1];
  root.append(subnav(shell, 'proposal'));
  const body = shell.el('div', 'gov-proposal');
  body.id = 'gov-proposal';
  const actions = shell.el('div', 'gov-actions');
  // "final at height H" of a form that a new status removes stays here
  const done = shell.el('div', 'gov-done');
  root.append(body, done, actions);
  if (!/^[1-9][0-9]{0,18}$/.test(id ?? '')) {
    body.append(shell.el('p', 'gov-error', shell.t('governance.proposal.badId')));
    return () => {};
  }
  let stopped = false;
  let last = 0;
  let pending = false;
  let actionsFor = null;
  async function load() {
    if (pending || stopped) return;
    pending = true;
    last = Date.now();
    try {
      const [p, params, clock] = await Promise.all([
        shell.call('gov_proposal', [id]), shell.call('bcos_params'), chainClock(shell)]);
      if (stopped) return;
      body.replaceChildren(...view(shell, p, params.params, clock));
      if (actionsFor !== p.status) {
        actionsFor = p.status;
        const finals = [...actions.querySelectorAll('.gov-final')];
        if (finals.length > 0) done.replaceChildren(...finals);
        actions.replaceChildren(...forms(shell, p, params.params, load));
      }
    } catch (e) {
      body.replaceChildren(shell.el('p', 'gov-error', errorText(e)));
    } finally {
      pending = false;
    }
  }
  const unsubscribe = shell.socket.subscribe('newBlocks', undefined, () => {
    if (actionsFor === null || OPEN_STATUSES.includes(actionsFor)) {
      if (Date.now() - last >= REFRESH_MILLIS) load();
    }
  });
  load();
  return () => {
    stopped = true;
    unsubscribe();
  };
}

function paramOf(params, name) {
  return params.find((x) => x.name === name);
}

function view(shell, p, params, clock) {
  const t = shell.t;
  const out = [];
  const h = shell.el('h1', 'gov-title', `#${p.id} ${p.title}`);
  h.id = 'gov-proposal-title';
  const head = shell.el('div', 'gov-head');
  head.append(h, statusBadge(shell, p.status));
  out.push(head);
  if (p.description) out.push(shell.el('p', 'gov-description', p.description));
  const minDeposit = paramOf(params, 'govMinDepositUnits');
  const items = [
    [t('governance.field.kind'), contentText(shell, p.content, params, OPEN_STATUSES.includes(p.status))],
    [t('governance.field.proposer'), p.proposer],
    [t('governance.field.submitted'), t('governance.atHeight', { height: p.submitHeight })],
    [t('governance.field.depositEnd'), heightText(shell, p.status === 'DEPOSIT_PERIOD' ? clock : null, p.depositEndHeight)],
  ];
  if (p.votingEndHeight !== undefined) {
    items.push([t('governance.field.votingEnd'), heightText(shell, p.status === 'VOTING_PERIOD' ? clock : null, p.votingEndHeight)]);
    items.push([t('governance.field.issue'), String(p.issue)]);
  }
  if (p.outcome !== undefined) {
    items.push([t('governance.field.outcome'), t(`governance.outcome.${p.outcome}`)]);
    items.push([t('governance.field.result'), p.result]);
    items.push([t('governance.field.closed'), t('governance.atHeight', { height: p.closedHeight })]);
  }
  const facts = shell.el('dl', 'gov-facts');
  for (const [k, v] of items) {
    const div = shell.el('div');
    div.append(shell.el('dt', null, k), shell.el('dd', null, v ?? '—'));
    facts.append(div);
  }
  out.push(facts);
  out.push(shell.el('h2', null, t('governance.deposits')));
  out.push(depositBar(shell, parseDdc(p.totalDeposit), minDeposit ? BigInt(minDeposit.value) : null));
  const deps = shell.el('ul', 'gov-deposits');
  for (const d of p.deposits) deps.append(shell.el('li', null, t('governance.depositBy', { amount: ddcText(parseDdc(d.amount)), who: d.depositor })));
  if (p.deposits.length === 0) deps.append(shell.el('li', 'muted', t('governance.noDeposits')));
  out.push(deps);
  if (p.tally) out.push(...tallyView(shell, p.tally, params));
  if (p.votes.length > 0 || p.tally) {
    out.push(shell.el('h2', null, t('governance.votes')));
    const ul = shell.el('ul', 'gov-votes');
    ul.id = 'gov-votes';
    for (const v of p.votes) {
      const li = shell.el('li');
      li.append(shell.el('span', `gov-choice gov-${v.choice}`, t(`governance.choice.${v.choice}`)), ' ', shell.el('span', 'mono', v.voter));
      ul.append(li);
    }
    if (p.votes.length === 0) ul.append(shell.el('li', 'muted', t('governance.noVotes')));
    if (p.votesTruncated) ul.append(shell.el('li', 'muted', t('governance.votesTruncated')));
    out.push(ul);
  }
  return out;
}

function tallyView(shell, tally, params) {
  const t = shell.t;
  const box = shell.el('section', 'gov-tally');
  box.id = 'gov-tally';
  box.append(shell.el('h2', null, t(tally.final ? 'governance.tally.final' : 'governance.tally.live')));
  for (const s of tallyShares(tally)) {
    const row = shell.el('div', `gov-bar gov-${s.choice}`);
    const label = `${t(`governance.choice.${s.choice}`)}: ${ddcText(s.units)} (${percent(s.bps)})`;
    const bar = shell.el('progress');
    bar.max = 10000;
    bar.value = s.bps;
    bar.setAttribute('aria-label', label);
    row.append(shell.el('span', 'gov-bar-label', label), bar);
    box.append(row);
  }
  const rule = (name) => paramOf(params, name)?.value;
  const q = rule('govQuorumBasisPoints');
  const th = rule('govThresholdBasisPoints');
  const veto = rule('govVetoBasisPoints');
  const facts = shell.el('p', 'gov-turnout');
  facts.id = 'gov-turnout';
  facts.textContent = t('governance.tally.turnout', {
    turnout: percent(tally.turnoutBps), counted: ddcText(tally.countedWeight), electorate: ddcText(tally.electorateWeight),
    quorum: q === undefined ? '—' : percent(q), met: t(tally.quorumMet ? 'governance.tally.quorumMet' : 'governance.tally.quorumNotMet'),
  });
  const rules = shell.el('p', 'muted', t('governance.tally.rules', {
    threshold: th === undefined ? '—' : percent(th), veto: veto === undefined ? '—' : percent(veto),
  }));
  box.append(facts, rules);
  if (tally.outcome) box.append(shell.el('p', 'gov-outcome', t(tally.final ? 'governance.tally.outcome' : 'governance.tally.provisionalOutcome', { outcome: t(`governance.outcome.${tally.outcome}`) })));
  return [box];
}

/** The content in words: "parameter change: minFeeUnits = 0.0002 DDC (now 0.0001 DDC)". */
export function contentText(shell, c, params, open = true) {
  const t = shell.t;
  switch (c.kind) {
    case 'param':
      return `${t('governance.kind.param')}: ${c.changes.map((ch) => {
        const spec = paramOf(params, ch.name);
        if (!spec) return `${ch.name} = ${ch.value}`;
        const v = `${ch.name} = ${unitValue(spec.unit, ch.value)}`;
        return open ? `${v} (${t('governance.now', { value: unitValue(spec.unit, spec.value) })})` : v;
      }).join(', ')}`;
    case 'upgrade':
      return `${t('governance.kind.upgrade')}: ${t('governance.upgradeText', { name: c.name, version: c.version, height: c.height, release: shortHash(c.release) })}`;
    case 'cancel-upgrade':
      return `${t('governance.kind.cancel-upgrade')}: ${c.name}`;
    case 'spend':
      return `${t('governance.kind.spend')}: ${ddcText(parseDdc(c.amount))} → ${c.recipient}`;
    default:
      return t('governance.kind.text');
  }
}

function forms(shell, p, params, reload) {
  const out = [];
  if (p.status === 'DEPOSIT_PERIOD') out.push(depositForm(shell, p, reload));
  if (p.status === 'VOTING_PERIOD') out.push(voteForm(shell, p, reload));
  if (out.length > 0) {
    const gate = keyGate(shell);
    if (gate) out.unshift(gate);
  }
  return out;
}

function depositForm(shell, p, reload) {
  const form = shell.el('section', 'gov-form');
  form.append(shell.el('h2', null, shell.t('governance.deposit.title')));
  const amount = field(shell, 'gov-deposit-amount', 'governance.deposit.amount', { inputmode: 'decimal', autocomplete: 'off' });
  form.append(amount.row, txFlow(shell, 'gov-deposit', {
    build: () => gov.deposit(p.id, parseDdc(amount.input.value)),
    onFinal: reload,
  }));
  return form;
}

function voteForm(shell, p, reload) {
  const form = shell.el('section', 'gov-form');
  form.append(shell.el('h2', null, shell.t('governance.vote.title')));
  const power = shell.el('p', 'gov-power');
  power.id = 'gov-power';
  const key = shell.session.active();
  if (key) {
    shell.call('stake_getAccount', [key.address]).then((a) => {
      power.textContent = shell.t('governance.vote.power', { bonded: ddcText(a.bondedUnits ?? parseDdc(a.bonded)) });
    }).catch((e) => { power.textContent = errorText(e); });
  }
  const group = shell.el('fieldset', 'gov-choices');
  group.append(shell.el('legend', null, shell.t('governance.vote.choice')));
  for (const c of Object.keys(gov.CHOICES)) {
    const id = `gov-vote-${c}`;
    const input = shell.el('input');
    input.type = 'radio';
    input.name = 'gov-vote-choice';
    input.value = c;
    input.id = id;
    if (c === 'yes') input.checked = true;
    const label = shell.el('label', null, shell.t(`governance.choice.${c}`));
    label.htmlFor = id;
    const span = shell.el('span', 'gov-choice-option');
    span.append(input, label);
    group.append(span);
  }
  form.append(power, group, shell.el('p', 'muted', shell.t('governance.vote.note')), txFlow(shell, 'gov-vote', {
    build: () => gov.vote(p.issue, group.querySelector('input:checked').value),
    precheck: async () => {
      const a = await shell.call('stake_getAccount', [shell.session.active().address]);
      const bonded = BigInt(a.bondedUnits ?? parseDdc(a.bonded));
      return bonded === 0n ? { key: 'governance.vote.noStake' } : { key: 'governance.vote.withStake', vars: { bonded: ddcText(bonded) } };
    },
    onFinal: reload,
  }));
  return form;
}
