// The poll designer (#/poll, docs/web/poll.md): create a community (or continue one:
// #/poll?community=ID), add areas, declare regions, add members from a pasted or uploaded CSV
// (every row checked before anything is signed), create an issue, and share the link to its
// ballot (#/dvs/issue/<id>). Every step shows each transaction's fee before Confirm and
// "final at height H" after (pages/poll/txflow.js). All text from people or the node is set
// with textContent only.
import * as admin from '../lib/dvs/admin.js';
import { parseMembers, MAX_ROWS } from '../lib/dvs/members-csv.js';
import { link } from '../ui/dom.js';
import { parseDdc } from '../ui/format.js';
import { reviewAndSend, describe } from './poll/txflow.js';

/** Areas listed for the issue form (dvs_listAreas pages of 200, at most this many). */
export const MAX_AREAS_LISTED = 1000;
/** Largest CSV file read from disk. */
export const MAX_FILE_BYTES = 1 << 20;

export function render(root, shell, route) {
  const { el, t, session } = shell;
  root.append(el('h1', null, t('poll.title')));
  const key = session.active();
  if (!key) {
    const p = el('p', 'poll-need-key');
    p.id = 'poll-need-key';
    p.append(el('span', null, t('poll.needKey')), ' ', link('#/wallet', t('poll.openWallet')));
    root.append(p);
    return () => {};
  }
  const state = { stopped: false, community: null };
  const ctx = { shell, state, key };
  const communityCard = communitySection(ctx);
  const areasCard = el('section', 'card poll-step');
  const membersCard = el('section', 'card poll-step');
  const issueCard = el('section', 'card poll-step');
  for (const c of [areasCard, membersCard, issueCard]) c.hidden = true;
  root.append(communityCard, areasCard, membersCard, issueCard);
  ctx.onCommunity = async (id) => {
    const c = await shell.call('dvs_getCommunity', [id]);
    state.community = c;
    communityCard.querySelector('.poll-current').replaceChildren(currentCommunity(shell, c));
    areasSection(ctx, areasCard);
    membersSection(ctx, membersCard);
    await issueSection(ctx, issueCard);
    for (const card of [areasCard, membersCard, issueCard]) card.hidden = false;
  };
  // after areas or members were added: the header again, and the issue form's area list
  ctx.refresh = async ({ areas = false } = {}) => {
    const c = await shell.call('dvs_getCommunity', [state.community.id]);
    state.community = c;
    communityCard.querySelector('.poll-current').replaceChildren(currentCommunity(shell, c));
    if (areas) await issueSection(ctx, issueCard);
  };
  const preset = route.query.get('community');
  if (preset !== null && /^[0-9]{1,18}$/.test(preset)) ctx.onCommunity(Number(preset)).catch((e) => showError(communityCard, t, e));
  return () => { state.stopped = true; };
}

function currentCommunity(shell, c) {
  const { el, t } = shell;
  const p = el('p', 'poll-chosen');
  p.id = 'poll-community';
  p.dataset.id = String(c.id);
  p.append(el('span', null, t('poll.community.chosen', { id: c.id })), ' ', el('b', null, c.name), ' ',
    el('span', 'muted', t('poll.community.summary', {
      electorate: t(`poll.electorate.${c.params.electorate}`), members: c.members, areas: c.areas,
    })));
  return p;
}

function showError(card, t, e) {
  let p = card.querySelector(':scope > .error.poll-load');
  if (!p) {
    p = document.createElement('p');
    p.className = 'error poll-load';
    p.setAttribute('role', 'alert');
    card.append(p);
  }
  p.textContent = describe(t, e);
}

/** A labelled control: returns [wrapper, control]. */
function field(el, id, label, control, hint) {
  control.id = id;
  const l = el('label', null, label);
  l.htmlFor = id;
  const w = el('div', 'poll-field');
  w.append(l, control);
  if (hint) {
    const h = el('small', 'muted', hint);
    h.id = `${id}-hint`;
    control.setAttribute('aria-describedby', h.id);
    w.append(h);
  }
  return [w, control];
}

function numberInput(el, value, min, max) {
  const i = el('input');
  i.type = 'number';
  i.min = String(min);
  i.max = String(max);
  i.step = '1';
  i.value = String(value);
  i.inputMode = 'numeric';
  return i;
}

function select(el, options) {
  const s = el('select');
  for (const [value, text] of options) {
    const o = el('option', null, text);
    o.value = value;
    s.append(o);
  }
  return s;
}

function button(el, id, text, cls = 'primary') {
  const b = el('button', cls, text);
  b.type = 'button';
  b.id = id;
  return b;
}

function communitySection(ctx) {
  const { shell } = ctx;
  const { el, t } = shell;
  const card = el('section', 'card poll-step');
  const d = admin.DEFAULT_PARAMS;
  const [nameF, name] = field(el, 'poll-c-name', t('poll.community.name'), el('input'), t('poll.community.nameHint'));
  name.maxLength = 64;
  const [elecF, electorate] = field(el, 'poll-c-electorate', t('poll.community.electorate'),
    select(el, admin.ELECTORATES.map((e) => [e, t(`poll.electorate.${e}`)])), t('poll.community.electorateHint'));
  const numbers = [
    ['votingBlocks', 'poll-c-voting', 1, admin.LIMITS.maxPhaseBlocks],
    ['admissionBlocks', 'poll-c-admission', 1, admin.LIMITS.maxPhaseBlocks],
    ['discussionBlocks', 'poll-c-discussion', 0, admin.LIMITS.maxPhaseBlocks],
    ['verificationBlocks', 'poll-c-verification', 0, admin.LIMITS.maxPhaseBlocks],
    ['issueQuorumBps', 'poll-c-issue-quorum', 0, admin.LIMITS.maxBps],
    ['initiativeQuorumBps', 'poll-c-initiative-quorum', 0, admin.LIMITS.maxBps],
    ['maxChainLength', 'poll-c-max-chain', 0, admin.LIMITS.maxChainLength],
    ['minCellSize', 'poll-c-min-cell', 1, admin.LIMITS.maxMinCellSize],
    ['powDifficultyBits', 'poll-c-pow', 0, admin.LIMITS.maxPowBits],
  ].map(([param, id, min, max]) => {
    const [f, input] = field(el, id, t(`poll.param.${param}`), numberInput(el, d[param], min, max), t('poll.param.range', { min, max }));
    return { param, f, input };
  });
  const dis = el('input');
  dis.type = 'checkbox';
  dis.id = 'poll-c-dis';
  const disLabel = el('label', 'poll-check');
  disLabel.htmlFor = dis.id;
  disLabel.append(dis, ' ', t('poll.param.delegationInSupport'));
  const grid = el('div', 'poll-grid');
  grid.append(nameF, elecF, ...numbers.map((n) => n.f));
  const phases = el('p', 'muted poll-note', t('poll.community.phasesNote'));
  const review = button(el, 'poll-c-review', t('poll.community.review'));
  const plan = el('div');
  plan.id = 'poll-c-plan';
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const current = el('div', 'poll-current');
  const [useF, existing] = field(el, 'poll-c-existing', t('poll.community.existing'), numberInput(el, '', 0, 2 ** 53));
  const use = button(el, 'poll-c-use', t('poll.community.use'), 'secondary');
  const useRow = el('div', 'poll-inline');
  useRow.append(useF, use);
  card.append(el('h2', null, t('poll.community.title')), grid, disLabel, phases, review, error, plan, current,
    el('h3', null, t('poll.community.orExisting')), useRow);

  review.addEventListener('click', async () => {
    error.textContent = '';
    let message;
    try {
      const params = { electorate: electorate.value, delegationInSupport: dis.checked };
      for (const n of numbers) params[n.param] = n.input.value.trim();
      message = admin.createCommunity(name.value, params);
    } catch (e) {
      error.textContent = inputError(t, e);
      return;
    }
    try {
      const finals = await reviewAndSend(plan, shell, [{ label: t('poll.tx.createCommunity', { name: name.value }), message }]);
      const created = await shell.call('dvs_createdBy', [ctx.key.address, finals[0].height]);
      const id = created.communities[created.communities.length - 1];
      await ctx.onCommunity(id);
    } catch (e) {
      if (e.code !== 'CANCELLED') error.textContent = describe(t, e);
    }
  });
  use.addEventListener('click', () => {
    error.textContent = '';
    const v = existing.value.trim();
    if (!/^[0-9]{1,15}$/.test(v)) {
      error.textContent = t('poll.community.badId');
      return;
    }
    ctx.onCommunity(Number(v)).catch((e) => { error.textContent = describe(t, e); });
  });
  return card;
}

/** The named error of a builder or parser, as a person reads it. */
function inputError(t, e) {
  return e.field ? t('poll.input.bad', { field: e.field, message: e.message }) : e.message;
}

function isRegistrar(ctx) {
  return ctx.state.community && ctx.state.community.registrar === ctx.key.address;
}

function areasSection(ctx, card) {
  const { shell } = ctx;
  const { el, t } = shell;
  const c = ctx.state.community;
  card.replaceChildren(el('h2', null, t('poll.areas.title')));
  const [areasF, areas] = field(el, 'poll-areas', t('poll.areas.names'), el('textarea'), t('poll.areas.hint'));
  areas.rows = 3;
  const [parentF, parent] = field(el, 'poll-a-parent', t('poll.areas.parent'), select(el, []));
  const fillParents = async () => {
    const list = await loadAreas(shell, c.id);
    parent.replaceChildren(...areaOptions(el, t, list));
  };
  fillParents().catch((e) => { error.textContent = describe(t, e); });
  const [regionsF, regions] = field(el, 'poll-regions', t('poll.regions.names'), el('input'), t('poll.regions.hint'));
  const review = button(el, 'poll-a-review', t('poll.areas.review'));
  const plan = el('div');
  plan.id = 'poll-a-plan';
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  card.append(parentF, areasF, review, error, plan, regionsF);
  if (!isRegistrar(ctx)) card.append(el('p', 'muted', t('poll.notRegistrar')));
  review.addEventListener('click', async () => {
    error.textContent = '';
    const names = areas.value.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
    if (names.length === 0) {
      error.textContent = t('poll.areas.none');
      return;
    }
    let items;
    try {
      const under = Number(parent.value || 0);
      items = names.map((n) => ({ label: t('poll.tx.addArea', { name: n }), message: admin.addArea(c.id, under, n) }));
    } catch (e) {
      error.textContent = inputError(t, e);
      return;
    }
    try {
      await reviewAndSend(plan, shell, items);
      areas.value = '';
      await ctx.refresh({ areas: true });
      await fillParents();
    } catch (e) {
      if (e.code !== 'CANCELLED') error.textContent = describe(t, e);
    }
  });
  ctx.regions = () => regions.value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function membersSection(ctx, card) {
  const { shell } = ctx;
  const { el, t } = shell;
  const c = ctx.state.community;
  const electorate = c.params.electorate;
  card.replaceChildren(el('h2', null, t('poll.members.title')));
  const [csvF, csv] = field(el, 'poll-m-csv', t('poll.members.paste'), el('textarea'),
    t('poll.members.hint', { max: MAX_ROWS }));
  csv.rows = 5;
  csv.spellcheck = false;
  const file = el('input');
  file.type = 'file';
  file.accept = '.csv,text/csv,text/plain';
  const [fileF] = field(el, 'poll-m-file', t('poll.members.upload'), file);
  const check = button(el, 'poll-m-check', t('poll.members.check'));
  const errors = el('ul', 'error poll-errors');
  errors.id = 'poll-m-errors';
  errors.setAttribute('role', 'alert');
  const preview = el('div', 'poll-preview');
  const plan = el('div');
  plan.id = 'poll-m-plan';
  card.append(csvF, fileF, check, errors, preview, plan);
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      errors.replaceChildren(el('li', null, t('poll.members.fileTooLarge', { max: MAX_FILE_BYTES })));
      return;
    }
    csv.value = await f.text();
  });
  check.addEventListener('click', async () => {
    errors.replaceChildren();
    preview.replaceChildren();
    plan.replaceChildren();
    const regions = ctx.regions ? ctx.regions() : [];
    const { rows, errors: bad } = parseMembers(csv.value, { electorate, regions });
    if (bad.length > 0) {
      for (const e of bad.slice(0, 50)) errors.append(el('li', null, e.message));
      if (bad.length > 50) errors.append(el('li', null, t('poll.members.moreErrors', { n: bad.length - 50 })));
      return;
    }
    preview.append(membersTable(shell, rows));
    const items = [];
    for (const r of rows) {
      items.push({ label: t('poll.tx.setMember', { address: short(r.address), weight: r.weight }), message: admin.setMember(c.id, r.address, r.weight) });
    }
    for (const r of rows) {
      if (r.region) items.push({ label: t('poll.tx.attest', { address: short(r.address), region: r.region }), message: admin.attest(c.id, r.address, admin.REGION, r.region), stage: 1 });
    }
    try {
      await reviewAndSend(plan, shell, items);
      await ctx.refresh();
    } catch (e) {
      if (e.code !== 'CANCELLED') errors.append(el('li', null, describe(t, e)));
    }
  });
}

function short(address) {
  return `${address.slice(0, 10)}…${address.slice(-6)}`;
}

function membersTable(shell, rows) {
  const { el, t } = shell;
  const tbl = el('table', 'poll-table');
  tbl.id = 'poll-m-table';
  const head = el('tr');
  for (const h of ['row', 'address', 'weight', 'region', 'label']) head.append(el('th', null, t(`poll.members.col.${h}`)));
  tbl.append(el('thead'), el('tbody'));
  tbl.tHead.append(head);
  for (const r of rows) {
    const tr = el('tr');
    tr.append(el('td', 'num', r.row), el('td', 'mono', r.address), el('td', 'num', r.weight), el('td', null, r.region || '—'), el('td', null, r.label || ''));
    tbl.tBodies[0].append(tr);
  }
  const wrap = el('div', 'poll-scroll');
  wrap.append(tbl);
  return wrap;
}

async function loadAreas(shell, communityId) {
  const out = [];
  let cursor = null;
  do {
    const page = await shell.call('dvs_listAreas', [communityId, 200, cursor]);
    out.push(...page.areas);
    cursor = page.nextCursor ?? null;
  } while (cursor && out.length < MAX_AREAS_LISTED);
  return out;
}

/**
 * <option>s for a community's areas, each named by its path from the root ("Schools › Primary"),
 * in id order (a parent is always made before its children).
 */
function areaOptions(el, t, areas) {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const path = (a) => {
    const names = [];
    for (let x = a, hops = 0; x && x.id !== 0 && hops < areas.length; x = byId.get(x.parent), hops++) names.unshift(x.name);
    return names.join(' › ');
  };
  return areas.map((a) => {
    const o = el('option', null, a.id === 0 ? t('poll.issue.rootArea') : path(a));
    o.value = String(a.id);
    return o;
  });
}

async function issueSection(ctx, card) {
  const { shell } = ctx;
  const { el, t } = shell;
  const c = ctx.state.community;
  card.replaceChildren(el('h2', null, t('poll.issue.title')));
  const areas = await loadAreas(shell, c.id);
  const areaSelect = el('select');
  areaSelect.append(...areaOptions(el, t, areas));
  const [areaF, area] = field(el, 'poll-i-area', t('poll.issue.area'), areaSelect);
  const [modeF, mode] = field(el, 'poll-i-mode', t('poll.issue.mode'),
    select(el, [['poll', t('poll.mode.poll')], ['deliberative', t('poll.mode.deliberative')]]));
  const [methodF, method] = field(el, 'poll-i-method', t('poll.issue.method'),
    select(el, admin.METHODS.map((m) => [m, t(`poll.method.${m}`)])));
  method.value = 'SCHULZE';
  const [optionsF, options] = field(el, 'poll-i-options', t('poll.issue.options'), el('textarea'),
    t('poll.issue.optionsHint', { max: admin.LIMITS.maxOptions, bytes: admin.LIMITS.maxTextBytes }));
  options.rows = 4;
  const r = admin.DEFAULT_RULES;
  const nums = [
    ['quorumBps', 'poll-i-quorum', r.quorumBps, 0, admin.LIMITS.maxBps],
    ['thresholdBps', 'poll-i-threshold', r.thresholdBps, 0, admin.LIMITS.maxBps],
    ['vetoBps', 'poll-i-veto', r.vetoBps, 0, admin.LIMITS.maxBps],
    ['maxScore', 'poll-i-max-score', r.maxScore, 0, admin.LIMITS.maxScore],
    ['voiceCredits', 'poll-i-credits', r.voiceCredits, 0, admin.LIMITS.maxVoiceCredits],
  ].map(([rule, id, v, min, max]) => {
    const [f, input] = field(el, id, t(`poll.rule.${rule}`), numberInput(el, v, min, max), t('poll.param.range', { min, max }));
    return { rule, f, input };
  });
  const [payToF, payTo] = field(el, 'poll-i-pay-to', t('poll.issue.payTo'), el('input'), t('poll.issue.payHint'));
  const [payF, pay] = field(el, 'poll-i-pay', t('poll.issue.pay'), el('input'));
  pay.inputMode = 'decimal';
  const grid = el('div', 'poll-grid');
  grid.append(areaF, modeF, methodF, ...nums.map((n) => n.f), payToF, payF);
  const phases = el('p', 'muted poll-note', t('poll.issue.phases', {
    voting: c.params.votingBlocks, admission: c.params.admissionBlocks,
    discussion: c.params.discussionBlocks, verification: c.params.verificationBlocks,
  }));
  const review = button(el, 'poll-i-review', t('poll.issue.review'));
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const preview = el('ol', 'poll-options');
  preview.id = 'poll-i-preview';
  const plan = el('div');
  plan.id = 'poll-i-plan';
  const share = el('div', 'poll-share');
  share.id = 'poll-share-box';
  card.append(optionsF, grid, phases, review, error, preview, plan, share);
  review.addEventListener('click', async () => {
    error.textContent = '';
    share.replaceChildren();
    preview.replaceChildren();
    const texts = options.value.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
    let message;
    try {
      const rules = {};
      for (const n of nums) rules[n.rule] = n.input.value.trim();
      message = admin.createIssue({
        community: c.id, area: Number(area.value), deliberative: mode.value === 'deliberative',
        method: method.value, options: texts, ...rules,
        payTo: payTo.value.trim() === '' ? admin.NO_PAYEE : payTo.value.trim(),
        payUnits: pay.value.trim() === '' ? 0n : parseDdc(pay.value),
      });
    } catch (e) {
      error.textContent = inputError(t, e);
      return;
    }
    for (const o of texts) preview.append(el('li', null, o));
    try {
      const finals = await reviewAndSend(plan, shell, [{ label: t('poll.tx.createIssue', { method: t(`poll.method.${method.value}`), n: texts.length }), message }]);
      const created = await shell.call('dvs_createdBy', [ctx.key.address, finals[0].height]);
      const id = created.issues[created.issues.length - 1];
      share.append(shareLink(shell, id));
    } catch (e) {
      if (e.code !== 'CANCELLED') error.textContent = describe(t, e);
    }
  });
}

function shareLink(shell, id) {
  const { el, t } = shell;
  const hash = `#/dvs/issue/${id}`;
  const url = `${location.origin}${location.pathname}${hash}`;
  const wrap = el('div', 'poll-share-inner');
  const a = link(hash, url, 'mono');
  a.id = 'poll-share';
  const copy = button(el, 'poll-share-copy', t('poll.share.copy'), 'secondary');
  const said = el('span', 'muted');
  said.setAttribute('role', 'status');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      said.textContent = t('poll.share.copied');
    } catch (e) {
      said.textContent = t('poll.share.copyByHand');
    }
  });
  wrap.append(el('p', 'ok', t('poll.share.created', { id })), a, copy, said);
  return wrap;
}
