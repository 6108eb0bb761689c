// JSON from the node, exactly. The node writes 64-bit integers (weights in base units of stake,
// parameter values and bounds) as JSON numbers; JSON.parse would round those above 2^53 to the
// nearest double. Here an integer outside Number's safe range becomes a BigInt with the digits
// the node sent, read from the reviver's source text (JSON.parse source text access). Safe
// integers stay Numbers, so code written for small values keeps working; code that may meet a
// big one converts with Number() for geometry and BigInt()/String() for figures.

/** Whether this engine gives revivers the source text (Chromium ≥ 114; Node with a flag). */
export const EXACT = (() => {
  let seen = false;
  try {
    JSON.parse('9007199254740993', (key, value, context) => {
      seen = context !== undefined && context.source === '9007199254740993';
      return value;
    });
  } catch {
    seen = false;
  }
  return seen;
})();

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

function revive(key, value, context) {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context !== undefined
    && INTEGER.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
}

/**
 * Parses the node's JSON; integers beyond ±(2^53 − 1) come back as BigInt where the engine
 * allows it (EXACT), else rounded as JSON.parse does.
 */
export function parseExact(text) {
  return EXACT ? JSON.parse(text, revive) : JSON.parse(text);
}

/**
 * JSON text of a value that may hold BigInts (from parseExact): each is written as the number it
 * is (JSON.rawJSON), or as a decimal string where the engine lacks rawJSON.
 */
export function jsonText(value) {
  return JSON.stringify(value, (key, v) => {
    if (typeof v !== 'bigint') return v;
    return typeof JSON.rawJSON === 'function' ? JSON.rawJSON(v.toString()) : v.toString();
  });
}
