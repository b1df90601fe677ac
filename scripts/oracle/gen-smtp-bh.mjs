#!/usr/bin/env node
// Oracle for the SMTP server: runs every session under scripts/oracle/smtp-cases/*.case through
// `exim4 -bh IP -C conf` and writes test/fixtures/smtp-server/<case>.json with Exim's stdout, its
// `LOG:` lines (stderr) and exit code. Mailwright's -bh must reproduce them after normalising
// clock, message ids and pids (see test/smtp/server/bh-oracle.test.ts).
//
// Case file format: header lines `key: value` (conf, ip, args), a line `---`, then the session.
// Session lines are sent with CRLF endings; inside a line <CR>, <LF>, <NUL>, <TAB> stand for those
// bytes, a line ending in <NOEOL> gets no CRLF, and a final line `<EOF>` means the previous line
// has no line ending either and nothing follows.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseCase } from './smtp-case-format.mjs';

const CASES = 'scripts/oracle/smtp-cases';
const OUT = 'test/fixtures/smtp-server';
const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const only = process.argv.slice(2);

mkdirSync(OUT, { recursive: true });
// Exim -bh writes a transient spool file while receiving DATA, as its own (unprivileged) user.
mkdirSync('/tmp/mw-smtp-oracle-spool', { recursive: true });
spawnSync('chown', ['-R', 'Debian-exim:Debian-exim', '/tmp/mw-smtp-oracle-spool']);
for (const file of readdirSync(CASES).filter((f) => f.endsWith('.case')).sort()) {
  const name = file.replace(/\.case$/, '');
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  const c = parseCase(readFileSync(join(CASES, file), 'utf8'));
  const confText = readFileSync(join(CASES, 'confs', `${c.conf}.conf`), 'utf8');
  const confPath = `/tmp/mw-smtp-oracle-${c.conf}.conf`;
  writeFileSync(confPath, confText);
  const args = ['-C', confPath, ...c.args, '-bh', c.ip];
  const res = spawnSync(EXIM, args, { input: c.input, env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 26 });
  const stderr = res.stderr.toString('latin1');
  const fixture = {
    name,
    conf: c.conf,
    confText,
    ip: c.ip,
    args: c.args,
    input: c.input.toString('latin1'),
    stdout: res.stdout.toString('latin1'),
    log: stderr.split('\n').filter((l) => l.startsWith('LOG: ')),
    status: res.status,
  };
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(fixture, null, 1) + '\n');
  rmSync(confPath);
  console.log(`${name}: ${fixture.stdout.split('\n').length} lines, ${fixture.log.length} log lines`);
}
