/**
 * The commands that change a message's envelope: -Mmad (mark all delivered), -Mmd (mark some
 * delivered), -Mar (add recipients), -Mes (edit sender). As in exim4, each address is checked
 * and logged as it is processed, and the -H file is rewritten only when every address was
 * good, so a bad address later in the list leaves the message as it was (but the log lines
 * for the earlier ones written).
 */
import { treeInsert } from '../../spool/tree.js';
import type { SpoolMessage, SpoolRecipient } from '../../spool/types.js';
import { extractOperatorAddress } from './address.js';
import type { QueueAdminContext } from './context.js';
import type { ActionHandler, OpenMessage } from './message-action.js';
import { writeHeader } from './spool-files.js';

export const markAllDelivered: ActionHandler = async (ctx, msg) => {
  const m = msg.message!;
  const updated = { ...m, nonRecipients: treeInsert(m.nonRecipients, ...m.recipients.map((r) => r.address)) };
  const error = await save(msg, updated);
  if (error !== undefined) {
    ctx.out(`- could not mark all delivered: ${error}\n`);
    return false;
  }
  ctx.out('has been modified\n');
  for (const r of m.recipients) ctx.log.write(['main'], `address <${r.address}> marked delivered by ${ctx.caller.login}`, msg.id);
  return true;
};

type EditKind = 'markDelivered' | 'addRecipients' | 'editSender';

const DOING: Record<EditKind, string> = {
  markDelivered: 'marking as delivered',
  addRecipients: 'adding recipient',
  editSender: 'editing sender',
};

/** Applies one good address to the message being built; returns an error text or undefined. */
type ApplyAddress = (ctx: QueueAdminContext, state: EditState, address: string) => string | undefined;

interface EditState {
  readonly id: string;
  message: SpoolMessage;
}

const APPLY: Record<EditKind, ApplyAddress> = {
  addRecipients(ctx, state, address) {
    const recipient: SpoolRecipient = { address };
    state.message = { ...state.message, recipients: [...state.message.recipients, recipient] };
    ctx.log.write(['main'], `recipient <${address}> added by ${ctx.caller.login}`, state.id);
    return undefined;
  },
  markDelivered(ctx, state, address) {
    const r = state.message.recipients.find((x) => x.address === address);
    if (!r) return `${address} is not a recipient: message not updated`;
    state.message = { ...state.message, nonRecipients: treeInsert(state.message.nonRecipients, r.address) };
    ctx.log.write(['main'], `address <${r.address}> marked delivered by ${ctx.caller.login}`, state.id);
    return undefined;
  },
  editSender(ctx, state, address) {
    state.message = { ...state.message, sender: address };
    ctx.log.write(['main'], `sender address changed to <${address}> by ${ctx.caller.login}`, state.id);
    return undefined;
  },
};

function editHandler(kind: EditKind): ActionHandler {
  return async (ctx, msg, args) => {
    const doing = DOING[kind];
    if (kind === 'editSender' && args.length > 1) {
      ctx.out('- only one sender address can be specified\n');
      return false;
    }
    if (args.length === 0) {
      ctx.out(`- error while ${doing}: no address given\n`);
      return false;
    }
    const state: EditState = { id: msg.id, message: msg.message! };
    let ok = true;
    for (const arg of args) {
      const error = checkAndApply(ctx, kind, state, arg);
      if (error !== undefined) {
        ctx.out(`- error while ${doing}:\n  ${error}\n`);
        ok = false;
      }
    }
    if (!ok) return false;
    const failure = await save(msg, state.message);
    if (failure !== undefined) {
      ctx.out(`- while ${doing}: ${failure}\n`);
      return false;
    }
    ctx.out('has been modified\n');
    return true;
  };
}

function checkAndApply(ctx: QueueAdminContext, kind: EditKind, state: EditState, arg: string): string | undefined {
  const parsed = extractOperatorAddress(arg, kind === 'editSender');
  if (!parsed.ok) return `bad address ${arg}: ${parsed.error}`;
  if (parsed.address !== '' && !parsed.hasDomain) return `bad address ${arg}: domain missing`;
  return APPLY[kind](ctx, state, parsed.address);
}

export const markDelivered = editHandler('markDelivered');
export const addRecipients = editHandler('addRecipients');
export const editSender = editHandler('editSender');

async function save(msg: OpenMessage, updated: SpoolMessage): Promise<string | undefined> {
  try {
    await writeHeader(msg.headerPath!, updated);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
