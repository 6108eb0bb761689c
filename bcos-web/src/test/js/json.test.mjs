// net/json.js: the node's 64-bit integers arrive exactly (BigInt beyond 2^53), safe ones as
// Numbers, and jsonText writes BigInts back as the numbers they are. Node 20 gives revivers the
// source text only with --harmony-json-parse-with-source (Chromium and Node 21+ by default), so
// under such a Node this file runs itself again with the flag rather than test the fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXACT, jsonText, parseExact } from '../../main/resources/org/bcos/web/static/net/json.js';

if (!EXACT) {
  test('again with --harmony-json-parse-with-source (this Node gives revivers no source)', () => {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT; // a child run of its own, reporting in TAP
    const r = spawnSync(process.execPath, ['--harmony-json-parse-with-source', '--test',
      fileURLToPath(import.meta.url)], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /# pass 2\b/);
  });
} else {
  test('integers beyond 2^53 keep every digit; safe ones stay Numbers', () => {
    const text = '{"weight":5000000000000000001,"max":-9223372036854775808,"n":9007199254740991,'
      + '"f":1.5,"e":1e300,"s":"12345678901234567890","a":[18446744073709551615,2]}';
    const v = parseExact(text);
    assert.equal(v.weight, 5000000000000000001n);
    assert.equal(v.max, -9223372036854775808n);
    assert.equal(v.n, 9007199254740991);
    assert.equal(v.f, 1.5);
    assert.equal(v.e, 1e300, 'not an integer literal: a Number as JSON.parse gives it');
    assert.equal(v.s, '12345678901234567890', 'strings are left alone');
    assert.deepEqual(v.a, [18446744073709551615n, 2]);
    assert.equal(JSON.parse(text).weight, 5000000000000000000, 'what plain JSON.parse would show');
  });

  test('jsonText writes BigInts back as JSON numbers', () => {
    const text = '{"parts":[{"weight":5000000000000000001,"values":[1,0]}]}';
    const back = jsonText(parseExact(text));
    assert.equal(back, typeof JSON.rawJSON === 'function' ? text
      : '{"parts":[{"weight":"5000000000000000001","values":[1,0]}]}');
  });
}
