/** queuefile: the spool files land in the directory in exim4's format. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHeaderFile } from '../../src/spool/header-file-read.js';
import { address, configText, context, deliverOne, MESSAGE_ID, spoolMessage, STANDARD_BODY, STANDARD_HEADERS, tempDir } from './helpers.js';

test('queuefile copies -D and -H; the -H reads back as the same message', async () => {
  const dir = tempDir();
  const config = configText(`q:\n  driver = queuefile\n  directory = ${dir}`);
  const m = spoolMessage(STANDARD_HEADERS, STANDARD_BODY);
  const r = await deliverOne(config, 'q', context(config, m), address('mb@example.com'));
  assert.equal(r.status, 'ok');
  assert.deepEqual(readdirSync(dir).sort(), [`${MESSAGE_ID}-D`, `${MESSAGE_ID}-H`]);
  assert.equal(readFileSync(join(dir, `${MESSAGE_ID}-D`), 'latin1'), `${MESSAGE_ID}-D\n${STANDARD_BODY}`);
  const back = parseHeaderFile(readFileSync(join(dir, `${MESSAGE_ID}-H`)));
  assert.equal(back.sender, 'sender@example.org');
  assert.deepEqual(back.recipients.map((x) => x.address), ['mb@example.com']);
  assert.deepEqual(back.headers.map((h) => h.text), m.spool.headers.map((h) => h.text));
});

test('queuefile refuses a tainted or relative directory', async () => {
  const config = configText('q:\n  driver = queuefile\n  directory = /tmp/$local_part');
  const r = await deliverOne(config, 'q', context(config, spoolMessage(STANDARD_HEADERS, STANDARD_BODY)), address('mb@example.com'));
  assert.deepEqual([r.status, r.message, r.errno], ['defer', "Tainted '/tmp/mb' (directory for q transport) not permitted", -1]);
  const rel = configText('q:\n  driver = queuefile\n  directory = spool/out');
  const r2 = await deliverOne(rel, 'q', context(rel, spoolMessage(STANDARD_HEADERS, STANDARD_BODY)), address('mb@example.com'));
  assert.equal(r2.status, 'defer');
});
