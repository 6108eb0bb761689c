// The ballot methods a browser recount can run (lib/dvs/recount.js), as the ledger's tally
// library counts them (org.bcos.ledger.dvs.tally + DvsMethodTally): BigInt weights, the same
// validation (an invalid ballot's weight is not counted), the same ties and outcomes.
// All seven methods; a method missing here would be shown as "not available in the browser".

export const METHODS_IN_BROWSER = ['YES_NO', 'SINGLE_CHOICE', 'APPROVAL', 'SCORE', 'QUADRATIC', 'SCHULZE', 'IRV'];
/** Ranks and options are Java ints: a value beyond them makes the ballot invalid. */
const INT_MAX = 2_147_483_647n;

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
    case 'SCHULZE':
    case 'IRV': return rankingValid(issue, c.ranks, n);
    default: return false;
  }
}

function statusQuo(issue) {
  return issue.mode === 'deliberative' && issue.rules.method === 'SCHULZE';
}

/** BallotValidator.rankingProblem: length n (or n + 1 with the status quo), ranks 0..candidates. */
function rankingValid(issue, ranks, n) {
  const candidates = statusQuo(issue) ? n + 1 : n;
  if (ranks.length !== n && ranks.length !== candidates) return false;
  if (ranks.some((r) => r < 0n || r > BigInt(candidates) || r > INT_MAX)) return false;
  if (ranks.every((r) => r === 0n)) return false;
  if (issue.rules.method === 'IRV') {
    const used = ranks.filter((r) => r !== 0n).map(String);
    if (new Set(used).size !== used.length) return false;
  }
  return true;
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
    else if (content.values) content.values.forEach((v, i) => { sums[i] += weight * v; });
  }
  const quorum = quorumWeight(electorateWeight, issue.rules.quorumBps);
  if (method === 'YES_NO') return yesNo(issue.rules, sums, counted, quorum);
  if (method === 'SCHULZE' || method === 'IRV') {
    const valids = ballots.filter((b) => valid(issue, b.content, n));
    const winners = method === 'SCHULZE' ? schulzeWinners(issue, valids, n, counted) : irvWinners(valids, n, counted);
    return decided(winners.map((w) => (w >= n ? -1 : onBallot[w])), null, counted, quorum);
  }
  const totals = issue.options.map((o) => (onBallot.includes(o.index) ? sums[onBallot.indexOf(o.index)] : 0n));
  let winners = [];
  if (counted > 0n && n > 0) {
    const top = sums.reduce((m, v) => (v > m ? v : m), sums[0]);
    winners = sums.map((v, i) => (v === top ? onBallot[i] : null)).filter((x) => x !== null).sort((a, b) => a - b);
  }
  return decided(winners, totals, counted, quorum);
}

/** DvsMethodTally.decided: the outcome of a method with winners. totals null: first choices. */
function decided(winners, totals, counted, quorum) {
  const quorumMet = counted >= quorum;
  const outcome = !quorumMet ? 'QUORUM_NOT_MET' : counted === 0n || winners.length === 0 ? 'NO_VOTES'
    : winners.length > 1 ? 'TIE' : winners[0] === -1 ? 'STATUS_QUO' : 'DECIDED';
  return { outcome, totals, winners, countedWeight: counted, quorumMet };
}

/**
 * SchulzeTally: pairwise d[i][j] (weight ranking i above j; unranked below every ranked), the
 * strongest paths, and the candidates nobody beats (candidate n is the status quo).
 */
export function schulzeMatrices(issue, ballots, n) {
  const c = statusQuo(issue) ? n + 1 : n;
  const d = Array.from({ length: c }, () => new Array(c).fill(0n));
  for (const { weight, content } of ballots) {
    const eff = Array.from({ length: c }, (_, i) => {
      const r = i < content.ranks.length ? content.ranks[i] : 0n;
      return r === 0n ? INT_MAX + 1n : r;
    });
    for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) if (eff[i] < eff[j]) d[i][j] += weight;
  }
  const p = Array.from({ length: c }, (_, i) => d[i].map((v, j) => (i !== j && v > d[j][i] ? v : 0n)));
  for (let k = 0; k < c; k++) {
    for (let i = 0; i < c; i++) {
      if (i === k || p[i][k] === 0n) continue;
      for (let j = 0; j < c; j++) {
        if (j === i || j === k) continue;
        const via = p[i][k] < p[k][j] ? p[i][k] : p[k][j];
        if (via > p[i][j]) p[i][j] = via;
      }
    }
  }
  return { d, p, c };
}

function schulzeWinners(issue, ballots, n, counted) {
  if (counted === 0n) return [];
  const { p, c } = schulzeMatrices(issue, ballots, n);
  const out = [];
  for (let i = 0; i < c; i++) {
    let beaten = false;
    for (let j = 0; j < c; j++) if (p[j][i] > p[i][j]) beaten = true;
    if (!beaten) out.push(i);
  }
  return out;
}

/**
 * IrvTally until a winner: an option with more than half the continuing weight (or the last
 * one); the loser is the fewest, ties broken by the latest earlier round where they differed,
 * else the highest index goes first. Returns [winner] or [] when nothing was counted.
 */
export function irvWinners(ballots, n, counted) {
  if (counted === 0n) return [];
  const orders = ballots.map(({ content }) => content.ranks
    .map((r, option) => [r, option]).filter(([r]) => r !== 0n)
    .sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] - b[1])).map(([, o]) => o));
  const position = orders.map(() => 0);
  const continuing = new Array(n).fill(true);
  const totals = new Array(n).fill(0n);
  orders.forEach((o, b) => { totals[o[0]] += ballots[b].weight; });
  const history = [];
  let exhausted = 0n;
  let remaining = n;
  const latestDifference = (a, b) => {
    for (let r = history.length - 1; r >= 0; r--) if (history[r][a] !== history[r][b]) return r;
    return -1;
  };
  const lessOrTiedLater = (a, b) => {
    if (totals[a] !== totals[b]) return totals[a] < totals[b];
    const r = latestDifference(a, b);
    return r < 0 || history[r][a] < history[r][b];
  };
  for (;;) {
    const active = counted - exhausted;
    let leader = -1;
    for (let i = 0; i < n; i++) if (continuing[i] && (leader < 0 || totals[i] > totals[leader])) leader = i;
    if (remaining === 1 || totals[leader] > active - totals[leader]) return [leader];
    let loser = -1;
    for (let i = 0; i < n; i++) if (continuing[i] && (loser < 0 || lessOrTiedLater(i, loser))) loser = i;
    history.push(totals.slice());
    continuing[loser] = false;
    totals[loser] = 0n;
    orders.forEach((o, b) => {
      if (o[position[b]] !== loser || position[b] >= o.length) return;
      let q = position[b] + 1;
      while (q < o.length && !continuing[o[q]]) q++;
      position[b] = q;
      if (q === o.length) exhausted += ballots[b].weight;
      else totals[o[q]] += ballots[b].weight;
    });
    remaining--;
  }
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
