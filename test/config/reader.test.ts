// The line reader: continuation, comments, macros, conditionals, includes, locations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigLineReader, type LogicalLine } from '../../src/config/line-reader.js';
import { MacroStore } from '../../src/config/macros.js';
import { ConfigError } from '../../src/util/errors.js';

function readAll(text: string, macros = new MacroStore([]), file = '/c/main.conf'): LogicalLine[] {
  const reader = new ConfigLineReader(file, text, macros);
  const out: LogicalLine[] = [];
  for (let l = reader.next(); l; l = reader.next()) out.push(l);
  return out;
}

const texts = (lines: LogicalLine[]): string[] => lines.map((l) => l.text);

test('continuation joins lines, drops the continuation\'s leading space, reports the last line', () => {
  const lines = readAll('a = x \\  \n    y\\\n# a comment inside\n  z\nb = 1\n');
  assert.deepEqual(texts(lines), ['a = x yz', 'b = 1']);
  assert.deepEqual(lines[0]!.loc, { file: '/c/main.conf', line: 4 });
  assert.equal(lines[1]!.loc.line, 5);
});

test('a blank line ends a continuation; a backslash at the end of the file is dropped', () => {
  assert.deepEqual(texts(readAll('a = x\\\n\nb = y\\\n')), ['a = x', 'b = y']);
});

test('only the last backslash continues a line', () => {
  assert.deepEqual(texts(readAll('a = x\\\\\n y\n')), ['a = x\\y']);
});

test('comments only at the start of a line; blank lines skipped', () => {
  assert.deepEqual(texts(readAll('\n   # c\n\t\na = 1 # not a comment\n')), ['a = 1 # not a comment']);
});

test('macros substitute in definition order, by substring, not rescanning their own value', () => {
  const m = new MacroStore([{ name: '_HAVE_X', value: 'yes', builtin: true }]);
  m.define('AB', 'AB-AB', false);
  m.define('CD', 'AB', false);
  assert.deepEqual(m.substitute('xABy CD _HAVE_X'), { text: 'xAB-ABy AB yes', found: true });
  assert.deepEqual(m.substitute('nothing here'), { text: 'nothing here', found: false });
});

test('macro redefinition keeps the order; -D wins over the file', () => {
  const m = new MacroStore([], { D: 'cmd' });
  m.define('M', 'one', false);
  m.define('M', 'one two', true);
  m.define('D', 'file', false);
  m.define('D', 'file2', true);
  assert.equal(m.substitute('M D').text, 'one two cmd');
  assert.deepEqual(
    m.list().map((d) => [d.name, d.value, d.builtin, d.commandLine ?? false]),
    [
      ['D', 'cmd', false, true],
      ['M', 'one two', false, false],
    ],
  );
});

test('macro errors carry no line (as Exim reports them)', () => {
  const m = new MacroStore([]);
  m.define('ABC', '1', false);
  assert.throws(() => m.define('ABC', '2', false), (e: unknown) => e instanceof ConfigError && e.line === undefined);
  assert.throws(() => m.define('XABC', '2', false), /previously defined macro "ABC" is a substring/);
  assert.throws(() => m.define('NEW', '2', true), /can't redefine an undefined macro "NEW"/);
});

test('the name of a definition line is not substituted; its value is', () => {
  const m = new MacroStore([]);
  m.define('A', 'x', false);
  assert.deepEqual(texts(readAll('A == A-A\nA_B = A\n', m)), ['A == x-x', 'A_B = x']);
});

test('conditionals: ifdef/elifdef/else/endif with nesting', () => {
  const m = new MacroStore([]);
  m.define('YES', '', false);
  const text = [
    '.ifdef NO',
    'skip1',
    '.elifdef YES',
    'keep1',
    '.ifndef YES',
    'skip2',
    '.else',
    'keep2',
    '.endif',
    '.else',
    'skip3',
    '.endif',
    '.ifdef NO',
    '.ifdef YES',
    'skip4',
    '.else',
    'skip5',
    '.endif',
    '.endif',
    'end',
  ].join('\n');
  assert.deepEqual(texts(readAll(text, m)), ['keep1', 'keep2', 'end']);
});

test('a conditional word glued to other text is dropped', () => {
  assert.deepEqual(texts(readAll('.ifdefX\nkept\n.endif#\n')), ['kept']);
});

test('missing .endif is reported at the end of the file', () => {
  assert.throws(
    () => readAll('.ifdef X\n\n'),
    (e: unknown) => e instanceof ConfigError && e.line === 2 && /\.endif missing/.test(e.message),
  );
});

test('.include: relative to the including file, nested, with locations inside the included file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-reader-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'one.conf'), 'in1 = a\n.include two.conf\n');
    writeFileSync(join(dir, 'sub', 'two.conf'), '\nin2 = b\n');
    const lines = readAll('first = 1\n.include "sub/one.conf"\nlast = 2\n.include_if_exists /no/such/file\n', new MacroStore([]), join(dir, 'main.conf'));
    assert.deepEqual(texts(lines), ['first = 1', 'in1 = a', 'in2 = b', 'last = 2']);
    assert.deepEqual(lines[2]!.loc, { file: join(dir, 'sub', 'two.conf'), line: 2 });
    assert.deepEqual(lines[3]!.loc, { file: join(dir, 'main.conf'), line: 3 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('.include of a missing file, and .include_if_exists with a relative name', () => {
  assert.throws(() => readAll('.include nothere.conf\n'), /failed to open included configuration file \/c\/nothere\.conf/);
  assert.throws(() => readAll('.include_if_exists rel.conf\n'), /\.include specifies a non-absolute path "rel\.conf"/);
});
