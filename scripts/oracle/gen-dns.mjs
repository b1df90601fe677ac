#!/usr/bin/env -S node --import tsx
// Oracle for the DNS module: runs the dnsdb cases of dns-cases.mjs through `exim4 -be` against
// the same unbound set-up the tests use (test/dns/unbound.ts) and writes
// test/fixtures/dns/dnsdb-oracle.json.
//
// Exim reads name servers from /etc/resolv.conf and cannot be given a port, so the script
// re-runs itself inside private network and mount namespaces (unshare -n -m, root needed):
// there unbound listens on 127.0.0.1:53 of a private loopback and a private resolv.conf is
// bind-mounted over /etc/resolv.conf. Nothing outside the namespace is touched.
// Run: node --import tsx scripts/oracle/gen-dns.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBatch, writeFixture } from './exim-be.mjs';
import { DNSDB_CASES, OPTION_GROUPS } from './dns-cases.mjs';
import { prepareServerDir, ensureDnsTools } from '../../test/dns/unbound.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const OUT_DIR = join(ROOT, 'test/fixtures/dns');
/** What the oracle's resolv.conf says, so the tests can build the same resolver. */
const RESOLV = 'nameserver 127.0.0.1\noptions trust-ad\nsearch mw.test\n';

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

async function insideNamespace() {
  sh('ip', ['link', 'set', 'lo', 'up']);
  const scratch = '/tmp/mw-dns-oracle';
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, 'resolv.conf'), RESOLV);
  sh('mount', ['--bind', join(scratch, 'resolv.conf'), '/etc/resolv.conf']);
  mkdirSync(join(scratch, 'spool'), { recursive: true });
  const config = join(scratch, 'exim.conf');
  writeFileSync(config, `spool_directory = ${scratch}/spool\nkeep_environment =\n`);
  const { conf } = prepareServerDir('127.0.0.1', 53);
  const unbound = spawn('unbound', ['-d', '-c', conf], { stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 700));
  try {
    const base = `spool_directory = ${scratch}/spool\nkeep_environment =\n`;
    const cases = DNSDB_CASES.map((expr) => ({ expr, ...runBatch([expr], { config })[0] }));
    const groups = OPTION_GROUPS.map((g) => {
      const file = join(scratch, `exim-${g.name}.conf`);
      writeFileSync(file, `${base}${g.config}\n`);
      return { name: g.name, config: g.config, cases: g.cases.map((expr) => ({ expr, ...runBatch([expr], { config: file })[0] })) };
    });
    writeFixture(OUT_DIR, 'dnsdb-oracle', { resolvConf: RESOLV, cases, groups });
    console.log(`wrote ${cases.length} cases and ${groups.length} option groups`);
  } finally {
    unbound.kill();
  }
}

if (process.env.MW_DNS_ORACLE_INSIDE) {
  await insideNamespace();
} else {
  ensureDnsTools();
  const r = spawnSync('unshare', ['-n', '-m', process.execPath, '--import', 'tsx', new URL(import.meta.url).pathname], {
    stdio: 'inherit',
    env: { ...process.env, MW_DNS_ORACLE_INSIDE: '1' },
  });
  process.exit(r.status ?? 1);
}
