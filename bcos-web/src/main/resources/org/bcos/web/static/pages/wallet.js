// The wallet (docs/web/wallet.md). Routes:
//   #/wallet           the unlocked account (balance, send, receive, history), else the keys kept
//                      in this browser (unlock, reveal words, delete) and links to create/import
//   #/wallet/send?to=&amount=&memo=   the account with its send form filled in (a shared link)
//   #/wallet/create    new words, the write-down check, label and passphrase
//   #/wallet/import    words (+ account) unlock a key for this tab; optionally saved encrypted.
//                      Browser tests use its ids (wallet-words, wallet-account, wallet-import,
//                      wallet-address) through WebBrowser.unlock.
// Keys never leave the browser: words and passphrases are only read by lib/keystore.js and
// lib/slip10.js, and the unlocked key lives in lib/session.js for this tab.
import { renderAccount } from './wallet/account.js';
import { renderCreate } from './wallet/create.js';
import { renderImport } from './wallet/import.js';
import { renderKeys } from './wallet/keys.js';

export function render(root, shell, route) {
  const part = route.parts[0] ?? '';
  if (part === 'create') return renderCreate(root, shell);
  if (part === 'import') return renderImport(root, shell);
  let stopView = () => {};
  const show = () => {
    stopView();
    root.replaceChildren();
    const key = shell.session.active();
    const send = part === 'send' ? route.query : null;
    stopView = key ? renderAccount(root, shell, key, send) : renderKeys(root, shell, send);
  };
  show();
  const stopListening = shell.session.onChange(show);
  return () => {
    stopListening();
    stopView();
  };
}
