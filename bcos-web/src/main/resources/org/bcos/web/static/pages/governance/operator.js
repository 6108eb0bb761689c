// The staking page's "My validator" part: for the unlocked account that operates a validator, its
// state with the edit (moniker, commission) and unjail forms; for any other account, the form that
// registers it as the operator of a new validator (stake.createValidator).
import { ddcText, parseDdc } from '../../ui/format.js';
import * as gov from '../../lib/gov/messages.js';
import { field, txFlow } from './common.js';
import { basisPoints, percent } from './model.js';

/** The defaults `bcos stake validator create` takes for --max-commission and --max-change. */
export const DEFAULT_MAX_COMMISSION = '20%';
export const DEFAULT_MAX_CHANGE = '1%';

/**
 * The part for `address`: {section, update(validators)}. `update` refreshes the summary on every
 * load and rebuilds the forms only when the account starts operating or the validator's status
 * changes, so a form's "final at height H" stays in view.
 */
export function operatorPart(shell, address, reload) {
  const section = shell.el('section', 'gov-form gov-operator');
  section.id = 'gov-operator';
  let shape = null;
  let current = null;
  function update(validators) {
    const v = validators.find((x) => x.operator === address) ?? null;
    current = v;
    const next = v ? `operates:${v.status}` : 'none';
    if (next !== shape) {
      shape = next;
      section.replaceChildren(...(v ? operatedForms(shell, v, () => current, reload) : createForm(shell, reload)));
    }
    if (v) section.querySelector('#gov-operator-summary').textContent = summaryText(shell, v);
  }
  return { section, update };
}

function summaryText(shell, v) {
  return shell.t('governance.operator.summary', {
    moniker: v.moniker, status: v.status, tokens: ddcText(v.tokensUnits ?? parseDdc(v.tokens)),
    rate: percent(v.commission.rateBasisPoints), max: percent(v.commission.maxRateBasisPoints),
    change: percent(v.commission.maxChangeBasisPoints),
  });
}

/** `v` as the forms are built; `latest()` as the last load read it (the commission may move). */
function operatedForms(shell, v, latest, reload) {
  const t = shell.t;
  const summary = shell.el('p', 'gov-power');
  summary.id = 'gov-operator-summary';
  const out = [shell.el('h2', null, t('governance.operator.title')), summary];
  if (v.status === 'jailed') {
    const note = shell.el('p', 'gov-warning', t('governance.operator.jailed', { height: v.jailedUntil }));
    note.id = 'gov-operator-jailed';
    out.push(note, txFlow(shell, 'gov-unjail', { build: () => gov.unjail(), onFinal: reload }));
  } else if (v.status === 'tombstoned') {
    out.push(shell.el('p', 'gov-warning', t('governance.operator.tombstoned')));
  }
  const moniker = field(shell, 'gov-edit-moniker', 'governance.operator.moniker', { autocomplete: 'off', value: v.moniker });
  const rate = field(shell, 'gov-edit-commission', 'governance.operator.commission',
    { autocomplete: 'off', value: percent(v.commission.rateBasisPoints).replace(' ', '') });
  const rateLabel = t('governance.operator.commission');
  out.push(shell.el('h3', null, t('governance.operator.edit')), moniker.row, rate.row,
    shell.el('p', 'muted', t('governance.operator.editNote', { change: percent(v.commission.maxChangeBasisPoints) })),
    txFlow(shell, 'gov-edit', {
      build: () => {
        const bps = basisPoints(rate.input.value, rateLabel);
        const unchanged = bps === Number(latest().commission.rateBasisPoints);
        return gov.editValidator(moniker.input.value, unchanged ? gov.KEEP_RATE : bps);
      },
      onFinal: reload,
    }));
  return out;
}

function createForm(shell, reload) {
  const t = shell.t;
  const input = (id, key, attrs = {}) => field(shell, id, key, { autocomplete: 'off', ...attrs });
  const moniker = input('gov-create-moniker', 'governance.operator.moniker');
  const key = input('gov-create-key', 'governance.operator.consensusKey', { spellcheck: 'false', placeholder: 'dd1…' });
  const rate = input('gov-create-commission', 'governance.operator.commission', { placeholder: '5%' });
  const max = input('gov-create-max', 'governance.operator.maxCommission', { value: DEFAULT_MAX_COMMISSION });
  const change = input('gov-create-change', 'governance.operator.maxChange', { value: DEFAULT_MAX_CHANGE });
  const bond = input('gov-create-bond', 'governance.operator.selfBond', { inputmode: 'decimal' });
  return [shell.el('h2', null, t('governance.operator.create')),
    shell.el('p', 'muted', t('governance.operator.createNote')),
    moniker.row, key.row, rate.row, max.row, change.row, bond.row,
    txFlow(shell, 'gov-create', {
      build: () => gov.createValidator(key.input.value.trim(),
        basisPoints(rate.input.value, t('governance.operator.commission')),
        basisPoints(max.input.value, t('governance.operator.maxCommission')),
        basisPoints(change.input.value, t('governance.operator.maxChange')),
        parseDdc(bond.input.value), moniker.input.value),
      onFinal: reload,
    })];
}
