// The web wallet's crypto modules against the vectors Java computes (vectors/*.json, written and
// checked by bcos-cli's WebVectorsTest), BIP-173/350's published vectors, and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { ENGLISH } from '../../main/resources/org/bcos/web/static/lib/bip39-english.js';
import { fromHex, toHex, utf8 } from '../../main/resources/org/bcos/web/static/lib/bytes.js';
import * as mnemonic from '../../main/resources/org/bcos/web/static/lib/mnemonic.js';
import * as slip10 from '../../main/resources/org/bcos/web/static/lib/slip10.js';
import * as address from '../../main/resources/org/bcos/web/static/lib/address.js';
import { Encoder } from '../../main/resources/org/bcos/web/static/lib/codec.js';
import * as tx from '../../main/resources/org/bcos/web/static/lib/tx.js';

const vectors = (name) => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));
const MNEMONICS = vectors('mnemonics.json');
const TRANSACTIONS = vectors('transactions.json');

/** Asserts that `promise` rejects (or `fn` throws) an error with these properties. */
async function refused(fnOrPromise, props) {
  await assert.rejects(async () => (typeof fnOrPromise === 'function' ? fnOrPromise() : fnOrPromise), (e) => {
    for (const [k, v] of Object.entries(props)) assert.equal(e[k], v, `${k} of ${e.message}`);
    return true;
  });
}

test('the word list has 2048 distinct words', () => {
  assert.equal(ENGLISH.length, 2048);
  assert.equal(new Set(ENGLISH).size, 2048);
  assert.equal(ENGLISH[0], 'abandon');
  assert.equal(ENGLISH[2047], 'zoo');
});

test('entropy gives the words Java gives', async () => {
  assert.ok(MNEMONICS.entropy.length >= 5);
  for (const v of MNEMONICS.entropy) {
    assert.equal(await mnemonic.fromEntropy(fromHex(v.entropy)), v.mnemonic);
    assert.equal(toHex(await mnemonic.toEntropy(v.mnemonic)), v.entropy);
  }
});

test('words and passphrase give the seed Java gives (PBKDF2-HMAC-SHA512)', async () => {
  assert.ok(MNEMONICS.seeds.length >= 8);
  for (const v of MNEMONICS.seeds) {
    assert.equal(toHex(await mnemonic.toSeed(v.mnemonic, v.passphrase)), v.seed, `${v.mnemonic} / ${v.passphrase}`);
  }
});

test('words give the private key, public key and dd1 address Java gives, per account', async () => {
  assert.ok(MNEMONICS.keys.length >= 8);
  for (const v of MNEMONICS.keys) {
    const priv = await slip10.privateKeyFromMnemonic(v.mnemonic, v.account);
    assert.equal(toHex(priv), v.privateKey, `account ${v.account}`);
    const key = await slip10.importPrivateKey(priv);
    assert.equal(toHex(key.publicKey), v.publicKey);
    assert.equal(key.privateKey.extractable, false);
    assert.equal(address.encodeAddress(key.publicKey), v.address);
    assert.equal(toHex(address.decodeAddress(v.address)), v.publicKey);
    assert.equal(toHex(address.decodeAddress(v.address.toUpperCase())), v.publicKey);
  }
});

test('SLIP-10 published Ed25519 vector 1 (seed 000102…0f): master and m/0\'', async () => {
  const seed = fromHex('000102030405060708090a0b0c0d0e0f');
  assert.equal(toHex(await slip10.slip10(seed)), '2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7');
  assert.equal(toHex(await slip10.slip10(seed, [0])), '68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3');
});

test('a generated phrase has 24 valid words and differs each time', async () => {
  const a = await mnemonic.generate();
  const b = await mnemonic.generate();
  assert.equal(a.split(' ').length, mnemonic.GENERATED_WORDS);
  await mnemonic.validate(a);
  assert.notEqual(a, b);
});

test('bad phrases are refused by name', async () => {
  const good = MNEMONICS.keys[1].mnemonic; // 24 words
  const words = good.split(' ');
  await refused(mnemonic.validate(words.slice(0, 23).join(' ')), { code: 'INVALID_MNEMONIC', reason: 'WORD_COUNT' });
  await refused(mnemonic.validate(''), { code: 'INVALID_MNEMONIC', reason: 'WORD_COUNT' });
  await refused(mnemonic.validate([...words.slice(0, 5), 'abandonn', ...words.slice(6)].join(' ')),
    { code: 'INVALID_MNEMONIC', reason: 'UNKNOWN_WORD', word: 'abandonn', position: 6 });
  // Last word changed to another list word: the checksum no longer matches.
  await refused(mnemonic.validate([...words.slice(0, 23), 'zoo'].join(' ')), { code: 'INVALID_MNEMONIC', reason: 'CHECKSUM' });
  await refused(mnemonic.toSeed([...words.slice(0, 23), 'zoo'].join(' ')), { reason: 'CHECKSUM' });
  await refused(slip10.privateKeyFromMnemonic([...words.slice(0, 23), 'zoo'].join(' ')), { reason: 'CHECKSUM' });
  await assert.rejects(slip10.privateKeyFromMnemonic(good, -1), RangeError);
  await assert.rejects(slip10.privateKeyFromMnemonic(good, 2 ** 31), RangeError);
});

test('signed coin.transfer: same body, digest, signature, encoding and hash as Java', async () => {
  assert.ok(TRANSACTIONS.transfers.length >= 5);
  for (const v of TRANSACTIONS.transfers) {
    const key = await slip10.keyFromMnemonic(v.mnemonic, v.account);
    assert.equal(address.encodeAddress(key.publicKey), v.sender);
    const body = {
      chainId: v.chainId, sender: v.sender, nonce: v.nonce, feeUnits: BigInt(v.feeUnits),
      expiryHeight: v.expiryHeight, message: tx.coinTransfer(v.to, v.amountUnits, v.memo),
    };
    assert.equal(toHex(tx.encodeBody(body)), v.body);
    assert.equal(toHex(await tx.signingDigest(fromHex(v.body))), v.digest);
    const signed = await tx.signTransaction(body, key);
    assert.equal(toHex(signed.body), v.body);
    assert.equal(toHex(signed.digest), v.digest);
    assert.equal(toHex(signed.signature), v.signature);
    assert.equal(signed.hex, v.encoded);
    assert.equal(toHex(signed.hash), v.hash);
    assert.ok(await slip10.verify(key.publicKey, signed.digest, signed.signature));
    const request = tx.sendRawTransactionRequest(1, signed.encoded);
    assert.deepEqual(request.params, [v.encoded]);
    assert.equal(request.method, 'bcos_sendRawTransaction');
  }
});

test('bad transaction fields are refused by name', async () => {
  const v = TRANSACTIONS.transfers[0];
  const key = await slip10.keyFromMnemonic(v.mnemonic, v.account);
  const body = (over) => ({ chainId: v.chainId, sender: v.sender, nonce: 0, feeUnits: 1, expiryHeight: 1,
    message: tx.coinTransfer(v.to, 1, ''), ...over });
  assert.throws(() => tx.coinTransfer(v.to, 1, 'é'.repeat(129)), { code: 'MEMO_TOO_LONG' });
  assert.throws(() => tx.coinTransfer(v.to, -1, ''), { code: 'INVALID_VALUE', field: 'amountUnits' });
  assert.throws(() => tx.coinTransfer(v.to, 1.5, ''), { code: 'INVALID_VALUE', field: 'amountUnits' });
  assert.throws(() => tx.coinTransfer(v.to, 2n ** 63n, ''), { code: 'INVALID_VALUE', field: 'amountUnits' });
  assert.throws(() => tx.coinTransfer(v.to, 2 ** 53, ''), { code: 'INVALID_VALUE' }); // unsafe Number
  const toKey = address.decodeAddress(v.to);
  assert.throws(() => tx.coinTransfer(address.encode('cosmos', toKey), 1, ''), { code: 'WRONG_CHAIN_ADDRESS' });
  assert.throws(() => tx.coinTransfer(v.to.slice(0, -1) + (v.to.endsWith('q') ? 'p' : 'q'), 1, ''), { code: 'INVALID_ADDRESS', reason: 'CHECKSUM' });
  assert.throws(() => tx.coinTransfer(toKey.subarray(1), 1, ''), { code: 'INVALID_VALUE', field: 'to' });
  assert.throws(() => tx.encodeBody(body({ sender: address.encode('dd', toKey, address.BECH32) })), { reason: 'CHECKSUM' });
  assert.throws(() => tx.encodeBody(body({ chainId: '-dev' })), { code: 'INVALID_VALUE', field: 'chainId' });
  assert.throws(() => tx.encodeBody(body({ chainId: 'x'.repeat(33) })), { field: 'chainId' });
  assert.throws(() => tx.encodeBody(body({ nonce: '01' })), { field: 'nonce' });
  const other = await slip10.keyFromMnemonic(v.mnemonic, 1);
  await refused(tx.signTransaction(body({}), other), { field: 'sender' });
  assert.throws(() => tx.assemble(new Uint8Array(10), new Uint8Array(63)), { field: 'signature' });
  assert.throws(() => tx.assemble(new Uint8Array(2000), new Uint8Array(64)), { code: 'TX_TOO_LARGE' });
});

test('encoder primitives: varint (LEB128), u64 big-endian, string with varint length', () => {
  const hex = (f) => toHex(f(new Encoder()).toBytes());
  assert.equal(hex((e) => e.varint(0)), '00');
  assert.equal(hex((e) => e.varint(127)), '7f');
  assert.equal(hex((e) => e.varint(128)), '8001');
  assert.equal(hex((e) => e.varint(300)), 'ac02');
  assert.equal(hex((e) => e.varint(2n ** 63n - 1n)), 'ffffffffffffffff7f');
  assert.equal(hex((e) => e.u64(1)), '0000000000000001');
  assert.equal(hex((e) => e.u64('9223372036854775807')), '7fffffffffffffff');
  assert.equal(hex((e) => e.u32(0x01020304)), '01020304');
  assert.equal(hex((e) => e.bool(true).u8(255)), '01ff');
  assert.equal(hex((e) => e.string('é')), '02c3a9');
  assert.equal(hex((e) => e.bytes(utf8('x'.repeat(128)))).slice(0, 4), '8001');
  assert.throws(() => new Encoder().u8(256), { code: 'INVALID_VALUE' });
  assert.throws(() => new Encoder().u64(2n ** 63n), { code: 'INVALID_VALUE' });
});

// BIP-173 and BIP-350 published test vectors (the generic bech32 / bech32m strings).
const BECH32_VALID = [
  'A12UEL5L', 'a12uel5l',
  'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
  'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
  '11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j',
  'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w', '?1ezyfcl',
];
const BECH32M_VALID = [
  'A1LQFN3A', 'a1lqfn3a',
  'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
  'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
  '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
  'split1checkupstagehandshakeupstreamerranterredcaperredlc445v', '?1v759aa',
];
const BECH32M_INVALID = [
  ['\x201xj0phk', 'INVALID_CHARACTER'], ['\x7f1g6xzxy', 'INVALID_CHARACTER'], ['\x801vctc34', 'INVALID_CHARACTER'],
  ['an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4', 'TOO_LONG'],
  ['qyrz8wqd2c9m', 'NO_SEPARATOR'], ['1qyrz8wqd2c9m', 'NO_SEPARATOR'], ['y1b0jsk6g', 'NOT_IN_ALPHABET'],
  ['lt1igcx5c0', 'NOT_IN_ALPHABET'], ['in1muywd', 'TOO_SHORT'], ['mm1crxm3i', 'NOT_IN_ALPHABET'],
  ['au1s5cgom', 'NOT_IN_ALPHABET'], ['M1VUXWEZ', 'CHECKSUM'], ['16plkw9', 'NO_SEPARATOR'],
  ['1p2gdwpf', 'NO_SEPARATOR'],
];

const BECH32_INVALID = [
  ['\x201nwldj5', 'INVALID_CHARACTER'], ['\x7f1axkwrx', 'INVALID_CHARACTER'], ['\x801eym55h', 'INVALID_CHARACTER'],
  ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'TOO_LONG'],
  ['pzry9x0s0muk', 'NO_SEPARATOR'], ['1pzry9x0s0muk', 'NO_SEPARATOR'], ['x1b4n0q5v', 'NOT_IN_ALPHABET'],
  ['li1dgmt3', 'TOO_SHORT'], ['de1lg7wt\xff', 'INVALID_CHARACTER'], ['A1G7SGD8', 'CHECKSUM'],
  ['10a06t8', 'NO_SEPARATOR'], ['1qzzfhee', 'NO_SEPARATOR'],
];

test('BIP-173 bech32 and BIP-350 bech32m valid vectors: checksum holds, re-encoding gives the text', () => {
  for (const [list, variant, other] of [[BECH32_VALID, address.BECH32, address.BECH32M], [BECH32M_VALID, address.BECH32M, address.BECH32]]) {
    for (const s of list) {
      const { prefix, groups } = address.decodeGroups(s, variant);
      assert.equal(address.encodeGroups(prefix, groups, variant), s.toLowerCase());
      // The other variant's constant refuses the same text.
      assert.throws(() => address.decodeGroups(s, other), { reason: 'CHECKSUM' });
    }
  }
});

test('BIP-173 and BIP-350 invalid vectors are refused, each by its rule', () => {
  for (const [s, reason] of BECH32M_INVALID) {
    assert.throws(() => address.decodeGroups(s), { code: 'INVALID_ADDRESS', reason }, JSON.stringify(s));
  }
  for (const [s, reason] of BECH32_INVALID) {
    assert.throws(() => address.decodeGroups(s, address.BECH32), { code: 'INVALID_ADDRESS', reason }, JSON.stringify(s));
  }
});

test('bad addresses are refused by name', () => {
  const good = MNEMONICS.keys[0].address;
  const flip = good.slice(0, 10) + (good[10] === 'q' ? 'p' : 'q') + good.slice(11);
  assert.throws(() => address.decodeAddress(flip), { code: 'INVALID_ADDRESS', reason: 'CHECKSUM' });
  assert.throws(() => address.decodeAddress(good.slice(0, 20) + good.slice(20).toUpperCase()), { reason: 'MIXED_CASE' });
  const key = address.decodeAddress(good);
  assert.throws(() => address.decodeAddress(address.encode('cosmos', key)), { code: 'WRONG_CHAIN_ADDRESS', reason: 'WRONG_PREFIX' });
  assert.throws(() => address.decodeAddress(address.encode('dd', key, address.BECH32)), { reason: 'CHECKSUM' });
  assert.throws(() => address.decodeAddress(address.encode('dd', key.subarray(0, 20))), { code: 'INVALID_ADDRESS', reason: 'WRONG_LENGTH' });
  assert.throws(() => address.encodeAddress(new Uint8Array(31)), { reason: 'WRONG_LENGTH' });
  assert.throws(() => address.decodeAddress(good + 'q'.repeat(40)), { reason: 'TOO_LONG' });
  assert.equal(address.normalizeAddress(good.toUpperCase()), good);
});
