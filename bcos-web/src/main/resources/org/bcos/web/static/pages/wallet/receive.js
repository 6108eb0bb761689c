// Receive: a payment request for this address, amount and memo optional, as a bcos: URI
// (lib/payment-uri.js), a link that opens the send form filled in, and a QR code of the URI
// (lib/qr.js) drawn as SVG (elements built with createElementNS; no inline style, per the CSP).
import { formatPaymentUri, sendRoute } from '../../lib/payment-uri.js';
import { encodeQr, svgPath, QUIET_ZONE_MODULES } from '../../lib/qr.js';
import { MAX_MEMO_BYTES } from '../../lib/tx.js';
import { parseDdc } from '../../ui/format.js';
import { link } from '../../ui/dom.js';
import { errorText, field } from './common.js';

const SVG = 'http://www.w3.org/2000/svg';

export function renderReceive(shell, address) {
  const { el, t } = shell;
  const card = el('section', 'card wallet-receive');
  const form = el('form', 'stack');
  const [amountL, amount] = field(el, 'wallet-req-amount', t('wallet.receive.amount'));
  amount.inputMode = 'decimal';
  const [memoL, memo] = field(el, 'wallet-req-memo', t('wallet.receive.memo', { max: MAX_MEMO_BYTES }));
  const error = el('p', 'error wallet-error-text');
  error.id = 'wallet-req-error';
  error.setAttribute('role', 'alert');
  form.append(amountL, amount, memoL, memo, error);
  form.addEventListener('submit', (ev) => ev.preventDefault());
  const uri = el('p', 'mono wallet-uri');
  uri.id = 'wallet-uri';
  const share = link('#/wallet', t('wallet.receive.share'));
  share.id = 'wallet-share';
  const qrBox = el('div', 'wallet-qr-box');
  card.append(el('h2', null, t('wallet.receive.title')), form, el('p', 'muted', t('wallet.receive.uri')), uri, qrBox, share);

  // a request that cannot be read shows no URI, link or QR code (never a stale one)
  const clear = () => {
    uri.textContent = '';
    share.hidden = true;
    qrBox.replaceChildren();
  };
  const update = () => {
    error.textContent = '';
    amount.removeAttribute('aria-invalid');
    memo.removeAttribute('aria-invalid');
    let amountUnits;
    if (amount.value.trim() !== '') {
      try {
        amountUnits = parseDdc(amount.value);
      } catch {
        amount.setAttribute('aria-invalid', 'true');
        error.textContent = t('wallet.send.badAmount');
        clear();
        return;
      }
    }
    try {
      const request = { address, amountUnits, memo: memo.value || undefined };
      const text = formatPaymentUri(request);
      uri.textContent = text;
      share.href = sendRoute(request);
      share.hidden = false;
      share.title = t('wallet.receive.shareTitle');
      qrBox.replaceChildren(qrSvg(text, t('wallet.receive.qrLabel')));
    } catch (e) {
      clear();
      if (e.field === 'memo') {
        memo.setAttribute('aria-invalid', 'true');
        error.textContent = t('wallet.send.memoTooLong', { bytes: new TextEncoder().encode(memo.value).length, max: MAX_MEMO_BYTES });
      } else {
        error.textContent = errorText(t, e);
      }
    }
  };
  amount.addEventListener('input', update);
  memo.addEventListener('input', update);
  update();
  return card;
}

/** An <svg> of the QR code of `text`: a white square with the quiet zone and one dark path. */
export function qrSvg(text, label) {
  const symbol = encodeQr(text);
  const side = symbol.size + 2 * QUIET_ZONE_MODULES;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('class', 'wallet-qr');
  svg.id = 'wallet-qr';
  svg.dataset.version = String(symbol.version);
  svg.dataset.mask = String(symbol.mask);
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(side));
  bg.setAttribute('height', String(side));
  bg.setAttribute('fill', '#ffffff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', svgPath(symbol));
  path.setAttribute('fill', '#000000');
  svg.append(bg, path);
  return svg;
}
