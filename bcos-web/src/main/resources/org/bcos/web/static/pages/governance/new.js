// #/governance/new: submit a proposal of any kind the gov module has — parameter change (each
// parameter picked from bcos_params, its bounds shown and checked before signing), text,
// software upgrade, cancel upgrade, community-pool spend — with the first deposit.
import { ddcText, parseDdc } from '../../ui/format.js';
import * as gov from '../../lib/gov/messages.js';
import { button, errorText, field, keyGate, subnav, txFlow } from './common.js';
import { parseParamInput, unitValue } from './model.js';

export const KINDS = ['param', 'text', 'upgrade', 'cancel-upgrade', 'spend'];
/** Pages of gov_proposals read to find the proposal just submitted. */
export const FIND_PAGES = 10;

export function render(root, shell, route) {
  let stopped = false;
  root.append(subnav(shell, 'new'), shell.el('h1', null, shell.t('governance.new.title')));
  const gate = keyGate(shell);
  if (gate) root.append(gate);
  const body = shell.el('div', 'gov-form');
  root.append(body);
  Promise.all([shell.call('bcos_params'), shell.call('upgrade_status'), shell.call('bcos_status')]).then(([params, upgrades, status]) => {
    if (!stopped) build(shell, body, params.params, upgrades, status, route.query.get('kind'));
  }).catch((e) => body.append(shell.el('p', 'gov-error', errorText(e))));
  return () => { stopped = true; };
}

function value(params, name) {
  const p = params.find((x) => x.name === name);
  return p ? BigInt(p.value) : 0n;
}

function build(shell, body, params, upgrades, status, kindParam) {
  const t = shell.t;
  const kind = field(shell, 'gov-kind', 'governance.new.kind', { tag: 'select' });
  for (const k of KINDS) {
    const o = shell.el('option', null, t(`governance.kind.${k}`));
    o.value = k;
    kind.input.append(o);
  }
  if (KINDS.includes(kindParam)) kind.input.value = kindParam;
  const title = field(shell, 'gov-title', 'governance.new.proposalTitle', { maxlength: String(gov.MAX_TITLE_BYTES), autocomplete: 'off' });
  const description = field(shell, 'gov-description', 'governance.new.description', { tag: 'textarea', rows: '3' });
  const minDeposit = value(params, 'govMinDepositUnits');
  const minInitial = (minDeposit * value(params, 'govMinInitialDepositBasisPoints') + 9999n) / 10000n;
  const deposit = field(shell, 'gov-deposit', 'governance.new.deposit', { inputmode: 'decimal', autocomplete: 'off' });
  deposit.input.value = minDeposit > 0n ? ddcText(minDeposit).replace(/ DDC$/, '').replaceAll(',', '') : '';
  const depositNote = shell.el('p', 'muted', t('governance.new.depositNote', { min: ddcText(minDeposit), initial: ddcText(minInitial) }));
  const parts = {
    param: paramPart(shell, params),
    text: shell.el('div'),
    upgrade: upgradePart(shell, params, upgrades, status),
    'cancel-upgrade': cancelPart(shell, upgrades),
    spend: spendPart(shell),
  };
  const holder = shell.el('div', 'gov-kind-part');
  const show = () => holder.replaceChildren(parts[kind.input.value].el);
  kind.input.addEventListener('change', show);
  show();
  const result = shell.el('p', 'gov-created');
  result.id = 'gov-created';
  body.append(kind.row, title.row, description.row, holder, deposit.row, depositNote, txFlow(shell, 'gov-submit', {
    build: () => gov.submitProposal(title.input.value, description.input.value, parts[kind.input.value].content(), parseDdc(deposit.input.value)),
    onFinal: async () => {
      const id = await findMine(shell, title.input.value);
      if (id === null) return;
      const a = shell.el('a', null, t('governance.new.created', { id }));
      a.href = `#/governance/proposal/${id}`;
      a.id = 'gov-created-link';
      result.replaceChildren(a);
    },
  }), result);
}

async function findMine(shell, title) {
  const me = shell.session.active()?.address;
  let after = 0;
  let found = null;
  for (let i = 0; i < FIND_PAGES; i++) {
    const r = await shell.call('gov_proposals', [200, after]);
    for (const p of r.proposals) if (p.proposer === me && p.title === title) found = p.id;
    if (r.nextAfter === undefined) break;
    after = r.nextAfter;
  }
  return found;
}

function paramPart(shell, params) {
  const t = shell.t;
  const el = shell.el('div', 'gov-changes');
  const rows = [];
  const list = shell.el('div');
  const add = button(shell, 'gov-add-change', 'governance.new.addChange');
  function addRow() {
    if (rows.length >= gov.MAX_CHANGES) return;
    const i = rows.length;
    const row = shell.el('fieldset', 'gov-change');
    row.append(shell.el('legend', null, t('governance.new.change', { n: i + 1 })));
    const name = field(shell, `gov-param-${i}`, 'governance.new.param', { tag: 'select' });
    const byModule = new Map();
    for (const p of params) {
      if (!byModule.has(p.module)) byModule.set(p.module, []);
      byModule.get(p.module).push(p);
    }
    for (const [module, ps] of byModule) {
      const g = shell.el('optgroup');
      g.label = module;
      for (const p of ps) {
        const o = shell.el('option', null, p.name);
        o.value = p.name;
        g.append(o);
      }
      name.input.append(g);
    }
    const val = field(shell, `gov-param-value-${i}`, 'governance.new.value', { autocomplete: 'off' });
    const info = shell.el('p', 'gov-param-info');
    info.id = `gov-param-info-${i}`;
    const check = shell.el('p', 'gov-field-error');
    check.id = `gov-param-check-${i}`;
    check.setAttribute('aria-live', 'polite');
    const spec = () => params.find((p) => p.name === name.input.value);
    const describe = () => {
      const s = spec();
      info.textContent = t('governance.new.paramInfo', {
        value: unitValue(s.unit, s.value), min: unitValue(s.unit, s.min), max: unitValue(s.unit, s.max),
        def: unitValue(s.unit, s.default), doc: s.doc,
      });
      val.input.placeholder = s.unit === 'BASE_UNITS' ? 'DDC' : s.unit.toLowerCase().replaceAll('_', ' ');
      validate();
    };
    const validate = () => {
      check.textContent = '';
      if (val.input.value.trim() === '') return;
      try {
        inBounds(params, spec(), val.input.value);
      } catch (e) {
        check.textContent = errorText(e);
      }
    };
    name.input.addEventListener('change', describe);
    val.input.addEventListener('input', validate);
    row.append(name.row, info, val.row, check);
    list.append(row);
    rows.push({ spec, input: val.input });
    describe();
    add.disabled = rows.length >= gov.MAX_CHANGES;
  }
  add.addEventListener('click', addRow);
  addRow();
  el.append(list, add);
  return {
    el,
    content: () => gov.paramChange(rows.map((r) => ({ name: r.spec().name, value: inBounds(params, r.spec(), r.input.value) })), params),
  };
}

/** The typed value of `spec` in base units, refused by name in the parameter's own unit. */
function inBounds(params, spec, text) {
  const v = parseParamInput(spec.unit, text);
  try {
    gov.checkParam(params, spec.name, v);
  } catch (e) {
    if (e.code !== 'PARAM_OUT_OF_RANGE') throw e;
    throw gov.refused(e.code, spec.name, `${spec.name} must be in ${unitValue(spec.unit, spec.min)} … ${unitValue(spec.unit, spec.max)}; ${unitValue(spec.unit, v)} is not`);
  }
  return v;
}

function upgradePart(shell, params, upgrades, status) {
  const el = shell.el('div');
  const name = field(shell, 'gov-upgrade-name', 'governance.new.upgradeName', { autocomplete: 'off' });
  const version = field(shell, 'gov-upgrade-version', 'governance.new.upgradeVersion', { inputmode: 'numeric' });
  version.input.value = String(upgrades.version + 1);
  const release = field(shell, 'gov-upgrade-release', 'governance.new.upgradeRelease', { autocomplete: 'off', spellcheck: 'false' });
  const height = field(shell, 'gov-upgrade-height', 'governance.new.upgradeHeight', { inputmode: 'numeric' });
  const earliest = BigInt(status.height) + value(params, 'govVotingPeriodBlocks') + value(params, 'govUpgradeMinLeadBlocks') + 1n;
  height.input.value = String(earliest);
  el.append(name.row, version.row, release.row, height.row,
    shell.el('p', 'muted', shell.t('governance.new.upgradeNote', { earliest: String(earliest) })));
  return {
    el,
    content: () => gov.upgradeContent(name.input.value.trim(), version.input.value.trim(), release.input.value, height.input.value.trim()),
  };
}

function cancelPart(shell, upgrades) {
  const el = shell.el('div');
  const name = field(shell, 'gov-cancel-name', 'governance.new.upgradeName', { autocomplete: 'off' });
  if (upgrades.scheduled) name.input.value = upgrades.scheduled.name;
  el.append(name.row, shell.el('p', 'muted', upgrades.scheduled
    ? shell.t('governance.new.cancelScheduled', { name: upgrades.scheduled.name, height: upgrades.scheduled.height })
    : shell.t('governance.new.cancelNone')));
  return { el, content: () => gov.cancelUpgradeContent(name.input.value.trim()) };
}

function spendPart(shell) {
  const el = shell.el('div');
  const to = field(shell, 'gov-spend-to', 'governance.new.recipient', { autocomplete: 'off', spellcheck: 'false' });
  const amount = field(shell, 'gov-spend-amount', 'governance.new.amount', { inputmode: 'decimal' });
  el.append(to.row, amount.row);
  return { el, content: () => gov.spendContent(to.input.value.trim(), parseDdc(amount.input.value)) };
}
