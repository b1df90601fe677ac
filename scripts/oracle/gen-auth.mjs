#!/usr/bin/env node
// Oracle for the server-side authenticators: runs each AUTH exchange of scripts/oracle/auth-cases.mjs
// through `exim4 -bh 10.0.0.1` (config below: plaintext PLAIN/LOGIN, cram_md5 and odd cases) and
// records the replies, Exim's `LOG:` lines and, through a MAIL ACL message, the variables left after
// authentication ($authenticated_id, $authenticated_fail_id, $auth1..3, $sender_host_authenticated).
// CRAM-MD5 responses are computed from the challenge Exim sends (the session is interactive).
// Output: test/fixtures/auth/exim-bh.json. Run from the repository root.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AUTH_CONF, authCases } from './auth-cases.mjs';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT_DIR = 'test/fixtures/auth';

/** Client line for a `{cram user secret}` placeholder, given the last challenge (base64). */
function cramLine(placeholder, challengeB64) {
  const [, upper, user, secret] = /^\{cram(U?) (\S*) (\S*)\}$/.exec(placeholder);
  const challenge = Buffer.from(challengeB64, 'base64').toString('latin1');
  const hex = createHmac('md5', secret).update(challenge, 'latin1').digest('hex');
  const digest = upper ? hex.toUpperCase() : hex;
  return Buffer.from(`${user} ${digest}`, 'latin1').toString('base64');
}

function runSession(confPath, lines) {
  return new Promise((resolve) => {
    const child = spawn(EXIM, ['-C', confPath, '-bh', '10.0.0.1'], { env: { ...process.env, TZ: 'UTC' } });
    let out = '';
    let err = '';
    const waiters = [];
    const sent = [];
    child.stdout.on('data', (d) => {
      out += d.toString('latin1');
      for (const w of waiters.splice(0)) w();
    });
    child.stderr.on('data', (d) => (err += d.toString('latin1')));
    // The challenge answering line N is the first 334 reply printed after line N-1 was sent.
    let mark = 0;
    const challengeSince = (from) => out.slice(from).split('\n').find((l) => l.startsWith('334 '));
    const waitForChallenge = (from) =>
      new Promise((r) => {
        const check = () => (challengeSince(from) !== undefined ? r() : waiters.push(check));
        check();
      });
    (async () => {
      for (const line of lines) {
        let text = line;
        if (line.startsWith('{cram')) {
          await waitForChallenge(mark);
          text = cramLine(line, challengeSince(mark).slice(4).replace(/\r$/, ''));
        }
        mark = out.length;
        sent.push(text);
        child.stdin.write(`${text}\r\n`);
      }
      child.stdin.end();
    })();
    child.on('close', (status) => resolve({ stdout: out, stderr: err, status, sent }));
  });
}

function replies(stdout) {
  const lines = stdout.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '' && !l.startsWith('****'));
  // Drop the banner and the EHLO response: the fixture is about AUTH and what follows.
  const ehloEnd = lines.findIndex((l) => /^250 /.test(l) && lines.some((x) => x.startsWith('250-')));
  return lines.slice(ehloEnd >= 0 ? ehloEnd + 1 : 1);
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  mkdirSync('/tmp/mw-auth-oracle-spool', { recursive: true });
  const confPath = '/tmp/mw-auth-oracle.conf';
  writeFileSync(confPath, AUTH_CONF);
  const results = [];
  for (const c of authCases) {
    const lines = [c.helo ?? 'EHLO x', ...c.lines, 'QUIT'];
    const r = await runSession(confPath, lines);
    const all = replies(r.stdout);
    const ehlo = r.stdout.split('\n').filter((l) => l.startsWith('250-AUTH') || l.startsWith('250 AUTH')).map((l) => l.replace(/\r$/, ''));
    results.push({
      id: c.id,
      note: c.note,
      sent: r.sent.slice(1, -1),
      replies: all.slice(0, -1),
      advertised: ehlo[0] ?? null,
      log: r.stderr.split('\n').filter((l) => l.startsWith('LOG: ')),
    });
    console.log(`${c.id}: ${all.slice(0, -1).join(' | ').slice(0, 150)}`);
  }
  const fixture = {
    generator: 'scripts/oracle/gen-auth.mjs',
    exim: '4.96 (Debian exim4-daemon-heavy), exim4 -bh 10.0.0.1',
    conf: AUTH_CONF,
    cases: results,
  };
  writeFileSync(`${OUT_DIR}/exim-bh.json`, JSON.stringify(fixture, null, 1) + '\n');
}

await main();
