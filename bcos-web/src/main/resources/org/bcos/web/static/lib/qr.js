// A QR code encoder (ISO/IEC 18004:2015) for payment requests: byte mode (UTF-8), error
// correction level M (15 % of codewords recoverable), versions 1 to 40, the smallest version that
// holds the data, and the mask (of the 8) with the lowest penalty by the standard's four rules.
// Pure functions: encodeQr(text) → {version, mask, size, modules: rows of booleans (true = dark)}.
// Table figures are the standard's (Table 9, level M); the block split follows from them.

import { utf8 } from './bytes.js';

export const MIN_VERSION = 1;
export const MAX_VERSION = 40;
/** Error correction level M: its 2-bit format indicator is 00. */
export const EC_LEVEL_M_BITS = 0b00;
/** Penalty weights N1..N4 (ISO 18004 §7.8.3.1). */
export const PENALTY_N1 = 3;
export const PENALTY_N2 = 3;
export const PENALTY_N3 = 40;
export const PENALTY_N4 = 10;
/** Quiet zone around the symbol, in modules (§6.3.8). */
export const QUIET_ZONE_MODULES = 4;

// Level M, index = version: error correction codewords per block, and number of blocks.
const EC_CODEWORDS_PER_BLOCK = [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26,
  26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
const EC_BLOCKS = [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
  25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];

/** Text that does not fit in a version-40 M symbol: code QR_TOO_LONG. */
export class QrError extends Error {
  constructor(message) {
    super(message);
    this.code = 'QR_TOO_LONG';
  }
}

/** Modules per side of a version's symbol. */
export function symbolSize(version) {
  return version * 4 + 17;
}

/** Modules that carry data and error correction (all but function patterns and format/version). */
export function rawDataModules(version) {
  let n = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (version >= 7) n -= 36;
  }
  return n;
}

/** Codewords of a version (data + error correction). */
export function totalCodewords(version) {
  return Math.floor(rawDataModules(version) / 8);
}

/** {ecPerBlock, blocks, shortBlocks, shortBlockData, dataCodewords} of a version at level M. */
export function blockLayout(version) {
  const total = totalCodewords(version);
  const blocks = EC_BLOCKS[version];
  const ecPerBlock = EC_CODEWORDS_PER_BLOCK[version];
  const shortBlocks = blocks - (total % blocks);
  const shortBlockLength = Math.floor(total / blocks);
  return { ecPerBlock, blocks, shortBlocks, shortBlockData: shortBlockLength - ecPerBlock, dataCodewords: total - ecPerBlock * blocks };
}

/** Bytes a version holds in byte mode (4-bit mode, 8- or 16-bit count). */
export function byteCapacity(version) {
  const countBits = version <= 9 ? 8 : 16;
  return Math.floor((blockLayout(version).dataCodewords * 8 - 4 - countBits) / 8);
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d).
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];

function gfMul(a, b) {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The generator polynomial of degree n: (x - α^0)…(x - α^(n-1)), coefficients high to low. */
export function generatorPolynomial(n) {
  let poly = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= gfMul(poly[j], EXP[i]);
    }
    poly = next;
  }
  return poly;
}

/** The n Reed-Solomon error correction codewords of `data` (the remainder of data·x^n by g). */
export function reedSolomon(data, n) {
  const gen = generatorPolynomial(n);
  const rem = new Array(n).fill(0);
  for (const d of data) {
    const factor = d ^ rem.shift();
    rem.push(0);
    for (let i = 0; i < n; i++) rem[i] ^= gfMul(gen[i + 1], factor);
  }
  return rem;
}

/** The 15 format bits of level M and `mask`: 5 data bits, 10 BCH bits, XOR 0x5412 (§7.9.1). */
export function formatBits(mask) {
  const data = (EC_LEVEL_M_BITS << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** The 18 version bits of versions 7+: 6 data bits and 12 BCH bits (§7.10). */
export function versionBits(version) {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (version << 12) | rem;
}

/** Alignment pattern centre coordinates of a version (Annex E). */
export function alignmentPositions(version) {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const out = [6];
  for (let pos = symbolSize(version) - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

/** The smallest version (1..40) whose byte mode holds `length` bytes, or QR_TOO_LONG. */
export function chooseVersion(length) {
  for (let v = MIN_VERSION; v <= MAX_VERSION; v++) if (byteCapacity(v) >= length) return v;
  throw new QrError(`${length} bytes do not fit in a QR code (at most ${byteCapacity(MAX_VERSION)} at level M)`);
}

/** The data codewords of `bytes` in byte mode at `version`: mode, count, data, terminator, pads. */
export function dataCodewords(bytes, version) {
  const { dataCodewords: capacity } = blockLayout(version);
  const bits = [];
  const put = (value, n) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, version <= 9 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, capacity * 8 - bits.length));
  while (bits.length % 8) bits.push(0);
  const out = [];
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; out.length < capacity; pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

/** Data split into blocks, each with its RS codewords, interleaved (§7.6). */
export function interleave(data, version) {
  const { ecPerBlock, blocks, shortBlocks, shortBlockData } = blockLayout(version);
  const dataBlocks = [];
  const ecBlocks = [];
  for (let b = 0, at = 0; b < blocks; b++) {
    const len = shortBlockData + (b < shortBlocks ? 0 : 1);
    const block = data.slice(at, at + len);
    at += len;
    dataBlocks.push(block);
    ecBlocks.push(reedSolomon(block, ecPerBlock));
  }
  const out = [];
  for (let i = 0; i <= shortBlockData; i++) {
    for (const block of dataBlocks) if (i < block.length) out.push(block[i]);
  }
  for (let i = 0; i < ecPerBlock; i++) for (const block of ecBlocks) out.push(block[i]);
  return out;
}

const MASKS = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

/** A grid with the function patterns of `version` drawn and marked reserved (format left blank). */
function functionPatterns(version) {
  const size = symbolSize(version);
  const dark = Array.from({ length: size }, () => new Array(size).fill(false));
  const reserved = Array.from({ length: size }, () => new Array(size).fill(false));
  const set = (r, c, on) => {
    dark[r][c] = on;
    reserved[r][c] = true;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [r0, c0] of [[0, 0], [0, size - 7], [size - 7, 0]]) {
    for (let dr = -1; dr <= 7; dr++) {
      for (let dc = -1; dc <= 7; dc++) {
        const r = r0 + dr;
        const c = c0 + dc;
        if (r < 0 || c < 0 || r >= size || c >= size) continue;
        const ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
        set(r, c, ring !== 2 && ring !== 4);
      }
    }
  }
  const align = alignmentPositions(version);
  for (const r of align) {
    for (const c of align) {
      if ((r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6)) continue;
      for (let dr = -2; dr <= 2; dr++) for (let dc = -2; dc <= 2; dc++) set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  }
  drawFormat(dark, reserved, 0);
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i++) {
      const on = ((bits >>> i) & 1) === 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      set(a, b, on);
      set(b, a, on);
    }
  }
  return { size, dark, reserved };
}

/** Writes the format bits of `mask` in both copies, and the dark module (§7.9.1). */
function drawFormat(dark, reserved, mask) {
  const size = dark.length;
  const bits = formatBits(mask);
  const set = (r, c, i) => {
    dark[r][c] = ((bits >>> i) & 1) === 1;
    reserved[r][c] = true;
  };
  for (let i = 0; i <= 5; i++) set(i, 8, i);
  set(7, 8, 6);
  set(8, 8, 7);
  set(8, 7, 8);
  for (let i = 9; i < 15; i++) set(8, 14 - i, i);
  for (let i = 0; i < 8; i++) set(8, size - 1 - i, i);
  for (let i = 8; i < 15; i++) set(size - 15 + i, 8, i);
  dark[size - 8][8] = true;
  reserved[size - 8][8] = true;
}

/** Places the codeword bits in the zigzag order (§7.7.3) on the modules not reserved. */
function placeCodewords(dark, reserved, codewords) {
  const size = dark.length;
  let i = 0;
  const total = codewords.length * 8;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let v = 0; v < size; v++) {
      const r = upward ? size - 1 - v : v;
      for (let j = 0; j < 2; j++) {
        const c = right - j;
        if (reserved[r][c]) continue;
        if (i < total) dark[r][c] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
        i++;
      }
    }
  }
}

function applyMask(dark, reserved, mask) {
  const fn = MASKS[mask];
  for (let r = 0; r < dark.length; r++) {
    for (let c = 0; c < dark.length; c++) if (!reserved[r][c] && fn(r, c)) dark[r][c] = !dark[r][c];
  }
}

/** The penalty score of a finished symbol by rules 1-4 (ISO 18004 §7.8.3). */
export function penalty(dark) {
  const size = dark.length;
  let score = 0;
  const line = (get) => {
    let run = 1;
    for (let i = 1; i <= size; i++) {
      if (i < size && get(i) === get(i - 1)) {
        run++;
      } else {
        if (run >= 5) score += PENALTY_N1 + (run - 5);
        run = 1;
      }
    }
    // rule 3: 1:1:3:1:1 dark-light-dark-light-dark with 4 light modules before or after
    for (let i = 0; i + 7 <= size; i++) {
      const core = get(i) && !get(i + 1) && get(i + 2) && get(i + 3) && get(i + 4) && !get(i + 5) && get(i + 6);
      if (!core) continue;
      const lightRun = (from) => {
        for (let k = from; k < from + 4; k++) if (k >= 0 && k < size && get(k)) return false;
        return true;
      };
      if (lightRun(i - 4) || lightRun(i + 7)) score += PENALTY_N3;
    }
  };
  for (let r = 0; r < size; r++) line((c) => dark[r][c]);
  for (let c = 0; c < size; c++) line((r) => dark[r][c]);
  let darkCount = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (dark[r][c]) darkCount++;
      if (r + 1 < size && c + 1 < size) {
        const v = dark[r][c];
        if (dark[r][c + 1] === v && dark[r + 1][c] === v && dark[r + 1][c + 1] === v) score += PENALTY_N2;
      }
    }
  }
  const total = size * size;
  score += Math.floor(Math.abs(darkCount * 20 - total * 10) / total) * PENALTY_N4;
  return score;
}

/**
 * The symbol of `text` (UTF-8, byte mode, level M): {version, mask, size, modules}. `mask`
 * (0..7) forces a mask; otherwise the one with the lowest penalty is chosen.
 */
export function encodeQr(text, { mask: forcedMask } = {}) {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const version = chooseVersion(bytes.length);
  const codewords = interleave(dataCodewords(bytes, version), version);
  const base = functionPatterns(version);
  placeCodewords(base.dark, base.reserved, codewords);
  let best = null;
  for (let mask = 0; mask < 8; mask++) {
    if (forcedMask !== undefined && mask !== forcedMask) continue;
    const dark = base.dark.map((row) => row.slice());
    const reserved = base.reserved;
    applyMask(dark, reserved, mask);
    drawFormat(dark, reserved, mask);
    const score = penalty(dark);
    if (!best || score < best.score) best = { version, mask, size: base.size, modules: dark, score };
  }
  return best;
}

/** An SVG path ("M x y h1 v1 h-1 z" per dark module, offset by the quiet zone) of a symbol. */
export function svgPath(symbol, quiet = QUIET_ZONE_MODULES) {
  const parts = [];
  symbol.modules.forEach((row, r) => row.forEach((on, c) => {
    if (on) parts.push(`M${c + quiet} ${r + quiet}h1v1h-1z`);
  }));
  return parts.join('');
}
