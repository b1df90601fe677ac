import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BhLogger } from '../../src/log/bh-logger.js';
import { parseLogSelector } from '../../src/log/selectors.js';
import { receptionLine } from '../../src/log/lines/reception.js';
import { closedByQuitLine, connectionStartLine, rejectedRcptLine } from '../../src/log/lines/smtp.js';

const fixture = JSON.parse(readFileSync('test/fixtures/log/bh.json', 'utf8')) as Record<string, string[]>;
const variants: Record<string, { selector: string; tz: boolean }> = {
  plain: { selector: '', tz: false }, pid: { selector: '+pid', tz: false }, millisec: { selector: '+millisec', tz: false },
  millisec_pid: { selector: '+millisec +pid', tz: false }, tz: { selector: '', tz: true }, tz_pid: { selector: '+pid', tz: true },
  tz_millisec: { selector: '+millisec', tz: true }, connection: { selector: '+smtp_connection', tz: false },
};

test('-bh prints LOG: lines exactly as exim4 -bh (oracle, 8 selector/timezone variants)', () => {
  assert.deepEqual(Object.keys(fixture).sort(), Object.keys(variants).sort());
  for (const [name, v] of Object.entries(variants)) {
    const out: string[] = [];
    const sel = parseLogSelector(v.selector);
    const log = new BhLogger({ selectors: sel, logTimezone: v.tz, pid: 4242, offset: () => 0, now: () => new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 123)), out: (t) => out.push(t) });
    const host = { address: '192.0.2.7' };
    const helo = { ...host, helo: 'client.example' };
    if (sel.has('smtp_connection')) log.write(['main'], connectionStartLine(host, sel));
    log.write(['main'], 'conn logwrite');
    log.write(['reject'], 'reject only');
    log.write(['panic'], 'panic only');
    log.write(['main'], 'H=[192.0.2.7] Warning: warn logmsg');
    log.write(['main', 'reject'], rejectedRcptLine(helo, sel, 'alice@client.example', 'bad@test.example', 'no bad'), undefined, { rejectDetail: 'not shown\n' });
    log.write(['main'], receptionLine({ sender: 'alice@client.example', host: helo, protocol: 'esmtp', size: 224 }, sel), '1aBcDe-000001-AB');
    if (sel.has('smtp_connection')) log.write(['main'], closedByQuitLine(helo, sel), '1aBcDe-000001-AB');
    const normalised = out.map((l) => l.replace(/\n$/, '').replace(/^LOG: 123 /, 'LOG: <ms> ').replace('[4242]', '[<PID>]').replace('1aBcDe-000001-AB', '<ID>'));
    assert.deepEqual(normalised, fixture[name], name);
    assert.ok(out.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
  }
});

test('-bh shows nothing for a line whose log_selector item is off (exim4 -bh with -all)', () => {
  const out: string[] = [];
  const log = new BhLogger({ selectors: parseLogSelector('-all'), out: (t) => out.push(t) });
  log.write(['main', 'reject'], 'refused connection from [1.2.3.4] (host_reject_connection)', undefined, { selector: 'connection_reject' });
  log.write(['reject'], 'reject only');
  assert.deepEqual(out, ['LOG: reject only\n']);
});
