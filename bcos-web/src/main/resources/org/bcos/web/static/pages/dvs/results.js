// An issue's results inside its page (#/dvs/issue/<id>, docs/web/results.md): the live tally
// (dvsTally over the socket, one per block, then the final result once) as an SVG bar chart and a
// table; the regional breakdown as the ledger merged it (table and a map-like grid); after the
// close the result, the ranking explained (Schulze matrices, IRV rounds), "verify my ballot"
// (dvs_proof checked here against dvs_result's ballots root) and a recount in this browser.
import { issueShape } from '../../lib/dvs/ballot.js';
import { verifyBallotProof } from '../../lib/dvs/merkle.js';
import { recountIssue, MAX_RECOUNT_ENTRIES, METHODS_IN_BROWSER } from '../../lib/dvs/recount.js';
import { normalizeAddress } from '../../lib/address.js';
import { jsonText } from '../../net/json.js';
import { table, pairs } from '../../ui/dom.js';
import { describeBallot } from './ballot-form.js';
import { errorText, methodKey } from './common.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Colours of the leading option in the map cells (css/results.css .results-lead-0 … -7). */
const LEADS = 8;
const CHOICES = ['yes', 'no', 'abstain', 'veto'];
const RANKED = ['SCHULZE', 'IRV'];
/**
 * Chart geometry: the viewBox is as wide as the chart's box in CSS pixels (300..600), so text
 * keeps its size on a phone; labels take 30 %, bars at most 48 %, the figures the rest.
 */
const CHART_MIN = 300;
const CHART_MAX = 600;

/** Basis points of part/whole as "12.5%" (integer arithmetic). */
export function percent(part, whole) {
  const w = BigInt(whole);
  if (w <= 0n) return '0%';
  const tenths = (BigInt(part) * 1000n + w / 2n) / w;
  const neg = tenths < 0n;
  const a = neg ? -tenths : tenths;
  return `${neg ? '-' : ''}${a / 10n}.${a % 10n}%`;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}

export function mountResults(container, shell, issueId) {
  const { el, t, call, socket, session } = shell;
  const state = { issue: null, community: null, tally: null, final: null, stopped: false };
  const stops = [];

  const heading = el('h2', null, t('results.title'));
  const status = el('p', 'muted results-status');
  status.id = 'results-status';
  status.setAttribute('aria-live', 'polite');
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const chartBox = el('div', 'results-chart');
  const summary = el('div', 'results-summary');
  const totalsBox = el('div', 'results-totals');
  totalsBox.id = 'results-totals';
  const live = el('div', 'results-live');
  live.append(chartBox, totalsBox);
  const regionsCard = el('section', 'results-regions');
  regionsCard.id = 'results-regions';
  const finalCard = el('section', 'results-final');
  finalCard.id = 'results-final';
  const verifyCard = el('section', 'results-verify');
  verifyCard.id = 'results-verify';
  const recountCard = el('section', 'results-recount');
  recountCard.id = 'results-recount';
  container.id = 'results';
  container.append(heading, status, error, live, summary, regionsCard, finalCard, verifyCard, recountCard);

  const optionName = (i) => {
    if (i === -1) return t('results.statusQuo');
    return state.issue?.options?.[i]?.text ?? `#${i}`;
  };
  const labels = () => (state.issue.rules.method === 'YES_NO'
    ? CHOICES.map((c) => t(`results.choice.${c}`))
    : state.issue.options.map((o) => o.text));
  const showError = (e) => { error.textContent = errorText(e); };

  async function start() {
    try {
      state.issue = await call('dvs_getIssue', [issueId]);
      state.community = await call('dvs_getCommunity', [state.issue.community]);
    } catch (e) {
      showError(e);
      return;
    }
    if (state.stopped) return;
    drawVerify();
    if (state.issue.phase === 'VOTING' || state.issue.phase === 'CLOSED') follow();
    else waitForVoting();
  }

  function waitForVoting() {
    status.textContent = t('results.notVoting');
    const unsub = socket.subscribe('newBlocks', undefined, async () => {
      try {
        const issue = await call('dvs_getIssue', [issueId]);
        if (issue.phase === 'VOTING' || issue.phase === 'CLOSED') {
          unsub();
          state.issue = issue;
          follow();
        }
      } catch (e) {
        showError(e);
      }
    });
    stops.push(unsub);
  }

  async function follow() {
    try {
      const tally = await call('dvs_tally', [issueId]);
      onTally(tally);
    } catch (e) {
      if (e?.data?.reason === 'NOT_VOTING') status.textContent = t('results.noVote');
      else showError(e);
      return;
    }
    if (state.tally?.final || state.stopped) return; // a closed issue has nothing to follow
    stops.push(socket.subscribe('dvsTally', issueId, onTally));
  }

  function onTally(tally) {
    if (state.stopped || (state.tally && state.tally.final)) return;
    if (state.tally && !tally.final && tally.height < state.tally.height) return;
    state.tally = tally;
    status.textContent = tally.final
      ? t('results.finalAt', { height: tally.height })
      : t('results.provisionalAt', { height: tally.height, end: state.issue.phaseEnd });
    status.dataset.height = String(tally.height);
    drawChart(tally);
    drawSummary(tally);
    drawRegions(tally);
    if (tally.final && !state.final) loadFinal();
  }

  function rows(tally) {
    const names = labels();
    // value: for the chart's geometry; exact: the figure shown (a BigInt beyond 2^53, net/json.js)
    const out = tally.totals.map((v, i) => ({ index: i, name: names[i] ?? `#${i}`, value: Number(v), exact: BigInt(v) }));
    if (state.issue.rules.method !== 'YES_NO') return out.filter((r) => state.issue.options[r.index]?.onBallot !== false);
    return out;
  }

  function drawChart(tally) {
    const list = rows(tally);
    const sum = list.reduce((s, r) => s + (r.exact > 0n ? r.exact : 0n), 0n);
    const max = list.reduce((m, r) => Math.max(m, Math.abs(r.value)), 0) || 1;
    const bar = 28;
    const gap = 14;
    const height = list.length * (bar + gap) + gap;
    const width = Math.max(CHART_MIN, Math.min(CHART_MAX, Math.floor(chartBox.clientWidth) || CHART_MAX));
    drawnWidth = chartBox.clientWidth;
    const labelWidth = Math.round(width * 0.3);
    const barMax = Math.round(width * 0.48);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'results-svg' });
    chart.id = 'results-chart';
    const ranked = RANKED.includes(state.issue.rules.method);
    chart.append(svg('title', {}, t(ranked ? 'results.chart.titleRanked' : 'results.chart.title', { height: tally.height })));
    const winners = new Set(tally.winners ?? []);
    list.forEach((r, k) => {
      const y = gap + k * (bar + gap);
      const w = Math.round((Math.abs(r.value) / max) * barMax);
      const cls = `results-bar${winners.has(r.index) && tally.final ? ' results-bar-win' : ''}${r.value < 0 ? ' results-bar-neg' : ''}`;
      chart.append(svg('text', { x: 0, y: y + bar * 0.7, class: 'results-bar-label' }, clip(r.name, Math.floor(labelWidth / 8))));
      const rect = svg('rect', { x: labelWidth, y, width: Math.max(w, 1), height: bar, rx: 3, class: cls });
      rect.dataset.option = String(r.index);
      rect.dataset.value = String(r.exact);
      chart.append(rect);
      chart.append(svg('text', { x: labelWidth + Math.max(w, 1) + 6, y: y + bar * 0.7, class: 'results-bar-value' },
        `${r.exact.toLocaleString('en')} · ${percent(r.exact > 0n ? r.exact : 0n, sum)}`));
    });
    chartBox.replaceChildren(chart);

    const tbl = table('results-table', [t('results.col.option'), t(ranked ? 'results.col.firstChoices' : 'results.col.total'), t('results.col.share')]);
    const cap = el('caption', null, t('results.table.caption', { height: tally.height }));
    tbl.prepend(cap);
    for (const r of list) {
      const tr = el('tr');
      tr.append(el('td', null, r.name), el('td', 'num', r.exact.toLocaleString('en')), el('td', 'num', percent(r.exact > 0n ? r.exact : 0n, sum)));
      tbl.tBodies[0].append(tr);
    }
    totalsBox.replaceChildren(scroll(tbl));
  }

  function drawSummary(tally) {
    const outcome = t(tally.final ? 'results.outcome.final' : 'results.outcome.soFar', { outcome: t(`results.outcomeName.${tally.outcome}`) });
    const items = [
      [t('results.outcome'), outcome],
      [t('results.counted'), t('results.ofElectorate', { counted: tally.countedWeight, electorate: tally.electorateWeight })],
      [t('results.turnout'), percent(tally.turnoutBps, 10_000)],
      [t('results.quorum'), t(tally.quorumMet ? 'results.yes' : 'results.no')],
      [t('results.ballots'), String(tally.ballots)],
    ];
    if (tally.winners && tally.winners.length > 0) items.push([t('results.winners'), tally.winners.map(optionName).join(', ')]);
    if (tally.unverifiedIdentity) items.push([t('results.identity'), t('results.unverified')]);
    const dl = pairs('results-pairs', items);
    dl.id = 'results-summary';
    summary.replaceChildren(dl);
  }

  /**
   * The regional breakdown as a table and a map-like grid. When the node gives each cell's
   * electorate (members' electorates), members and weight read "counted of electorate" with the
   * cell's turnout, and regions where nothing was counted follow, with counts only.
   */
  function drawRegions(tally) {
    const regions = tally.regions ?? [];
    const silent = tally.regionsWithoutVotes ?? [];
    regionsCard.replaceChildren(el('h3', null, t('results.regions.title')));
    if (regions.length === 0 && silent.length === 0) {
      regionsCard.append(el('p', 'muted', t('results.regions.none')));
      return;
    }
    const withTurnout = regions.length > 0 ? regions[0].turnoutBps !== undefined : silent.length > 0;
    const min = Number(state.community.params.minCellSize);
    regionsCard.append(el('p', 'muted', t(min > 1 ? 'results.regions.merged' : 'results.regions.unmerged', { min })));
    if (withTurnout) regionsCard.append(el('p', 'muted', t('results.regions.turnout')));
    const names = labels();
    const heads = [t('results.col.region'), t('results.col.members'), t('results.col.weight')];
    if (withTurnout) heads.push(t('results.col.turnout'));
    const tbl = table('results-table results-compact', [...heads, t('results.col.leading')]);
    tbl.id = 'results-regions-table';
    const grid = el('div', 'results-map');
    grid.id = 'results-map';
    grid.setAttribute('role', 'list');
    grid.setAttribute('aria-label', t('results.map.label'));
    const rows = [...regions.map((r) => ({ ...r, silent: false })),
      ...silent.map((r) => ({ ...r, members: 0, weight: 0, firstChoices: [], turnoutBps: 0, silent: true }))];
    const totalWeight = rows.reduce((s, r) => s + Number(withTurnout ? r.electorateWeight : r.weight), 0) || 1;
    for (const r of rows) {
      const lead = leading(r.firstChoices);
      const leadText = r.silent ? t('results.regions.noVotes') : lead < 0 ? t('results.regions.hidden')
        : `${names[lead] ?? `#${lead}`} (${percent(r.firstChoices[lead], r.weight)})`;
      const members = withTurnout ? t('results.ofRoll', { counted: r.members, roll: r.electorateMembers }) : String(r.members);
      const weight = withTurnout ? t('results.ofRoll', { counted: r.weight, roll: r.electorateWeight }) : String(r.weight);
      const turnout = percent(r.turnoutBps ?? 0, 10_000);
      const tr = el('tr');
      tr.append(el('td', null, r.region), el('td', 'num', members), el('td', 'num', weight));
      if (withTurnout) tr.append(el('td', 'num', turnout));
      tr.append(el('td', null, leadText));
      tbl.tBodies[0].append(tr);
      const share = Number(withTurnout ? r.electorateWeight : r.weight) / totalWeight;
      const size = share >= 0.4 ? 4 : share >= 0.2 ? 3 : share >= 0.1 ? 2 : 1;
      const cell = el('div', `results-cell results-size-${size} ${lead < 0 ? 'results-lead-none' : `results-lead-${lead % LEADS}`}`);
      cell.setAttribute('role', 'listitem');
      cell.append(el('strong', null, r.region), el('span', null, t('results.map.members', { members, weight })));
      if (withTurnout) cell.append(el('span', null, t('results.map.turnout', { turnout })));
      cell.append(el('span', null, leadText));
      grid.append(cell);
    }
    regionsCard.append(grid, scroll(tbl));
  }

  function leading(choices) {
    let best = -1;
    choices.forEach((v, i) => {
      if (BigInt(v) > 0n && (best < 0 || BigInt(v) > BigInt(choices[best]))) best = i;
    });
    return best;
  }

  async function loadFinal() {
    try {
      state.final = await call('dvs_result', [issueId]);
      state.issue = await call('dvs_getIssue', [issueId]);
    } catch (e) {
      showError(e);
      return;
    }
    const r = state.final;
    finalCard.replaceChildren(el('h3', null, t('results.final.title')));
    const root = el('code', 'results-hash', r.ballotsRoot);
    root.id = 'results-ballots-root';
    finalCard.append(pairs('results-pairs', [
      [t('results.outcome'), t(`results.outcomeName.${r.outcome}`)],
      [t('results.winners'), r.winners.length ? r.winners.map(optionName).join(', ') : '—'],
      [t('results.ballotsRoot'), root],
      [t('results.action'), r.action || '—'],
    ]));
    drawRecount();
    try {
      const ranking = await call('dvs_ranking', [issueId, true]);
      drawRanking(ranking);
    } catch (e) {
      if (e?.data?.reason !== 'NOT_VOTING') showError(e);
    }
  }

  function drawRanking(k) {
    const box = el('div', 'results-ranking');
    box.id = 'results-ranking';
    box.append(el('h3', null, t('results.ranking.title')));
    const method = k.method;
    if (method === 'YES_NO') {
      const tbl = table('results-table results-compact', [t('results.col.place'), t('results.col.choice'), t('results.col.weight')]);
      for (const e of k.ranking) {
        const tr = el('tr');
        tr.append(el('td', 'num', String(e.place)), el('td', null, t(`results.choice.${e.choice === 'noWithVeto' ? 'veto' : e.choice}`)), el('td', 'num', String(e.weight)));
        tbl.tBodies[0].append(tr);
      }
      box.append(scroll(tbl));
      if (k.decision) {
        box.append(el('p', 'muted', t('results.ranking.decision', {
          share: percent(k.decision.yesShareBps, 10_000), threshold: percent(k.decision.thresholdBps, 10_000),
          turnout: k.decision.turnoutWeight, quorum: k.decision.quorumWeight })));
      }
    } else {
      const extra = method === 'SCHULZE' ? [t('results.col.firstChoices'), t('results.col.beats'), t('results.col.beatenBy')]
        : method === 'IRV' ? [t('results.col.firstChoices'), t('results.col.eliminated')] : [t('results.col.total')];
      const tbl = table('results-table results-compact', [t('results.col.place'), t('results.col.option'), ...extra]);
      for (const e of k.ranking) {
        const tr = el('tr');
        tr.append(el('td', 'num', String(e.place)), el('td', null, optionName(e.option)));
        if (method === 'SCHULZE') tr.append(el('td', 'num', String(e.firstChoices)), el('td', 'num', String(e.beats)), el('td', 'num', String(e.beatenBy)));
        else if (method === 'IRV') tr.append(el('td', 'num', String(e.firstChoices)), el('td', null, e.eliminatedInRound ? t('results.round', { round: e.eliminatedInRound }) : '—'));
        else tr.append(el('td', 'num', String(e.total)));
        tbl.tBodies[0].append(tr);
      }
      box.append(scroll(tbl));
    }
    if (k.pairwise && k.candidates) {
      box.append(matrix(k.candidates, k.pairwise, 'results-pairwise', t('results.matrix.pairwise')));
      box.append(matrix(k.candidates, k.strongestPaths, 'results-paths', t('results.matrix.paths')));
    }
    if (k.rounds) box.append(rounds(k.rounds));
    finalCard.append(box);
  }

  function matrix(candidates, m, id, caption) {
    const wrap = el('div', 'results-scroll');
    const tbl = table('results-table results-compact results-matrix', ['', ...candidates.map(optionName)]);
    tbl.id = id;
    tbl.prepend(el('caption', null, caption));
    candidates.forEach((c, i) => {
      const tr = el('tr');
      tr.append(el('th', null, optionName(c)));
      candidates.forEach((_, j) => {
        const better = i !== j && Number(m[i][j]) > Number(m[j][i]);
        tr.append(el('td', `num${better ? ' results-beats' : ''}`, i === j ? '—' : String(m[i][j])));
      });
      tbl.tBodies[0].append(tr);
    });
    wrap.append(tbl);
    return wrap;
  }

  function rounds(list) {
    const box = el('div', 'results-rounds');
    box.id = 'results-rounds';
    const ol = el('ol');
    for (const r of list) {
      const totals = r.totals.map((x) => `${optionName(x.option)} ${x.weight}`).join(', ');
      let what;
      if (r.elected !== undefined) what = t('results.irv.elected', { option: optionName(r.elected) });
      else {
        const moved = (r.transfers ?? []).map((x) => `${optionName(x.option)} +${x.weight}`);
        if (r.exhaustedByTransfer) moved.push(t('results.irv.exhausted', { weight: r.exhaustedByTransfer }));
        what = t('results.irv.eliminated', { option: optionName(r.eliminated), reason: t(`results.irv.reason.${r.reason}`), moved: moved.join(', ') || '—' });
      }
      ol.append(el('li', null, t('results.irv.round', { round: r.round, totals, exhausted: r.exhaustedWeight, what })));
    }
    box.append(el('h4', null, t('results.irv.title')), ol);
    return box;
  }

  function drawVerify() {
    verifyCard.replaceChildren(el('h3', null, t('results.verify.title')));
    const form = el('form', 'results-form');
    const label = el('label', null, t('results.verify.voter'));
    label.htmlFor = 'results-voter';
    const input = el('input');
    input.id = 'results-voter';
    input.autocomplete = 'off';
    input.spellcheck = false;
    const mine = session.active();
    input.placeholder = mine ? mine.address : 'dd1…';
    const button = el('button', 'primary', t('results.verify.button'));
    button.type = 'submit';
    button.id = 'results-verify-button';
    const out = el('div', 'results-verify-out');
    out.id = 'results-verify-out';
    out.setAttribute('aria-live', 'polite');
    form.append(label, input, button);
    verifyCard.append(el('p', 'muted', t('results.verify.help')), form, out);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      verify(input.value.trim() || session.active()?.address || '', out);
    });
  }

  async function verify(text, out) {
    out.replaceChildren();
    if (!state.issue) return; // the issue is still loading
    const say = (cls, msg) => {
      const p = el('p', cls, msg);
      p.id = 'results-verify-status';
      out.prepend(p);
    };
    if (!text) {
      say('error', t('results.verify.needVoter'));
      const a = el('a', null, t('results.verify.wallet'));
      a.href = '#/wallet';
      out.append(a);
      return;
    }
    let voter;
    try {
      voter = normalizeAddress(text);
    } catch (e) {
      say('error', t('results.verify.badAddress', { reason: e.reason || e.code || e.message }));
      return;
    }
    let result;
    try {
      result = await call('dvs_result', [issueId]);
    } catch (e) {
      say('error', e?.data?.reason === 'NOT_FOUND' ? t('results.verify.notClosed') : errorText(e));
      return;
    }
    let proof;
    try {
      proof = await call('dvs_proof', [issueId, voter]);
    } catch (e) {
      say('error', e?.data?.reason === 'NOT_FOUND' ? t('results.verify.noBallot', { voter, issue: issueId }) : errorText(e));
      return;
    }
    const check = await verifyBallotProof(proof, result.ballotsRoot);
    let ballot = null;
    try {
      ballot = await call('dvs_getBallot', [issueId, voter]);
    } catch (e) {
      showError(e);
    }
    const sameContent = ballot && jsonText(ballot.parts) === jsonText(proof.parts);
    if (check.ok && sameContent) say('ok', t('results.verify.ok', { index: proof.index + 1, size: proof.size }));
    else if (check.ok) say('error', t('results.verify.contentDiffers'));
    else say('error', t('results.verify.failed', { code: check.code }));
    const shape = issueShape(state.issue);
    const lines = describeBallot(shell, state.issue, shape, (ballot ?? proof).parts);
    out.append(pairs('results-pairs', [
      [t('results.verify.voterLabel'), voter],
      [t('results.verify.ballot'), lines.join(' / ')],
      [t('results.verify.leaf'), check.leaf ?? '—'],
      [t('results.verify.path'), t('results.verify.pathLength', { n: proof.path.length })],
      [t('results.ballotsRoot'), result.ballotsRoot],
    ]));
  }

  function drawRecount() {
    recountCard.replaceChildren(el('h3', null, t('results.recount.title')));
    const method = state.issue.rules.method;
    const out = el('p', 'muted');
    out.id = 'results-recount-status';
    out.setAttribute('aria-live', 'polite');
    if (!METHODS_IN_BROWSER.includes(method)) {
      out.textContent = t('results.recount.unavailable', { method: t(methodKey(method)) });
      recountCard.append(out);
      return;
    }
    const button = el('button', 'primary', t('results.recount.button'));
    button.id = 'results-recount-button';
    button.type = 'button';
    recountCard.append(el('p', 'muted', t('results.recount.help', { limit: MAX_RECOUNT_ENTRIES.toLocaleString('en') })), button, out);
    button.addEventListener('click', () => runRecount(out));
  }

  async function runRecount(out) {
    out.className = 'muted';
    const estimate = Number(state.community.members) + Number(state.final.ballots);
    if (estimate > MAX_RECOUNT_ENTRIES) {
      out.textContent = t('results.recount.tooLarge', { count: estimate, limit: MAX_RECOUNT_ENTRIES });
      return;
    }
    out.textContent = t('results.recount.running');
    try {
      const raw = await call('dvs_rawIssueData', [issueId]);
      const r = await recountIssue(raw, state.issue, state.community);
      out.className = r.match ? 'ok' : 'error';
      out.textContent = r.match ? t('results.recount.match', { ballots: r.mine.ballots })
        : t('results.recount.mismatch', { fields: r.diffs.join(', ') });
    } catch (e) {
      out.className = 'error';
      // RecountError: RECOUNT_TOO_LARGE (entries, or Schulze pairs), RAW_DATA_INVALID, …
      out.textContent = t('results.recount.failed', { reason: errorText(e) });
    }
  }

  // the chart's viewBox follows its box's width: redraw when the window changes size
  let drawnWidth = 0;
  const onResize = () => {
    if (state.tally && Math.abs(chartBox.clientWidth - drawnWidth) > 16) drawChart(state.tally);
  };
  window.addEventListener('resize', onResize);
  stops.push(() => window.removeEventListener('resize', onResize));
  start();
  return () => {
    state.stopped = true;
    for (const s of stops) s();
  };
}

/** A table in a box that scrolls sideways on a narrow screen (the page itself never does). */
function scroll(tbl) {
  const box = document.createElement('div');
  box.className = 'results-scroll';
  box.append(tbl);
  return box;
}

function clip(text, n) {
  const s = String(text);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
