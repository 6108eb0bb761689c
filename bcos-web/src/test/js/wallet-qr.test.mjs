// The QR encoder (lib/qr.js) against figures published in ISO/IEC 18004 and its worked examples:
// Reed-Solomon codewords, format and version BCH bits, capacities, alignment positions, and the
// structure of whole symbols. (WalletWebIT decodes a drawn symbol with ZXing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as qr from '../../main/resources/org/bcos/web/static/lib/qr.js';

test('Reed-Solomon codewords equal the published examples', () => {
  // ISO/IEC 18004 Annex I: "01234567" as 1-M (numeric mode)
  assert.deepEqual(qr.reedSolomon([16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17], 10),
    [165, 36, 212, 193, 237, 54, 199, 135, 44, 85]);
  // "HELLO WORLD" as 1-M (alphanumeric mode), the widely used tutorial example
  assert.deepEqual(qr.reedSolomon([32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17], 10),
    [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
});

test('the generator polynomial of degree 7 is the standard one (Annex A)', () => {
  // g(x) = x^7 + α^87x^6 + α^229x^5 + α^146x^4 + α^149x^3 + α^238x^2 + α^102x + α^21, as integers
  assert.deepEqual(qr.generatorPolynomial(7), [1, 127, 122, 154, 164, 11, 68, 117]);
});

test('format bits of level M for each mask equal Table C.1', () => {
  const published = ['101010000010010', '101000100100101', '101111001111100', '101101101001011',
    '100010111111001', '100000011001110', '100111110010111', '100101010100000'];
  for (let mask = 0; mask < 8; mask++) assert.equal(qr.formatBits(mask).toString(2).padStart(15, '0'), published[mask], `mask ${mask}`);
});

test('version bits equal Table D.1', () => {
  assert.equal(qr.versionBits(7), 0x07c94);
  assert.equal(qr.versionBits(8), 0x085bc);
  assert.equal(qr.versionBits(10), 0x0a4d3);
  assert.equal(qr.versionBits(40), 0x28c69);
});

test('capacities and codeword counts equal Tables 1 and 7 (level M, byte mode)', () => {
  const totals = { 1: 26, 2: 44, 5: 134, 7: 196, 10: 346, 20: 1085, 40: 3706 };
  for (const [v, n] of Object.entries(totals)) assert.equal(qr.totalCodewords(Number(v)), n, `version ${v}`);
  const bytes = { 1: 14, 2: 26, 3: 42, 4: 62, 5: 84, 6: 106, 7: 122, 8: 152, 9: 180, 10: 213, 20: 666, 40: 2331 };
  for (const [v, n] of Object.entries(bytes)) assert.equal(qr.byteCapacity(Number(v)), n, `version ${v}`);
  // version 5-M is 2 blocks of (33, 43) and version 10-M is 4 × (69, 43) + 1 × (70, 44)
  assert.deepEqual(qr.blockLayout(5), { ecPerBlock: 24, blocks: 2, shortBlocks: 2, shortBlockData: 43, dataCodewords: 86 });
  assert.deepEqual(qr.blockLayout(10), { ecPerBlock: 26, blocks: 5, shortBlocks: 4, shortBlockData: 43, dataCodewords: 216 });
  for (let v = 1; v <= 40; v++) {
    const l = qr.blockLayout(v);
    assert.ok(l.shortBlocks >= 1 && l.shortBlocks <= l.blocks && l.shortBlockData > 0, `version ${v}`);
  }
});

test('alignment pattern positions equal Annex E', () => {
  assert.deepEqual(qr.alignmentPositions(1), []);
  assert.deepEqual(qr.alignmentPositions(2), [6, 18]);
  assert.deepEqual(qr.alignmentPositions(7), [6, 22, 38]);
  assert.deepEqual(qr.alignmentPositions(10), [6, 28, 50]);
  assert.deepEqual(qr.alignmentPositions(32), [6, 34, 60, 86, 112, 138]);
  assert.deepEqual(qr.alignmentPositions(40), [6, 30, 58, 86, 114, 142, 170]);
});

test('byte mode data codewords: mode, count, data, terminator, alternating pads', () => {
  const cw = qr.dataCodewords(new TextEncoder().encode('ab'), 1);
  assert.equal(cw.length, 16);
  // 0100 00000010 01100001 01100010 0000 → 0x40 0x26 0x16 0x20 then EC 11 EC …
  assert.deepEqual(cw.slice(0, 8), [0x40, 0x26, 0x16, 0x20, 0xec, 0x11, 0xec, 0x11]);
});

test('a symbol has the finder, timing and format patterns where the standard puts them', () => {
  const uri = 'bcos:dd1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0qx7r9vq?amount=12.5&memo=rent%20%E2%82%AC';
  const s = qr.encodeQr(uri);
  assert.equal(s.version, qr.chooseVersion(new TextEncoder().encode(uri).length));
  assert.equal(s.size, s.version * 4 + 17);
  const m = s.modules;
  for (const [r0, c0] of [[0, 0], [0, s.size - 7], [s.size - 7, 0]]) {
    for (let i = 0; i < 7; i++) {
      assert.ok(m[r0][c0 + i] && m[r0 + 6][c0 + i] && m[r0 + i][c0] && m[r0 + i][c0 + 6], 'finder ring');
      assert.ok(m[r0 + 2 + (i % 3)][c0 + 2 + Math.floor(i / 3) % 3], 'finder centre');
    }
  }
  for (let i = 8; i < s.size - 8; i++) assert.equal(m[6][i], i % 2 === 0, `timing ${i}`);
  let read = 0;
  for (let i = 0; i <= 5; i++) read |= (m[i][8] ? 1 : 0) << i;
  read |= (m[7][8] ? 1 : 0) << 6 | (m[8][8] ? 1 : 0) << 7 | (m[8][7] ? 1 : 0) << 8;
  for (let i = 9; i < 15; i++) read |= (m[8][14 - i] ? 1 : 0) << i;
  assert.equal(read, qr.formatBits(s.mask), 'the first format copy holds level M and the chosen mask');
  assert.ok(m[s.size - 8][8], 'the dark module');
});

test('the chosen mask has the lowest penalty of the eight', () => {
  const text = 'bcos:dd1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0qx7r9vq';
  const best = qr.encodeQr(text);
  for (let mask = 0; mask < 8; mask++) assert.ok(qr.penalty(qr.encodeQr(text, { mask }).modules) >= best.score);
});

test('versions grow with the data, up to 40; longer text is refused by name', () => {
  assert.equal(qr.encodeQr('x'.repeat(14)).version, 1);
  assert.equal(qr.encodeQr('x'.repeat(15)).version, 2);
  assert.equal(qr.encodeQr('x'.repeat(213)).version, 10);
  assert.equal(qr.encodeQr('x'.repeat(214)).version, 11);
  assert.equal(qr.encodeQr('x'.repeat(2331)).version, 40);
  assert.throws(() => qr.encodeQr('x'.repeat(2332)), (e) => e.code === 'QR_TOO_LONG');
});

test('penalty rule 4 and rule 2 on small grids', () => {
  const allDark = Array.from({ length: 5 }, () => new Array(5).fill(true));
  // rule 1: 10 lines of 5 → 10 × 3; rule 2: 16 blocks × 3; rule 4: 100 % dark → 10 steps × 10
  assert.equal(qr.penalty(allDark), 30 + 48 + 100);
});
