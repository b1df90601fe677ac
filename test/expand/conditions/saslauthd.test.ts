import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saslauthdCheck } from '../../../src/expand/conditions/saslauthd.js';
import { ExpandError, untainted } from '../../../src/expand/types.js';

/** A fake saslauthd: records each request and answers with `reply` as a counted string. */
async function fakeDaemon(reply: string | null): Promise<{ path: string; requests: Buffer[]; server: Server }> {
  const path = join(mkdtempSync(join(tmpdir(), 'mw-sasl-')), 'mux');
  const requests: Buffer[] = [];
  const server = createServer((sock) => {
    let data = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      let pos = 0;
      for (let i = 0; i < 4; i++) {
        if (data.length < pos + 2) return;
        pos += 2 + data.readUInt16BE(pos);
        if (data.length < pos) return;
      }
      requests.push(data);
      if (reply === null) return void sock.end();
      const len = Buffer.alloc(2);
      len.writeUInt16BE(reply.length);
      sock.end(Buffer.concat([len, Buffer.from(reply, 'latin1')]));
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { path, requests, server };
}

const args = (...xs: string[]) => xs.map(untainted);

test('saslauthd sends four counted strings and reads OK as true', async () => {
  const d = await fakeDaemon('OK');
  try {
    assert.equal(await saslauthdCheck(args('user', 'pw'), d.path), true);
    assert.equal(await saslauthdCheck(args('user', 'pw', 'svc', 'realm'), d.path), true);
    assert.deepEqual(d.requests.map((r) => r.toString('latin1')), [
      '\x00\x04user\x00\x02pw\x00\x00\x00\x00',
      '\x00\x04user\x00\x02pw\x00\x03svc\x00\x05realm',
    ]);
  } finally {
    d.server.close();
  }
});

test('saslauthd: NO is false, other replies are errors with the reply text', async () => {
  for (const [reply, expected] of [['NO bad password', false], ['OKAY', true]] as const) {
    const d = await fakeDaemon(reply);
    try {
      assert.equal(await saslauthdCheck(args('u', 'p'), d.path), expected, reply);
    } finally {
      d.server.close();
    }
  }
  for (const [reply, message] of [['FAIL x', 'FAIL x'], ['ok', 'ok'], ['', '(null)'], [null, '(null)']] as const) {
    const d = await fakeDaemon(reply);
    try {
      await assert.rejects(saslauthdCheck(args('u', 'p'), d.path), (e: unknown) => e instanceof ExpandError && e.message === message);
    } finally {
      d.server.close();
    }
  }
});

test('saslauthd: a missing socket is reported as Exim does', async () => {
  const path = join(tmpdir(), 'mw-no-such-dir', 'mux');
  await assert.rejects(
    saslauthdCheck(args('u', 'p'), path),
    (e: unknown) => e instanceof ExpandError && e.message === `cannot connect to saslauthd daemon at ${path}: No such file or directory`,
  );
});
