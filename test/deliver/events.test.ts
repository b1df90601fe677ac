/**
 * Event actions at the delivery level: the expected event names, $event_data and
 * $event_defer_errno come from exim4 4.96 runs (test/fixtures/deliver/events.json). The actions
 * really expand `${run}` with /bin/sh appending a line to a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deliverMessage } from '../../src/deliver/deliver-message.js';
import type { BounceComposer } from '../../src/deliver/types.js';
import type { AddressItem, HostItem, RetryItem } from '../../src/route/types.js';
import type { DeliveryResult, TransportDriver } from '../../src/transports/types.js';
import { accept, harness, RecordingTransport } from './helpers.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/deliver/events.json', import.meta.url), 'utf8')) as Record<string, { events: string[] }>;

const bounce: BounceComposer = {
  async compose(original) {
    return { sender: '', recipients: [original.sender], headers: [{ type: ' ', text: 'Subject: failed\n' }], body: Buffer.from('x\n') };
  },
};

/** An event_action line writing tag|name|data|errno|local_part@domain|host_address|host_port to the file. */
function action(tag: string, file: string): string {
  return `event_action = \${run{/bin/sh -c 'echo "${tag}|$event_name|$event_data|$event_defer_errno|$local_part@$domain|$host_address|$host_port" >> ${file}'}}`;
}

function eventsIn(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Fixture lines carry exim4's $host too and tag transports T-<name>; the tests write neither. */
function withoutHost(line: string): string {
  const f = line.replace(/^T-\w+\|/, 'T|').split('|');
  return [...f.slice(0, 5), ...f.slice(6)].join('|');
}

function tail(dir: string, opts: { main?: boolean; transports: Record<string, string> }): string {
  const file = join(dir, 'EV');
  const lines = [opts.main ? action('MAIN', file) : ''];
  lines.push('begin transports');
  for (const [name, driver] of Object.entries(opts.transports)) {
    lines.push(`${name}:`, `  driver = ${driver}`, ...(driver === 'appendfile' ? ['  file = /dev/null'] : []), `  ${action('T', file)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The harness makes its directory itself; the config tail needs it, so build in two steps. */
async function eventHarness(routes: Parameters<typeof harness>[0], transports: Record<string, TransportDriver>, configTail: (dir: string) => string) {
  const probe = await harness({}, {});
  const h = await harness(routes, transports, { bounce }, configTail(probe.dir));
  return { h, file: join(probe.dir, 'EV') };
}

test('local delivery, routing failures (the bounce too) and completion raise the events exim4 raises', async () => {
  const { h, file } = await eventHarness({ 'alice@mw.example': accept('local', 'local_file') }, { local_file: new RecordingTransport('local') }, (dir) =>
    tail(dir, { main: true, transports: { local_file: 'appendfile' } }),
  );
  const id = await h.submit('s@x.example', ['alice@mw.example', 'bad@nowhere.invalid']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(eventsIn(file), fixture['local-and-routing-failure']!.events.map(withoutHost));
});

test('the main event_action is no fallback for delivery events', async () => {
  const { h, file } = await eventHarness({ '*': accept('local', 'local_file') }, { local_file: new RecordingTransport('local') }, (dir) =>
    `${action('MAIN', join(dir, 'EV'))}\nbegin transports\nlocal_file:\n  driver = appendfile\n  file = /dev/null\n`,
  );
  const id = await h.submit('s@x.example', ['alice@mw.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(eventsIn(file), fixture['main-only-local']!.events.map(withoutHost));
});

test('local deferrals raise nothing; local failures raise msg:fail:delivery without $event_data', async () => {
  const local = new RecordingTransport('local', (a) =>
    a.localPart === 'dave' ? { status: 'defer', errno: -22, message: 'mailbox is full' } : a.localPart === 'list' ? { status: 'fail', message: 'Child process of p transport returned 1' } : { status: 'ok' },
  );
  const { h, file } = await eventHarness({ '*': accept('local', 'local_file') }, { local_file: local }, (dir) => tail(dir, { transports: { local_file: 'appendfile' } }));
  const id = await h.submit('s@x.example', ['list@mw.example', 'dave@mw.example', 'alice@mw.example']);
  await deliverMessage(id, h.deps);
  const ev = eventsIn(file);
  assert.deepEqual(ev.slice(0, 2), ['T|msg:fail:delivery||0|list@mw.example||0', 'T|msg:delivery||0|alice@mw.example||0']);
  assert.ok(!ev.some((l) => l.includes('defer')));
});

const HOST: HostItem = { name: '127.0.0.1', address: '127.0.0.1', port: 2599, mx: -1, dnssec: 'no', status: 'usable' };

function remoteRoute(addr: AddressItem) {
  addr.router = 'deferer';
  addr.transport = 'remote_smtp';
  addr.hosts = [{ ...HOST }];
  return { kind: 'routed' as const, addr };
}

/** A remote transport with fixed results per local part and host retry items. */
function remoteTransport(results: Record<string, DeliveryResult>, retries: RetryItem[] = []): TransportDriver {
  return {
    kind: 'remote',
    async deliver(addresses) {
      return { results: new Map(addresses.map((a) => [a, results[a.localPart]!] as const)), retries };
    },
  };
}

test('a refused connection: msg:host:defer then msg:defer with errno 111 (exim4 fixture)', async () => {
  const refused: DeliveryResult = { status: 'defer', errno: 111, message: 'Connection refused', host: HOST, error: 'refused' };
  const retry: RetryItem = { key: 'T:127.0.0.1:127.0.0.1:2599', action: 'defer', message: 'Connection refused', hostName: '127.0.0.1', error: 'refused' };
  const { h, file } = await eventHarness({ '*': remoteRoute }, { remote_smtp: remoteTransport({ r1: refused, r2: refused }, [retry]) }, (dir) =>
    tail(dir, { transports: { remote_smtp: 'smtp' } }),
  );
  const id = await h.submit('s@x.example', ['r1@remote.example', 'r2@remote.example']);
  await deliverMessage(id, h.deps);
  const expected = fixture['remote-refused-two']!.events.filter((l) => l.split('|')[1]?.startsWith('msg:')).map(withoutHost);
  assert.deepEqual(eventsIn(file), expected);
});

test('RCPT 452 and a delivery: rcpt defer events (errno 13377) and the confirmation as $event_data', async () => {
  const rcpt = 'SMTP error from remote mail server after RCPT TO:<r2@remote.example>: 452 4.2.2 over quota';
  const { h, file } = await eventHarness(
    { '*': remoteRoute },
    {
      remote_smtp: remoteTransport({
        r1: { status: 'ok', host: HOST, confirmation: '250 OK id=abc123', transaction: 1 },
        r2: { status: 'defer', errno: -44, message: rcpt, host: HOST, error: 'rcpt_4xx' },
      }),
    },
    (dir) => tail(dir, { transports: { remote_smtp: 'smtp' } }),
  );
  const id = await h.submit('s@x.example', ['r1@remote.example', 'r2@remote.example']);
  await deliverMessage(id, h.deps);
  const expected = fixture['remote-rcpt-452']!.events.filter((l) => l.split('|')[1]?.startsWith('msg:')).map(withoutHost);
  assert.deepEqual(eventsIn(file), expected);
});

test('an expansion failure goes to the main and panic logs as exim4 words it', async () => {
  const { h } = await eventHarness({ '*': accept('local', 'local_file') }, { local_file: new RecordingTransport('local') }, () =>
    'event_action = ${if eq{$event_name}{msg:complete}{${bar}}{}}\nbegin transports\nlocal_file:\n  driver = appendfile\n  file = /dev/null\n  event_action = ${foo}\n',
  );
  const id = await h.submit('s@x.example', ['alice@mw.example']);
  await deliverMessage(id, h.deps);
  const panic = h.log.lines('panic').map((l) => l.replace(/^\S+ /, ''));
  assert.deepEqual(panic, [
    'failed to expand event_action msg:delivery in local_file: unknown variable in "${foo}"\n',
    'failed to expand event_action msg:complete in main: unknown variable in "${bar}"\n',
  ]);
  assert.deepEqual(h.mainLog().slice(0, 2), ['=> alice <alice@mw.example> R=local T=local_file', panic[0]]);
});

test('TPDA: tpda_delivery_action and tpda_host_defer_action with the $tpda_* variables', async () => {
  const refused: DeliveryResult = { status: 'defer', errno: 111, message: 'Connection refused', host: HOST };
  const retry: RetryItem = { key: 'T:127.0.0.1:127.0.0.1:2599', action: 'defer', message: 'Connection refused', hostName: '127.0.0.1' };
  const ok: DeliveryResult = { status: 'ok', host: HOST, confirmation: '250 OK id=abc123', transaction: 1 };
  let file = '';
  const { h } = await eventHarness({ '*': remoteRoute }, { remote_smtp: remoteTransport({ r1: ok, r2: refused }, [retry]) }, (dir) => {
    file = join(dir, 'TP');
    const run = (vars: string) => `\${run{/bin/sh -c 'echo "${vars}" >> ${file}'}}`;
    return [
      'begin transports',
      'remote_smtp:',
      '  driver = smtp',
      `  tpda_delivery_action = ${run('D|$tpda_delivery_ip|$tpda_delivery_port|$tpda_delivery_fqdn|$tpda_delivery_local_part|$tpda_delivery_domain|$tpda_delivery_confirmation')}`,
      `  tpda_host_defer_action = ${run('H|$tpda_delivery_ip|$tpda_delivery_local_part|$tpda_defer_errno|$tpda_defer_errstr')}`,
      '',
    ].join('\n');
  });
  const id = await h.submit('s@x.example', ['r1@remote.example', 'r2@remote.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(eventsIn(file), ['H|127.0.0.1|r2|111|Connection refused', 'D|127.0.0.1|2599|127.0.0.1|r1|remote.example|250 OK id=abc123']);
});

test('a host that fails before the next one delivers still raises msg:host:defer (errno from the retry error)', async () => {
  const other: HostItem = { ...HOST, name: 'b.example', address: '192.0.2.2', port: 25 };
  const retry: RetryItem = { key: 'T:127.0.0.1:127.0.0.1:2599', action: 'defer', message: 'Connection refused', hostName: '127.0.0.1', error: 'refused_A' };
  const { h, file } = await eventHarness(
    { '*': remoteRoute },
    { remote_smtp: remoteTransport({ r1: { status: 'ok', host: other, confirmation: '250 OK', transaction: 1 } }, [retry]) },
    (dir) => tail(dir, { transports: { remote_smtp: 'smtp' } }),
  );
  const id = await h.submit('s@x.example', ['r1@remote.example']);
  await deliverMessage(id, h.deps);
  assert.deepEqual(eventsIn(file), [
    'T|msg:host:defer|Connection refused|111|r1@remote.example|127.0.0.1|2599',
    'T|msg:delivery|250 OK|0|r1@remote.example|192.0.2.2|25',
  ]);
});
