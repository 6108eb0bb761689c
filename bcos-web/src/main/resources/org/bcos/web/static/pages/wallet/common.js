// Helpers shared by the wallet views: labelled inputs, translated error texts, the keystore's
// browser storage.

/** The browser storage the keystore writes to (lib/keystore.js STORAGE_KEY). */
export function keyStorage() {
  return window.localStorage;
}

/** A <label for> and an input (or textarea) with an id; returns [label, input]. */
export function field(el, id, labelText, { tag = 'input', type = 'text', autocomplete = 'off' } = {}) {
  const input = el(tag);
  input.id = id;
  if (tag === 'input') input.type = type;
  input.autocomplete = autocomplete;
  input.spellcheck = false;
  input.classList.add('wallet-input');
  const label = el('label', null, labelText);
  label.htmlFor = id;
  return [label, input];
}

/** A <button type=button|submit> with a class and an id. */
export function button(el, text, { id, className, submit = false } = {}) {
  const b = el('button', className ? `wallet-btn ${className}` : 'wallet-btn', text);
  b.type = submit ? 'submit' : 'button';
  if (id) b.id = id;
  return b;
}

/**
 * The translated sentence for an error of the wallet's libraries or the node (by its code),
 * with the details the sentence names; an unknown one shows its own message.
 */
export function errorText(t, e) {
  const code = e?.code;
  if (code === 'INVALID_MNEMONIC') {
    return t(`wallet.error.INVALID_MNEMONIC.${e.reason}`, { position: e.position, word: e.word, count: e.count });
  }
  if (code === 'AMOUNT_INVALID') return t('wallet.error.amount');
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) {
    const key = `wallet.error.${code}`;
    const text = t(key, { min: e.min, max: e.max });
    if (text !== key) return text;
  }
  const reason = e?.data?.reason;
  if (reason) return t('wallet.error.node', { reason, message: e.message });
  return t('wallet.error.other', { message: e?.message ?? String(e) });
}

/**
 * Runs `work()` when `form` is submitted: `go` disabled (and `busy`, if given, saying it works)
 * meanwhile; a thrown error shown in `error` as its translated sentence, then `failed(e)`;
 * `always()` after either way (to clear passphrase fields).
 */
export function onSubmit(form, { t, go, busy, error, work, failed, always }) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    go.disabled = true;
    if (busy) busy.textContent = t('wallet.keys.working');
    try {
      await work();
    } catch (e) {
      error.textContent = errorText(t, e);
      if (failed) failed(e);
    } finally {
      if (always) always();
      go.disabled = false;
      if (busy) busy.textContent = '';
    }
  });
}
