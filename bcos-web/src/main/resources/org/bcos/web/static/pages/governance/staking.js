// #/governance/staking: the validators (stake_validators) and the unlocked account's stake
// (stake_getAccount: bonds, unbonding, rewards), with delegate / undelegate / redelegate /
// withdraw-rewards forms, and the account's own validator (operator.js) — a proposal's voting
// power is bonded stake.
import { ddcText, parseDdc, shortHash } from '../../ui/format.js';
import * as gov from '../../lib/gov/messages.js';
import { errorText, field, keyGate, subnav, txFlow } from './common.js';
import { percent } from './model.js';
import { operatorPart } from './operator.js';

/** Validators read per call, and most calls (stake_validators pages). */
export const VALIDATOR_PAGE = 100;
export const VALIDATOR_PAGES = 10;

export function render(root, shell) {
  let stopped = false;
  const t = shell.t;
  root.append(subnav(shell, 'staking'), shell.el('h1', null, t('governance.staking.title')),
    shell.el('p', 'muted', t('governance.staking.intro')));
  const mine = shell.el('section', 'gov-mine');
  mine.id = 'gov-mine';
  const summary = shell.el('div');
  const bondBox = shell.el('div');
  const bondedBox = shell.el('div');
  const operatorBox = shell.el('div');
  mine.append(summary, bondBox, bondedBox, operatorBox);
  const vals = shell.el('section', 'gov-validators');
  root.append(mine, vals);
  // the forms stay in place across reloads, so a form's "final at height H" stays in view: each
  // load refills their validator lists (keeping the choice); the unbond / redelegate / withdraw
  // forms come when the account has a bond and go when it has none
  let bond = null;
  let bonded = null;
  let operator = null;
  async function load() {
    try {
      const validators = await allValidators(shell);
      if (stopped) return;
      vals.replaceChildren(shell.el('h2', null, t('governance.staking.validators')), validatorTable(shell, validators));
      const key = shell.session.active();
      if (!key) {
        mine.replaceChildren(keyGate(shell));
        return;
      }
      const account = await shell.call('stake_getAccount', [key.address]);
      if (stopped) return;
      summary.replaceChildren(...myStake(shell, account));
      if (!bond) {
        bond = bondForm(shell, load);
        bondBox.append(bond.section);
      }
      bond.update(validators);
      const mineBonded = account.delegations.map((d) => validators.find((v) => v.operator === d.validator) ?? { operator: d.validator, moniker: d.moniker });
      if (mineBonded.length > 0 && !bonded) {
        bonded = bondedForms(shell, load);
        bondedBox.replaceChildren(...bonded.sections);
      } else if (mineBonded.length === 0 && bonded) {
        bonded = null;
        bondedBox.replaceChildren();
      }
      bonded?.update(validators, mineBonded);
      if (operator?.address !== key.address) {
        operator = { address: key.address, ...operatorPart(shell, key.address, load) };
        operatorBox.replaceChildren(operator.section);
      }
      operator.update(validators);
    } catch (e) {
      vals.replaceChildren(shell.el('p', 'gov-error', errorText(e)));
    }
  }
  load();
  return () => { stopped = true; };
}

async function allValidators(shell) {
  const out = [];
  let cursor;
  for (let i = 0; i < VALIDATOR_PAGES; i++) {
    const r = await shell.call('stake_validators', cursor === undefined ? [VALIDATOR_PAGE] : [VALIDATOR_PAGE, cursor]);
    out.push(...r.validators);
    if (r.nextCursor === undefined) break;
    cursor = r.nextCursor;
  }
  return out;
}

function validatorTable(shell, validators) {
  const t = shell.t;
  const wrap = shell.el('div', 'gov-table-wrap');
  const tbl = shell.el('table', 'gov-table');
  tbl.id = 'gov-validator-table';
  const hr = shell.el('tr');
  for (const k of ['moniker', 'operator', 'status', 'rank', 'power', 'tokens', 'commission']) hr.append(shell.el('th', null, t(`governance.staking.col.${k}`)));
  const thead = shell.el('thead');
  thead.append(hr);
  const tbody = shell.el('tbody');
  for (const v of validators) {
    const tr = shell.el('tr');
    const op = shell.el('td', 'mono', shortHash(v.operator));
    op.title = v.operator;
    tr.append(shell.el('td', null, v.moniker), op, shell.el('td', null, v.status), shell.el('td', null, v.rank ?? '—'),
      shell.el('td', null, String(v.votingPower)), shell.el('td', null, ddcText(v.tokensUnits ?? parseDdc(v.tokens))),
      shell.el('td', null, percent(v.commission.rateBasisPoints)));
    tbody.append(tr);
  }
  tbl.append(thead, tbody);
  wrap.append(tbl);
  return wrap;
}

function myStake(shell, a) {
  const t = shell.t;
  const out = [shell.el('h2', null, t('governance.staking.mine'))];
  const sum = shell.el('p', 'gov-power');
  sum.id = 'gov-my-bonded';
  sum.textContent = t('governance.staking.summary', {
    bonded: ddcText(a.bondedUnits), unbonding: ddcText(a.unbondingTotalUnits), rewards: ddcText(a.totalRewardsUnits),
  });
  out.push(sum);
  if (a.bondedUnits === '0') out.push(shell.el('p', 'gov-warning', t('governance.staking.noStake')));
  const ul = shell.el('ul', 'gov-delegations');
  for (const d of a.delegations) {
    ul.append(shell.el('li', null, t('governance.staking.delegation', {
      moniker: d.moniker, amount: ddcText(d.amountUnits), reward: ddcText(d.pendingRewardUnits),
    })));
  }
  for (const u of a.unbonding) {
    ul.append(shell.el('li', 'muted', t('governance.staking.unbondingEntry', {
      amount: ddcText(u.balanceUnits ?? parseDdc(u.balance)), height: u.completionHeight, validator: shortHash(u.validator),
    })));
  }
  out.push(ul);
  return out;
}

/** A validator <select> field; fill it with fillValidators. */
function validatorSelect(shell, id, labelKey) {
  return field(shell, id, labelKey, { tag: 'select' });
}

/** Sets a select's validators, keeping the chosen one while it is still listed. */
function fillValidators(shell, select, validators) {
  const chosen = select.value;
  select.replaceChildren(...validators.map((v) => {
    const o = shell.el('option', null, `${v.moniker} (${shortHash(v.operator)})`);
    o.value = v.operator;
    return o;
  }));
  if (validators.some((v) => v.operator === chosen)) select.value = chosen;
}

function bondForm(shell, reload) {
  const section = shell.el('section', 'gov-form');
  const bv = validatorSelect(shell, 'gov-bond-validator', 'governance.staking.validator');
  const ba = field(shell, 'gov-bond-amount', 'governance.staking.amount', { inputmode: 'decimal', autocomplete: 'off' });
  section.append(shell.el('h2', null, shell.t('governance.staking.delegate')), bv.row, ba.row,
    txFlow(shell, 'gov-bond', { build: () => gov.bond(bv.input.value, parseDdc(ba.input.value)), onFinal: reload }));
  return { section, update: (validators) => fillValidators(shell, bv.input, validators) };
}

/** Undelegate, redelegate and withdraw-rewards: {sections, update(validators, bonded)}. */
function bondedForms(shell, reload) {
  const t = shell.t;
  const amount = (id) => field(shell, id, 'governance.staking.amount', { inputmode: 'decimal', autocomplete: 'off' });
  const ub = shell.el('section', 'gov-form');
  const uv = validatorSelect(shell, 'gov-unbond-validator', 'governance.staking.validator');
  const ua = amount('gov-unbond-amount');
  ub.append(shell.el('h2', null, t('governance.staking.undelegate')), uv.row, ua.row,
    shell.el('p', 'muted', t('governance.staking.unbondNote')),
    txFlow(shell, 'gov-unbond', { build: () => gov.unbond(uv.input.value, parseDdc(ua.input.value)), onFinal: reload }));
  const rd = shell.el('section', 'gov-form');
  const rs = validatorSelect(shell, 'gov-redelegate-source', 'governance.staking.from');
  const rt = validatorSelect(shell, 'gov-redelegate-destination', 'governance.staking.to');
  const ra = amount('gov-redelegate-amount');
  rd.append(shell.el('h2', null, t('governance.staking.redelegate')), rs.row, rt.row, ra.row,
    shell.el('p', 'muted', t('governance.staking.redelegateNote')),
    txFlow(shell, 'gov-redelegate', {
      build: () => gov.redelegate(rs.input.value, rt.input.value, parseDdc(ra.input.value)), onFinal: reload,
    }));
  const wd = shell.el('section', 'gov-form');
  const wv = validatorSelect(shell, 'gov-withdraw-validator', 'governance.staking.validator');
  wd.append(shell.el('h2', null, t('governance.staking.withdraw')), wv.row,
    txFlow(shell, 'gov-withdraw', { build: () => gov.withdrawRewards(wv.input.value), onFinal: reload }));
  return {
    sections: [ub, rd, wd],
    update(validators, bonded) {
      for (const f of [uv, rs, wv]) fillValidators(shell, f.input, bonded);
      fillValidators(shell, rt.input, validators);
    },
  };
}
