#!/usr/bin/env node
// Generates test/fixtures/match/cases.json by running real Exim 4.96 on list-matching cases:
// match_domain / match_local_part / match_address / match_ip conditions under `exim4 -be`, and
// host lists through an ACL `hosts =` condition with -oMa/-oMs. Tests never call exim4.
// Usage: node scripts/oracle/gen-match.mjs
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASES, NAMED_LISTS, PRIMARY_HOSTNAME } from './match-cases.mjs';

const OUT = 'test/fixtures/match';
const FIXDIR = resolve(`${OUT}/files`);
const CONF = '/tmp/mailwright-gen-match.conf';
const SEP = '\x1f';

const real = (s) => s.replaceAll('FIXDIR', FIXDIR);
const back = (s) => s.replaceAll(FIXDIR, 'FIXDIR');

/** Escape text so that Exim's expander (or the backslash processing of list arguments) yields it unchanged. */
function lit(s) {
  return s.replace(/[\\${}]/g, (c) => '\\' + c);
}

function writeConfig() {
  const lines = [
    'spool_directory = /tmp/eximspool',
    'keep_environment =',
    `primary_hostname = ${PRIMARY_HOSTNAME}`,
    ...NAMED_LISTS.map(([kind, name, value]) => `${kind === 'localpart' ? 'localpartlist' : kind + 'list'} ${name} = ${real(value)}`),
    'begin acl',
    'acl_h:',
    '  accept hosts = $acl_arg1',
    `         message = M${SEP}$host_data${SEP}$0${SEP}$1`,
    '  deny   message = NOMATCH',
  ];
  mkdirSync('/tmp/eximspool', { recursive: true });
  writeFileSync(CONF, lines.join('\n') + '\n');
}

function exim(args) {
  const r = spawnSync('exim4', ['-C', CONF, ...args], { encoding: 'utf8' });
  let out = r.stdout;
  if (out.endsWith('\n')) out = out.slice(0, -1);
  return { out, log: r.stderr.trim() };
}

const CONDITION = { domain: 'match_domain', localpart: 'match_local_part', address: 'match_address', ip: 'match_ip' };

function parseResult(out) {
  if (out.startsWith('Failed: ')) return { error: back(out.slice(8)) };
  if (out === 'NOMATCH' || out === '') return { matched: false };
  const parts = out.split(SEP);
  if (parts[0] !== 'M') return { error: `unexpected output: ${back(out)}` };
  return { matched: true, value: back(parts[1]), n0: back(parts[2]), n1: back(parts[3]) };
}

function runCondition([kind, subject, list]) {
  const expr = `\${if ${CONDITION[kind]}{${lit(subject)}}{${lit(real(list))}}{M${SEP}$value${SEP}$0${SEP}$1}{NOMATCH}}`;
  const { out, log } = exim(['-be', expr]);
  const res = parseResult(out);
  // A panic (missing list file) kills the process before any output.
  if (out === '' && log) return { kind, subject, list, error: back(log.replace(/^\S+ \S+ /, '')), panic: true };
  return { kind, subject, list, ...res };
}

function runHost([, address, name, list]) {
  const args = ['-oMa', address, ...(name ? ['-oMs', name] : []), '-be', `\${acl{acl_h}{${lit(real(list))}}}`];
  const { out } = exim(args);
  return { kind: 'host', address, name, list, ...parseResult(out) };
}

writeConfig();
const cases = CASES.map((c) => (c[0] === 'host' ? runHost(c) : runCondition(c)));
const fixture = { primaryHostname: PRIMARY_HOSTNAME, namedLists: NAMED_LISTS.map(([kind, name, value]) => ({ kind, name, value })), cases };
writeFileSync(`${OUT}/cases.json`, JSON.stringify(fixture, null, 1) + '\n');
console.log(`match cases: ${cases.length}`);
