// The wallet's keystore (lib/keystore.js) and payment request URIs (lib/payment-uri.js):
// encrypt/decrypt round trip with the real KDF cost, wrong passphrase, altered records, bad
// records and storage; URIs written and read back, and bad ones refused by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as ks from '../../main/resources/org/bcos/web/static/lib/keystore.js';
import * as uri from '../../main/resources/org/bcos/web/static/lib/payment-uri.js';

const MNEMONICS = JSON.parse(readFileSync(new URL('./vectors/mnemonics.json', import.meta.url), 'utf8'));
const PASS = 'correct horse battery staple';

/** An in-memory stand-in for localStorage (the seam the keystore writes through). */
function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), raw: m };
}

async function refused(fn, props) {
  await assert.rejects(async () => fn(), (e) => {
    for (const [k, v] of Object.entries(props)) assert.equal(e[k], v, `${k} of ${e.message}`);
    return true;
  });
}

test('the crypto parameters are the documented ones', () => {
  assert.ok(ks.KDF_ITERATIONS >= 600_000);
  assert.equal(ks.KDF_HASH, 'SHA-256');
  assert.equal(ks.AES_KEY_BITS, 256);
  assert.equal(ks.IV_BYTES, 12);
  assert.equal(ks.SALT_BYTES, 16);
  assert.equal(ks.MIN_PASSPHRASE_CHARS, 12);
});

test('a record round-trips: the words come back and unlock the same address as Java derives', async () => {
  const words = firstWords();
  const record = await ks.createRecord({ words: `  ${words.words.toUpperCase()} `, account: words.account, label: ' savings ', passphrase: PASS });
  assert.deepEqual(Object.keys(record), ['version', 'label', 'address', 'account', 'salt', 'iv', 'ciphertext']);
  assert.equal(record.version, 1);
  assert.equal(record.label, 'savings');
  assert.equal(record.address, words.address);
  assert.ok(!JSON.stringify(record).includes(words.words.split(' ')[0] + ' '), 'the words are not in the record');
  assert.equal(await ks.decryptWords(record, PASS), words.words);
  const key = await ks.unlockRecord(record, PASS);
  assert.equal(key.address, words.address);
  assert.equal(key.label, 'savings');
  const again = await ks.createRecord({ words: words.words, account: words.account, label: 'x', passphrase: PASS });
  assert.notEqual(again.salt, record.salt, 'a fresh salt each time');
  assert.notEqual(again.iv, record.iv, 'a fresh IV each time');
});

test('a wrong passphrase is refused by name', async () => {
  const record = await ks.createRecord({ words: firstWords().words, label: 'a', passphrase: PASS });
  await refused(() => ks.decryptWords(record, PASS + '!'), { code: 'WRONG_PASSPHRASE' });
  await refused(() => ks.unlockRecord(record, ''), { code: 'WRONG_PASSPHRASE' });
});

test('an altered ciphertext, IV, salt, address or account does not decrypt', async () => {
  const record = await ks.createRecord({ words: firstWords().words, label: 'a', passphrase: PASS });
  const flip = (b64) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[bytes.length - 1] ^= 1;
    return bytes.toString('base64');
  };
  for (const field of ['ciphertext', 'iv', 'salt']) {
    await refused(() => ks.decryptWords({ ...record, [field]: flip(record[field]) }, PASS), { code: 'WRONG_PASSPHRASE' });
  }
  const other = await ks.createRecord({ words: firstWords().words, account: 1, label: 'b', passphrase: PASS });
  await refused(() => ks.decryptWords({ ...record, address: other.address }, PASS), { code: 'WRONG_PASSPHRASE' });
  await refused(() => ks.decryptWords({ ...record, account: 1 }, PASS), { code: 'WRONG_PASSPHRASE' });
  assert.equal(await ks.decryptWords({ ...record, label: 'renamed' }, PASS), firstWords().words, 'the label is not bound');
});

test('bad records are refused with the field that is wrong', async () => {
  const good = await ks.createRecord({ words: firstWords().words, label: 'a', passphrase: PASS });
  const cases = [
    [null, 'record'], [[], 'record'], ['text', 'record'],
    [{ ...good, version: 2 }, 'version'], [{ ...good, version: '1' }, 'version'],
    [{ ...good, label: '' }, 'label'], [{ ...good, label: 'x'.repeat(65) }, 'label'],
    [{ ...good, account: -1 }, 'account'], [{ ...good, account: 1.5 }, 'account'], [{ ...good, account: 2 ** 31 }, 'account'],
    [{ ...good, address: 'dd1nope' }, 'address'], [{ ...good, address: good.address.toUpperCase() }, 'address'],
    [{ ...good, salt: 'AAAA' }, 'salt'], [{ ...good, iv: 'not base64!' }, 'iv'],
    [{ ...good, ciphertext: '' }, 'ciphertext'], [{ ...good, ciphertext: 'A'.repeat(5000) }, 'ciphertext'],
  ];
  for (const [record, reason] of cases) {
    assert.throws(() => ks.checkRecord(record), (e) => e.code === 'BAD_RECORD' && e.reason === reason, `${reason}: ${JSON.stringify(record)?.slice(0, 40)}`);
    await refused(() => ks.decryptWords(record, PASS), { code: 'BAD_RECORD', reason });
  }
});

test('passphrases and labels are checked before anything is stored', async () => {
  const words = firstWords().words;
  await refused(() => ks.createRecord({ words, label: 'a', passphrase: 'x'.repeat(11) }), { code: 'PASSPHRASE_TOO_SHORT', min: 12 });
  await refused(() => ks.createRecord({ words, label: 'a', passphrase: PASS, repeated: PASS + ' ' }), { code: 'PASSPHRASE_MISMATCH' });
  await refused(() => ks.createRecord({ words, label: 'a', passphrase: 'x'.repeat(1025) }), { code: 'PASSPHRASE_TOO_LONG' });
  await refused(() => ks.createRecord({ words, label: '   ', passphrase: PASS }), { code: 'LABEL_INVALID' });
  await refused(() => ks.createRecord({ words: 'abandon abandon', label: 'a', passphrase: PASS }), { code: 'INVALID_MNEMONIC' });
  ks.checkPassphrase('ünïcødé pässphrase'.slice(0, 12));
});

test('storage keeps several keys, refuses duplicates, skips bad entries, removes by address', async () => {
  const storage = memoryStorage();
  assert.deepEqual(ks.listRecords(storage), { records: [], skipped: 0 });
  const words = firstWords().words;
  const a = await ks.createRecord({ words, account: 0, label: 'a', passphrase: PASS });
  const b = await ks.createRecord({ words, account: 1, label: 'b <script>', passphrase: PASS });
  ks.addRecord(storage, a);
  ks.addRecord(storage, b);
  assert.throws(() => ks.addRecord(storage, a), (e) => e.code === 'DUPLICATE_KEY');
  assert.deepEqual(ks.listRecords(storage).records.map((r) => r.label), ['a', 'b <script>']);
  assert.equal(ks.findRecord(storage, b.address).account, 1);
  const all = JSON.parse(storage.getItem(ks.STORAGE_KEY));
  storage.setItem(ks.STORAGE_KEY, JSON.stringify([...all, { version: 9 }]));
  assert.equal(ks.listRecords(storage).skipped, 1);
  ks.removeRecord(storage, a.address);
  assert.deepEqual(ks.listRecords(storage).records.map((r) => r.address), [b.address]);
  assert.equal(JSON.parse(storage.getItem(ks.STORAGE_KEY)).length, 2, 'the unreadable entry is kept');
  assert.throws(() => ks.removeRecord(storage, a.address), (e) => e.code === 'NOT_FOUND');
  storage.setItem(ks.STORAGE_KEY, '{oops');
  assert.throws(() => ks.listRecords(storage), (e) => e.code === 'STORAGE_UNREADABLE');
  assert.throws(() => ks.addRecord(storage, a), (e) => e.code === 'STORAGE_UNREADABLE');
  assert.equal(storage.getItem(ks.STORAGE_KEY), '{oops', 'unreadable storage is not written over');
});

test('payment request URIs are written and read back', () => {
  const address = firstWords().address;
  assert.equal(uri.formatPaymentUri({ address }), `bcos:${address}`);
  const text = uri.formatPaymentUri({ address, amountUnits: 1250500000n, memo: 'rent & €/月 100%' });
  assert.equal(text, `bcos:${address}?amount=12.505&memo=rent%20%26%20%E2%82%AC%2F%E6%9C%88%20100%25`);
  assert.deepEqual(uri.parsePaymentUri(text), { address, amountUnits: 1250500000n, memo: 'rent & €/月 100%' });
  assert.deepEqual(uri.parsePaymentUri(`BCOS:${address.toUpperCase()}?foo=bar&amount=1`), { address, amountUnits: 100000000n });
  assert.deepEqual(uri.parseRecipient(` ${address} `), { address });
  assert.deepEqual(uri.parseRecipient(`bcos:${address}?memo=hi`), { address, memo: 'hi' });
  assert.equal(uri.sendRoute({ address, amountUnits: 1n, memo: 'a b' }), `#/wallet/send?to=${address}&amount=0.00000001&memo=a+b`);
  const m = 'é'.repeat(128);
  assert.equal(uri.parsePaymentUri(uri.formatPaymentUri({ address, memo: m })).memo, m, 'a 256-byte memo fits');
});

test('bad payment requests are refused naming the field', () => {
  const address = firstWords().address;
  const cases = [
    ['bitcoin:' + address, 'uri'], ['bcos:', 'to'], ['dd1xyz', 'to'], [`bcos:${address.slice(0, -1)}q`, 'to'],
    [`bcos:${address}?amount=1.123456789`, 'amount'], [`bcos:${address}?amount=-1`, 'amount'],
    [`bcos:${address}?amount=1&amount=2`, 'amount'], [`bcos:${address}?memo=%E0%A4`, 'memo'],
    [`bcos:${address}?memo=${'x'.repeat(257)}`, 'memo'], [`bcos:${address}?req-expiry=5`, 'uri'],
    [`bcos:${address}?memo=${'x'.repeat(1200)}`, 'uri'],
  ];
  for (const [text, field] of cases) {
    const read = text.includes(':') ? uri.parsePaymentUri : uri.parseRecipient;
    assert.throws(() => read(text), (e) => e.code === 'PAYMENT_URI_INVALID' && e.field === field, text);
  }
  assert.throws(() => uri.formatPaymentUri({ address, memo: 'x'.repeat(257) }), (e) => e.field === 'memo');
  assert.throws(() => uri.parseRecipient('bitcoin:' + address), (e) => e.field === 'to', 'another scheme is not an address');
});

function firstWords() {
  const k = MNEMONICS.keys.find((v) => v.account === 0 && v.mnemonic.split(' ').length === 24);
  return { words: k.mnemonic, account: 0, address: k.address };
}
