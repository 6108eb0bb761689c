// The canonical BCOS binary form, as bcos-types' codec.Encoder: big-endian fixed-width integers,
// unsigned LEB128 varint lengths, length-prefixed bytes and UTF-8 strings, no maps.
// Integers may be given as BigInt, safe non-negative Number, or decimal string; 64-bit values
// are 0..2^63-1 (the Java side's non-negative long).

import { concat, utf8 } from './bytes.js';
import { ADDRESS_BYTES, decodeAddress } from './address.js';

export const U64_MAX = (1n << 63n) - 1n;

/** A value out of its range or of the wrong type; code INVALID_VALUE, field names it. */
export class CodecError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'CodecError';
    this.code = 'INVALID_VALUE';
    this.field = field;
  }
}

/** An integer in 0..max as BigInt, or CodecError naming `field`. */
export function toBigInt(value, field = 'value', max = U64_MAX) {
  let v;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else if (typeof value === 'string' && /^(0|[1-9][0-9]{0,18})$/.test(value)) v = BigInt(value);
  else throw new CodecError(field, `${field} must be an integer in 0..${max}, got ${String(value).slice(0, 24)}`);
  if (v < 0n || v > max) throw new CodecError(field, `${field} must be an integer in 0..${max}, got ${v}`);
  return v;
}

export class Encoder {
  #parts = [];

  u8(value, field = 'u8') {
    this.#parts.push(Uint8Array.of(Number(toBigInt(value, field, 0xffn))));
    return this;
  }

  bool(value) {
    return this.u8(value ? 1 : 0);
  }

  u32(value, field = 'u32') {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, Number(toBigInt(value, field, 0xffffffffn)), false);
    this.#parts.push(out);
    return this;
  }

  /** A non-negative 64-bit integer (heights, nonces, amounts, times), 8 bytes big-endian. */
  u64(value, field = 'u64') {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, toBigInt(value, field), false);
    this.#parts.push(out);
    return this;
  }

  /** Unsigned LEB128. */
  varint(value, field = 'varint') {
    let v = toBigInt(value, field);
    const out = [];
    while (v > 0x7fn) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.#parts.push(Uint8Array.from(out));
    return this;
  }

  /** Raw bytes of a length fixed by the schema (no prefix). */
  fixed(bytes) {
    this.#parts.push(Uint8Array.from(bytes));
    return this;
  }

  /** A 32-byte address, from dd1… text or its bytes. */
  address(address, field = 'address') {
    const bytes = typeof address === 'string' ? decodeAddress(address) : address;
    if (!(bytes instanceof Uint8Array) || bytes.length !== ADDRESS_BYTES) {
      throw new CodecError(field, `${field} must be a dd1… address or ${ADDRESS_BYTES} bytes`);
    }
    return this.fixed(bytes);
  }

  /** Varint length, then the bytes. */
  bytes(bytes) {
    return this.varint(bytes.length).fixed(bytes);
  }

  string(text) {
    return this.bytes(utf8(text));
  }

  toBytes() {
    return concat(...this.#parts);
  }
}
