/**
 * Daemon start lines, +arguments lines and local-input (-bm, -bs) lines against exim4's
 * (test/fixtures/log/local.json from scripts/oracle/gen-log-local.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLogSelector } from '../../src/log/selectors.js';
import { argumentsLine, daemonStartedLine, type DaemonListener } from '../../src/log/lines/process.js';
import { receptionLine } from '../../src/log/lines/reception.js';
import * as L from '../../src/log/lines/smtp.js';
import { logFileName } from '../../src/log/paths.js';
import { FileLogger } from '../../src/log/file-logger.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logTime, offsetForZone } from '../../src/log/prefix.js';

interface Local { args: string[]; lines: string[] }
const fx = JSON.parse(readFileSync('test/fixtures/log/local.json', 'utf8')) as { daemon: Record<string, string[]>; local: Record<string, Local> };

test('daemon start lines (oracle, 8 listener layouts)', () => {
  const wild = (port: number, extra: Partial<DaemonListener> = {}): DaemonListener => ({ port, ...extra });
  const cases: Record<string, [DaemonListener[], string?]> = {
    one_port: [[wild(27001)]],
    two_ports: [[wild(27002), wild(27003)]],
    ipv4_only: [[wild(27004, { family: 'IPv4' })]],
    interfaces: [[{ address: '127.0.0.1', port: 27005 }, { address: '::1', port: 27006 }]],
    interface_two_ports: [[{ address: '127.0.0.1', port: 27007 }, { address: '127.0.0.1', port: 27008 }], '-q30m'],
    smtps: [[wild(27009), wild(27010, { tlsOnConnect: true })]],
    smtps_interfaces: [[{ address: '127.0.0.1', port: 27011 }, { address: '127.0.0.2', port: 27011 },
      { address: '127.0.0.1', port: 27012, tlsOnConnect: true }, { address: '127.0.0.2', port: 27012, tlsOnConnect: true }]],
    queue_qq: [[wild(27013)], '-qq5m'],
  };
  assert.deepEqual(Object.keys(cases).sort(), Object.keys(fx.daemon).sort());
  for (const [name, [listeners, q]] of Object.entries(cases)) {
    assert.deepEqual([daemonStartedLine(0, listeners, q).replace('pid=0', 'pid=<PID>')], fx.daemon[name], name);
  }
});

test('+arguments lines quote empty and white-space arguments and escape the rest (oracle)', () => {
  for (const [name, c] of Object.entries(fx.local)) {
    assert.equal(argumentsLine('<CWD>', c.args), c.lines[0], name);
  }
});

test('local input: -bm and -bs lines (oracle)', () => {
  const sel = parseLogSelector('+all -millisec -pid');
  const root = { ident: 'root' };
  const norm = (s: string) => s.replace(/\b(D|RT)=\d+s\b/g, '$1=<DUR>');
  const local = (over: Parameters<typeof receptionLine>[0]) => `<ID> ${norm(receptionLine({ host: root, bodyType: 0, receiveTimeMs: 0, ...over }, sel))}`;
  assert.deepEqual(fx.local.bm!.lines.slice(1), [local({ sender: 'root@mx.test.example', protocol: 'local', size: 314, messageIdHeader: 'E<ID>@mx.test.example',
    messageIdCreated: true, subject: 'x', recipients: ['bob@test.example'] })]);
  assert.deepEqual(fx.local.bm_null_sender!.lines.slice(1), [local({ sender: '', protocol: 'local', size: 240, messageIdHeader: 'E<ID>@mx.test.example',
    messageIdCreated: true, subject: 'x', recipients: ['bob@test.example'] })]);
  assert.deepEqual(fx.local.bm_protocol!.lines.slice(1), [local({ sender: 'root@mx.test.example', protocol: 'myproto', size: 301, messageIdHeader: 'given@x',
    subject: 'x', recipients: ['a@b.example'] })]);
  assert.deepEqual(fx.local.bs_message!.lines.slice(1), [
    L.connectionStartLine(root, sel),
    local({ sender: 'a@b.c', protocol: 'local-esmtp', pipelining: { advertised: true, used: false }, size: 286, messageIdHeader: 'E<ID>@mx.test.example',
      messageIdCreated: true, subject: 'hi', recipients: ['ok@x.y'] }),
    L.closedByQuitLine(root, sel),
  ]);
  assert.deepEqual(fx.local.bs_no_mail!.lines.slice(1), [
    L.connectionStartLine(root, sel), L.closedByQuitLine(root, sel), norm(L.noMailLine(root, sel, { durationMs: 0, commands: ['HELO', 'QUIT'] })),
  ]);
  assert.deepEqual(fx.local.bs_rejected!.lines.slice(1), [
    L.connectionStartLine(root, sel), L.rejectedRcptLine(root, sel, 'a@b.c', 'bad@x.y', 'no bad'),
    L.incompleteTransactionLine(root, sel, 'QUIT', 'a@b.c', []), L.closedByQuitLine(root, sel),
  ]);
});

test('datestamped file names, panic log without the stamp (oracle)', () => {
  const paths = (fx as unknown as { paths: Record<string, string[]> }).paths;
  assert.equal(Object.keys(paths).length, 6);
  for (const [pattern, files] of Object.entries(paths)) {
    const stamps = { day: '<DAY>', month: '<MONTH>' };
    assert.deepEqual([logFileName(pattern, 'main', stamps), logFileName(pattern, 'panic', stamps)].sort(), files, pattern);
  }
});

test('log_timezone stamps under the timezone option (oracle, 4 zones)', () => {
  const zones = (fx as unknown as { timezones: Record<string, { utcMillis: number; line: string }> }).timezones;
  for (const [zone, { utcMillis, line }] of Object.entries(zones)) {
    const stamp = line.slice(0, 25);
    const candidates = [0, 1000].map((d) => logTime(new Date(utcMillis + d), { withZone: true, offset: offsetForZone(zone) }));
    assert.ok(candidates.includes(stamp), `${zone}: ${stamp} not in ${candidates.join(', ')}`);
  }
});

test('entries too long for the log buffer become the overflow notice (oracle)', async () => {
  const cases = (fx as unknown as { overflow: { selector: string; textLength: number; log: string }[] }).overflow;
  assert.equal(cases.length, 4);
  for (const c of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'mw-overflow-'));
    const sel = parseLogSelector(c.selector);
    const prefixLength = Number(/^<PREFIX(\d+)>/.exec(c.log)![1]);
    // A pid with as many digits as exim4's had, so that the prefixes are equally long.
    const pid = 10 ** Math.max(0, prefixLength - 20 - (sel.has('millisec') ? 4 : 0) - 4);
    const log = new FileLogger({ selectors: sel, spoolDirectory: dir, pid, now: () => new Date(0), offset: () => 0 });
    log.write(['main'], 'A'.repeat(c.textLength));
    await log.close();
    const got = readFileSync(join(dir, 'log/mainlog'), 'latin1')
      .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?( \[\d+\])? /gm, (m) => `<PREFIX${m.length}>`)
      .replace(/A{100,}/g, (m) => `<A*${m.length}>`);
    assert.equal(got, c.log, `${c.selector} ${c.textLength}`);
  }
});
