/**
 * The delivery process with the real routing engine (src/route) and a configuration, and a
 * recording transport in place of the configured ones: unseen copies, forbidden pipes,
 * redirect children logged with their parents, as exim4 4.96 logs them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { createDeliveryDeps } from '../../src/deliver/setup.js';
import { deliverMessage } from '../../src/deliver/deliver-message.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { FileSpool } from '../../src/spool/index.js';
import { memoryHints, RecordingTransport } from './helpers.js';

async function setup(routers: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mw-deliver-real-'));
  writeFileSync(
    join(dir, 'c.conf'),
    [`spool_directory = ${dir}`, 'primary_hostname = mw.example', 'begin routers', routers, 'begin transports', 't:', '  driver = appendfile', '  file = /dev/null', 'p:', '  driver = pipe', ''].join('\n'),
  );
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const spool = new FileSpool({ directory: dir, noSync: true });
  const log = new MemoryLogger();
  const deps = await createDeliveryDeps(config, { spool, log, hints: memoryHints() });
  const local = new RecordingTransport('local');
  const all = { ...deps, transport: () => local };
  const submit = async (recipients: string[]) => {
    const p = await spool.begin();
    await p.body.write(Buffer.from('body\n'));
    const saved = await p.commit({
      sender: 'sender@x.example',
      recipients: recipients.map((address) => ({ address })),
      headers: [{ type: ' ', text: 'Subject: hi\n' }],
      owner: { login: 'root', uid: 0, gid: 0 },
      received: { seconds: Math.floor(Date.now() / 1000), micros: 0 },
      warningCount: 0,
      options: new Map([['received_protocol', 'local']]),
      aclVars: new Map(),
    });
    return saved.id;
  };
  return { deps: all, local, log, submit, lines: () => log.lines('main').map((l) => l.replace(/^\S+ /, '')) };
}

test('a forbidden pipe fails before the deliveries, with T= (exim4 4.96 layout)', async () => {
  const s = await setup(['alias:', '  driver = redirect', '  local_parts = list', '  data = alice, |/bin/cat', '  pipe_transport = p', '  forbid_pipe', 'local:', '  driver = accept', '  transport = t'].join('\n'));
  const id = await s.submit(['list@mw.example']);
  await deliverMessage(id, s.deps);
  assert.deepEqual(s.lines().slice(0, 2), ['** |/bin/cat <list@mw.example> R=alias T=p: delivery to pipe forbidden', '=> alice <list@mw.example> R=local T=t']);
  assert.deepEqual(s.local.delivered, ['alice@mw.example', 'sender@x.example'], 'alice, then the bounce to the sender');
});

test('unseen: the address is delivered by the unseen router and routed on to the next', async () => {
  const s = await setup(['copy:', '  driver = accept', '  local_parts = carol', '  transport = t', '  unseen', 'local:', '  driver = accept', '  transport = t'].join('\n'));
  const id = await s.submit(['carol@mw.example']);
  await deliverMessage(id, s.deps);
  assert.equal(s.local.delivered.length, 2, s.lines().join('\n'));
  assert.deepEqual(s.lines().filter((l) => l.startsWith('=>')).map((l) => l.replace(/ <.*?>/, '')).sort(), ['=> carol R=copy T=t', '=> carol R=local T=t']);
});
