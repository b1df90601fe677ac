/**
 * The authenticators' exim4 -bh corpus (test/fixtures/auth/exim-bh.json, recorded by the auth
 * work) replayed through the whole SMTP server: EHLO advertisement, AUTH command handling,
 * challenges, replies, log lines and the variables the MAIL ACL shows afterwards.
 * CRAM-MD5 answers were computed from exim4's own challenge (pid and time), so those sessions
 * cannot be replayed; the two sessions without EHLO record different first lines and are skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import { createAclEngine } from '../../../src/acl/index.js';
import { createAuthenticators } from '../../../src/auth/index.js';
import { runStdioSession } from '../../../src/smtp/server/fake-session.js';

interface AuthCase {
  id: string;
  sent: string[];
  replies: string[];
  advertised: string | null;
  log: string[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/auth/exim-bh.json', 'utf8')) as { conf: string; cases: AuthCase[] };
const dir = mkdtempSync(join(tmpdir(), 'mw-auth-replay-'));
writeFileSync(join(dir, 'auth.conf'), fixture.conf);
const config = loadConfig({ file: join(dir, 'auth.conf') });

async function replay(c: AuthCase): Promise<{ advertised?: string; replies: string[]; log: string[] }> {
  let out = '';
  let err = '';
  const input = ['EHLO x', ...c.sent, 'QUIT'].map((l) => `${l}\r\n`).join('');
  await runStdioSession({
    mode: 'bh', config, acl: createAclEngine(config), host: '10.0.0.1',
    authenticators: createAuthenticators(config.authenticators, { primaryHostname: 'myhost.test.ex', pid: process.pid }),
    input: Buffer.from(input, 'latin1'), stdout: (t) => (out += t), stderr: (t) => (err += t),
  });
  const lines = out.split('\n').map((l) => l.replace(/\r$/, ''));
  const ehloEnd = lines.findIndex((l) => /^250 HELP/.test(l));
  const replies = lines.slice(ehloEnd + 1).filter((l) => /^\d{3}[ -]/.test(l) && !l.startsWith('221 '));
  return { advertised: lines.find((l) => l.startsWith('250-AUTH')), replies, log: err.split('\n').filter((l) => l.startsWith('LOG: ')) };
}

for (const c of fixture.cases) {
  const skip = c.id.startsWith('cram') && c.id !== 'cram-initial-response' ? 'answer depends on exim4\'s challenge' : c.advertised === null ? 'no EHLO in this session' : undefined;
  test(`AUTH replay: ${c.id}`, { skip }, async () => {
    const got = await replay(c);
    assert.equal(got.advertised, c.advertised ?? undefined);
    assert.deepEqual(got.replies, c.replies.filter((r) => !r.startsWith('221 ')));
    assert.deepEqual(got.log, c.log);
  });
}
