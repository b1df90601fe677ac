import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dataAfterKey, findLinearEntry, readKeyField } from '../../src/lookups/linear-file.js';

const find = async (text: string, key: string) => {
  const e = await findLinearEntry(text, (f) => f.key.toLowerCase() === key);
  return e && { data: e.data, full: e.full };
};

describe('lsearch file format', () => {
  it('unquoted keys end at a colon or white space', () => {
    assert.deepEqual(readKeyField('abc: x'), { key: 'abc', quoted: false, end: 3 });
    assert.deepEqual(readKeyField('abc\tx'), { key: 'abc', quoted: false, end: 3 });
    assert.deepEqual(readKeyField('abc'), { key: 'abc', quoted: false, end: 3 });
  });
  it('quoted keys interpret escapes and may hold colons and spaces', () => {
    assert.equal(readKeyField('"a b:c" x').key, 'a b:c');
    assert.equal(readKeyField('"a\\"b"').key, 'a"b');
    assert.equal(readKeyField('"\\x41\\101\\t\\\\"').key, 'AA\t\\');
    assert.equal(readKeyField('"\\q"').key, 'q');
  });
  it('an unterminated quoted key runs to the end of the line', () => {
    assert.deepEqual(readKeyField('"abc'), { key: 'abc', quoted: true, end: 4 });
  });
  it('one optional colon after optional white space', () => {
    assert.equal(dataAfterKey('a  :  x  ', 1), 'x');
    assert.equal(dataAfterKey('a: :fail:', 1), ':fail:');
    assert.equal(dataAfterKey('a::x', 1), ':x');
    assert.equal(dataAfterKey('a', 1), '');
  });
  it('continuation lines join with one space', async () => {
    assert.deepEqual(await find('k: a\n  b  \n\tc\nz: 1\n', 'k'), { data: 'a b c', full: 'k: a b c' });
  });
  it('blank, white-space-only and comment lines end an entry', async () => {
    assert.equal((await find('k: a\n\n b\n', 'k'))!.data, 'a');
    assert.equal((await find('k: a\n   \n b\n', 'k'))!.data, 'a');
    assert.equal((await find('k: a\n#c\n b\n', 'k'))!.data, 'a');
  });
  it('an indented # line is continuation text', async () => {
    assert.equal((await find('k: a\n  #c\n b\n', 'k'))!.data, 'a #c b');
  });
  it('empty data continued on the next line starts with a space', async () => {
    assert.equal((await find('k:\n  more\n', 'k'))!.data, ' more');
  });
  it('indented and comment lines are never keys', async () => {
    assert.equal(await find(' k: a\n#k: b\n', 'k'), null);
  });
  it('the first matching key wins', async () => {
    assert.equal((await find('k: 1\nk: 2\n', 'k'))!.data, '1');
  });
  it('CR before LF is trailing white space', async () => {
    assert.equal((await find('k: v\r\n', 'k'))!.data, 'v');
  });
});
