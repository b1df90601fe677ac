/**
 * End to end behind a real HAProxy (Debian's package, `mode tcp`) that speaks the PROXY protocol
 * to the daemon (`send-proxy`, then `send-proxy-v2`); hosts_proxy = 127.0.0.1 (HAProxy's side).
 * swaks connects to HAProxy from 127.0.0.2, so the original client is distinguishable from the
 * proxy: the `<=` line's H= and the ACL's $sender_host_address must be 127.0.0.2, and
 * $proxy_external_address:$proxy_external_port HAProxy's frontend (where the client connected).
 * A malformed header sent straight to the daemon gets the 503 for every command but QUIT.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram, freePort, headerNamed, run, skipUnless, startDaemon, waitFor, type RunningDaemon } from './helpers/daemon.js';
import { SmtpClient } from './helpers/smtp-client.js';

const haproxy = findProgram('haproxy') ?? findProgram('/usr/sbin/haproxy');
const swaks = findProgram('swaks');
const skip = skipUnless(Boolean(haproxy && swaks), 'haproxy or swaks');

function daemonConfig(dir: string): string {
  return `primary_hostname = mail.test.example
spool_directory = ${dir}/spool
log_file_path = ${dir}/%slog
local_interfaces = 127.0.0.1
keep_environment =
queue_only = true
hosts_proxy = 127.0.0.1
acl_smtp_rcpt = acl_rcpt
begin acl
acl_rcpt:
  warn add_header = X-Proxy: session=$proxy_session ext=[$proxy_external_address]:$proxy_external_port loc=[$proxy_local_address] host=[$sender_host_address]
       logwrite = proxy-acl session=$proxy_session ext=[$proxy_external_address]:$proxy_external_port host=[$sender_host_address]
  accept domains = test.example
`;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function startHaproxy(daemonPort: number, sendProxy: 'send-proxy' | 'send-proxy-v2'): Promise<{ port: number; child: ChildProcess; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-haproxy-'));
  const port = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    `defaults
  mode tcp
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend smtp_in
  bind 127.0.0.1:${port}
  default_backend mailwright
backend mailwright
  server mw 127.0.0.1:${daemonPort} ${sendProxy}
`,
  );
  const child = spawn(haproxy!, ['-db', '-f', cfg], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await waitFor(() => child.exitCode !== null || canConnect(port), 10000, 'haproxy listening');
  assert.equal(child.exitCode, null, 'haproxy exited at start');
  return {
    port,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

let daemon: RunningDaemon;

describe('mailwright -bdf behind HAProxy (PROXY protocol)', { skip }, () => {
  before(async () => {
    daemon = await startDaemon(daemonConfig);
  });
  after(async () => daemon?.stop());

  for (const mode of ['send-proxy', 'send-proxy-v2'] as const) {
    test(`${mode}: logged and ACL-visible client is the original one`, async () => {
      const proxy = await startHaproxy(daemon.port, mode);
      try {
        const before = new Set(await daemon.spool.list());
        const r = await run(swaks!, ['-s', '127.0.0.1', '-p', String(proxy.port), '--local-interface', '127.0.0.2', '--helo', 'orig.example', '-f', `${mode}@sender.example`, '-t', 'x@test.example']);
        assert.equal(r.status, 0, `swaks failed:\n${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, /^<- {2}250-mail\.test\.example Hello orig\.example \[127\.0\.0\.2\]$/m);
        const ids = (await daemon.spool.list()).filter((id) => !before.has(id));
        assert.equal(ids.length, 1);
        const id = ids[0]!;
        const log = daemon.mainLog();
        const arrival = log.split('\n').find((l) => l.includes(`${id} <= `));
        assert.match(arrival ?? '', new RegExp(`<= ${mode}@sender\\.example H=\\(orig\\.example\\) \\[127\\.0\\.0\\.2\\] P=esmtp S=\\d+`));
        const ext = `ext=\\[127\\.0\\.0\\.1\\]:${proxy.port}`;
        assert.match(log, new RegExp(`proxy-acl session=yes ${ext} host=\\[127\\.0\\.0\\.2\\]$`, 'm'));
        const msg = await daemon.spool.read(id);
        assert.match(headerNamed(msg.headers, 'X-Proxy') ?? '', new RegExp(`^X-Proxy: session=yes ${ext} loc=\\[127\\.0\\.0\\.1\\] host=\\[127\\.0\\.0\\.2\\]$`));
        assert.match(headerNamed(msg.headers, 'Received') ?? '', /^Received: from \[127\.0\.0\.2\] \(helo=orig\.example\)/);
        assert.match(String(msg.options.get('host_address')), /^\[127\.0\.0\.2\]:\d+$/);
      } finally {
        await proxy.stop();
      }
    });
  }

  test('a malformed PROXY header: banner, then 503 for everything but QUIT', async () => {
    const c = await SmtpClient.connect(daemon.port);
    try {
      c.write('PROXY TCP4 not-an-address 127.0.0.1 1234 25\r\n');
      assert.match(await c.reply(), /^220 mail\.test\.example ESMTP/);
      for (const cmd of ['EHLO x.example', 'MAIL FROM:<a@b.example>', 'RCPT TO:<x@test.example>', 'NOOP']) {
        assert.equal(await c.command(cmd), '503 Command refused, required Proxy negotiation failed\r\n', cmd);
      }
      assert.equal(await c.command('QUIT'), '221 mail.test.example closing connection\r\n');
      await c.waitClosed();
    } finally {
      c.close();
    }
  });
});
