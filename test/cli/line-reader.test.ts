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

test('only a newline ends a physical line; a carriage return is kept', async () => {
  assert.deepEqual(await collect('a\rb\nc\r\nd\n'), ['a\rb', 'c\r', 'd']);
});

test('white space after a continuation backslash is ignored, as Exim does', async () => {
  assert.deepEqual(await collect('a\\ \n  b\nx\\\r\n y\n'), ['ab', 'xy']);
});

test('continued lines are joined as bytes before decoding', async () => {
  const out: string[] = [];
  const input = Readable.from([Buffer.from([0x41, 0xc3, 0x5c, 0x0a, 0xa9, 0x0a])]);
  for await (const l of readLogicalLines(input)) out.push(l);
  assert.deepEqual(out, ['A\u00e9']);
});

test('lines split across chunks are put back together', async () => {
  const out: string[] = [];
  for await (const l of readLogicalLines(Readable.from(['ab', 'c\nd', '\\', '\n e\n', 'f']))) out.push(l);
  assert.deepEqual(out, ['abc', 'de', 'f']);
});

test('continuations across valid and invalid UTF-8 chunks join the same way', async () => {
  const out: string[] = [];
  const chunks = [Buffer.from('caf\u00e9 \\\n  x\nab\\\n'), Buffer.from([0x20, 0xff, 0x0a]), Buffer.from('z\n')];
  for await (const l of readLogicalLines(Readable.from(chunks))) out.push(l);
  assert.deepEqual(out, ['caf\u00e9 x', 'ab\udcff', 'z']);
});
