#!/usr/bin/env -S node --import tsx
// Oracle for the remote routers (dnslookup, manualroute, ipliteral): runs `exim4 -C conf -bt addr`
// for the groups of route-remote-cases.mjs against the unbound set-up the tests use
// (test/dns/unbound.ts) and writes test/fixtures/route-remote/bt.json with stdout, stderr and
// the exit code of every run.
//
// As gen-dns.mjs, the script re-runs itself inside private network and mount namespaces
// (unshare -n -m, root needed): unbound listens on 127.0.0.1:53 of a private loopback (the only
// interface there, so the local host is 127.0.0.1 and ::1) and a private resolv.conf is
// bind-mounted over /etc/resolv.conf.
// Run: node --import tsx scripts/oracle/gen-route-remote.mjs
// Explore: node --import tsx scripts/oracle/gen-route-remote.mjs --explore <group-name>|<conf-file> addr...
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fromBytes, writeFixture } from './exim-be.mjs';
import { FILES, ROUTE_GROUPS, RESOLV, SCRATCH, configText } from './route-remote-cases.mjs';
import { prepareServerDir, ensureDnsTools } from '../../test/dns/unbound.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const OUT_DIR = join(ROOT, 'test/fixtures/route-remote');

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

function runExim(configFile, args) {
  const r = spawnSync('/usr/sbin/exim4', ['-C', configFile, ...args], { maxBuffer: 1 << 24, timeout: 60_000 });
  return { stdout: fromBytes(r.stdout), stderr: fromBytes(r.stderr), status: r.status };
}

function writeGroupConfig(group) {
  const file = join(SCRATCH, `route-${group.name}.conf`);
  writeFileSync(file, configText(group));
  return file;
}

async function withServer(fn) {
  sh('ip', ['link', 'set', 'lo', 'up']);
  mkdirSync(join(SCRATCH, 'spool'), { recursive: true });
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(SCRATCH, name), text);
  writeFileSync(join(SCRATCH, 'resolv.conf'), RESOLV);
  sh('mount', ['--bind', join(SCRATCH, 'resolv.conf'), '/etc/resolv.conf']);
  const { conf } = prepareServerDir('127.0.0.1', 53);
  const unbound = spawn('unbound', ['-d', '-c', conf], { stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 700));
  try {
    await fn();
  } finally {
    unbound.kill();
  }
}

function explore(target, addresses) {
  const group = ROUTE_GROUPS.find((g) => g.name === target);
  const file = group ? writeGroupConfig(group) : target;
  if (!group) console.log(readFileSync(file, 'utf8'));
  for (const a of addresses) {
    const args = a.startsWith('-') ? a.split(' ') : ['-bt', a];
    const r = runExim(file, args);
    console.log(`=== ${args.join(' ')} (exit ${r.status})\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
  }
}

function generate() {
  const groups = ROUTE_GROUPS.map((g) => {
    const file = writeGroupConfig(g);
    const cases = g.cases.map((c) => {
      const args = c.args ?? ['-bt', c.address];
      return { address: c.address, args, ...(c.anyOrder ? { anyOrder: true } : {}), ...runExim(file, args) };
    });
    return { name: g.name, config: configText(g), cases };
  });
  writeFixture(OUT_DIR, 'bt', { resolvConf: RESOLV, scratch: SCRATCH, files: FILES, groups });
  console.log(`wrote ${groups.length} groups, ${groups.reduce((n, g) => n + g.cases.length, 0)} cases`);
}

if (process.env.MW_ROUTE_ORACLE_INSIDE) {
  const argv = process.argv.slice(2);
  await withServer(async () => {
    if (argv[0] === '--explore') explore(argv[1], argv.slice(2));
    else generate();
  });
} else {
  ensureDnsTools();
  const r = spawnSync('unshare', ['-n', '-m', process.execPath, '--import', 'tsx', new URL(import.meta.url).pathname, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, MW_ROUTE_ORACLE_INSIDE: '1' },
  });
  process.exit(r.status ?? 1);
}
