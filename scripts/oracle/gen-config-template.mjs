#!/usr/bin/env node
// Reads Debian's exim4.conf.template with real Exim under several sets of -D macros (the ones
// update-exim4.conf and admins commonly set) and records which routers, transports and
// authenticators result, and some main options. Writes test/fixtures/config/debian-template.json.
//
// Usage (as root, with exim4 installed): node scripts/oracle/gen-config-template.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { TEMPLATE_VARIANTS } from './config-template-variants.mjs';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/config/debian-template.json';
const template = execFileSync('sh', ['scripts/deps/exim4-config.sh'], { encoding: 'utf8' }).trim();
const MAIN_OPTIONS = ['qualify_domain', 'local_interfaces', 'message_size_limit', 'acl_smtp_rcpt', 'acl_smtp_data', 'tls_advertise_hosts', 'log_selector'];

function exim(defines, args) {
  const d = Object.entries(defines).map(([k, v]) => (v === '' ? `-D${k}` : `-D${k}=${v}`));
  const res = spawnSync(EXIM, ['-C', template, ...d, ...args], { encoding: 'latin1' });
  if (res.status !== 0) throw new Error(`exim4 ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

const names = (defines, list) => exim(defines, ['-bP', list]).split('\n').filter((l) => l !== '');

const fixtures = TEMPLATE_VARIANTS.map((v) => {
  const main = {};
  for (const opt of MAIN_OPTIONS) {
    // `-bP name` prints "name = value" (or "no_name"/"name" for booleans).
    main[opt] = exim(v.defines, ['-bP', opt]).replace(/\n$/, '');
  }
  return {
    ...v,
    routers: names(v.defines, 'router_list'),
    transports: names(v.defines, 'transport_list'),
    authenticators: names(v.defines, 'authenticator_list'),
    main,
  };
});
writeFileSync(OUT, `${JSON.stringify(fixtures, null, 1)}\n`);
console.log(`wrote ${fixtures.length} variants to ${OUT}`);
