// #/wallet/import: words and an account index unlock a key for this tab (nothing stored), and,
// when "keep it in this browser" is ticked, the words are also stored encrypted under a
// passphrase. The ids wallet-words, wallet-account, wallet-import and wallet-address are what
// browser tests drive (WebBrowser.unlock): keep them.
import { keyFromMnemonic, MAX_ACCOUNT } from '../../lib/slip10.js';
import { encodeAddress } from '../../lib/address.js';
import { addRecord, createRecord, MIN_PASSPHRASE_CHARS, MAX_LABEL_CHARS } from '../../lib/keystore.js';
import { link } from '../../ui/dom.js';
import { button, field, keyStorage, onSubmit } from './common.js';

export function renderImport(root, shell) {
  const { el, t, session } = shell;
  root.append(el('h1', null, t('nav.wallet')));
  const card = el('section', 'card');
  const form = el('form', 'stack');
  const [wordsLabel, words] = field(el, 'wallet-words', t('wallet.import.words'), { tag: 'textarea' });
  words.rows = 3;
  const [accountLabel, account] = field(el, 'wallet-account', t('wallet.import.account'), { type: 'number' });
  account.min = '0';
  account.value = '0';
  const saveBox = el('input');
  saveBox.type = 'checkbox';
  saveBox.id = 'wallet-import-save';
  const saveLabel = el('label', 'wallet-check', t('wallet.import.save'));
  saveLabel.htmlFor = 'wallet-import-save';
  const saveFields = el('div', 'stack');
  saveFields.hidden = true;
  const [labelL, label] = field(el, 'wallet-import-label', t('wallet.save.label', { max: MAX_LABEL_CHARS }));
  label.maxLength = MAX_LABEL_CHARS;
  const [p1L, p1] = field(el, 'wallet-import-pass1', t('wallet.save.passphrase', { min: MIN_PASSPHRASE_CHARS }), { type: 'password', autocomplete: 'new-password' });
  const [p2L, p2] = field(el, 'wallet-import-pass2', t('wallet.save.repeat'), { type: 'password', autocomplete: 'new-password' });
  saveFields.append(labelL, label, p1L, p1, p2L, p2);
  saveBox.addEventListener('change', () => {
    saveFields.hidden = !saveBox.checked;
  });
  const saveRow = el('div', 'wallet-check-row');
  saveRow.append(saveBox, saveLabel);
  const go = button(el, t('wallet.import.go'), { id: 'wallet-import', className: 'primary', submit: true });
  const error = el('p', 'error wallet-error-text');
  error.id = 'wallet-error';
  error.setAttribute('role', 'alert');
  form.append(wordsLabel, words, accountLabel, account, saveRow, saveFields, go, error);
  const out = el('p', 'mono');
  out.id = 'wallet-address';
  const open = link('#/wallet', t('wallet.import.open'));
  open.id = 'wallet-open-account';
  const done = el('p');
  done.hidden = true;
  done.append(open);
  card.append(el('h2', null, t('wallet.import.title')), form, out, done);
  root.append(card);
  const key = session.active();
  if (key) out.textContent = key.address;

  onSubmit(form, {
    t, go, error,
    work: async () => {
      const index = Number(account.value);
      if (!Number.isInteger(index) || index < 0 || index > MAX_ACCOUNT || account.value.trim() === '') {
        error.textContent = t('wallet.import.badAccount', { max: MAX_ACCOUNT });
        return;
      }
      let labelText = '';
      if (saveBox.checked) {
        const record = await createRecord({ words: words.value, account: index, label: label.value, passphrase: p1.value, repeated: p2.value });
        addRecord(keyStorage(), record);
        labelText = record.label;
      }
      const k = await keyFromMnemonic(words.value, index);
      session.unlock({ ...k, address: encodeAddress(k.publicKey) }, labelText);
      words.value = '';
      out.textContent = session.active().address;
      done.hidden = false;
    },
    always: () => {
      p1.value = '';
      p2.value = '';
    },
  });
  return () => {};
}
