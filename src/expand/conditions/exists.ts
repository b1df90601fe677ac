/**
 * exists {path}: stat() succeeds. Exim runs with the spool directory as its working
 * directory, so a relative path is looked up there. Tainted paths are allowed (the spec
 * only warns that testing does not de-taint).
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ExpandContext } from '../types.js';
import { registerCondition } from './registry.js';

function workingDirectory(ctx: ExpandContext): string {
  const spool = ctx.config.mainOption('spool_directory');
  return typeof spool === 'string' && spool !== '' ? spool : process.cwd();
}

async function pathExists(path: string, ctx: ExpandContext): Promise<boolean> {
  if (path === '') return false;
  const full = isAbsolute(path) ? path : resolve(workingDirectory(ctx), path);
  try {
    await stat(full);
    return true;
  } catch {
    return false;
  }
}

registerCondition({ name: 'exists', nargs: 1, fn: ([a], ctx) => pathExists(a!.s, ctx) });
