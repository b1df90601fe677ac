#!/usr/bin/env node
// Oracle for the core of the expansion engine (parser, items, variables, structural
// conditions, headers, taint). Each case is run as its own `exim4 -C conf -be '<text>'`
// argument (not stdin), so messages that quote the rest of the string stay exact.
// Writes test/fixtures/expand/<group>.json: { cases: [{ text, out } | { text, error }] }.
// "@DATA@" in a case stands for the absolute path of test/fixtures/expand/data; it is
// substituted before running and put back in the outputs.
// Header/taint cases run with -bem and the message file data/message.txt.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromBytes } from './exim-be.mjs';
import { CASES } from './expand-core-cases.mjs';

const OUT = 'test/fixtures/expand';
const DATA = resolve(`${OUT}/data`);
const SPOOL = '/tmp/mailwright-oracle-spool';
mkdirSync(SPOOL, { recursive: true });

const CONFIG_TEXT = `# written by scripts/oracle/gen-expand-core.mjs
primary_hostname = mw.example
qualify_domain = q.example
spool_directory = ${SPOOL}
keep_environment = MW_ORACLE_VAR : ^MW_RE_
add_environment = MW_ADDED=added value
`;
const CONFIG = `${SPOOL}/expand-core.conf`;
writeFileSync(CONFIG, CONFIG_TEXT);

const ENV = { ...process.env, MW_ORACLE_VAR: 'kept', MW_RE_ONE: 'one', MW_DROPPED: 'dropped' };

function runOne(text, message) {
  const sub = text.split('@DATA@').join(DATA);
  const args = ['-C', CONFIG];
  args.push(...(message ? ['-bem', `${DATA}/message.txt`] : ['-be']));
  args.push(sub);
  const res = spawnSync('/usr/sbin/exim4', args, { env: ENV, encoding: 'buffer' });
  let out = fromBytes(Buffer.from(res.stdout)).split(DATA).join('@DATA@');
  if (!out.endsWith('\n')) {
    // Exim crashed (e.g. division by zero in nhash): not a behaviour to copy; leave the case out.
    console.warn(`skipped (exim4 died, status ${res.status} signal ${res.signal}): ${text}`);
    return undefined;
  }
  out = out.slice(0, -1);
  if (out.startsWith('Failed: ')) return { text, error: out.slice(8) };
  return { text, out };
}

for (const [group, spec] of Object.entries(CASES)) {
  const cases = spec.cases.map((t) => runOne(t, spec.message === true)).filter(Boolean);
  mkdirSync(OUT, { recursive: true });
  const data = { generator: 'scripts/oracle/gen-expand-core.mjs', config: CONFIG_TEXT, message: spec.message === true, cases };
  writeFileSync(`${OUT}/${group}.json`, JSON.stringify(data, null, 1) + '\n');
  console.log(`${group}: ${cases.length} cases`);
}
