import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readLogicalLines } from '../../src/cli/line-reader.js';
import { MacroStore } from '../../src/config/macros.js';

async function collect(text: string): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLogicalLines(Readable.from([text]))) out.push(l);
  return out;
}

test('backslash continuation drops leading white space of the next line', async () => {
  assert.deepEqual(await collect('a\\\n   b\nc\n'), ['ab', 'c']);
});

test('leading white space of a first line is kept', async () => {
  assert.deepEqual(await collect('  x\n'), ['  x']);
});

test('trailing backslash at end of input is dropped', async () => {
  assert.deepEqual(await collect('abc\\'), ['abc']);
});

test('macros substitute anywhere, in definition order', () => {
  const t = new MacroStore([]);
  t.define('XY', '1', false);
  t.define('A1', 'two', false);
  assert.equal(t.substitute('aXYb').text, 'a1b');
  // XY -> 1 first makes "A1", which the later macro A1 then replaces.
  assert.equal(t.substitute('AXY').text, 'two');
  assert.equal(t.substitute('no macros here').found, false);
});
