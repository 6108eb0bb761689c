// The ballot methods a browser recount can run (lib/dvs/recount.js), as the ledger's tally
// library counts them (org.bcos.ledger.dvs.tally + DvsMethodTally): BigInt weights, the same
// validation (an invalid ballot's weight is not counted), the same ties and outcomes.
// Schulze and IRV are not ported yet: their recount says it is not available in the browser.

export const METHODS_IN_BROWSER = ['YES_NO', 'SINGLE_CHOICE', 'APPROVAL', 'SCORE', 'QUADRATIC'];

function ballotOptions(issue) {
  return issue.options.filter((o) => o.onBallot).map((o) => o.index);
}

/** Issue option index of a ballot's first choice (DvsRegions.firstChoice); -1 status quo / none. */
export function firstChoice(issue, c) {
  const onBallot = ballotOptions(issue);
  if (c.choice !== undefined) return c.choice;
  if (c.option !== undefined) return onBallot[c.option];
  if (c.options !== undefined) return c.options.length === 0 ? -1 : onBallot[c.options[0]];
  if (c.ranks !== undefined) {
    let best = -1;
    let bestRank = null;
    c.ranks.forEach((r, i) => {
      if (r > 0n && (bestRank === null || r < bestRank)) { bestRank = r; best = i; }
    });
    return best < 0 || best >= onBallot.length ? -1 : onBallot[best];
  }
  let best = -1;
  c.values.forEach((v, i) => {
    if (v > 0n && (best < 0 || v > c.values[best])) best = i;
  });
  return best < 0 ? -1 : onBallot[best];
}

/** Whether the content is a valid ballot of the method (BallotValidator). */
function valid(issue, c, n) {
  switch (issue.rules.method) {
    case 'YES_NO': return true;
    case 'SINGLE_CHOICE': return c.option >= 0 && c.option < n;
    case 'APPROVAL': {
      if (c.options.length === 0) return false;
      const seen = new Set(c.options);
      return seen.size === c.options.length && c.options.every((o) => o >= 0 && o < n);
    }
    case 'SCORE':
      return c.values.length === n && c.values.every((v) => v >= 0n && v <= BigInt(issue.rules.maxScore));
    case 'QUADRATIC': {
      if (c.values.length !== n || c.values.every((v) => v === 0n)) return false;
      return c.values.reduce((s, v) => s + v * v, 0n) <= BigInt(issue.rules.voiceCredits);
    }
    default: return false;
  }
}

function quorumWeight(electorateWeight, bps) {
  return (electorateWeight * BigInt(bps) + 9_999n) / 10_000n;
}

/**
 * Counts weighted ballots [{weight, content}] with the issue's method: {outcome, totals (per issue
 * option; yes/no: yes, no, abstain, veto), winners (issue option indices), countedWeight, quorumMet}.
 */
export function countMethod(issue, ballots, electorateWeight) {
  const method = issue.rules.method;
  if (!METHODS_IN_BROWSER.includes(method)) throw new Error(`no browser count for ${method}`);
  const onBallot = ballotOptions(issue);
  const n = method === 'YES_NO' ? 4 : onBallot.length;
  const sums = new Array(n).fill(0n);
  let counted = 0n;
  for (const { weight, content } of ballots) {
    if (!valid(issue, content, n)) continue;
    counted += weight;
    if (method === 'YES_NO') sums[content.choice] += weight;
    else if (method === 'SINGLE_CHOICE') sums[content.option] += weight;
    else if (method === 'APPROVAL') for (const o of content.options) sums[o] += weight;
    else content.values.forEach((v, i) => { sums[i] += weight * v; });
  }
  const quorum = quorumWeight(electorateWeight, issue.rules.quorumBps);
  if (method === 'YES_NO') return yesNo(issue.rules, sums, counted, quorum);
  const totals = issue.options.map((o) => (onBallot.includes(o.index) ? sums[onBallot.indexOf(o.index)] : 0n));
  let winners = [];
  if (counted > 0n && n > 0) {
    const top = sums.reduce((m, v) => (v > m ? v : m), sums[0]);
    winners = sums.map((v, i) => (v === top ? onBallot[i] : null)).filter((x) => x !== null).sort((a, b) => a - b);
  }
  const quorumMet = counted >= quorum;
  const outcome = !quorumMet ? 'QUORUM_NOT_MET' : counted === 0n || winners.length === 0 ? 'NO_VOTES'
    : winners.length > 1 ? 'TIE' : winners[0] === -1 ? 'STATUS_QUO' : 'DECIDED';
  return { outcome, totals, winners, countedWeight: counted, quorumMet };
}

function yesNo(rules, [yes, no, abstain, veto], turnout, quorum) {
  let outcome;
  if (turnout < quorum) outcome = 'QUORUM_NOT_MET';
  else if (rules.vetoBps > 0 && veto * 10_000n > BigInt(rules.vetoBps) * turnout) outcome = 'VETOED';
  else {
    const decisive = yes + no + veto;
    outcome = decisive > 0n && yes * 10_000n > BigInt(rules.thresholdBps) * decisive ? 'PASSED' : 'REJECTED';
  }
  return { outcome, totals: [yes, no, abstain, veto], winners: [], countedWeight: turnout, quorumMet: outcome !== 'QUORUM_NOT_MET' };
}
