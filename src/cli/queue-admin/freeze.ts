/** -Mf and -Mt: freeze a message (recording when) or thaw it (recording that it was manual). */
import type { SpoolMessage } from '../../spool/types.js';
import type { QueueAdminContext } from './context.js';
import type { ActionHandler, OpenMessage } from './message-action.js';
import { writeHeader } from './spool-files.js';

export const freezeMessage: ActionHandler = async (ctx, msg) => {
  const m = msg.message!;
  if (m.frozen) {
    ctx.out('is already frozen\n');
    return false;
  }
  const options = new Map(m.options);
  options.delete('manual_thaw');
  options.set('frozen', String(ctx.now()));
  return save(ctx, msg, { ...m, options, frozen: true }, 'is now frozen', 'could not be frozen', 'frozen');
};

export const thawMessage: ActionHandler = async (ctx, msg) => {
  const m = msg.message!;
  if (!m.frozen) {
    ctx.out('is not frozen\n');
    return false;
  }
  const options = new Map(m.options);
  options.delete('frozen');
  options.set('manual_thaw', true);
  return save(ctx, msg, { ...m, options, frozen: false }, 'is no longer frozen', 'could not be unfrozen', 'unfrozen');
};

async function save(ctx: QueueAdminContext, msg: OpenMessage, updated: SpoolMessage, done: string, failed: string, verb: string): Promise<boolean> {
  try {
    await writeHeader(msg.headerPath!, updated);
  } catch (e) {
    ctx.out(`${failed}: ${(e as Error).message}\n`);
    return false;
  }
  ctx.out(`${done}\n`);
  ctx.log.write(['main'], `${verb} by ${ctx.caller.login}`, msg.id);
  return true;
}
