// #/wallet with no key unlocked: the keys kept in this browser. Each can be unlocked, its words
// shown again, or deleted (after a confirmation), each under its passphrase where it matters.
import { listRecords, removeRecord, unlockRecord, decryptWords } from '../../lib/keystore.js';
import { link } from '../../ui/dom.js';
import { button, errorText, field, keyStorage, onSubmit } from './common.js';

export function renderKeys(root, shell, sendQuery) {
  const { el, t } = shell;
  root.append(el('h1', null, t('nav.wallet')));
  if (sendQuery) root.append(el('p', 'wallet-notice', t('wallet.keys.unlockToSend')));
  const card = el('section', 'card wallet-keys-card');
  card.append(el('h2', null, t('wallet.keys.title')));
  const list = el('ul', 'wallet-keys');
  list.id = 'wallet-keys';
  const error = el('p', 'error wallet-error-text');
  error.id = 'wallet-error';
  error.setAttribute('role', 'alert');
  let listed;
  try {
    listed = listRecords(keyStorage());
  } catch (e) {
    listed = { records: [], skipped: 0 };
    error.textContent = errorText(t, e);
  }
  if (listed.records.length === 0) card.append(el('p', 'muted', t('wallet.keys.none')));
  if (listed.skipped > 0) card.append(el('p', 'muted', t('wallet.keys.skipped', { count: listed.skipped })));
  for (const record of listed.records) list.append(keyItem(shell, record, error));
  card.append(list, error);
  const actions = el('p', 'wallet-actions');
  const create = link('#/wallet/create', t('wallet.keys.create'), 'button primary');
  create.id = 'wallet-go-create';
  const imp = link('#/wallet/import', t('wallet.keys.import'), 'button');
  imp.id = 'wallet-go-import';
  actions.append(create, imp);
  root.append(card, actions);
  return () => {};
}

function keyItem(shell, record, error) {
  const { el, t, session } = shell;
  const li = el('li', 'wallet-key');
  li.dataset.address = record.address;
  const head = el('div', 'wallet-key-head');
  const addr = el('span', 'mono wallet-key-address', record.address);
  head.append(el('strong', 'wallet-key-label', record.label), addr,
    el('span', 'muted', t('wallet.keys.account', { account: record.account })));
  const buttons = el('div', 'wallet-key-buttons');
  const unlock = button(el, t('wallet.keys.unlock'), { className: 'primary wallet-unlock' });
  const reveal = button(el, t('wallet.keys.reveal'), { className: 'wallet-reveal' });
  const del = button(el, t('wallet.keys.delete'), { className: 'danger wallet-delete' });
  buttons.append(unlock, reveal, del);
  const panel = el('div', 'wallet-key-panel');
  li.append(head, buttons, panel);

  // one panel open at a time in the list: the passphrase field's id is then unique in the page
  const openPanel = () => {
    for (const other of li.parentElement?.querySelectorAll('.wallet-key-panel') ?? []) other.replaceChildren();
    panel.replaceChildren();
    error.textContent = '';
  };

  const askPassphrase = (purpose, onPassphrase) => {
    openPanel();
    const form = el('form', 'stack');
    const [label, input] = field(el, 'wallet-passphrase', t('wallet.keys.passphrase'), { type: 'password', autocomplete: 'current-password' });
    const go = button(el, t(purpose), { id: 'wallet-passphrase-go', className: 'primary', submit: true });
    const busy = el('span', 'muted');
    form.append(label, input, go, busy);
    onSubmit(form, {
      t, go, busy, error,
      work: () => onPassphrase(input.value),
      failed: () => input.select(),
      always: () => { input.value = ''; },
    });
    panel.append(form);
    input.focus();
  };

  unlock.addEventListener('click', () => askPassphrase('wallet.keys.unlockGo', async (passphrase) => {
    const key = await unlockRecord(record, passphrase);
    session.unlock(key, record.label); // the wallet page re-renders as the account view
  }));
  reveal.addEventListener('click', () => askPassphrase('wallet.keys.revealGo', async (passphrase) => {
    const words = (await decryptWords(record, passphrase)).split(' ');
    panel.replaceChildren(wordGrid(el, words, 'wallet-revealed-words'),
      el('p', 'wallet-notice', t('wallet.keys.revealNote')));
    const hide = button(el, t('wallet.keys.hide'), { className: 'wallet-hide' });
    hide.addEventListener('click', () => panel.replaceChildren());
    panel.append(hide);
  }));
  del.addEventListener('click', () => {
    openPanel();
    const sure = button(el, t('wallet.keys.deleteGo'), { id: 'wallet-delete-go', className: 'danger' });
    const cancel = button(el, t('wallet.cancel'));
    sure.addEventListener('click', () => {
      try {
        removeRecord(keyStorage(), record.address);
        const list = li.parentElement;
        li.remove();
        if (list && list.children.length === 0) list.after(el('p', 'muted', t('wallet.keys.none')));
      } catch (e) {
        error.textContent = errorText(t, e);
      }
    });
    cancel.addEventListener('click', () => panel.replaceChildren());
    panel.append(el('p', 'wallet-notice', t('wallet.keys.deleteAsk', { label: record.label })), sure, cancel);
    cancel.focus();
  });
  return li;
}

/** The words as a numbered list (1..24), for writing down. */
export function wordGrid(el, words, id) {
  const ol = el('ol', 'wallet-words-grid');
  if (id) ol.id = id;
  for (const w of words) ol.append(el('li', 'mono', w));
  return ol;
}
