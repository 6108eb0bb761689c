// #/dvs/issue/<id>: the issue's method and phase timeline (admission → discussion → verification
// → voting → closed, with their heights; the current phase marked, a countdown in blocks and an
// estimated time from the recent block interval), its options or initiatives with supporters
// (supporting one while the issue is deliberated), the ballot while voting is open, my current
// ballot (dvs_getBallot) when a key is unlocked, and the results (pages/dvs/results.js).
import { issueShape, castBallot, support, validateBallot } from '../../lib/dvs/ballot.js';
import { errorText, issueTitle, methodKey, phaseKey, electorateKey } from './common.js';
import { ballotForm, describeBallot } from './ballot-form.js';
import { confirmAndSend } from './send.js';
import { timeline } from './timeline.js';

/** Blocks looked back over to estimate the block interval. */
export const INTERVAL_BLOCKS = 20;
const SUPPORT_PHASES = ['ADMISSION', 'DISCUSSION', 'VERIFICATION'];

export function render(root, shell, id, resultsContainer, mountResults) {
  const { el, t, call, socket, session } = shell;
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const showError = (e) => { error.textContent = t('error.rpc') + errorText(e); };
  const back = el('p');
  const backLink = el('a', null, t('dvs.back'));
  backLink.href = '#/dvs';
  back.append(backLink);
  const title = el('h1', null, t('dvs.issue.numbered', { id }));
  const facts = el('p', 'muted dvs-facts');
  const phases = el('section', 'card');
  const optionsCard = el('section', 'card');
  const ballotCard = el('section', 'card dvs-ballot');
  ballotCard.id = 'dvs-ballot';
  const mineCard = el('section', 'card');
  mineCard.id = 'dvs-my-ballot';
  root.append(back, title, facts, error, phases, optionsCard, ballotCard, mineCard, resultsContainer);

  const state = { issue: null, community: null, head: 0, intervalMillis: null, stopped: false };
  let stopSend = () => {};
  const stopResults = mountResults();

  async function load() {
    const issue = await call('dvs_getIssue', [id]);
    const changedPhase = !state.issue || state.issue.phase !== issue.phase;
    if (!state.community) state.community = await call('dvs_getCommunity', [issue.community]);
    state.issue = issue;
    state.shape = issueShape(issue);
    title.textContent = issueTitle(t, issue);
    facts.replaceChildren(
      t(methodKey(issue.rules.method)), ' · ', t(`dvs.mode.${issue.mode}`), ' · ',
      t(electorateKey(state.community.params.electorate)), ' · ');
    const cl = el('a', null, state.community.name);
    cl.href = `#/dvs/community/${state.community.id}`;
    facts.append(cl);
    drawPhases();
    await drawOptions();
    if (changedPhase) {
      drawBallot();
      await drawMine();
    }
  }

  function drawPhases() {
    phases.replaceChildren(el('h2', null, t('dvs.phases')),
      timeline(shell, state.issue, state.community.params, state.head, state.intervalMillis));
  }

  async function drawOptions() {
    const key = session.active();
    const r = await call('dvs_listInitiatives', key ? [id, key.address] : [id]);
    const deliberative = state.issue.mode === 'deliberative';
    const canSupport = deliberative && SUPPORT_PHASES.includes(r.phase) && key;
    const list = el('ol', 'dvs-options');
    list.id = 'dvs-options';
    for (const o of r.initiatives) {
      const li = el('li');
      li.append(el('span', 'dvs-text', o.text));
      if (deliberative) {
        const decided = r.phase === 'VOTING' || r.phase === 'CLOSED';
        li.append(el('span', 'muted', ` · ${t('dvs.supporters', { n: o.supporters })}${o.onBallot || !decided ? '' : ` · ${t('dvs.notOnBallot')}`}`));
      }
      if (deliberative && o.supported) li.append(el('span', 'dvs-supported', ` · ${t('dvs.supported')}`));
      if (canSupport) {
        // the support stands until withdrawn: the button offers the other of the two
        const withdraw = o.supported === true;
        const b = el('button', 'secondary', t(withdraw ? 'dvs.unsupport' : 'dvs.support'));
        b.type = 'button';
        b.id = `dvs-${withdraw ? 'unsupport' : 'support'}-${o.index}`;
        b.addEventListener('click', () => sendFlow(support(id, o.index, !withdraw),
          t(withdraw ? 'dvs.unsupport.summary' : 'dvs.support.summary', { text: o.text })));
        li.append(' ', b);
      }
      list.append(li);
    }
    optionsCard.replaceChildren(el('h2', null, t(deliberative ? 'dvs.initiatives' : 'dvs.options')), list);
  }

  function needKey(card) {
    const p = el('p', 'muted', t('dvs.needKey'));
    const a = el('a', null, t('dvs.openWallet'));
    a.href = '#/wallet';
    p.append(' ', a);
    card.append(p);
  }

  function drawBallot() {
    stopSend();
    const issue = state.issue;
    ballotCard.replaceChildren(el('h2', null, t('dvs.ballot')));
    if (issue.phase !== 'VOTING') {
      ballotCard.append(el('p', 'muted', t(issue.phase === 'CLOSED' ? 'dvs.ballot.closed' : 'dvs.ballot.notYet')));
      return;
    }
    if (!session.active()) {
      needKey(ballotCard);
      return;
    }
    const weighted = state.community.params.electorate === 'weighted';
    const form = el('form', 'dvs-ballot-form');
    form.noValidate = true;
    const parts = el('div', 'dvs-parts');
    const splitting = { on: false, forms: [] };
    const single = ballotForm(shell, issue, state.shape, 'dvs-b');
    parts.append(single.element);
    const problem = el('p', 'error');
    problem.id = 'dvs-ballot-problem';
    problem.setAttribute('role', 'alert');
    const cast = el('button', 'primary', t('dvs.ballot.cast'));
    cast.type = 'submit';
    cast.id = 'dvs-cast';
    form.append(parts);
    let weight = 0n;
    if (weighted) {
      const split = el('input');
      split.type = 'checkbox';
      split.id = 'dvs-split';
      const label = el('label', 'dvs-choice');
      label.htmlFor = split.id;
      label.append(split, el('span', null, t('dvs.split')));
      const sum = el('p', 'muted');
      sum.id = 'dvs-split-sum';
      sum.setAttribute('aria-live', 'polite');
      const add = el('button', 'secondary', t('dvs.split.add'));
      add.type = 'button';
      add.id = 'dvs-split-add';
      add.hidden = true;
      const showSum = () => {
        const total = splitting.forms.reduce((s, f) => s + toWeight(f.weight.value), 0n);
        sum.textContent = splitting.on ? t('dvs.split.sum', { sum: total, weight }) : t('dvs.split.weight', { weight });
        sum.classList.toggle('error', splitting.on && total !== weight);
      };
      let made = 0; // ids stay unique as parts come and go
      const relabel = () => splitting.forms.forEach((f, i) => {
        f.legend.textContent = t('dvs.split.part', { n: i + 1 });
        f.remove.hidden = splitting.forms.length <= 1;
      });
      const addPart = () => {
        const k = made++;
        const box = el('fieldset', 'dvs-part');
        const legend = el('legend');
        box.append(legend);
        const w = el('input');
        w.type = 'number';
        w.min = '1';
        w.inputMode = 'numeric';
        w.id = `dvs-part-${k}-weight`;
        const wl = el('label', null, t('dvs.split.partWeight'));
        wl.htmlFor = w.id;
        w.addEventListener('input', showSum);
        const f = ballotForm(shell, issue, state.shape, `dvs-p${k}`);
        const remove = el('button', 'secondary', t('dvs.split.remove'));
        remove.type = 'button';
        remove.id = `dvs-part-${k}-remove`;
        const entry = { weight: w, form: f, legend, remove };
        remove.addEventListener('click', () => {
          splitting.forms = splitting.forms.filter((x) => x !== entry);
          box.remove();
          relabel();
          showSum();
          add.focus();
        });
        box.append(wl, w, f.element, remove);
        parts.append(box);
        splitting.forms.push(entry);
        relabel();
        showSum();
      };
      split.addEventListener('change', () => {
        splitting.on = split.checked;
        parts.replaceChildren();
        splitting.forms = [];
        made = 0;
        add.hidden = !split.checked;
        if (split.checked) { addPart(); addPart(); } else parts.append(single.element);
        showSum();
      });
      add.addEventListener('click', addPart);
      form.prepend(label, sum);
      form.append(add);
      call('dvs_getMember', [issue.community, session.active().address]).then((m) => {
        weight = BigInt(m.weight);
        showSum();
      }, () => showSum());
    }
    form.append(problem, cast);
    const confirmBox = el('div');
    ballotCard.append(form, confirmBox);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      problem.textContent = '';
      try {
        const raw = splitting.on
          ? splitting.forms.map((f) => ({ weight: toWeight(f.weight.value), values: f.form.values() }))
          : [{ weight: 0, values: single.values() }];
        const checked = validateBallot(state.shape, raw, { electorate: state.community.params.electorate, weight });
        const summary = t('dvs.ballot.summary', { ballot: describeBallot(shell, issue, state.shape, checked).join(' / ') });
        form.hidden = true;
        stopSend = confirmAndSend(confirmBox, shell, {
          message: castBallot(id, checked),
          summary,
          powBits: state.community.params.powDifficultyBits,
          p: 'dvs-send',
          onBack: () => { confirmBox.replaceChildren(); form.hidden = false; },
          onFinal: () => {
            drawMine();
            const again = el('button', 'secondary', t('dvs.ballot.change'));
            again.type = 'button';
            again.id = 'dvs-change';
            again.addEventListener('click', drawBallot);
            confirmBox.append(again);
          },
        });
      } catch (e) {
        problem.textContent = t(`dvs.problem.${e.reason}`) !== `dvs.problem.${e.reason}` ? `${t(`dvs.problem.${e.reason}`)} (${e.reason})` : errorText(e);
      }
    });
  }

  let supportBox = null;
  function sendFlow(message, summary) {
    stopSend();
    supportBox?.remove(); // one confirm step at a time (its ids are fixed)
    const box = el('div');
    supportBox = box;
    optionsCard.append(box);
    stopSend = confirmAndSend(box, shell, {
      message, summary, powBits: state.community.params.powDifficultyBits, p: 'dvs-support-send',
      onBack: () => box.remove(),
      onFinal: () => drawOptions().then(() => optionsCard.append(box), showError),
    });
  }

  async function drawMine() {
    mineCard.replaceChildren(el('h2', null, t('dvs.myBallot')));
    const key = session.active();
    if (!key) {
      needKey(mineCard);
      return;
    }
    try {
      const b = await call('dvs_getBallot', [id, key.address]);
      const lines = describeBallot(shell, state.issue, state.shape, b.parts);
      const ul = el('ul', 'dvs-mine');
      ul.id = 'dvs-my-ballot-text';
      for (const line of lines) ul.append(el('li', null, line));
      mineCard.append(ul);
    } catch (e) {
      mineCard.append(el('p', 'muted', e?.data?.reason === 'NOT_FOUND' || /not.?found/i.test(e.message) ? t('dvs.myBallot.none') : errorText(e)));
    }
  }

  async function measureInterval(head) {
    if (head <= 1) return;
    const back = Math.min(INTERVAL_BLOCKS, head - 1);
    const [a, b] = await Promise.all([call('bcos_getBlock', [head - back]), call('bcos_getBlock', [head])]);
    state.intervalMillis = (b.timeMillis - a.timeMillis) / back;
  }

  (async () => {
    try {
      const st = await call('bcos_status');
      state.head = st.height;
      await measureInterval(st.height).catch(() => {});
      await load();
    } catch (e) {
      showError(e);
    }
  })();
  let busy = false;
  const unsubscribe = socket.subscribe('newBlocks', undefined, async (block) => {
    state.head = block.height;
    if (!state.issue || busy) return;
    if (state.issue.phase !== 'CLOSED' && block.height > state.issue.phaseEnd) {
      busy = true;
      try { await load(); } catch (e) { showError(e); } finally { busy = false; }
    } else {
      drawPhases();
    }
  });
  const unwatch = session.onChange(() => {
    if (!state.issue) return;
    drawBallot();
    drawOptions().catch(showError);
    drawMine();
  });
  return () => {
    unsubscribe();
    unwatch();
    stopSend();
    if (typeof stopResults === 'function') stopResults();
  };
}

function toWeight(text) {
  const s = String(text).trim();
  return /^\d{1,19}$/.test(s) ? BigInt(s) : 0n;
}
