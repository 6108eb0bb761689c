// A community's roll from CSV (pasted or uploaded): address, weight, region and an optional
// label (kept in the page only, never sent). Every row is parsed and checked before anything is
// signed; each problem names its row (the line it starts on, the header being row 1) and column.
// RFC 4180 quoting ("a, b", "say ""hi"""), a UTF-8 BOM, CRLF, CR or LF line ends; a first row
// whose first cell is "address" is a header. Cells are plain text: nothing here is markup.

import { normalizeAddress } from '../address.js';
import { utf8 } from '../bytes.js';
import { LIMITS } from './admin.js';

/** Most member rows one upload may hold (each row is one or two transactions). */
export const MAX_ROWS = 1000;
/** Most characters a pasted or uploaded CSV may have. */
export const MAX_CHARS = 200_000;
export const COLUMNS = Object.freeze(['address', 'weight', 'region', 'label']);

/** Splits CSV text into rows of cells, each row with the line it starts on; or throws UNTERMINATED_QUOTE. */
export function splitCsv(input) {
  const s = String(input ?? '').replace(/^\uFEFF/, '');
  const rows = [];
  let cells = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      if (ch === '\n' || (ch === '\r' && s[i + 1] !== '\n')) line += 1;
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell.trim() === '') { quoted = true; cell = ''; i += 1; continue; }
    if (ch === ',') { cells.push(cell); cell = ''; i += 1; continue; }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
      endRow();
      line += 1;
      rowLine = line;
      continue;
    }
    cell += ch;
    i += 1;
  }
  if (quoted) {
    const e = new Error(`row ${rowLine}: a quoted cell is not closed`);
    e.code = 'UNTERMINATED_QUOTE';
    e.row = rowLine;
    throw e;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/**
 * Parses and checks a roll. options: electorate ('members' | 'weighted' | 'open': only weighted
 * takes weights other than 1), regions (the declared region codes; a row's region must be one of
 * them), maxRows. Returns {rows: [{row, address, weight (BigInt), region, label}], errors:
 * [{row, column, code, message}]}; when errors is not empty, nothing should be sent.
 */
export function parseMembers(text, { electorate = 'weighted', regions = [], maxRows = MAX_ROWS } = {}) {
  const errors = [];
  const fail = (row, column, code, message) => errors.push({ row, column, code, message });
  if (String(text ?? '').length > MAX_CHARS) {
    fail(0, '', 'TOO_LARGE', `the CSV has more than ${MAX_CHARS} characters`);
    return { rows: [], errors };
  }
  let table;
  try {
    table = splitCsv(text);
  } catch (e) {
    fail(e.row, '', e.code, e.message);
    return { rows: [], errors };
  }
  if (table.length > 0 && table[0].cells[0].trim().toLowerCase() === 'address') table = table.slice(1);
  if (table.length === 0) fail(0, '', 'NO_ROWS', 'there are no member rows');
  if (table.length > maxRows) {
    fail(table[maxRows].line, '', 'TOO_MANY_ROWS', `at most ${maxRows} member rows per upload; this one has ${table.length}`);
    return { rows: [], errors };
  }
  const known = new Set(regions.map((r) => r.trim()).filter((r) => r.length > 0));
  const seen = new Map();
  const rows = [];
  for (const { line, cells } of table) {
    const before = errors.length;
    if (cells.length > COLUMNS.length) {
      fail(line, '', 'TOO_MANY_COLUMNS', `row ${line}: at most ${COLUMNS.length} columns (${COLUMNS.join(', ')}), got ${cells.length}`);
      continue;
    }
    const [rawAddress, rawWeight = '', rawRegion = '', label = ''] = cells.map((c) => c.trim());
    let address = null;
    try {
      address = normalizeAddress(rawAddress);
    } catch (e) {
      fail(line, 'address', 'BAD_ADDRESS', `row ${line}, column address: not a dd1… address (${e.reason || e.code})`);
    }
    if (address !== null) {
      if (seen.has(address)) fail(line, 'address', 'DUPLICATE_ADDRESS', `row ${line}, column address: already on row ${seen.get(address)}`);
      else seen.set(address, line);
    }
    const weight = checkWeight(rawWeight, electorate, line, fail);
    if (rawRegion !== '') {
      if (utf8(rawRegion).length > LIMITS.maxAttributeBytes) {
        fail(line, 'region', 'REGION_TOO_LONG', `row ${line}, column region: at most ${LIMITS.maxAttributeBytes} UTF-8 bytes`);
      } else if (!known.has(rawRegion)) {
        fail(line, 'region', 'UNKNOWN_REGION', `row ${line}, column region: "${rawRegion}" is not one of the declared regions`);
      }
    }
    if (errors.length === before) rows.push({ row: line, address, weight, region: rawRegion, label });
  }
  return { rows: errors.length ? [] : rows, errors };
}

function checkWeight(raw, electorate, line, fail) {
  const text = raw === '' ? '1' : raw;
  if (!/^[0-9]{1,19}$/.test(text) || BigInt(text) < 1n) {
    fail(line, 'weight', 'BAD_WEIGHT', `row ${line}, column weight: "${raw}" is not a positive integer`);
    return null;
  }
  const w = BigInt(text);
  if (w > LIMITS.maxMemberWeight) {
    fail(line, 'weight', 'BAD_WEIGHT', `row ${line}, column weight: at most ${LIMITS.maxMemberWeight}`);
    return null;
  }
  if (electorate !== 'weighted' && w !== 1n) {
    fail(line, 'weight', 'BAD_WEIGHT', `row ${line}, column weight: a ${electorate} electorate takes weight 1 only`);
    return null;
  }
  return w;
}
