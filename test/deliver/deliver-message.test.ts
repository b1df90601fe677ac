import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deliverMessage } from '../../src/deliver/deliver-message.js';
import type { BounceComposer } from '../../src/deliver/types.js';
import { accept, harness, RecordingTransport } from './helpers.js';

const bounce: BounceComposer = {
  async compose(original, _body, failed) {
    return {
      sender: '',
      recipients: [original.sender],
      headers: [{ type: ' ', text: `Subject: Mail delivery failed\n` }],
      body: Buffer.from(failed.map((a) => `${a.address}: ${a.message}\n`).join('')),
    };
  },
};

test('every recipient delivered: => lines, Completed, spool files removed', async () => {
  const local = new RecordingTransport('local');
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: local });
  const id = await h.submit('s@x.example', ['carol@mw.example', 'dave@mw.example']);
  const summary = await deliverMessage(id, h.deps);
  assert.deepEqual(summary, { kind: 'completed' });
  assert.deepEqual(local.delivered, ['carol@mw.example', 'dave@mw.example']);
  assert.deepEqual(h.mainLog(), [
    '=> carol <carol@mw.example> R=local T=local_file',
    '=> dave <dave@mw.example> R=local T=local_file',
    'Completed',
  ]);
  assert.deepEqual(await h.spool.list(), []);
});

test('redirect children are logged with their top-level parent; duplicates delivered once', async () => {
  const local = new RecordingTransport('local');
  const { AddressItem } = await import('../../src/route/types.js');
  const h = await harness(
    {
      'list@mw.example': (addr) => {
        addr.router = 'alias';
        return { kind: 'redirected', children: [new AddressItem('alice@mw.example', { parent: addr }), new AddressItem('alice@mw.example', { parent: addr })] };
      },
      '*': accept('local', 'local_file'),
    },
    { local_file: local },
  );
  const id = await h.submit('s@x.example', ['list@mw.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(local.delivered, ['alice@mw.example']);
  assert.deepEqual(h.mainLog(), ['=> alice <list@mw.example> R=local T=local_file', 'Completed']);
});

test('a routing failure is bounced; the bounce is spooled from <> and delivered at once', async () => {
  const local = new RecordingTransport('local');
  const h = await harness({ 'carol@mw.example': accept('local', 'local_file'), 's@x.example': accept('local', 'local_file') }, { local_file: local }, { bounce });
  const id = await h.submit('s@x.example', ['zed@mw.example', 'carol@mw.example']);
  await deliverMessage(id, h.deps);
  const log = h.log.lines('main');
  assert.equal(log[0], `${id} ** zed@mw.example: Unrouteable address`);
  assert.equal(log[1], `${id} => carol <carol@mw.example> R=local T=local_file`);
  assert.match(log[2]!, new RegExp(`^\\S+ <= <> R=${id} U=\\S+ P=local S=\\d+$`));
  assert.match(log[3]!, /^\S+ => s <s@x.example> R=local T=local_file$/);
  assert.match(log[4]!, /^\S+ Completed$/);
  assert.equal(log[5], `${id} Completed`);
  assert.deepEqual(local.delivered, ['carol@mw.example', 's@x.example']);
});

test('a failing bounce is frozen, not bounced again', async () => {
  const h = await harness({}, {}, { bounce });
  const id = await h.submit('', ['zed@mw.example']);
  assert.deepEqual(await deliverMessage(id, h.deps), { kind: 'frozen' });
  assert.deepEqual(h.mainLog(), ['** zed@mw.example: Unrouteable address', 'Frozen (delivery error message)']);
  const m = await h.spool.read(id);
  assert.equal(m.frozen, true);
  assert.deepEqual(await deliverMessage(id, h.deps), { kind: 'frozen' }, 'frozen messages wait for -M or thawing');
});

test('a deferral keeps the message; the next attempt tries only what is left', async () => {
  let fail = true;
  const local = new RecordingTransport('local', (a) => (a.localPart === 'dave' && fail ? { status: 'defer', message: 'mailbox busy', errno: -9 } : { status: 'ok' }));
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: local });
  const id = await h.submit('s@x.example', ['carol@mw.example', 'dave@mw.example']);
  assert.deepEqual(await deliverMessage(id, h.deps), { kind: 'deferred', pending: 1 });
  assert.deepEqual(h.mainLog(), ['=> carol <carol@mw.example> R=local T=local_file', '== dave@mw.example R=local T=local_file defer (-9): mailbox busy']);
  const m = await h.spool.read(id);
  assert.equal(m.options.has('deliver_firsttime'), false);
  assert.equal(existsSync(join(h.spool.inputDir(id), `${id}-J`)), false, 'journal folded into -H');
  fail = false;
  assert.deepEqual(await deliverMessage(id, h.deps), { kind: 'completed' });
  assert.deepEqual(local.delivered, ['carol@mw.example', 'dave@mw.example']);
});

test('a journal left by a crashed attempt prevents a second delivery', async () => {
  const local = new RecordingTransport('local');
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: local });
  const id = await h.submit('s@x.example', ['carol@mw.example', 'dave@mw.example']);
  await h.spool.appendJournal(id, ['carol@mw.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(local.delivered, ['dave@mw.example']);
});

test('a locked message is left alone', async () => {
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: new RecordingTransport('local') });
  const id = await h.submit('s@x.example', ['carol@mw.example']);
  const lock = await h.spool.lock(id);
  assert.deepEqual(await deliverMessage(id, h.deps), { kind: 'locked' });
  await lock.release();
});

test('remote batches share one transport run per host list and log -> for further addresses', async () => {
  const runs: string[][] = [];
  const remote = new RecordingTransport('remote');
  const orig = remote.deliver.bind(remote);
  remote.deliver = async (addrs) => {
    runs.push(addrs.map((a) => a.address));
    const r = await orig(addrs);
    for (const [a] of r.results) r.results.set(a, { status: 'ok', host: { name: 'mx.y', address: '192.0.2.1', mx: 10, dnssec: 'no', status: 'usable' } });
    return r;
  };
  const route = (addr: import('../../src/route/types.js').AddressItem) => {
    addr.router = 'dnslookup';
    addr.transport = 'remote_smtp';
    addr.hosts = [{ name: 'mx.y', mx: 10, dnssec: 'no', status: 'unknown' }];
    return { kind: 'routed' as const, addr };
  };
  const h = await harness({ '*': route }, { remote_smtp: remote });
  const id = await h.submit('s@x.example', ['a@y.example', 'b@y.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(runs, [['a@y.example', 'b@y.example']]);
  assert.deepEqual(h.mainLog(), [
    '=> a@y.example R=dnslookup T=remote_smtp H=mx.y [192.0.2.1]',
    '-> b@y.example R=dnslookup T=remote_smtp H=mx.y [192.0.2.1]',
    'Completed',
  ]);
});

test('a local deferral past the retry rule cutoff fails with "retry timeout exceeded" and is bounced', async () => {
  const { retryServiceFor } = await import('../../src/deliver/retry-service.js');
  const { memoryHints } = await import('./helpers.js');
  let clock = Math.floor(Date.now() / 1000);
  const hints = memoryHints();
  const local = new RecordingTransport('local', (a) => (a.localPart === 'dave' ? { status: 'defer', message: 'mailbox busy', errno: -9 } : { status: 'ok' }));
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: local }, { bounce, hints, now: () => clock }, 'begin retry\n* * F,1h,10m\n');
  const deps = { ...h.deps, retry: retryServiceFor(h.deps.config, hints) };
  const id = await h.submit('s@x.example', ['dave@mw.example']);
  assert.deepEqual(await deliverMessage(id, deps), { kind: 'deferred', pending: 1 });
  clock += 2 * 3600;
  await deliverMessage(id, deps);
  const lines = h.mainLog();
  assert.equal(lines[0], '== dave@mw.example R=local T=local_file defer (-9): mailbox busy');
  assert.equal(lines[1], '** dave@mw.example R=local T=local_file: mailbox busy: retry timeout exceeded');
  assert.match(lines[2]!, /^<= <> R=\S+ U=\S+ P=local S=\d+$/);
  assert.deepEqual(local.delivered, ['s@x.example']);
});

test('delay warnings follow delay_warning; the count is kept in -H', async () => {
  const { bounceComposerFor } = await import('../../src/deliver/bounce-adapter.js');
  const { delayWarningThreshold } = await import('../../src/deliver/bounce/index.js');
  assert.equal(delayWarningThreshold([86400], 0), 86400);
  assert.equal(delayWarningThreshold([86400], 2), 3 * 86400);
  assert.equal(delayWarningThreshold([3600, 7200], 1), 7200);
  assert.equal(delayWarningThreshold([0], 0), undefined);
  let clock = Math.floor(Date.now() / 1000);
  const local = new RecordingTransport('local', (a) => (a.localPart === 'dave' ? { status: 'defer', message: 'mailbox busy', errno: -9 } : { status: 'ok' }));
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: local }, { now: () => clock }, 'delay_warning = 1h\n');
  const deps = { ...h.deps, bounce: bounceComposerFor(h.deps.config) };
  const id = await h.submit('s@x.example', ['dave@mw.example']);
  await deliverMessage(id, deps);
  assert.deepEqual(local.delivered, [], 'no warning before an hour');
  clock += 90 * 60;
  await deliverMessage(id, deps);
  assert.deepEqual(local.delivered, ['s@x.example'], 'the warning went to the sender');
  assert.equal((await h.spool.read(id)).warningCount, 1);
  await deliverMessage(id, deps);
  assert.deepEqual(local.delivered, ['s@x.example'], 'the second warning waits for two hours');
  const warning = h.log.lines('main').find((l) => l.includes('<= <>'));
  assert.match(warning!, new RegExp(`<= <> R=${id} `));
});

test('NOTIFY=SUCCESS recipients produce a success DSN', async () => {
  const { bounceComposerFor } = await import('../../src/deliver/bounce-adapter.js');
  const local = new RecordingTransport('local');
  const h = await harness({ '*': accept('local', 'local_file') }, { local_file: local });
  const deps = { ...h.deps, bounce: bounceComposerFor(h.deps.config) };
  const p = await h.spool.begin();
  await p.body.write(Buffer.from('hi\n'));
  const saved = await p.commit({
    sender: 's@x.example',
    recipients: [{ address: 'carol@mw.example', dsnFlags: 4 }],
    headers: [{ type: ' ', text: 'Subject: t\n' }],
    owner: { login: 'root', uid: 0, gid: 0 },
    received: { seconds: Math.floor(Date.now() / 1000), micros: 0 },
    warningCount: 0,
    options: new Map([['received_protocol', 'local']]),
    aclVars: new Map(),
  });
  await deliverMessage(saved.id, deps);
  assert.deepEqual(local.delivered, ['carol@mw.example', 's@x.example']);
});

test('-Mg cancels: "cancelled by", the bounce spooled, Completed, then the bounce delivered', async () => {
  const local = new RecordingTransport('local');
  const h = await harness({ 's@x.example': accept('local', 'local_file') }, { local_file: local }, { bounce });
  const id = await h.submit('s@x.example', ['carol@mw.example', 'zed@remote.example']);
  assert.deepEqual(await deliverMessage(id, h.deps, { giveUp: 'root' }), { kind: 'completed' });
  const log = h.log.lines('main');
  assert.equal(log[0], `${id} cancelled by root`);
  assert.match(log[1]!, new RegExp(`^\\S+ <= <> R=${id} U=\\S+ P=local S=\\d+$`));
  assert.equal(log[2], `${id} Completed`);
  assert.match(log[3]!, /^\S+ => s <s@x.example> R=local T=local_file$/);
  assert.deepEqual(local.delivered, ['s@x.example']);
});

test('a routing deferral keeps an R:domain retry record: the next run waits for it unless forced', async () => {
  const { retryServiceFor } = await import('../../src/deliver/retry-service.js');
  const { memoryHints } = await import('./helpers.js');
  let clock = Math.floor(Date.now() / 1000);
  let routed = 0;
  const hints = memoryHints();
  const h = await harness(
    {
      '*': () => {
        routed++;
        return { kind: 'deferred', message: 'host lookup timed out' };
      },
    },
    {},
    { hints, now: () => clock },
    'begin retry\n* * F,1h,15m\n',
  );
  const deps = { ...h.deps, retry: retryServiceFor(h.deps.config, hints) };
  const id = await h.submit('s@x.example', ['a@slow.example']);
  assert.deepEqual(await deliverMessage(id, deps), { kind: 'deferred', pending: 1 });
  assert.equal(h.mainLog()[0], '== a@slow.example defer (-1): host lookup timed out');
  clock += 60;
  assert.deepEqual(await deliverMessage(id, deps), { kind: 'deferred', pending: 1 });
  assert.equal(routed, 1, 'retry time not reached: not routed again');
  await deliverMessage(id, deps, { force: true });
  assert.equal(routed, 2, '-qf / -M route anyway');
  clock += 2 * 3600;
  await deliverMessage(id, deps);
  assert.ok(h.mainLog().includes('** a@slow.example: host lookup timed out: retry timeout exceeded'), h.mainLog().join('\n'));
  assert.equal(h.mainLog().at(-1), 'Completed');
});

test('fallback_hosts: a remote deferral is retried on the fallback hosts before it is logged', async () => {
  const host = (name: string) => ({ name, address: name === 'primary' ? '192.0.2.1' : '192.0.2.9', mx: -1, dnssec: 'no' as const, status: 'unknown' as const });
  const remote = new RecordingTransport('remote', (a) =>
    a.hosts[0]!.name === 'primary' ? { status: 'defer', message: 'Connection refused', errno: 111 } : { status: 'ok', host: a.hosts[0] },
  );
  const route = (addr: import('../../src/route/types.js').AddressItem) => {
    addr.router = 'smarthost';
    addr.transport = 'remote_smtp';
    addr.hosts = [host('primary')];
    addr.fallbackHosts = [host('backup')];
    return { kind: 'routed' as const, addr };
  };
  const h = await harness({ '*': route }, { remote_smtp: remote });
  const id = await h.submit('s@x.example', ['a@y.example']);
  assert.deepEqual(await deliverMessage(id, h.deps), { kind: 'completed' });
  assert.deepEqual(h.mainLog(), ['=> a@y.example R=smarthost T=remote_smtp H=backup [192.0.2.9]', 'Completed']);
});

test('a timed-out host deferral shows the errno text before H= (exim4 layout)', async () => {
  const { deferredLine } = await import('../../src/deliver/log-lines.js');
  const { AddressItem } = await import('../../src/route/types.js');
  const { LogSelectorSet } = await import('../../src/log/selectors.js');
  const addr = new AddressItem('a@y.example');
  addr.router = 'r';
  addr.transport = 't';
  const host = { name: '127.0.0.1', address: '127.0.0.1', mx: -1, dnssec: 'no' as const, status: 'unusable' as const };
  const sel = LogSelectorSet.defaults();
  assert.equal(deferredLine(addr, 'SMTP timeout after initial connection', 110, sel, host), '== a@y.example R=r T=t defer (110): Connection timed out H=127.0.0.1 [127.0.0.1]: SMTP timeout after initial connection');
  assert.equal(deferredLine(addr, 'Connection refused', 111, sel), '== a@y.example R=r T=t defer (111): Connection refused');
  assert.equal(deferredLine(addr, 'SMTP error from remote mail server after RCPT TO:<a@y.example>: 451 later', -44, sel, host), '== a@y.example R=r T=t defer (-44) H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT TO:<a@y.example>: 451 later');
});

test('batch_max: a local transport gets up to batch_max addresses of one domain per run', async () => {
  const runs: string[][] = [];
  const local = new RecordingTransport('local');
  const batched = Object.assign(local, { batchMax: 2 });
  const orig = local.deliver.bind(local);
  batched.deliver = async (addrs) => {
    runs.push(addrs.map((a) => a.address));
    return orig(addrs);
  };
  const h = await harness({ '*': accept('local', 'bsmtp') }, { bsmtp: batched });
  const id = await h.submit('s@x.example', ['a@one.example', 'b@one.example', 'c@one.example', 'd@two.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(runs, [['a@one.example', 'b@one.example'], ['c@one.example'], ['d@two.example']]);
  assert.deepEqual(h.mainLog().slice(0, 2), ['=> a <a@one.example> R=local T=bsmtp', '-> b <b@one.example> R=local T=bsmtp']);
});
