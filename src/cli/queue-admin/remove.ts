/**
 * -Mrm: delete every file of the message, in both spool layouts. "has been removed" when the
 * -D file was there, "has been removed or did not exist" otherwise; the log lines only when
 * some file was actually deleted.
 */
import type { ActionHandler } from './message-action.js';
import { removeMessageFiles } from './spool-files.js';

export const removeMessage: ActionHandler = async (ctx, msg) => {
  const result = await removeMessageFiles(ctx, msg.id);
  for (const e of result.errors) ctx.out(`${e}\n`);
  ctx.out(msg.dataOpen ? 'has been removed\n' : 'has been removed or did not exist\n');
  if (result.removed) {
    ctx.log.write(['main'], `removed by ${ctx.caller.login}`, msg.id);
    ctx.log.write(['main'], 'Completed', msg.id);
  }
  return result.errors.length === 0;
};
