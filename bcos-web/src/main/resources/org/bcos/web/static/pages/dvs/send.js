// Confirming, signing and sending a DVS message from the page. The person chooses how to pay:
// the fee-free proof-of-work stamp (searched in a Web Worker, with a progress bar of attempts
// against the expected 2^bits and a Cancel button), or the chain's fee (shown, in DDC, before
// confirming). Then the message is signed, sent, and followed to "final at height H".
import { encodeBody, signingDigest, assemble } from '../../lib/tx.js';
import { sign } from '../../lib/slip10.js';
import { sha256, toHex } from '../../lib/bytes.js';
import { expectedAttempts, findStampInWorker } from '../../lib/dvs/stamp.js';
import { ddcText } from '../../ui/format.js';
import { errorText } from './common.js';

/**
 * Shows the confirm step for `message` in `container`: {summary (text), powBits (the
 * community's stamp difficulty), onFinal(tx), onBack()}; element ids start with `p`.
 * Returns a stop() that cancels a running stamp search.
 */
export function confirmAndSend(container, shell, { message, summary, powBits, onFinal, onBack, p = 'dvs-send' }) {
  const { el, t, session, submit } = shell;
  const key = session.active();
  let cancel = () => {};
  const box = el('div', 'dvs-confirm');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', t('dvs.send.title'));
  const pay = el('fieldset', 'dvs-choices');
  pay.append(el('legend', null, t('dvs.send.how')));
  const radio = (value, text) => {
    const input = el('input');
    input.type = 'radio';
    input.name = `${p}-pay`;
    input.value = value;
    input.id = `${p}-${value}`;
    const label = el('label', 'dvs-choice');
    label.htmlFor = input.id;
    const span = el('span', null, text);
    label.append(input, span);
    pay.append(label);
    return { input, span };
  };
  const stampChoice = radio('stamp', t('dvs.send.stamp', { bits: powBits, attempts: expectedAttempts(powBits).toLocaleString('en-US') }));
  const feeChoice = radio('fee', t('dvs.send.feeLoading'));
  stampChoice.input.checked = true;
  const feeLine = el('p', 'dvs-fee');
  feeLine.id = `${p}-fee`;
  const confirm = el('button', 'primary', t('dvs.send.confirm'));
  confirm.type = 'button';
  confirm.id = `${p}-confirm`;
  const back = el('button', 'secondary', t('dvs.send.back'));
  back.type = 'button';
  const buttons = el('div', 'dvs-buttons');
  buttons.append(confirm, back);
  const progressBox = el('div', 'dvs-progress');
  progressBox.hidden = true;
  const progress = el('progress');
  progress.id = `${p}-progress`;
  progress.max = expectedAttempts(powBits);
  progress.value = 0;
  const progressLabel = el('label', null, t('dvs.send.searching'));
  progressLabel.htmlFor = progress.id;
  const progressText = el('span', 'muted num');
  progressText.id = `${p}-attempts`;
  const stop = el('button', 'secondary', t('dvs.send.cancel'));
  stop.type = 'button';
  stop.id = `${p}-cancel`;
  progressBox.append(progressLabel, progress, progressText, stop);
  const status = el('p', 'dvs-status');
  status.id = `${p}-status`;
  status.setAttribute('role', 'status');
  box.append(el('p', 'dvs-summary', summary), pay, feeLine, buttons, progressBox, status);
  container.replaceChildren(box);

  let prepared = null;
  const showFee = () => {
    const free = stampChoice.input.checked;
    feeLine.textContent = free ? t('dvs.send.feeNone') : prepared ? t('dvs.send.feeIs', { fee: ddcText(prepared.feeUnits) }) : '';
  };
  pay.addEventListener('change', showFee);
  submit.prepare(key, message).then((pr) => {
    prepared = pr;
    feeChoice.span.textContent = t('dvs.send.fee', { fee: ddcText(pr.feeUnits), balance: ddcText(pr.balanceUnits) });
    if (pr.balanceUnits < pr.feeUnits) feeChoice.input.disabled = true;
    showFee();
  }, (e) => { status.textContent = errorText(e); });
  showFee();

  back.addEventListener('click', () => {
    cancel();
    onBack();
  });
  stop.addEventListener('click', () => cancel());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    pay.disabled = true;
    status.classList.remove('error');
    try {
      const signed = stampChoice.input.checked ? await stamped() : await submit.sign(key, await submit.prepare(key, message));
      status.textContent = t('dvs.send.sending');
      const hash = await submit.send(signed);
      status.textContent = t('dvs.send.waiting', { hash: `${hash.slice(0, 10)}…` });
      const tx = await submit.awaitFinal(shell.socket, hash);
      status.textContent = t('dvs.send.final', { height: tx.height });
      status.dataset.height = String(tx.height);
      buttons.hidden = true;
      onFinal(tx);
    } catch (e) {
      status.textContent = e.code === 'STAMP_CANCELLED' ? t('dvs.send.cancelled') : errorText(e);
      status.classList.add('error');
      confirm.disabled = false;
      pay.disabled = false;
    } finally {
      progressBox.hidden = true;
    }
  });

  /** Signs with fee 0 and searches the stamp in a worker; the assembled transaction. */
  async function stamped() {
    const pr = await submit.prepare(key, message, { feeUnits: 0 });
    const body = encodeBody({ ...pr, sender: key.publicKey });
    const digest = await signingDigest(body);
    const signature = await sign(key.privateKey, digest);
    progressBox.hidden = false;
    const expected = expectedAttempts(powBits);
    const onProgress = (attempts) => {
      progress.value = Math.min(attempts, expected);
      progressText.textContent = t('dvs.send.attempts', { attempts: attempts.toLocaleString('en-US'), expected: expected.toLocaleString('en-US') });
    };
    onProgress(0);
    const search = findStampInWorker(digest, powBits, onProgress);
    cancel = search.cancel;
    const stamp = await search.promise;
    cancel = () => {};
    const encoded = assemble(body, signature, stamp);
    return { encoded, hex: toHex(encoded), hash: await sha256(encoded), stamp };
  }
  return () => cancel();
}
