// The ballot of an issue's method, as a form: single choice (radios), approval (checkboxes),
// score (0..maxScore per option), quadratic (votes per option with the voice credits left shown
// live; over budget is refused), yes/no/abstain/veto, and Schulze / IRV rankings ordered by
// drag-and-drop or by keyboard (each item focusable; Alt+ArrowUp / Alt+ArrowDown or its buttons
// move it; an aria-live line says where it went; the status quo is one of the items where the
// issue has one). values() gives the part's values for lib/dvs/ballot.js, which checks them.
import { CHOICES, STATUS_QUO, hasStatusQuo, quadraticCost, ranksFromOrder } from '../../lib/dvs/ballot.js';

/** The options on the ballot as {index, text}. */
function ballotOptions(issue, shape) {
  return issue.options.filter((o) => shape.onBallot.includes(o.index));
}

/** A form for one ballot part: {element, values()}; `p` prefixes its element ids. */
export function ballotForm(shell, issue, shape, p) {
  const options = ballotOptions(issue, shape);
  switch (shape.method) {
    case 'YES_NO':
      return choiceForm(shell, p, 'radio', CHOICES.map((c, i) => ({ index: i, text: shell.t(`dvs.choice.${c}`), id: c })),
        (picked) => picked);
    case 'SINGLE_CHOICE':
      return choiceForm(shell, p, 'radio', options, (picked) => picked);
    case 'APPROVAL':
      return choiceForm(shell, p, 'checkbox', options, (picked) => picked);
    case 'SCORE':
      return numbersForm(shell, issue, shape, p, options, false);
    case 'QUADRATIC':
      return numbersForm(shell, issue, shape, p, options, true);
    default:
      return rankingForm(shell, shape, p, options);
  }
}

function choiceForm(shell, p, type, items, toValues) {
  const { el, t } = shell;
  const box = el('fieldset', 'dvs-choices');
  box.append(el('legend', null, t(type === 'radio' ? 'dvs.ballot.pickOne' : 'dvs.ballot.pickAny')));
  const inputs = items.map((o) => {
    const input = el('input');
    input.type = type;
    input.name = `${p}-choice`;
    input.value = String(o.index);
    input.id = `${p}-opt-${o.id ?? o.index}`;
    const label = el('label', 'dvs-choice');
    label.htmlFor = input.id;
    label.append(input, el('span', null, o.text));
    box.append(label);
    return input;
  });
  return { element: box, values: () => toValues(inputs.filter((i) => i.checked).map((i) => Number(i.value))) };
}

function numbersForm(shell, issue, shape, p, options, quadratic) {
  const { el, t } = shell;
  const box = el('fieldset', 'dvs-numbers');
  box.append(el('legend', null, t(quadratic ? 'dvs.ballot.quadratic' : 'dvs.ballot.score', { max: shape.maxScore, credits: shape.voiceCredits })));
  const left = el('p', 'dvs-credits');
  left.id = `${p}-credits`;
  left.setAttribute('aria-live', 'polite');
  const inputs = new Map();
  const update = () => {
    if (!quadratic) return;
    const cost = quadraticCost([...inputs.values()].map((i) => safeInt(i.value)));
    const rest = shape.voiceCredits - cost;
    left.textContent = t(rest < 0n ? 'dvs.ballot.overBudget' : 'dvs.ballot.creditsLeft', { left: rest, total: shape.voiceCredits, cost });
    left.classList.toggle('error', rest < 0n);
  };
  for (const o of options) {
    const row = el('div', 'dvs-number');
    const input = el('input');
    input.type = 'number';
    input.inputMode = 'numeric';
    input.step = '1';
    input.value = '0';
    if (!quadratic) {
      input.min = '0';
      input.max = String(shape.maxScore);
    }
    input.id = `${p}-opt-${o.index}`;
    const label = el('label', null, o.text);
    label.htmlFor = input.id;
    row.append(label);
    if (quadratic) {
      const minus = el('button', 'secondary', '−');
      const plus = el('button', 'secondary', '+');
      for (const [b, d, k] of [[minus, -1, 'dvs.ballot.less'], [plus, 1, 'dvs.ballot.more']]) {
        b.type = 'button';
        b.setAttribute('aria-label', t(k, { option: o.text }));
        b.addEventListener('click', () => {
          input.value = String(safeInt(input.value) + d);
          update();
        });
      }
      row.append(minus, input, plus);
    } else {
      row.append(input);
    }
    input.addEventListener('input', update);
    inputs.set(o.index, input);
    box.append(row);
  }
  if (quadratic) box.append(left);
  update();
  return {
    element: box,
    values: () => Array.from({ length: shape.optionCount }, (_, k) => (inputs.has(k) ? safeInt(inputs.get(k).value, true) : 0)),
  };
}

/** The integer typed in a number field (0 when empty); strict: anything else is kept as text. */
function safeInt(text, strict = false) {
  const s = String(text).trim();
  if (s === '') return 0;
  if (/^-?\d{1,15}$/.test(s)) return Number(s);
  return strict ? s : 0;
}

function rankingForm(shell, shape, p, options) {
  const { el, t } = shell;
  const box = el('fieldset', 'dvs-rank');
  box.append(el('legend', null, t('dvs.ranking.legend')));
  const help = el('p', 'muted', t('dvs.ranking.help'));
  help.id = `${p}-ranking-help`;
  const live = el('p', 'dvs-sr');
  live.id = `${p}-ranking-live`;
  live.setAttribute('aria-live', 'assertive');
  const list = el('ol', 'dvs-ranking');
  list.id = `${p}-ranking`;
  const candidates = options.map((o) => ({ id: o.index, text: o.text }));
  if (hasStatusQuo(shape)) candidates.push({ id: STATUS_QUO, text: t('dvs.statusQuo') });
  // options left out of the ranking (rank 0: they count for none of the voter's preferences)
  const unrankedNote = el('p', 'muted', t('dvs.ranking.unranked'));
  unrankedNote.hidden = true;
  const unranked = el('ul', 'dvs-ranking dvs-unranked');
  unranked.id = `${p}-unranked`;
  const items = () => [...list.children];
  const renumber = () => {
    items().forEach((li, i) => { li.querySelector('.dvs-pos').textContent = String(i + 1); });
    for (const li of unranked.children) li.querySelector('.dvs-pos').textContent = '–';
    unrankedNote.hidden = unranked.childElementCount === 0;
  };
  const announce = (li) => {
    const at = items().indexOf(li) + 1;
    live.textContent = t('dvs.ranking.moved', { option: li.dataset.text, position: at, count: items().length });
  };
  const move = (li, delta, focus) => {
    const all = items();
    const at = all.indexOf(li);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= all.length) return;
    if (delta < 0) list.insertBefore(li, all[to]); else list.insertBefore(li, all[to].nextSibling);
    renumber();
    announce(li);
    focus.focus();
  };
  let dragged = null;
  candidates.forEach((c, k) => {
    const li = el('li', c.id === STATUS_QUO ? 'dvs-item status-quo' : 'dvs-item');
    li.tabIndex = 0;
    li.draggable = true;
    li.dataset.candidate = String(c.id);
    li.dataset.text = c.text;
    li.setAttribute('aria-describedby', help.id);
    const up = el('button', 'secondary', '↑');
    const down = el('button', 'secondary', '↓');
    const toggle = el('button', 'secondary dvs-toggle', '×');
    up.type = 'button';
    down.type = 'button';
    toggle.type = 'button';
    toggle.id = `${p}-rank-toggle-${k}`;
    up.setAttribute('aria-label', t('dvs.ranking.up', { option: c.text }));
    down.setAttribute('aria-label', t('dvs.ranking.down', { option: c.text }));
    toggle.setAttribute('aria-label', t('dvs.ranking.leaveOut', { option: c.text }));
    up.addEventListener('click', () => move(li, -1, up));
    down.addEventListener('click', () => move(li, 1, down));
    toggle.addEventListener('click', () => {
      const out = li.parentElement === list;
      (out ? unranked : list).append(li);
      li.draggable = !out;
      up.hidden = out;
      down.hidden = out;
      toggle.textContent = out ? '+' : '×';
      toggle.setAttribute('aria-label', t(out ? 'dvs.ranking.putBack' : 'dvs.ranking.leaveOut', { option: c.text }));
      renumber();
      if (out) live.textContent = t('dvs.ranking.left', { option: c.text }); else announce(li);
      toggle.focus();
    });
    li.append(el('span', 'dvs-pos'), el('span', 'dvs-text', c.text), up, down, toggle);
    li.addEventListener('keydown', (ev) => {
      if (ev.target !== li || !ev.altKey || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return;
      ev.preventDefault();
      move(li, ev.key === 'ArrowUp' ? -1 : 1, li);
    });
    li.addEventListener('dragstart', (ev) => {
      dragged = li;
      li.classList.add('dragging');
      ev.dataTransfer.effectAllowed = 'move';
      ev.dataTransfer.setData('text/plain', li.dataset.candidate);
    });
    li.addEventListener('dragend', () => {
      li.classList.remove('dragging');
      dragged = null;
    });
    li.addEventListener('dragover', (ev) => {
      if (dragged && dragged !== li && li.parentElement === list) ev.preventDefault();
    });
    li.addEventListener('drop', (ev) => {
      ev.preventDefault();
      if (!dragged || dragged === li || li.parentElement !== list) return;
      const r = li.getBoundingClientRect();
      list.insertBefore(dragged, ev.clientY > r.top + r.height / 2 ? li.nextSibling : li);
      renumber();
      announce(dragged);
    });
    list.append(li);
  });
  renumber();
  box.append(help, list, unrankedNote, unranked, live);
  return {
    element: box,
    values: () => ranksFromOrder(shape, items().map((li) => Number(li.dataset.candidate))),
  };
}

/** A stored ballot's parts ({weight, values}) in words, by option name, one line per part. */
export function describeBallot(shell, issue, shape, parts) {
  const { t } = shell;
  const name = (i) => (i === STATUS_QUO ? t('dvs.statusQuo') : issue.options[i]?.text ?? `#${i}`);
  return parts.map((part) => {
    const v = part.values.map(Number);
    let text;
    switch (shape.method) {
      case 'YES_NO': text = t(`dvs.choice.${CHOICES[v[0]]}`); break;
      case 'SINGLE_CHOICE': text = name(v[0]); break;
      case 'APPROVAL': text = v.map(name).join(', '); break;
      case 'SCORE': text = v.map((x, i) => [i, x]).filter(([i]) => shape.onBallot.includes(i)).map(([i, x]) => `${name(i)}: ${x}`).join(', '); break;
      case 'QUADRATIC': text = v.map((x, i) => [i, x]).filter(([, x]) => x !== 0).map(([i, x]) => `${name(i)}: ${x > 0 ? '+' : ''}${x}`).join(', '); break;
      default: {
        const ranked = v.map((r, i) => [i >= shape.optionCount ? STATUS_QUO : i, r]).filter(([, r]) => r > 0).sort((a, b) => a[1] - b[1]);
        text = ranked.map(([i, r]) => `${r}. ${name(i)}`).join(', ');
      }
    }
    return Number(part.weight) > 0 ? t('dvs.ballot.part', { weight: part.weight, text }) : text;
  });
}

