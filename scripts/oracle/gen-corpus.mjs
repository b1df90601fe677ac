#!/usr/bin/env node
// Generates the end-to-end `-be` oracle corpus: every case listed under
// scripts/oracle/corpus-cases/*.txt is run through the real `exim4 -be` (one batched process per
// case file, reading stdin) and the answers are written to test/fixtures/corpus/<group>.json.
//
// Case file format (one case per line, verbatim -be input):
//   "##..."              comment, ignored (a single "#" line is a real case: -be expands it)
//   blank line           ignored
//   "#! config: F"       use test/fixtures/corpus/F instead of main.conf (first lines only)
//   anything else        one case
//
// Paths: lookup files live in test/fixtures/corpus/files and cases reach them through the FIXTURES
// macro (passed with -D). Expected outputs have the absolute checkout path replaced by @REPO@,
// which the test puts back at run time, so fixtures do not depend on where the repo lives.
// Determinism: every group is generated twice and any case whose output differs between the two
// runs aborts generation (time, pid and randomness must be normalised inside the case itself,
// e.g. ${strlen:$tod_epoch} or a regex match on the shape of $tod_log).
//
// Usage: node scripts/oracle/gen-corpus.mjs [group ...]     (needs /usr/sbin/exim4)
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCdbFile } from './lib/cdb-writer.mjs';
import { parseCaseFile, caseIds, SEPARATOR, splitBatchedOutput, REPO_PLACEHOLDER, bytesToEscapedString } from './lib/corpus-format.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const casesDir = join(repo, 'scripts/oracle/corpus-cases');
const fixturesDir = join(repo, 'test/fixtures/corpus');
const filesDir = join(fixturesDir, 'files');

function runExim(configRel, inputs) {
  const stdin = Buffer.from(inputs.map((line) => `${line}\n${SEPARATOR}\n`).join(''), 'utf8');
  const res = spawnSync(EXIM, ['-C', configRel, `-DFIXTURES=${filesDir}`, '-be'], {
    cwd: repo,
    input: stdin,
    encoding: 'latin1', // byte-transparent split; each chunk is re-decoded below
    env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', LANG: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    // Exim died part-way (it has crash bugs, e.g. forany_json on non-JSON): name the culprit.
    const done = res.stdout.split(`> ${SEPARATOR}\n`).length - 1;
    throw new Error(`exim4 exited (${res.signal ?? res.status}) on case: ${inputs[done]}\n${res.stderr}`);
  }
  return splitBatchedOutput(res.stdout, inputs.length);
}

function normalise(text) {
  return text.split(repo).join(REPO_PLACEHOLDER);
}

/**
 * Expected output as stored: a JS string in mailwright's byte convention (bytes that are not
 * UTF-8 become lone surrogates U+DC80..U+DCFF), plus the raw bytes in hex in that case.
 */
function expectation(answer) {
  const bytes = Buffer.from(answer.text, 'latin1');
  const text = bytesToEscapedString(bytes);
  const out = { expected: normalise(text) };
  if (bytes.toString('utf8') !== text) out.expectedHex = bytes.toString('hex');
  if (!answer.printed) out.noOutput = true; // exim printed nothing (e.g. rejected macro line)
  return out;
}

function generateGroup(name) {
  const { config, cases } = parseCaseFile(readFileSync(join(casesDir, `${name}.txt`), 'utf8'));
  const configRel = `test/fixtures/corpus/${config}`;
  const first = runExim(configRel, cases);
  // A clock tick between the runs, so second-resolution time values show up as unstable.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
  const second = runExim(configRel, cases);
  const unstable = cases.filter((_, i) => first[i].text !== second[i].text);
  if (unstable.length > 0) {
    throw new Error(`${name}: non-deterministic cases (exclude or normalise them):\n  ${unstable.join('\n  ')}`);
  }
  const ids = caseIds(name, cases);
  const out = {
    generatedBy: 'scripts/oracle/gen-corpus.mjs',
    oracle: 'exim 4.96 -be',
    config: configRel,
    macros: { FIXTURES: `${REPO_PLACEHOLDER}/test/fixtures/corpus/files` },
    cases: cases.map((input, i) => ({ id: ids[i], input, config: configRel, ...expectation(first[i]) })),
  };
  writeFileSync(join(fixturesDir, `${name}.json`), JSON.stringify(out, null, 1) + '\n', 'utf8');
  return cases.length;
}

function main() {
  if (!existsSync(EXIM)) {
    console.error(`${EXIM} not found: the corpus is generated with the real Exim 4.96`);
    process.exit(1);
  }
  buildCdbFile(join(filesDir, 'aliases.cdb.src'), join(filesDir, 'aliases.cdb'));
  const all = readdirSync(casesDir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  const wanted = process.argv.slice(2);
  let total = 0;
  for (const name of wanted.length > 0 ? wanted : all) {
    const n = generateGroup(name);
    console.log(`${name}: ${n} cases`);
    total += n;
  }
  console.log(`total: ${total} cases`);
}

main();
