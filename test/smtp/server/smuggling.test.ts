/**
 * SMTP smuggling (the published end-of-data variants): only CRLF "." CRLF ends DATA, as in Exim
 * 4.97.1+, so a second message hidden behind a fake end-of-data stays content of the first. The
 * DATA terminator itself, dot-unstuffing and a bare CR are checked too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import { createAclEngine } from '../../../src/acl/index.js';
import { MemoryLogger } from '../../../src/log/memory-logger.js';
import { FileSpool } from '../../../src/spool/index.js';
import { runStdioSession } from '../../../src/smtp/server/fake-session.js';

async function session(body: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mw-smuggle-'));
  writeFileSync(join(dir, 'c.conf'), `spool_directory = ${dir}\nprimary_hostname = mail.example.com\nacl_smtp_rcpt = r\nbegin acl\nr:\n  accept\n`);
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const spool = new FileSpool({ directory: dir, noSync: true });
  let out = '';
  const input = `EHLO x\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n${body}`;
  await runStdioSession({
    mode: 'bs', config, acl: createAclEngine(config), overrides: { callerLogin: 'root' }, spool, log: new MemoryLogger(),
    input: Buffer.from(input, 'latin1'), stdout: (t) => (out += t), stderr: () => undefined,
  });
  const ids = [...out.matchAll(/250 OK id=(\S+)\r\n/g)].map((m) => m[1]!);
  return { out, ids, spool };
}

const SMUGGLED = 'MAIL FROM:<admin@d.example>\r\nRCPT TO:<victim@d.example>\r\nDATA\r\nFrom: admin@d.example\r\n\r\nsmuggled\r\n';

for (const [name, fake] of [
  ['LF . LF', '\n.\n'],
  ['LF . CRLF', '\n.\r\n'],
  ['CRLF . LF', '\r\n.\n'],
  ['CR . CR', '\r.\r'],
  ['CR . CRLF', '\r.\r\n'],
  ['CRLF . CR', '\r\n.\r'],
  ['CRLF NUL . CRLF', '\r\n\x00.\r\n'],
] as const) {
  test(`smuggling: "${name}" does not end DATA`, async () => {
    const { out, ids, spool } = await session(`Subject: s\r\n\r\nfirst${fake}${SMUGGLED}.\r\nQUIT\r\n`);
    assert.equal(ids.length, 1, out);
    const body = (await spool.readBody(ids[0]!)).toString('latin1');
    assert.match(body, /MAIL FROM:<admin@d\.example>/);
    assert.deepEqual((await spool.read(ids[0]!)).recipients.map((r) => r.address), ['c@d.example']);
    assert.match(out, /221 mail\.example\.com closing connection\r\n$/);
  });
}

test('CRLF . CRLF ends DATA; the next transaction is separate', async () => {
  const { ids } = await session(`Subject: s\r\n\r\nfirst\r\n.\r\n${SMUGGLED}.\r\nQUIT\r\n`);
  assert.equal(ids.length, 2);
});

test('dot-stuffing is undone only at real line starts; a bare CR stays data', async () => {
  const { ids, spool } = await session('Subject: s\r\n\r\n..one\r\nx\n..two\r\na\rb\r\n.\r\nQUIT\r\n');
  const body = (await spool.readBody(ids[0]!)).toString('latin1');
  assert.equal(body, '.one\nx\n..two\na\rb\n');
});
