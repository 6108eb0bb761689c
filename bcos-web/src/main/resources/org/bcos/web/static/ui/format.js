// How amounts, times and hashes are shown, and how typed amounts are read.
// DDC has 8 decimals (Amount.UNITS_PER_DDC = 100,000,000 base units); amounts are exact
// (BigInt base units, never floats).

export const UNITS_PER_DDC = 100_000_000n;
export const DDC_DECIMALS = 8;
/** Amount.TOTAL_SUPPLY_UNITS: no amount can exceed the whole supply (50 billion DDC). */
export const TOTAL_SUPPLY_UNITS = 50_000_000_000n * UNITS_PER_DDC;

/** A named error for text that is not a DDC amount (code AMOUNT_INVALID). */
export class AmountError extends Error {
  constructor(message) {
    super(message);
    this.code = 'AMOUNT_INVALID';
  }
}

/** Base units (BigInt, number or decimal string) as an exact DDC string: 1.5, 0.001, 12. */
export function ddc(units) {
  const u = BigInt(units);
  const neg = u < 0n;
  const abs = neg ? -u : u;
  const whole = abs / UNITS_PER_DDC;
  const frac = (abs % UNITS_PER_DDC).toString().padStart(DDC_DECIMALS, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** "1.5 DDC", with the whole part grouped by thousands (1,234.5 DDC). */
export function ddcText(units) {
  const [whole, frac] = ddc(units).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${frac ? `.${frac}` : ''} DDC`;
}

/**
 * Reads a typed DDC amount ("1.5", "0.00000001", "1,000") into base units; refuses empty,
 * negative, more than 8 decimals, or more than the supply, with an AmountError that says which.
 */
export function parseDdc(text) {
  const s = String(text ?? '').trim().replaceAll(',', '');
  if (!/^\d+(\.\d+)?$/.test(s)) throw new AmountError(`"${text}" is not a DDC amount (digits, one optional '.', up to ${DDC_DECIMALS} decimals)`);
  const [whole, frac = ''] = s.split('.');
  if (frac.length > DDC_DECIMALS) throw new AmountError(`a DDC amount has at most ${DDC_DECIMALS} decimals; "${text}" has ${frac.length}`);
  const units = BigInt(whole) * UNITS_PER_DDC + BigInt(frac.padEnd(DDC_DECIMALS, '0'));
  if (units > TOTAL_SUPPLY_UNITS) throw new AmountError(`${text} DDC is more than the whole supply (50,000,000,000 DDC)`);
  return units;
}

/** Milliseconds since the epoch as an ISO time to the second: 2026-12-07T20:40:05Z. */
export function isoTime(millis) {
  return new Date(Number(millis)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A long hex string or address shortened for tables (the whole one belongs in a title). */
export function shortHash(text) {
  const s = String(text ?? '');
  return s.length > 20 ? `${s.slice(0, 10)}…${s.slice(-8)}` : s;
}
