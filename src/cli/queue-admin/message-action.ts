/**
 * The common part of the per-message operator commands (-Mf, -Mt, -Mrm, -Mmad, -Mmd, -Mar,
 * -Mes, -Mvc), in exim4's order: find and lock the -D file, read the -H file, check that the
 * caller may act on the message, print "Message <id> " and do the action. Each failure has
 * exim4's text on standard output; -Mrm carries on through a missing -D or an unreadable -H
 * (for admin users) so that every leftover file goes.
 */
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lockMessage, type MessageLock } from '../../spool/lock.js';
import { SpoolError } from '../../spool/errors.js';
import type { SpoolMessage } from '../../spool/types.js';
import { strerror, strerrorText } from '../../util/strerror.js';
import type { QueueAdminContext } from './context.js';
import { findFile, readHeader } from './spool-files.js';

export type MessageActionName = 'freeze' | 'thaw' | 'remove' | 'markAll' | 'markDelivered' | 'addRecipients' | 'editSender' | 'copy';

/** A message opened for an action. `message` is undefined only for -Mrm of a damaged message. */
export interface OpenMessage {
  readonly id: string;
  readonly message: SpoolMessage | undefined;
  /** Path of the -H file (to rewrite it), when it was read. */
  readonly headerPath: string | undefined;
  /** Whether the -D file was found and locked (-Mrm's wording depends on it). */
  readonly dataOpen: boolean;
}

/** Does the action once the message is open and "Message <id> " is printed; returns success. */
export type ActionHandler = (ctx: QueueAdminContext, msg: OpenMessage, args: readonly string[]) => Promise<boolean>;

export async function actOnMessage(ctx: QueueAdminContext, id: string, action: MessageActionName, handler: ActionHandler, args: readonly string[] = []): Promise<boolean> {
  const remove = action === 'remove';
  let ok = true;
  let lock: MessageLock | undefined;
  const data = await findFile(ctx, 'input', id, '-D');
  if ('code' in data) {
    if (data.code !== 'ENOENT') {
      ctx.out(`Couldn't open spool file for ${id}: ${strerrorText(data.code) ?? data.code}\n`);
      return false;
    }
    ctx.log.write(['main'], `Spool file ${id}-D not found`, id);
    ctx.out(`Spool data file for ${id} does not exist\n`);
    if (!remove || !ctx.caller.admin) return false;
    ctx.out('Continuing, to ensure all files removed\n');
    ok = false;
  } else {
    const locked = await lockData(ctx, id, data.path);
    if (locked === undefined) return false;
    lock = locked;
  }
  try {
    return (await withHeader(ctx, id, action, handler, args, lock !== undefined)) && ok;
  } finally {
    await lock?.release();
  }
}

/** Opens the -D (to see that it is readable) and takes the message lock. */
async function lockData(ctx: QueueAdminContext, id: string, path: string): Promise<MessageLock | undefined> {
  try {
    await (await open(path, 'r')).close();
  } catch (e) {
    ctx.out(`Couldn't open spool file for ${id}: ${strerror(e)}\n`);
    return undefined;
  }
  try {
    return await lockMessage(id, join(dirname(path), `${id}-L`));
  } catch (e) {
    if (e instanceof SpoolError && e.code === 'LOCKED') {
      ctx.log.write(['main'], `Spool file for ${id} is locked (another process is handling this message)`, id);
      ctx.out(`Message ${id} is locked\n`);
      return undefined;
    }
    ctx.out(`Couldn't open spool file for ${id}: ${strerror(e)}\n`);
    return undefined;
  }
}

async function withHeader(ctx: QueueAdminContext, id: string, action: MessageActionName, handler: ActionHandler, args: readonly string[], dataOpen: boolean): Promise<boolean> {
  let ok = true;
  const read = await readHeader(ctx, id);
  let message: SpoolMessage | undefined;
  let headerPath: string | undefined;
  if (read.ok) {
    message = read.message;
    headerPath = read.path;
  } else {
    ctx.out(read.format ? `Spool format error for ${id}-H\n` : `Spool read error for ${id}-H: ${strerrorText(read.code) ?? read.code}\n`);
    if (action !== 'remove' || !ctx.caller.admin) return false;
    ctx.out('Continuing to ensure all files removed\n');
    ok = false;
  }
  if (!mayAct(ctx, action, message)) {
    ctx.out('Permission denied\n');
    return false;
  }
  if (action !== 'copy') ctx.out(`Message ${id} `);
  return (await handler(ctx, { id, message, headerPath, dataOpen }, args)) && ok;
}

/** Admin users may do anything; the message's owner may only remove it. */
function mayAct(ctx: QueueAdminContext, action: MessageActionName, message: SpoolMessage | undefined): boolean {
  if (ctx.caller.admin) return true;
  return action === 'remove' && message !== undefined && message.owner.uid === ctx.caller.uid;
}
