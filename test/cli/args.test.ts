import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, usageText, UsageError } from '../../src/cli/args.js';

test('-be with operands', () => {
  const o = parseArgs(['-be', '${lc:A}', 'x']);
  assert.equal(o.mode, 'be');
  assert.deepEqual(o.operands, ['${lc:A}', 'x']);
});

test('-C and -D in both spellings', () => {
  const o = parseArgs(['-C', '/a.conf', '-DX=1', '-D', 'Y=two words', '-DZ', '-bV']);
  assert.equal(o.configFile, '/a.conf');
  assert.deepEqual(o.macros, { X: '1', Y: 'two words', Z: '' });
  assert.equal(o.mode, 'bV');
  assert.equal(parseArgs(['-C/b.conf']).configFile, '/b.conf');
});

test('unknown option is a usage error with Exim text', () => {
  assert.throws(() => parseArgs(['-bzz']), UsageError);
  assert.match(usageText('-bzz'), /^exim abandoned: unknown, malformed, or incomplete option -bzz\n/);
});

test('missing argument of -C is a usage error', () => {
  assert.throws(() => parseArgs(['-C']), (e: unknown) => e instanceof UsageError && e.message === '-C');
});

test('a recognised but unbuilt mode is reported as unsupported, not unknown', () => {
  const o = parseArgs(['-bS']);
  assert.equal(o.mode, undefined);
  assert.equal(o.unsupported, '-bS');
});

test('-M takes message ids; the -q family sets flags and an optional interval', () => {
  assert.deepEqual({ ...parseArgs(['-M', 'id1', 'id2']) }.operands, ['id1', 'id2']);
  assert.equal(parseArgs(['-M', 'x']).mode, 'M');
  const q = parseArgs(['-qff']);
  assert.equal(q.mode, 'q');
  assert.equal(q.queueFlags, 'ff');
  assert.equal(q.queueInterval, undefined);
  const daemon = parseArgs(['-bd', '-q1h30m']);
  assert.equal(daemon.mode, 'bd');
  assert.equal(daemon.queueInterval, 5400);
  const sel = parseArgs(['-qi', '-R', 'example.com', '-S', 'bob']);
  assert.deepEqual([sel.queueFlags, sel.recipientFilter, sel.senderFilter], ['i', 'example.com', 'bob']);
});

test('lowercase -D macro name is malformed', () => {
  assert.throws(() => parseArgs(['-Dlower=1']), UsageError);
});
