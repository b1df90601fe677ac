/**
 * Replays the log entries of scripts/oracle/gen-log-syslog.mjs through FileLogger with
 * log_file_path = syslog and compares the datagrams with the ones exim4 sent to /dev/log
 * (test/fixtures/log/syslog.json), for six syslog_* / selector variants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FileLogger } from '../../src/log/file-logger.js';
import { parseLogSelector } from '../../src/log/selectors.js';
import type { SyslogTransport } from '../../src/log/syslog-transport.js';

const fixture = JSON.parse(readFileSync('test/fixtures/log/syslog.json', 'utf8')) as Record<string, { config: string[]; datagrams: string[] }>;

class Capture implements SyslogTransport {
  sent: string[] = [];
  send(d: Buffer): void {
    this.sent.push(d.toString('latin1'));
  }
  async close(): Promise<void> {}
}

function normalise(d: string): string {
  return d
    .replace(/^<(\d+)>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /, '<$1><STAMP> ')
    .replace(/\[\d+\]: /, '[<PID>]: ')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?/g, (_m, ms: string | undefined) => (ms ? '<TS.ms>' : '<TS>'))
    .replace(/ \[\d+\] /, ' [<PID>] ')
    .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>');
}

/** The header dump exim4 added to the rejection, recovered from its own datagrams. */
function rejectDetailFrom(datagrams: string[]): string {
  const first = datagrams.findIndex((d) => /: \[1\\\d+\] /.test(d));
  return datagrams
    .slice(first + 1)
    .map((d) => d.replace(/^.*?: \[\d+[\\/]\d+\] /, ''))
    .join('\n') + '\n';
}

const setting = (config: string[], name: string) => config.find((l) => l.startsWith(`${name} = `))?.slice(name.length + 3);

test('syslog datagrams match what exim4 sent to /dev/log (oracle, 6 variants)', async () => {
  assert.equal(Object.keys(fixture).length, 6);
  for (const [name, fx] of Object.entries(fixture)) {
    const cap = new Capture();
    const c = fx.config;
    const logger = new FileLogger({
      selectors: parseLogSelector(setting(c, 'log_selector')), logTimezone: setting(c, 'log_timezone') === 'true', spoolDirectory: '/nonexistent',
      logFilePath: 'syslog', pid: 4321, offset: () => 0, now: () => new Date(Date.UTC(2026, 10, 23, 17, 0, 0, 5)),
      syslog: {
        transport: cap, facility: setting(c, 'syslog_facility'), processname: setting(c, 'syslog_processname'),
        timestamp: setting(c, 'syslog_timestamp') !== 'false', pid: setting(c, 'syslog_pid') !== 'false', duplication: setting(c, 'syslog_duplication') !== 'false',
      },
    });
    logger.write(['main'], 'main only');
    logger.write(['reject'], 'reject only');
    logger.write(['panic'], 'panic only');
    logger.write(['main', 'reject'], 'main and reject');
    logger.write(['main', 'panic'], 'main and panic');
    logger.write(['main'], 'L'.repeat(1000));
    logger.write(['main', 'reject'], 'U=root F=<alice@client.example> rejected after DATA: data refused', '1aBcDe-000001-AB',
      { rejectDetail: rejectDetailFrom(fx.datagrams) });
    await logger.close();
    const mine = cap.sent.map(normalise);
    // exim4's pid had a different number of digits: compare the long line's split point exactly
    // only where no pid precedes it, elsewhere its shape.
    const loose = (s: string) => (/\[<PID>\] L/.test(s) || /^\S+ \S+ \[2\/2\] L+$/.test(s) ? s.replace(/L{10,}/, 'L…') : s);
    const hasPidInText = (setting(c, 'log_selector') ?? '').includes('+pid') && setting(c, 'syslog_pid') !== 'false';
    assert.deepEqual(hasPidInText ? mine.map(loose) : mine, hasPidInText ? fx.datagrams.map(loose) : fx.datagrams, name);
  }
});
