// #/wallet/create: 24 new words shown (once: they are not kept in the page after this flow
// unless saved encrypted), a check that CHECK_WORDS of them, at random positions, were written
// down, then a label and a passphrase (typed twice): the words are stored encrypted and the
// key unlocked for this tab.
import { generate } from '../../lib/mnemonic.js';
import { addRecord, createRecord, unlockRecord, MIN_PASSPHRASE_CHARS, MAX_LABEL_CHARS } from '../../lib/keystore.js';
import { button, errorText, field, keyStorage, onSubmit } from './common.js';
import { wordGrid } from './keys.js';

/** How many words the write-down check asks for. */
export const CHECK_WORDS = 3;

export function renderCreate(root, shell) {
  const { el, t } = shell;
  let stopped = false;
  root.append(el('h1', null, t('nav.wallet')));
  const card = el('section', 'card wallet-create');
  const error = el('p', 'error wallet-error-text');
  error.id = 'wallet-error';
  error.setAttribute('role', 'alert');
  root.append(card);
  let words = null;

  const showWords = () => {
    card.replaceChildren(el('h2', null, t('wallet.create.title')),
      el('p', 'wallet-notice', t('wallet.create.writeDown')), wordGrid(el, words, 'wallet-new-words'));
    const next = button(el, t('wallet.create.written'), { id: 'wallet-written', className: 'primary' });
    next.addEventListener('click', showCheck);
    card.append(next);
    next.focus();
  };

  const showCheck = () => {
    error.textContent = '';
    const positions = randomPositions(words.length, CHECK_WORDS);
    const form = el('form', 'stack');
    const inputs = positions.map((p) => {
      const [label, input] = field(el, `wallet-check-${p}`, t('wallet.create.wordAt', { position: p }));
      input.classList.add('wallet-check-word');
      input.dataset.position = String(p);
      form.append(label, input);
      return input;
    });
    const go = button(el, t('wallet.create.check'), { id: 'wallet-check-go', className: 'primary', submit: true });
    const back = button(el, t('wallet.create.showAgain'), { id: 'wallet-show-again' });
    back.addEventListener('click', showWords);
    form.append(go, back, error);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const wrong = inputs.filter((i) => i.value.trim().toLowerCase() !== words[Number(i.dataset.position) - 1])
        .map((i) => i.dataset.position);
      for (const i of inputs) i.setAttribute('aria-invalid', String(wrong.includes(i.dataset.position)));
      if (wrong.length > 0) {
        error.textContent = t('wallet.create.wrongWords', { positions: wrong.join(', ') });
        return;
      }
      showSave();
    });
    card.replaceChildren(el('h2', null, t('wallet.create.checkTitle')), el('p', null, t('wallet.create.checkHelp')), form);
    inputs[0].focus();
  };

  const showSave = () => {
    error.textContent = '';
    const form = el('form', 'stack');
    const [labelL, label] = field(el, 'wallet-label', t('wallet.save.label', { max: MAX_LABEL_CHARS }));
    label.maxLength = MAX_LABEL_CHARS;
    const [p1L, p1] = field(el, 'wallet-pass1', t('wallet.save.passphrase', { min: MIN_PASSPHRASE_CHARS }), { type: 'password', autocomplete: 'new-password' });
    const [p2L, p2] = field(el, 'wallet-pass2', t('wallet.save.repeat'), { type: 'password', autocomplete: 'new-password' });
    const go = button(el, t('wallet.save.go'), { id: 'wallet-save-go', className: 'primary', submit: true });
    const busy = el('p', 'muted');
    form.append(labelL, label, p1L, p1, p2L, p2, go, busy, error);
    onSubmit(form, {
      t, go, busy, error,
      work: async () => {
        const record = await createRecord({ words: words.join(' '), account: 0, label: label.value, passphrase: p1.value, repeated: p2.value });
        addRecord(keyStorage(), record);
        const key = await unlockRecord(record, p1.value);
        words = null;
        if (stopped) return;
        shell.session.unlock(key, record.label);
        shell.go('#/wallet');
      },
      always: () => {
        p1.value = '';
        p2.value = '';
      },
    });
    card.replaceChildren(el('h2', null, t('wallet.save.title')), el('p', null, t('wallet.save.help')), form);
    label.focus();
  };

  generate().then((w) => {
    if (stopped) return;
    words = w.split(' ');
    showWords();
  }).catch((e) => {
    card.append(el('p', 'error', errorText(t, e)));
  });
  return () => {
    stopped = true;
    words = null;
  };
}

/** `count` distinct positions 1..n, ascending, from crypto.getRandomValues. */
function randomPositions(n, count) {
  const chosen = new Set();
  const buf = new Uint32Array(1);
  while (chosen.size < count) {
    crypto.getRandomValues(buf);
    chosen.add((buf[0] % n) + 1); // modulo bias of 2^32 mod 24 is negligible for a quiz
  }
  return [...chosen].sort((a, b) => a - b);
}
