/** ${readfile{name}{eol}} and ${env{name}{yes}{no}}. */
import { readFileSync } from 'node:fs';
import { ExpandError, untainted, type TStr } from '../types.js';
import { then } from '../maybe.js';
import { bytesToString } from '../operators/bytes.js';
import { eximIds } from '../variables-computed.js';
import { listItems } from '../../util/exim-list.js';
import { withoutStack } from '../../lookups/file-util.js';
import { argumentItem, strerror, walkItem, type ItemHandler } from './util.js';
import type { ExpandContext } from '../types.js';

export const readfileItem: ItemHandler = argumentItem(([name, eol], _node, ev) => readFileArgs(name!, eol, ev.ctx));

function readFileArgs(name: TStr, eol: TStr | undefined, ctx: ExpandContext): TStr {
  if (name.tainted) {
    // Exim 4.96 logs "Tainted filename" and its open wrapper refuses with EACCES; it reports the
    // ids it runs message handling under (root, exim group).
    const euid = process.geteuid?.() ?? 0;
    const egid = eximIds(ctx).gid;
    throw new ExpandError(`failed to open ${name.s}: Permission denied (euid=${euid} egid=${egid})`);
  }
  let data: Buffer;
  try {
    data = withoutStack(() => readFileSync(name.s)); // blocking, as Exim reads local files
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return untainted('');
    throw new ExpandError(`failed to open ${name.s}: ${strerror(code)}`);
  }
  let text = bytesToString(data);
  if (eol !== undefined) text = text.split('\n').join(eol.s);
  return { s: text, tainted: eol !== undefined && eol.tainted && text !== '' };
}

/**
 * The environment Exim keeps: names (or ^regex patterns) in keep_environment, plus
 * add_environment's name=value settings. Without keep_environment Exim purges everything.
 */
export function eximEnvironment(ctx: ExpandContext): Map<string, string> {
  const env = new Map<string, string>();
  const keep = ctx.config.mainOption('keep_environment');
  if (typeof keep === 'string') {
    for (const pat of listItems(keep)) {
      const re = pat.startsWith('^') ? new RegExp(pat) : undefined;
      for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && (re ? re.test(k) : k === pat)) env.set(k, v);
      }
    }
  }
  const add = ctx.config.mainOption('add_environment');
  if (typeof add === 'string') {
    for (const item of listItems(add)) {
      const eq = item.indexOf('=');
      if (eq > 0) env.set(item.slice(0, eq), item.slice(eq + 1));
    }
  }
  return env;
}

export const envItem: ItemHandler = (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  return then(ev.seqM(node.args[0]!), (keyArg) => {
    const key = keyArg.s; // not trimmed, whatever the spec says
    const value = eximEnvironment(ev.ctx).get(key);
    return ev.yesNoM(node.yesno, value !== undefined, untainted(value ?? ''), 'env', false);
  });
};
