/**
 * -Mvh, -Mvb, -Mvl: copy one spool file (-H, -D with its name line, or the msglog) to standard
 * output unchanged; -Mvc: the message as RFC 2822 text (live headers, blank line, body), which
 * goes through the usual open-and-check steps of message-action.ts.
 */
import { readFile } from 'node:fs/promises';
import { writeMessage } from '../../transports/write-message.js';
import { strerror, strerrorText } from '../../util/strerror.js';
import type { QueueAdminContext } from './context.js';
import type { ActionHandler } from './message-action.js';
import { findFile } from './spool-files.js';

export type ViewFlag = '-Mvh' | '-Mvb' | '-Mvl';

const FILES: Record<ViewFlag, { top: 'input' | 'msglog'; suffix: string }> = {
  '-Mvh': { top: 'input', suffix: '-H' },
  '-Mvb': { top: 'input', suffix: '-D' },
  '-Mvl': { top: 'msglog', suffix: '' },
};

/** Shows one file; `extra` are any further message ids (exim4 refuses more than one). */
export async function viewSpoolFile(ctx: QueueAdminContext, flag: ViewFlag, id: string, extra: readonly string[]): Promise<boolean> {
  if (!ctx.caller.admin) {
    ctx.out('Permission denied\n');
    return false;
  }
  if (extra.length > 0) {
    ctx.out('*** Only one message can be listed at once\n');
    return false;
  }
  const { top, suffix } = FILES[flag];
  const found = await findFile(ctx, top, id, suffix);
  let data: Buffer | undefined;
  let code = 'code' in found ? found.code : undefined;
  if (!('code' in found)) {
    try {
      data = await readFile(found.path);
    } catch (e) {
      code = (e as NodeJS.ErrnoException).code ?? strerror(e);
    }
  }
  if (data === undefined) {
    ctx.out(`Failed to open ${top} file for ${id}${suffix}: ${strerrorText(code) ?? code}\n`);
    if (flag === '-Mvl' && !ctx.messageLogs) ctx.out('(No message logs are being created because the message_logs option is false.)\n');
    return false;
  }
  ctx.out(data);
  return true;
}

/** -Mvc, once the message is open. */
export const copyMessage: ActionHandler = async (ctx, msg) => {
  const found = await findFile(ctx, 'input', msg.id, '-D');
  if ('code' in found) return false;
  const raw = await readFile(found.path);
  const body = raw.subarray(msg.id.length + 3);
  ctx.out(writeMessage(msg.message!.headers, body));
  return true;
};
