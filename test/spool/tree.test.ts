import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseHeaderFile } from '../../src/spool/header-file-read.js';
import { treeAddresses, treeHas, treeInsert, treeLines } from '../../src/spool/tree.js';
import { fixtureMessage } from './fixtures.js';

describe('non-recipients tree', () => {
  it('is XX when empty', () => {
    assert.deepEqual(treeLines(undefined), ['XX']);
  });

  // exim -t with command-line addresses inserts them in reverse argument order.
  const cases: Array<[string, string[]]> = [
    ['local-t-args', ['a@x.example', 'd@x.example', 'q@x.example', 'b@x.example', 'm@x.example', 'c@x.example', 'z@x.example']],
    ['local-t-args-sorted', ['a1@x', 'a2@x', 'a3@x', 'a4@x', 'a5@x', 'a6@x', 'a7@x']],
  ];
  for (const [name, args] of cases) {
    it(`balanced insertion reproduces exim4's tree (${name})`, () => {
      const stored = parseHeaderFile(fixtureMessage(name).h).nonRecipients;
      const built = treeInsert(undefined, ...[...args].reverse());
      assert.deepEqual(built, stored);
      assert.deepEqual(treeLines(built).length, args.length);
    });
  }

  it('keeps one copy of an address, compares bytes and finds members', () => {
    const t = treeInsert(undefined, 'b', 'a', 'b', 'Z', '\u00e9');
    assert.deepEqual(treeAddresses(t).sort(), ['Z', 'a', 'b', '\u00e9']);
    assert.ok(treeHas(t, 'Z'));
    assert.ok(treeHas(t, '\u00e9'));
    assert.equal(treeHas(t, 'c'), false);
  });

  it('handles every rotation case', () => {
    for (const order of [['c', 'b', 'a'], ['a', 'b', 'c'], ['c', 'a', 'b'], ['a', 'c', 'b']]) {
      assert.deepEqual(treeLines(treeInsert(undefined, ...order)), ['YY b', 'NN a', 'NN c'], order.join());
    }
  });
});
