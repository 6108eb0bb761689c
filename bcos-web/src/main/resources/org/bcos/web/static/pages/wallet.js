// The wallet pages (docs/WEB.md). For now only #/wallet/import: words (and an account index)
// unlock a key for this tab (lib/session.js). Browser tests use its element ids
// (wallet-words, wallet-account, wallet-import, wallet-address) through WebBrowser.unlock.
import { keyFromMnemonic } from '../lib/slip10.js';
import { encodeAddress } from '../lib/address.js';

export function render(root, shell) {
  const { el, t, session } = shell;
  root.append(el('h1', null, t('nav.wallet')));
  const card = el('section', 'card');
  const form = el('form', 'stack');
  const words = el('textarea');
  words.id = 'wallet-words';
  words.rows = 3;
  words.autocomplete = 'off';
  words.spellcheck = false;
  const account = el('input');
  account.id = 'wallet-account';
  account.type = 'number';
  account.min = '0';
  account.value = '0';
  const go = el('button', 'primary', t('wallet.import.go'));
  go.id = 'wallet-import';
  go.type = 'submit';
  const out = el('p', 'mono');
  out.id = 'wallet-address';
  const error = el('p', 'error');
  const wordsLabel = el('label', null, t('wallet.import.words'));
  wordsLabel.htmlFor = 'wallet-words';
  const accountLabel = el('label', null, t('wallet.import.account'));
  accountLabel.htmlFor = 'wallet-account';
  form.append(wordsLabel, words, accountLabel, account, go, error);
  card.append(el('h2', null, t('wallet.import.title')), form, out);
  root.append(card);
  const key = session.active();
  if (key) out.textContent = key.address;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const k = await keyFromMnemonic(words.value, Number(account.value));
      session.unlock({ ...k, address: k.address ?? encodeAddress(k.publicKey) });
      words.value = '';
      out.textContent = session.active().address;
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return () => {};
}
