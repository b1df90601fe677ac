/**
 * The PROXY protocol's exim4 -bh corpus (test/fixtures/proxy/exim-bh.json, recorded by the
 * PROXY work with the configuration of scripts/oracle/gen-proxy.mjs) replayed through the whole
 * SMTP server: the banner shows the variables after negotiation, the HELO reply shows them again
 * or Exim's 503 after a failed negotiation. Sessions that depend on timing (delays) are skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import { createAclEngine } from '../../../src/acl/index.js';
import { runStdioSession } from '../../../src/smtp/server/fake-session.js';

interface ProxyCase {
  id: string;
  hex: string;
  tail: string;
  delays?: number[];
  banner: Record<string, string> | null;
  replies: string[];
}

const VARS =
  'sess=$proxy_session ext=[$proxy_external_address]:$proxy_external_port ' +
  'loc=[$proxy_local_address]:$proxy_local_port host=[$sender_host_address]:$sender_host_port ' +
  'recv=[$received_ip_address]:$received_port';
const CONF = `spool_directory = /tmp/mw-proxy-replay-spool
primary_hostname = myhost.test.ex
hosts_proxy = 10.9.9.9
proxy_protocol_timeout = 1s
smtp_banner = B ${VARS}
acl_smtp_helo = h
begin acl
h:
  accept message = H ${VARS}
`;

const fixture = JSON.parse(readFileSync('test/fixtures/proxy/exim-bh.json', 'utf8')) as { cases: ProxyCase[] };
const dir = mkdtempSync(join(tmpdir(), 'mw-proxy-replay-'));
writeFileSync(join(dir, 'proxy.conf'), CONF);
const config = loadConfig({ file: join(dir, 'proxy.conf') });

const VAR_RE = /sess=(\S*) ext=\[(.*?)\]:(-?\d+) loc=\[(.*?)\]:(-?\d+) host=\[(.*?)\]:(-?\d+) recv=\[(.*?)\]:(-?\d+)/;

for (const c of fixture.cases) {
  const skip = c.delays ? 'timing-dependent session' : c.banner === null ? 'Exim gave no banner' : undefined;
  test(`PROXY replay: ${c.id}`, { skip }, async () => {
    let out = '';
    const input = Buffer.concat([Buffer.from(c.hex, 'hex'), Buffer.from(c.tail, 'latin1')]);
    await runStdioSession({
      mode: 'bh', config, acl: createAclEngine(config), host: '10.9.9.9.4444', interfaceAddress: '10.1.1.1.25',
      input, stdout: (t) => (out += t), stderr: () => undefined,
    });
    const lines = out.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '' && !l.startsWith('****'));
    const m = VAR_RE.exec(lines[0] ?? '')!;
    const banner = {
      proxy_session: m[1], proxy_external_address: m[2], proxy_external_port: m[3], proxy_local_address: m[4], proxy_local_port: m[5],
      sender_host_address: m[6], sender_host_port: m[7], received_ip_address: m[8], received_port: m[9],
    };
    assert.deepEqual(banner, c.banner);
    assert.deepEqual(lines.slice(1), c.replies);
  });
}
