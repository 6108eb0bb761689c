// An issue's phases as a timeline: each phase with the height it ends at (planned from the
// community's phase lengths, the current one from the node's phaseEnd), the current phase
// marked, and a countdown in blocks with an estimated time from the recent block interval.
import { phaseKey } from './common.js';

const DELIBERATIVE = ['ADMISSION', 'DISCUSSION', 'VERIFICATION', 'VOTING', 'CLOSED'];
const POLL = ['VOTING', 'CLOSED'];
const LENGTH = { ADMISSION: 'admissionBlocks', DISCUSSION: 'discussionBlocks', VERIFICATION: 'verificationBlocks', VOTING: 'votingBlocks' };

/** The ends of each phase: [{phase, end}] (CLOSED: the height it closed or will close at). */
export function phaseEnds(issue, params) {
  const order = issue.mode === 'deliberative' ? DELIBERATIVE : POLL;
  const current = order.indexOf(issue.phase);
  const ends = [];
  let h = issue.createdHeight;
  for (let k = 0; k < order.length - 1; k++) {
    const phase = order[k];
    if (k === current) h = issue.phaseEnd;
    else if (phase === 'VOTING' && issue.votingStart > 0 && k < current) h = issue.votingStart + params.votingBlocks;
    else h += params[LENGTH[phase]];
    ends.push({ phase, end: h });
  }
  ends.push({ phase: 'CLOSED', end: issue.phase === 'CLOSED' ? issue.phaseEnd : h });
  return ends;
}

/** "about 2 min 5 s" for `blocks` at `intervalMillis` each (null: unknown). */
export function estimate(t, blocks, intervalMillis) {
  if (intervalMillis === null || !(intervalMillis > 0)) return '';
  let s = Math.round((blocks * intervalMillis) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const parts = [];
  if (d) parts.push(t('dvs.time.d', { n: d }));
  if (h) parts.push(t('dvs.time.h', { n: h }));
  if (m && !d) parts.push(t('dvs.time.m', { n: m }));
  if (!d && !h) parts.push(t('dvs.time.s', { n: s }));
  return t('dvs.time.about', { time: parts.join(' ') });
}

export function timeline(shell, issue, params, head, intervalMillis) {
  const { el, t } = shell;
  const wrap = el('div');
  const ol = el('ol', 'dvs-timeline');
  ol.id = 'dvs-timeline';
  for (const { phase, end } of phaseEnds(issue, params)) {
    const li = el('li', phase === issue.phase ? 'current' : '');
    if (phase === issue.phase) li.setAttribute('aria-current', 'step');
    li.append(el('span', 'dvs-phase-name', t(phaseKey(phase))),
      el('span', 'muted num', t(phase === 'CLOSED' ? 'dvs.timeline.at' : 'dvs.timeline.until', { height: end })));
    ol.append(li);
  }
  const countdown = el('p', 'dvs-countdown');
  countdown.id = 'dvs-countdown';
  if (issue.phase === 'CLOSED') {
    countdown.textContent = t('dvs.countdown.closed', { height: issue.phaseEnd });
  } else {
    const left = Math.max(0, issue.phaseEnd - head);
    countdown.textContent = t('dvs.countdown', { phase: t(phaseKey(issue.phase)), height: issue.phaseEnd, blocks: left, time: estimate(t, left, intervalMillis) });
  }
  wrap.append(ol, countdown);
  return wrap;
}
