/**
 * Reads Exim's own expansion test 0002 (script + expected stdout) in place from the conformance
 * excerpt, and rebuilds the little environment it expects (test directory with aux files and the
 * substituted configuration) in a temporary directory. Nothing is copied into the repository.
 *
 * Script format: "exim <options>" lines followed by stdin data and a "****" line. Only `-be`
 * blocks whose options we can reproduce (-be, -d..., -D) are cases; the others are skipped.
 */
import { chmodSync, cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, expandOne, bytesToMailwright, type BeModule, type CaseResult } from './harness.js';

export const SUITE_DIR = join(REPO_ROOT, '../shared/conformance/exim-testsuite-4.96');
const SCRIPT = 'scripts/0000-Basic/0002';

/** The harness's standard substitutions (test/runtest), with our own values. */
function substitutions(dir: string): [RegExp, string][] {
  return [
    [/\bDIR(?=\/)/g, dir], // the harness leaves a bare "DIR" in prose alone
    [/\bEXIM_PATH\b/g, `${dir}/eximdir/exim`],
    [/\bCALLER_NAME\b/g, 'Corpus Caller'],
    [/\bCALLER_UID\b/g, '0'],
    [/\bCALLER_GID\b/g, '0'],
    [/\bCALLER\b/g, 'root'],
    [/\bV4NET\b/g, '224'],
    [/\bV6NET\b/g, 'ff00'],
    [/\bPORT_D\b/g, '1225'],
  ];
}

export function substitute(text: string, dir: string): string {
  return substitutions(dir).reduce((t, [re, v]) => t.replace(re, v), text);
}

export interface Block {
  /** 1-based script line of the command. */
  line: number;
  command: string;
  isBe: boolean;
  /** Why the block cannot be reproduced without Exim's harness, or undefined. */
  unsupported?: string;
  macros: Record<string, string>;
  /** Logical input lines (continuations joined) with the script line each starts on. */
  inputs: { line: number; text: string }[];
}

/** Input and expected output are byte strings (one char per byte, as read with 'latin1'). */
export interface Case0002 {
  id: string;
  block: Block;
  input: string;
  expected: string;
}

function parseOptions(command: string): Pick<Block, 'isBe' | 'unsupported' | 'macros'> {
  const args = command.split(/\s+/).slice(1);
  const macros: Record<string, string> = {};
  const isBe = args.includes('-be');
  let unsupported: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-be' || a.startsWith('-d')) continue;
    if (a.startsWith('-D')) {
      const def = a.length > 2 ? a.slice(2) : args[++i]!;
      const eq = def.indexOf('=');
      macros[eq < 0 ? def : def.slice(0, eq)] = eq < 0 ? '' : def.slice(eq + 1);
      continue;
    }
    unsupported ??= `needs command-line option ${a} (sender/host context the -be API cannot set)`;
  }
  return { isBe, unsupported, macros };
}

/** -be joins a line ending in backslash with the next, whose leading white space is dropped. */
function logicalLines(data: { line: number; text: string }[]): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | undefined;
  for (const d of data) {
    const text = pending ? pending.text + d.text.replace(/^\s+/, '') : d.text;
    const start = pending ? pending.line : d.line;
    if (text.endsWith('\\')) pending = { line: start, text: text.slice(0, -1) };
    else {
      pending = undefined;
      out.push({ line: start, text });
    }
  }
  if (pending) out.push(pending);
  return out;
}

export function parseScript(dir: string): Block[] {
  const lines = readFileSync(join(SUITE_DIR, SCRIPT), 'latin1').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^exim\s/.test(lines[i]!)) continue;
    const command = lines[i]!;
    const data: { line: number; text: string }[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j] !== '****'; j++) data.push({ line: j + 1, text: substitute(lines[j]!, dir) });
    blocks.push({ line: i + 1, command, ...parseOptions(command), inputs: logicalLines(data) });
    i = j;
  }
  return blocks;
}

/** Split expected stdout into per-input answers for every -be block (other output is passed over). */
export function splitExpected(blocks: Block[]): Map<Block, string[]> {
  const out = readFileSync(join(SUITE_DIR, 'stdout/0002'), 'latin1');
  const answers = new Map<Block, string[]>();
  let p = 0;
  for (const b of blocks) {
    if (!b.isBe) {
      const next = out.slice(p).search(/^> /m);
      p = next < 0 ? out.length : p + next;
      continue;
    }
    const list: string[] = [];
    for (let k = 0; k < b.inputs.length; k++) {
      if (!out.startsWith('> ', p)) throw new Error(`0002 stdout out of step at block line ${b.line}, input ${k}`);
      const end = out.indexOf('\n> ', p + 1);
      list.push(out.slice(p + 2, end));
      p = end + 1;
    }
    if (!out.startsWith('> \n', p)) throw new Error(`0002 stdout: no final prompt after block at line ${b.line}`);
    p += 3;
    answers.set(b, list);
  }
  return answers;
}

/**
 * The harness's output munging that applies to -be: the test directory prints as TESTSUITE,
 * the V4NET test network (224.x) as V4NET, and the version number as x.yz.
 */
export function munge(actual: string, dir: string): string {
  return actual
    .split(dir)
    .join('TESTSUITE')
    .replace(/\b224\.(?=\d)/g, 'V4NET.')
    .replace(/\b4\.96\b/g, 'x.yz');
}

export interface Env0002 {
  dir: string;
  config: string;
  cases: Case0002[];
  cleanup(): void;
}

/** Build the temporary test directory and the case list; undefined when the excerpt is absent. */
export function setUp0002(): Env0002 | undefined {
  if (!existsSync(join(SUITE_DIR, SCRIPT))) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'mw-exim0002-'));
  // A copy (in /tmp) rather than a link: the excerpt is read-only and 0002.runfile must be executable.
  cpSync(join(SUITE_DIR, 'aux-fixed'), join(dir, 'aux-fixed'), { recursive: true });
  chmodSync(join(dir, 'aux-fixed'), 0o755);
  chmodSync(join(dir, 'aux-fixed/0002.runfile'), 0o755);
  // Exim's harness builds bin/iefbr14, a program that does nothing and exits 0; a script does as well.
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin/iefbr14'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  mkdirSync(join(dir, 'aux-var'));
  mkdirSync(join(dir, 'spool'));
  writeFileSync(join(dir, 'aux-var/0002.wild'), substitute(readFileSync(join(SUITE_DIR, 'aux-var-src/0002.wild'), 'latin1'), dir), 'latin1');
  const config = join(dir, 'test-config');
  writeFileSync(config, substitute(readFileSync(join(SUITE_DIR, 'confs/0002'), 'latin1'), dir), 'latin1');
  const blocks = parseScript(dir);
  const expected = splitExpected(blocks);
  const cases: Case0002[] = [];
  for (const b of blocks) {
    const answers = expected.get(b);
    if (!answers) continue;
    b.inputs.forEach((inp, k) => cases.push({ id: `0002/L${inp.line}`, block: b, input: inp.text, expected: answers[k]! }));
  }
  return { dir, config, cases, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Skip0002 {
  id: string;
  reason: string;
}

export const SKIPS_FILE = join(REPO_ROOT, 'test/fixtures/corpus/exim-0002-skips.json');

export function readSkips(): Map<string, string> {
  if (!existsSync(SKIPS_FILE)) return new Map();
  const list = JSON.parse(readFileSync(SKIPS_FILE, 'utf8')) as Skip0002[];
  return new Map(list.map((s) => [s.id, s.reason]));
}

async function runBlocks(be: BeModule, env: Env0002, cases: Case0002[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const sessions = new Map<Case0002['block'], { session?: unknown; error?: string }>();
  for (const c of cases) {
    let entry = sessions.get(c.block);
    if (entry === undefined) {
      try {
        entry = { session: await be.createBeSession({ configFile: env.config, macros: c.block.macros }) };
      } catch (err) {
        entry = { error: `<session failed: ${err instanceof Error ? err.message : String(err)}>` };
      }
      sessions.set(c.block, entry);
    }
    const expected = bytesToMailwright(c.expected);
    const actual = entry.error ?? munge(await expandOne(be, entry.session, bytesToMailwright(c.input)), env.dir);
    results.push({ id: c.id, input: c.input, expected, actual, pass: actual === expected });
  }
  return results;
}

/** Run the reproducible 0002 cases; undefined when the suite excerpt or be.ts is unavailable. */
export async function run0002(be: BeModule): Promise<CaseResult[] | undefined> {
  const env = setUp0002();
  if (!env) return undefined;
  try {
    const skips = readSkips();
    return await runBlocks(be, env, env.cases.filter((c) => !skips.has(c.id)));
  } finally {
    env.cleanup();
  }
}

