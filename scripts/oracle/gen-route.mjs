#!/usr/bin/env node
// Oracle for routing with accept and redirect routers: for each group of route-cases.mjs, writes
// its files and configuration under the scratch directory, runs `exim4 -C conf <args>` (with
// stdin where given) and records stdout, stderr and the exit status.
// Output: test/fixtures/route/bt.json. Needs /usr/sbin/exim4; run as root (so -C is honoured).
// Timestamps at the start of stderr lines are replaced by TIMESTAMP.
// Explore: node scripts/oracle/gen-route.mjs --explore <group> <args...>
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GROUPS, SCRATCH } from './route-cases.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const OUT_DIR = join(ROOT, 'test/fixtures/route');
const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';

const subst = (text) => text.replaceAll('@D@', SCRATCH);

function writeFiles(files) {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(join(SCRATCH, 'spool'), { recursive: true });
  for (const [rel, spec] of Object.entries(files ?? {})) {
    const path = join(SCRATCH, rel);
    mkdirSync(dirname(path), { recursive: true });
    const { content, mode } = typeof spec === 'string' ? { content: spec, mode: 0o644 } : spec;
    writeFileSync(path, subst(content));
    chmodSync(path, mode ?? 0o644);
  }
}

const stamp = (text) => text.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, 'TIMESTAMP ');

function run(conf, spec) {
  const { args, stdin } = Array.isArray(spec) ? { args: spec, stdin: undefined } : spec;
  const r = spawnSync(EXIM, ['-C', conf, ...args], { input: stdin ?? '', encoding: 'latin1', timeout: 60_000 });
  return { args, ...(stdin !== undefined ? { stdin } : {}), stdout: r.stdout, stderr: stamp(r.stderr), status: r.status };
}

function configsOf(group) {
  if (group.configs) return Object.entries(group.configs);
  return [[group.name, group.config]];
}

function generate(only) {
  const out = [];
  for (const group of GROUPS) {
    if (only && group.name !== only) continue;
    for (const [name, config] of configsOf(group)) {
      writeFiles(group.files);
      const conf = join(SCRATCH, `${name}.conf`);
      writeFileSync(conf, subst(config));
      const runs = group.runs.map((spec) => run(conf, spec));
      out.push({ name, config, files: group.files ?? {}, runs });
    }
  }
  return out;
}

const argv = process.argv.slice(2);
if (argv[0] === '--explore') {
  const groups = generate(argv[1]);
  for (const g of groups) for (const r of g.runs) console.log(`=== ${g.name} ${r.args.join(' ')} (exit ${r.status})\n${r.stdout}--- stderr\n${r.stderr}`);
} else {
  const groups = generate();
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'bt.json'), JSON.stringify({ scratch: SCRATCH, groups }, null, 1) + '\n');
  console.log(`wrote ${groups.length} configurations, ${groups.reduce((n, g) => n + g.runs.length, 0)} runs`);
}
