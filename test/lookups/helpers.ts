/**
 * Test helpers for lookups: a scratch copy of test/fixtures/lookups/files with "@DIR@"
 * replaced by its absolute path (as scripts/oracle/gen-lookups.mjs does), the dsearch tree,
 * a minimal ExpandContext, and a stand-in expander for wildlsearch keys.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpandError, untainted, type ExpandContext, type TStr } from '../../src/expand/types.js';
import type { LookupRegistry } from '../../src/lookups/types.js';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/lookups');
export const FILES = join(FIXTURES, 'files');

export interface TreeEntry {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly content?: string;
  readonly target?: string;
}

export function buildTree(dir: string, tree: readonly TreeEntry[]): void {
  for (const e of tree) {
    const p = join(dir, e.name);
    if (e.type === 'file') writeFileSync(p, e.content ?? '');
    else if (e.type === 'dir') mkdirSync(p, { recursive: true });
    else symlinkSync(e.target!, p);
  }
}

/** A fresh scratch directory holding the fixture files (and a dsearch tree when given). */
export function makeScratch(tree: readonly TreeEntry[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'mw-lookups-'));
  for (const name of readdirSync(FILES)) {
    const src = join(FILES, name);
    if (name.endsWith('.cdb')) cpSync(src, join(dir, name));
    else writeFileSync(join(dir, name), readFileSync(src, 'utf8').replaceAll('@DIR@', dir));
  }
  mkdirSync(join(dir, 'dtree'));
  buildTree(join(dir, 'dtree'), tree);
  return dir;
}

/**
 * Enough of Exim's expansion for the keys in the wildlsearch fixtures: `\N...\N` literal
 * sections, backslash escapes, `${if eq{a}{b}{yes}{no}}` with literal arguments, and unknown
 * variables failing. The real evaluator replaces this in integration tests.
 */
export async function miniExpand(text: string): Promise<TStr> {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === 'N') {
      const end = text.indexOf('\\N', i + 2);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i + 2, stop);
      i = end < 0 ? stop : end + 2;
    } else if (c === '\\') {
      out += text[i + 1] ?? '';
      i += 2;
    } else if (c === '$') {
      const m = /^\$\{if eq\{([^{}]*)\}\{([^{}]*)\}\{([^{}]*)\}\{([^{}]*)\}\}/.exec(text.slice(i));
      if (!m) throw new ExpandError(`unknown variable name "${/^\$\{?([A-Za-z0-9_]*)/.exec(text.slice(i))?.[1] ?? ''}"`);
      out += m[1] === m[2] ? m[3] : m[4];
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return untainted(out);
}

export function makeCtx(lookups: LookupRegistry, expand = miniExpand): ExpandContext {
  return {
    vars: new Map(),
    config: { mainOption: () => undefined, namedList: () => undefined },
    numeric: [],
    services: { lookups, expand: (text) => expand(text) },
  };
}
