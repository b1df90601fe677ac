#!/usr/bin/env node
// Oracle for the PROXY protocol receiver: sends each header (the shared vectors, Exim's tests
// 4030/4031 inputs and probes of our own from scripts/oracle/proxy-cases.mjs) to
// `exim4 -d+receive -bh 10.9.9.9.4444 -oMi 10.1.1.1.25` with `hosts_proxy` matching that peer, followed by
// `HELO x` and `QUIT`. The banner and the HELO reply print the PROXY variables, so the fixture shows
// both what Exim derived from the header and whether negotiation failed (503 to HELO).
// Output: test/fixtures/proxy/exim-bh.json. Run from the repository root.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { proxyCases } from './proxy-cases.mjs';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const VECTORS = '../shared/conformance/proxy-protocol/vectors.json';
const OUT_DIR = 'test/fixtures/proxy';
const PEER = '10.9.9.9.4444';
const INTERFACE = '10.1.1.1.25';
const VARS =
  'sess=$proxy_session ext=[$proxy_external_address]:$proxy_external_port ' +
  'loc=[$proxy_local_address]:$proxy_local_port host=[$sender_host_address]:$sender_host_port ' +
  'recv=[$received_ip_address]:$received_port';
const CONF = `spool_directory = /tmp/mw-proxy-oracle-spool
keep_environment =
primary_hostname = myhost.test.ex
hosts_proxy = 10.9.9.9
proxy_protocol_timeout = 1s
smtp_banner = B ${VARS}
acl_smtp_helo = h
begin acl
h:
  accept message = H ${VARS}
`;

/** Run one session: segments are written in order, each after its delay (ms). */
function runSession(confPath, segments) {
  return new Promise((resolve) => {
    const child = spawn(EXIM, ['-C', confPath, '-d+receive', '-oMi', INTERFACE, '-bh', PEER], { env: { ...process.env, TZ: 'UTC' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.stdin.on('error', () => {});
    let chain = Promise.resolve();
    for (const seg of segments) {
      chain = chain.then(() => new Promise((r) => setTimeout(() => { child.stdin.write(seg.bytes); r(); }, seg.delay ?? 0)));
    }
    chain.then(() => child.stdin.end());
    child.on('close', (status) => resolve({ stdout: Buffer.concat(out).toString('latin1'), debug: Buffer.concat(err).toString('latin1'), status }));
  });
}

/**
 * The debug lines of the PROXY negotiation (between Exim's "configured host" line and the next
 * host check) and the SMTP command lines Exim read afterwards: they show how many bytes the header
 * consumed and why it failed.
 */
function proxyDebug(debug) {
  const lines = debug.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Detected proxy protocol configured host'));
  const negotiation = [];
  for (let i = start + 1; start >= 0 && i < lines.length && !lines[i].startsWith('host in '); i++) negotiation.push(lines[i]);
  const commands = lines.filter((l) => l.startsWith('SMTP<< ')).map((l) => l.slice(7));
  return { negotiation, commands };
}

/** Split Exim's -bh stdout into SMTP reply lines (drops the **** banner and blank lines). */
function replyLines(stdout) {
  return stdout.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '' && !l.startsWith('****'));
}

const VAR_RE = /sess=(\S*) ext=\[(.*?)\]:(-?\d+) loc=\[(.*?)\]:(-?\d+) host=\[(.*?)\]:(-?\d+) recv=\[(.*?)\]:(-?\d+)/;
function parseVars(line) {
  const m = VAR_RE.exec(line ?? '');
  if (!m) return null;
  return {
    proxy_session: m[1], proxy_external_address: m[2], proxy_external_port: m[3],
    proxy_local_address: m[4], proxy_local_port: m[5], sender_host_address: m[6], sender_host_port: m[7],
    received_ip_address: m[8], received_port: m[9],
  };
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  mkdirSync('/tmp/mw-proxy-oracle-spool', { recursive: true });
  const confPath = '/tmp/mw-proxy-oracle.conf';
  writeFileSync(confPath, CONF);
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')).vectors;
  const cases = [
    ...vectors.map((v) => ({ id: `vector:${v.id}`, segments: [{ hex: v.hex }] })),
    ...proxyCases,
  ];
  const results = [];
  for (const c of cases) {
    const headerBytes = Buffer.concat(c.segments.map((s) => Buffer.from(s.hex ?? Buffer.from(s.text ?? '', 'latin1').toString('hex'), 'hex')));
    const tail = c.tail ?? 'HELO x\r\nQUIT\r\n';
    const segments = [...c.segments.map((s) => ({ delay: s.delay, bytes: Buffer.from(s.hex ?? Buffer.from(s.text, 'latin1').toString('hex'), 'hex') })), { delay: c.tailDelay, bytes: Buffer.from(tail, 'latin1') }];
    const { stdout, debug } = await runSession(confPath, segments);
    const lines = replyLines(stdout);
    const banner = parseVars(lines[0]);
    results.push({
      id: c.id,
      hex: headerBytes.toString('hex'),
      delays: c.segments.some((s) => s.delay) || c.tailDelay ? [...c.segments.map((s) => s.delay ?? 0), c.tailDelay ?? 0] : undefined,
      tail,
      note: c.note,
      banner,
      replies: lines.slice(1),
      ...proxyDebug(debug),
    });
    console.log(`${c.id}: ${lines.slice(1).map((l) => l.slice(0, 3)).join(' ')}`);
  }
  const fixture = {
    generator: 'scripts/oracle/gen-proxy.mjs',
    exim: '4.96 (Debian exim4-daemon-heavy), exim4 -bh',
    peer: PEER,
    interface: INTERFACE,
    proxy_protocol_timeout: '1s',
    cases: results,
  };
  writeFileSync(`${OUT_DIR}/exim-bh.json`, JSON.stringify(fixture, null, 1) + '\n');
}

await main();
