/**
 * Test harness for the daemon: a configuration from text, a daemon on 127.0.0.1 (port 0), an
 * in-memory logger, a file spool in a temporary directory, and a tiny scripted SMTP client.
 */
import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../src/config/index.js';
import { createAclEngine } from '../../../../src/acl/index.js';
import { MemoryLogger } from '../../../../src/log/memory-logger.js';
import { parseLogSelector } from '../../../../src/log/selectors.js';
import { FileSpool } from '../../../../src/spool/index.js';
import type { Spool } from '../../../../src/spool/types.js';
import { SmtpDaemon } from '../../../../src/smtp/server/daemon.js';
import { tlsFor } from '../../../../src/smtp/server/cli-modes.js';

export interface Harness {
  readonly daemon: SmtpDaemon;
  readonly port: number;
  readonly log: MemoryLogger;
  readonly spool: Spool;
  readonly dir: string;
}

/** `withTls`: give the daemon the TLS module (src/tls) for this configuration. */
export async function startDaemon(extraConfig: string, spool?: (dir: string) => Spool, extra: Partial<ConstructorParameters<typeof SmtpDaemon>[0]> = {}, withTls = false): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-daemon-'));
  const confPath = join(dir, 'test.conf');
  // Extra ACLs may follow "begin acl" in extraConfig; they join the harness's own ACL section.
  const [mainPart, aclPart = ''] = extraConfig.split('\nbegin acl\n');
  writeFileSync(
    confPath,
    `spool_directory = ${dir}\nprimary_hostname = mail.example.com\nacl_smtp_rcpt = a_accept\nlocal_interfaces = 127.0.0.1\n${mainPart}\nbegin acl\na_accept:\n  accept\n${aclPart}\n`,
  );
  const config = loadConfig({ file: confPath });
  const selectors = config.mainOption('log_selector');
  const log = new MemoryLogger(parseLogSelector(typeof selectors === 'string' ? selectors : undefined));
  const theSpool = spool?.(dir) ?? new FileSpool({ directory: dir, noSync: true });
  const daemon = new SmtpDaemon({ config, acl: createAclEngine(config), log, spool: theSpool, override: '0', ...(withTls ? { serverTls: tlsFor(config) } : {}), ...extra });
  const [bound] = await daemon.start();
  return { daemon, port: bound!.port, log, spool: theSpool, dir };
}

/** A step: send text, or wait for the server's output to contain text (or for ms). */
export type Step = { send: string } | { expect: string | RegExp } | { wait: number };

/** Run a script against the daemon; resolves with everything the server sent until it closed. */
export function converse(port: number, steps: readonly Step[], timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let waiter: (() => void) | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`conversation timed out; got:\n${received}`));
    }, timeoutMs);
    socket.on('data', (d) => {
      received += d.toString('latin1');
      waiter?.();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      waiter?.();
      resolve(received);
    });
    const seen = (want: string | RegExp) => (typeof want === 'string' ? received.includes(want) : want.test(received));
    const run = async () => {
      for (const step of steps) {
        if ('send' in step) socket.write(step.send);
        else if ('wait' in step) await new Promise((r) => setTimeout(r, step.wait));
        else {
          while (!seen(step.expect) && !socket.destroyed) await new Promise<void>((r) => (waiter = r));
        }
      }
    };
    socket.on('connect', () => void run().catch(reject));
  });
}
