/**
 * exists {path}: stat() succeeds. Exim runs with the spool directory as its working
 * directory, so a relative path is looked up there. Tainted paths are allowed (the spec
 * only warns that testing does not de-taint). A blocking stat, as Exim's: a local metadata call
 * costs microseconds, while a thread-pool round trip costs far more.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ExpandContext } from '../types.js';
import { registerCondition } from './registry.js';

function workingDirectory(ctx: ExpandContext): string {
  const spool = ctx.config.mainOption('spool_directory');
  return typeof spool === 'string' && spool !== '' ? spool : process.cwd();
}

function pathExists(path: string, ctx: ExpandContext): boolean {
  if (path === '') return false;
  const full = isAbsolute(path) ? path : resolve(workingDirectory(ctx), path);
  try {
    return statSync(full, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // e.g. EACCES on a path component, ENOTDIR
  }
}

registerCondition({ name: 'exists', nargs: 1, fn: ([a], ctx) => pathExists(a!.s, ctx) });
