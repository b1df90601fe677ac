/**
 * Queue operator commands of the `mailwright` CLI: the -bp listing family and the -M commands
 * that act on messages without delivering them (-Mf, -Mt, -Mrm, -Mmad, -Mmd, -Mar, -Mes,
 * -Mvh, -Mvb, -Mvl, -Mvc). Argument errors are exim4's ("no message ids given", "malformed
 * message id"); the exit code is 1 when any message could not be handled.
 */
import { loadConfig } from '../../config/index.js';
import { stringToBytes } from '../../expand/operators/bytes.js';
import type { LoadedConfig } from '../../config/types.js';
import { isMessageId } from '../../spool/message-id.js';
import { loggerFromConfig } from '../../log/from-config.js';
import { callerFor } from './caller.js';
import type { QueueAdminContext } from './context.js';
import { addRecipients, editSender, markAllDelivered, markDelivered } from './edit.js';
import { freezeMessage, thawMessage } from './freeze.js';
import { LIST_FLAGS, runQueueList, type ListFlag } from './list.js';
import { actOnMessage, type ActionHandler, type MessageActionName } from './message-action.js';
import { removeMessage } from './remove.js';
import { copyMessage, viewSpoolFile, type ViewFlag } from './view.js';

export type { QueueAdminContext, Caller } from './context.js';
export { LIST_FLAGS, type ListFlag } from './list.js';

interface ActionSpec {
  readonly name: MessageActionName;
  readonly handler: ActionHandler;
  /** Only the first operand is a message id; the rest are addresses. */
  readonly oneMessage: boolean;
}

const ACTIONS: Record<string, ActionSpec> = {
  '-Mf': { name: 'freeze', handler: freezeMessage, oneMessage: false },
  '-Mt': { name: 'thaw', handler: thawMessage, oneMessage: false },
  '-Mrm': { name: 'remove', handler: removeMessage, oneMessage: false },
  '-Mmad': { name: 'markAll', handler: markAllDelivered, oneMessage: false },
  '-Mmd': { name: 'markDelivered', handler: markDelivered, oneMessage: true },
  '-Mar': { name: 'addRecipients', handler: addRecipients, oneMessage: true },
  '-Mes': { name: 'editSender', handler: editSender, oneMessage: true },
  '-Mvc': { name: 'copy', handler: copyMessage, oneMessage: true },
};

const VIEW_FLAGS = new Set(['-Mvh', '-Mvb', '-Mvl']);

/** Flags this module handles (for the argument parser's table). */
export const QUEUE_ADMIN_FLAGS: readonly string[] = [...LIST_FLAGS, ...Object.keys(ACTIONS), ...VIEW_FLAGS];

export interface QueueAdminRun {
  readonly ctx: QueueAdminContext;
  /** queue_list_requires_admin */
  readonly listRequiresAdmin: boolean;
  /** Standard error (argument errors and the -bp refusal). */
  err(text: string): void;
}

/** Runs one queue command with its operands; returns the exit code. */
export async function runQueueCommand(run: QueueAdminRun, flag: string, operands: readonly string[]): Promise<number> {
  if ((LIST_FLAGS as readonly string[]).includes(flag)) {
    return runQueueList(run.ctx, flag as ListFlag, operands, { requiresAdmin: run.listRequiresAdmin }, run.err);
  }
  const argError = checkIds(flag, operands, ACTIONS[flag]?.oneMessage ?? true);
  if (argError !== undefined) {
    run.err(argError);
    return 1;
  }
  if (VIEW_FLAGS.has(flag)) return (await viewSpoolFile(run.ctx, flag as ViewFlag, operands[0]!, operands.slice(1))) ? 0 : 1;
  const spec = ACTIONS[flag];
  if (!spec) throw new RangeError(`${flag} is not a queue operator command`);
  let ok = true;
  if (spec.oneMessage) ok = await actOnMessage(run.ctx, operands[0]!, spec.name, spec.handler, operands.slice(1));
  else for (const id of operands) if (!(await actOnMessage(run.ctx, id, spec.name, spec.handler))) ok = false;
  // exim4 4.96 ends -Mmad's output with an empty line, whatever happened.
  if (flag === '-Mmad') run.ctx.out('\n');
  return ok ? 0 : 1;
}

/** exim4's complaints about the message id operands, checked before anything is done. */
function checkIds(flag: string, operands: readonly string[], oneMessage: boolean): string | undefined {
  if (operands.length === 0) return `exim: no message ids given after ${flag} option\n`;
  for (const id of oneMessage ? operands.slice(0, 1) : operands) {
    if (!isMessageId(id)) return `exim: malformed message id ${id} after ${flag} option\n`;
  }
  return undefined;
}

export interface QueueCliOptions {
  readonly configFile?: string;
  readonly macros: Record<string, string>;
}

/** The CLI entry: builds the context from the configuration and the process, then runs. */
export async function runQueueAdminCli(flag: string, operands: readonly string[], opts: QueueCliOptions): Promise<number> {
  const config = loadConfig({ file: opts.configFile, macros: opts.macros });
  const log = loggerFromConfig(config);
  try {
    return await runQueueCommand(cliRun(config, log), flag, operands);
  } finally {
    await log.close();
  }
}

function cliRun(config: LoadedConfig, log: QueueAdminContext['log']): QueueAdminRun {
  const dir = config.mainOption('spool_directory');
  const ctx: QueueAdminContext = {
    spoolDirectory: typeof dir === 'string' && dir !== '' ? dir : '/var/spool/mailwright',
    splitSpoolDirectory: config.mainOption('split_spool_directory') === true,
    messageLogs: config.mainOption('message_logs') !== false,
    log,
    caller: callerFor(config),
    now: () => Math.floor(Date.now() / 1000),
    out: (data) => void process.stdout.write(typeof data === 'string' ? stringToBytes(data) : data),
  };
  return { ctx, listRequiresAdmin: config.mainOption('queue_list_requires_admin') !== false, err: (t) => void process.stderr.write(t) };
}
