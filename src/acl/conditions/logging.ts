/**
 * logwrite and log_reject_target. logwrite writes its text at once, to the main log unless it
 * starts with `:name,name:` naming the logs; log_reject_target chooses the logs an ACL
 * rejection is written to for the rest of the ACL (an empty list: not logged).
 */
import type { LogFile } from '../../log/types.js';
import { listItems } from '../../util/exim-list.js';
import { stringPrinting } from '../host-ident.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext } from '../types.js';
import { whereName } from '../where.js';

const LOG_NAMES: readonly LogFile[] = ['main', 'reject', 'panic'];

/** Split `:main,reject: text` into the log files and the text (Exim reads names by prefix). */
export function parseLogwrite(arg: string, ctx: AclRunContext): { files: LogFile[]; text: string } {
  if (!arg.startsWith(':')) return { files: ['main'], text: arg.replace(/^\s+/, '') };
  const files: LogFile[] = [];
  let i = 1;
  while (i < arg.length && arg[i] !== ':') {
    const name = LOG_NAMES.find((n) => arg.startsWith(n, i));
    if (!name) {
      return { files: ['main', 'panic'], text: `unknown log name in "${arg}" in "logwrite" in ${whereName(ctx.where)} ACL` };
    }
    if (!files.includes(name)) files.push(name);
    i += name.length;
    if (arg[i] === ',') i++;
  }
  return { files: files.length === 0 ? ['main'] : files, text: arg.slice(i + 1).replace(/^\s+/, '') };
}

registerAclCondition({
  name: 'logwrite',
  kind: 'modifier',
  evaluate(value, _item, ctx) {
    const { files, text } = parseLogwrite(value.s, ctx);
    ctx.log.write(files, stringPrinting(text), ctx.messageId);
    return true;
  },
});

registerAclCondition({
  name: 'log_reject_target',
  kind: 'modifier',
  evaluate(value, _item, ctx) {
    const files: LogFile[] = [];
    for (const name of listItems(value.s)) {
      const file = LOG_NAMES.find((n) => n === name);
      if (file) files.push(file);
      else ctx.log.write(['main', 'panic'], `unknown log name "${name}" in "log_reject_target" in ${whereName(ctx.where)} ACL`, ctx.messageId);
    }
    ctx.controls.logRejectTarget = files;
    return true;
  },
});
