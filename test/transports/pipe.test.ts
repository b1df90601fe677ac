/** pipe beyond the oracle scenarios: batches, redirect-generated commands, cwd/umask, splitting. */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { splitCommand } from '../../src/transports/pipe/command.js';
import { address, configText, context, deliverOne, spoolMessage, STANDARD_BODY, STANDARD_HEADERS, tempDir, transport } from './helpers.js';

const msg = () => spoolMessage(STANDARD_HEADERS, STANDARD_BODY);

test('command splitting: white space, "double quotes" with escapes, \'single quotes\' verbatim', () => {
  assert.deepEqual(splitCommand(`/bin/x  a "b c\\"d\\n" 'e\\f g' h`), ['/bin/x', 'a', 'b c"d\n', 'e\\f g', 'h']);
  assert.deepEqual(splitCommand('  '), []);
});

test('$pipe_addresses becomes one argument per address of the batch', async () => {
  const dir = tempDir();
  const config = configText(`p:\n  driver = pipe\n  batch_max = 5\n  command = /bin/sh -c 'printf "%s|" "\\$@" > ${dir}/args' sh $pipe_addresses`);
  const addrs = ['a@example.com', 'b c@example.com'].map((a) => address(a));
  const run = await transport(config, 'p').deliver(addrs, context(config, msg()));
  assert.deepEqual([...run.results.values()].map((r) => r.status), ['ok', 'ok']);
  assert.equal(readFileSync(join(dir, 'args'), 'latin1'), 'a@example.com|b c@example.com|');
});

test('a redirect-generated |command runs unexpanded; force_command wraps it via $address_pipe', async () => {
  const dir = tempDir();
  const config = configText(`address_pipe:\n  driver = pipe\n  return_output\nwrapped:\n  driver = pipe\n  force_command\n  return_output\n  command = /usr/bin/printf [%s] wrapper $address_pipe`);
  const parent = address('u@example.com');
  const pipeAddr = address(`|/bin/sh -c "echo \\$HOME-x > ${dir}/out"`, { special: 'pipe', parent });
  const r = await deliverOne(config, 'address_pipe', context(config, msg()), pipeAddr);
  assert.equal(r.status, 'ok');
  assert.equal(readFileSync(join(dir, 'out'), 'latin1'), '-x\n');
  const r2 = await deliverOne(config, 'wrapped', context(config, msg()), address('|/bin/cat "two words"', { special: 'pipe', parent }));
  // The redirected command's own argv is spliced in, "two words" staying one argument.
  assert.deepEqual([r2.status, r2.message, r2.output], ['fail', 'return message generated', '[wrapper][/bin/cat][two words]']);
});

test('environment: LOCAL_PART, DOMAIN, RECIPIENT, SENDER; HOME from the router, also the working directory', async () => {
  const dir = tempDir();
  const config = configText(`p:\n  driver = pipe\n  command = /bin/sh -c 'echo "\\$LOCAL_PART \\$DOMAIN \\$RECIPIENT \\$HOME \\$SENDER" > ${dir}/env; pwd >> ${dir}/env'`);
  const a = address('user@example.com', { home: dir });
  const r = await deliverOne(config, 'p', context(config, msg()), a);
  assert.equal(r.status, 'ok');
  assert.equal(readFileSync(join(dir, 'env'), 'latin1'), `user example.com user@example.com ${dir} sender@example.org\n${dir}\n`);
});

test('umask applies to files the command creates; the message arrives on stdin with the From_ line', async () => {
  const dir = tempDir();
  const config = configText(`p:\n  driver = pipe\n  umask = 077\n  command = /bin/sh -c 'cat > ${dir}/msg'`);
  assert.equal((await deliverOne(config, 'p', context(config, msg()), address('u@example.com'))).status, 'ok');
  assert.equal(statSync(join(dir, 'msg')).mode & 0o777, 0o600);
  assert.match(readFileSync(join(dir, 'msg'), 'latin1'), /^From sender@example\.org .*\nSubject: hi\n[\s\S]*\n\nFrom me\n>From x\n/);
});

test('output of a bounce (null sender) is discarded even with return_output', async () => {
  const config = configText("p:\n  driver = pipe\n  command = /bin/sh -c 'cat >/dev/null; echo hello'\n  return_output");
  const r = await deliverOne(config, 'p', context(config, spoolMessage(STANDARD_HEADERS, STANDARD_BODY, '')), address('u@example.com'));
  assert.equal(r.status, 'ok');
  assert.equal(r.output, undefined);
});
