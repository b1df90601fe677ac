/**
 * The smtp transport against the outcomes exim4 4.96 produced for the same scripted servers
 * (test/fixtures/smtp-client/oracle.json, from scripts/oracle/gen-smtp-client.mjs): the
 * address lines rebuilt from our DeliveryResults as Exim writes them, the transport's host
 * log lines, the retry keys with their error numbers, and the commands the server saw.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { AddressItem } from '../../src/route/types.js';
import type { DeliveryResult } from '../../src/transports/types.js';
import { strerrorText } from '../../src/util/strerror.js';
import { freePort, makeContext, noAcceptListener, TLS_CERTS, MESSAGE_ID, routed, scriptedServer, smtpConfig, transportFrom, type ScriptedServer, type ServerScript } from './helpers.js';

interface OracleCase {
  name: string;
  rcpts: string[];
  server: ServerScript | 'refused' | 'silent';
  server2?: ServerScript;
  commands2?: string[];
  hosts: string[];
  transport: string;
  log: string[];
  commands: string[];
  retry: string[];
}

const oracle = JSON.parse(readFileSync(new URL('../fixtures/smtp-client/oracle.json', import.meta.url), 'utf8')) as { cases: OracleCase[] };

const ERRNO_NAMES: Record<number, string> = { 111: 'ECONNREFUSED', 110: 'ETIMEDOUT' };

/** The address line exim4 would write for a result (R=r1 T=t1 as in the oracle's configuration). */
function addressLine(a: AddressItem, r: DeliveryResult, first: boolean): string {
  const esc = (s: string) => s.replace(/\n/g, '\\n');
  const hostTag = r.host ? `H=${r.host.name} [${r.host.address}]` : '';
  const tls = r.tls ? ` X=${r.tls.cipher} CV=${r.tls.certificateVerified ? 'yes' : 'no'}` : '';
  if (r.status === 'ok') return `${first ? '=>' : '->'} ${a.address} R=r1 T=t1 ${hostTag}${tls}${r.chunking ? ' K' : ''} C="${esc(r.confirmation ?? '')}"`;
  if (r.status === 'fail') return `** ${a.address} R=r1 T=t1${hostTag ? ` ${hostTag}` : ''}: ${esc(r.message ?? '')}`;
  const errno = r.errno ?? 0;
  let line = `== ${a.address} R=r1 T=t1 defer (${errno})`;
  if (errno > 0) line += `: ${strerrorText(ERRNO_NAMES[errno])}${hostTag ? ` ${hostTag}: ${esc(r.message ?? '')}` : ''}`;
  else line += `${hostTag ? ` ${hostTag}` : ''}: ${esc(r.message ?? '')}`;
  return line;
}

function normalise(line: string, serverPort: number | undefined, refusedPort: number): string {
  let out = line.replaceAll(`:${refusedPort}`, ':<REFUSED_PORT>').replaceAll(MESSAGE_ID, '<ID0>');
  if (serverPort !== undefined) out = out.replaceAll(`:${serverPort}`, ':<PORT>');
  return out.replace(/SIZE=\d+/g, 'SIZE=<n>').replace(/^BDAT \d+/, 'BDAT <n>');
}

describe('smtp transport vs exim4 outcomes', () => {
  for (const c of oracle.cases) {
    test(c.name, async () => {
      const server: ScriptedServer | undefined = c.server === 'refused' ? undefined : await scriptedServer(c.server);
      const server2 = c.server2 ? await scriptedServer(c.server2) : undefined;
      const refusedPort = await freePort();
      const noAccept = c.hosts.includes('noaccept') ? await noAcceptListener() : undefined;
      try {
        const portFor = (h: string) => (h === 'port25' ? undefined : h === 'noaccept' ? noAccept!.port : h === 'server2' ? server2!.port : h === 'refused' || !server ? refusedPort : server.port);
        const hosts = c.hosts.map((h) => ({ address: '127.0.0.1', port: portFor(h) }));
        const config = smtpConfig(c.transport.replaceAll('<CERTS>', TLS_CERTS));
        const ctx = makeContext(config);
        const addrs = routed(c.rcpts, hosts);
        const run = await transportFrom(config).deliver(addrs, ctx);
        const n = (l: string) => {
          let out = server2 ? l.replaceAll(`:${server2.port}`, ':<PORT2>') : l;
          if (noAccept) out = out.replaceAll(`:${noAccept.port}`, ':<NOACCEPT_PORT>');
          return normalise(out, server?.port, refusedPort);
        };
        // Exim's own lines: drop the reception, bounce and Completed lines.
        const expected = c.log.map((l) => l.replace(/^<ID0> /, '')).filter((l) => /^(H=|=>|->|\*\*|==|TLS session)/.test(l) && !l.includes('<>') && !l.includes(':blackhole:')).map(n);
        const seenCopies = new Set<number>();
        const ours = [
          ...(run.hostLog ?? []).map(n),
          ...addrs.map((a) => {
            const r = run.results.get(a)!;
            const first = r.status !== 'ok' || !seenCopies.has(r.transaction ?? 0);
            seenCopies.add(r.transaction ?? 0);
            return n(addressLine(a, r, first));
          }),
        ];
        const isAddressLine = (l: string) => /^(=>|->|\*\*|==) /.test(l);
        assert.deepEqual(ours.filter((l) => !isAddressLine(l)), expected.filter((l) => !isAddressLine(l)), 'host log lines');
        assert.deepEqual(ours.filter(isAddressLine).sort(), expected.filter(isAddressLine).sort(), 'address lines');
        // Retry records exim4 wrote: the key and basic_errno.
        const ourRetries = [...run.retries.filter((r) => r.action === 'defer'), ...addrs.flatMap((a) => a.retries)].map((r) => n(r.key)).sort();
        assert.deepEqual(ourRetries, c.retry.map((l) => l.split(' ')[0]!).sort(), 'retry keys');
        if (server && c.name !== 'max-rcpt') {
          // max-rcpt: exim4 sent the two copies over two parallel connections (remote_max_parallel); we use one.
          const cmds = server.commands.filter((l) => l !== 'QUIT').map(n);
          assert.deepEqual(cmds, c.commands.filter((l) => l !== 'QUIT').map(n), 'commands');
        }
        if (server2) assert.deepEqual(server2.commands.filter((l) => l !== 'QUIT').map(n), c.commands2!.filter((l) => l !== 'QUIT').map(n), 'commands at the second host');
      } finally {
        await server?.close();
        await server2?.close();
        noAccept?.close();
      }
    });
  }
});
