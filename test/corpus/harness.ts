/**
 * Shared machinery of the end-to-end `-be` corpus tests: loading oracle fixtures, running cases
 * through the -be entry point, and the known-failures ratchet. Used by the tests in this folder
 * and by scripts/oracle/update-known-failures.mjs.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = join(REPO_ROOT, 'test/fixtures/corpus');
const REPO_PLACEHOLDER = '@REPO@';
const CASE_TIMEOUT_MS = 10_000;

export interface CorpusCase {
  id: string;
  input: string;
  config?: string;
  expected: string;
  expectedHex?: string;
  noOutput?: boolean;
}

export interface CorpusGroup {
  name: string;
  config: string;
  macros: Record<string, string>;
  cases: CorpusCase[];
}

/** The -be entry points the corpus exercises (src/cli/be.ts). */
export interface BeModule {
  createBeSession(opts: { configFile?: string; macros?: Record<string, string> }): Promise<unknown>;
  beExpandLine(line: string, session: never): Promise<string>;
}

export interface CaseResult {
  id: string;
  input: string;
  expected: string;
  actual: string;
  pass: boolean;
}

/** Import src/cli/be.ts; undefined (with the reason) only when the module cannot be found yet. */
export async function importBe(): Promise<{ be?: BeModule; reason?: string }> {
  try {
    // A computed specifier keeps tsc from requiring the module while it is still being written.
    const specifier = '../../src/cli/be.js';
    const mod = (await import(specifier)) as BeModule;
    return { be: mod };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return { reason: `src/cli/be.ts not importable yet: ${(err as Error).message}` };
    throw err;
  }
}

export function withRepo(text: string): string {
  return text.split(REPO_PLACEHOLDER).join(REPO_ROOT);
}

/** Config paths in fixtures are relative to the repo root; -be prints $config_file as given. */
export function configPath(rel: string): string {
  return process.cwd() === REPO_ROOT ? rel : join(REPO_ROOT, rel);
}

/**
 * Groups whose recorded expectations reflect how Debian built its exim4 rather than Exim's
 * behaviour: Debian's 4.96 has no json lookup (LOOKUP_JSON unset), so it answers
 * `unknown lookup type "json"`. Mailwright ships the json lookup (docs/compat.md); it is tested
 * by test/lookups instead. The fixtures stay for when a reference build with json is available.
 */
export const BUILD_DIFFERENCE_GROUPS: Readonly<Record<string, string>> = {
  'lookups-json': "Debian's exim4 is built without the json lookup; Mailwright has it (see test/lookups)",
};

export function loadCorpus(): CorpusGroup[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json') && !f.includes('known-failures') && !f.startsWith('exim-0002'))
    .filter((f) => !(f.slice(0, -5) in BUILD_DIFFERENCE_GROUPS))
    .sort()
    .map((f) => {
      const data = JSON.parse(readFileSync(join(CORPUS_DIR, f), 'utf8')) as Omit<CorpusGroup, 'name'>;
      return { ...data, name: f.slice(0, -5) };
    });
}

/** Run one line; exceptions and hangs become a visible "actual" instead of aborting the run. */
export async function expandOne(be: BeModule, session: unknown, line: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((res) => {
    timer = setTimeout(() => res(`<timeout after ${CASE_TIMEOUT_MS} ms>`), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([be.beExpandLine(line, session as never), timeout]);
  } catch (err) {
    return `<exception: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}>`;
  } finally {
    clearTimeout(timer);
  }
}

/** Every case of a group in order, in one session (macro definitions carry over, as in exim). */
export async function runGroup(be: BeModule, group: CorpusGroup): Promise<CaseResult[]> {
  const macros = Object.fromEntries(Object.entries(group.macros).map(([k, v]) => [k, withRepo(v)]));
  let session: unknown;
  try {
    session = await be.createBeSession({ configFile: configPath(group.config), macros });
  } catch (err) {
    const why = `<session failed: ${err instanceof Error ? err.message : String(err)}>`;
    return group.cases.map((c) => ({ id: c.id, input: c.input, expected: withRepo(c.expected), actual: why, pass: false }));
  }
  const results: CaseResult[] = [];
  for (const c of group.cases) {
    const expected = withRepo(c.expected);
    const actual = await expandOne(be, session, c.input);
    results.push({ id: c.id, input: c.input, expected, actual, pass: actual === expected });
  }
  return results;
}

export interface RatchetReport {
  total: number;
  passed: number;
  /** Failing and not listed: regressions (or new cases) that must be fixed or listed. */
  unexpected: CaseResult[];
  /** Listed as failing but now passing: remove them from the list. */
  fixed: string[];
  /** Listed ids that match no case any more. */
  stale: string[];
}

export function readKnownFailures(file: string): string[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(data) ? (data as string[]) : [];
  } catch {
    return [];
  }
}

export function writeKnownFailures(file: string, results: CaseResult[]): number {
  const ids = results.filter((r) => !r.pass).map((r) => r.id).sort();
  writeFileSync(file, JSON.stringify(ids, null, 1) + '\n');
  return ids.length;
}

export function ratchet(results: CaseResult[], known: string[]): RatchetReport {
  const knownSet = new Set(known);
  const ids = new Set(results.map((r) => r.id));
  return {
    total: results.length,
    passed: results.filter((r) => r.pass).length,
    unexpected: results.filter((r) => !r.pass && !knownSet.has(r.id)),
    fixed: results.filter((r) => r.pass && knownSet.has(r.id)).map((r) => r.id),
    stale: known.filter((id) => !ids.has(id)),
  };
}

export function describeFailure(r: CaseResult): string {
  return `${r.id}\n    input:    ${JSON.stringify(r.input)}\n    expected: ${JSON.stringify(r.expected)}\n    actual:   ${JSON.stringify(r.actual)}`;
}

/** Pass counts per group prefix of the ids, worst first: where to send fixes. */
export function summaryByGroup(results: CaseResult[]): string {
  const groups = new Map<string, { pass: number; total: number }>();
  for (const r of results) {
    const g = r.id.split('/')[0]!;
    const s = groups.get(g) ?? { pass: 0, total: 0 };
    s.total++;
    if (r.pass) s.pass++;
    groups.set(g, s);
  }
  return [...groups.entries()]
    .sort((a, b) => a[1].pass / a[1].total - b[1].pass / b[1].total)
    .map(([g, s]) => `  ${g.padEnd(18)} ${String(s.pass).padStart(4)}/${String(s.total).padEnd(4)} ${((100 * s.pass) / s.total).toFixed(1)}%`)
    .join('\n');
}

export function passRate(report: RatchetReport): string {
  return `${report.passed}/${report.total} (${((100 * report.passed) / Math.max(1, report.total)).toFixed(1)}%)`;
}

/**
 * A byte string (one char per byte) in mailwright's representation (src/expand/operators/bytes.ts):
 * valid UTF-8 decodes to characters, any other byte b becomes the lone surrogate U+DC00+b.
 */
export function bytesToMailwright(latin1: string): string {
  const b = Buffer.from(latin1, 'latin1');
  let out = '';
  let i = 0;
  while (i < b.length) {
    const len = utf8SequenceLength(b, i);
    if (len === 0) out += String.fromCharCode(0xdc00 + b[i]!);
    else out += b.toString('utf8', i, i + len);
    i += len === 0 ? 1 : len;
  }
  return out;
}

function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const [need, min] = c >= 0xc2 && c <= 0xdf ? [1, 0x80] : c >= 0xe0 && c <= 0xef ? [2, 0x800] : c >= 0xf0 && c <= 0xf4 ? [3, 0x10000] : [0, 0];
  if (need === 0) return 0;
  let cp = c & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const x = b[i + k];
    if (x === undefined || (x & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (x & 0x3f);
  }
  return cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0 : need + 1;
}
