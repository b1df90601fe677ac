/**
 * `mailwright -bm` / `-t` / sendmail: receive one message from stdin, then deliver it as the
 * -od options and queue_only say, reporting failures as the -oe options say:
 *   -oep/-oeq  "exim: <reason>" on stderr, status 1;
 *   -oem/-oew  (default) the error is mailed to the sender, status 1;
 *   -oee       the error is mailed to the sender, status 0 when that worked.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Readable } from 'node:stream';
import { loadConfig } from '../../config/index.js';
import { usageText } from '../args.js';
import { logTimestamp } from '../../log/timestamp.js';
import type { LoadedConfig } from '../../config/types.js';
import { createAclEngine } from '../../acl/index.js';
import { loggerFor, spoolFor } from '../../smtp/server/cli-modes.js';
import { currentCaller, isTrusted } from './caller.js';
import { SubmitError } from './errors.js';
import type { DeliveryMode, SubmitFlags } from './flags.js';
import { readAll } from './read-input.js';
import { receiveLocalMessage, type SubmitDeps, type SubmitFailureContext, type SubmitMessage } from './receive.js';
import { mailErrorBack } from './report-error.js';
import type { StartDeliveryOptions } from '../../deliver/start.js';

export interface SubmitCliOptions {
  readonly configFile?: string;
  readonly macros: Record<string, string>;
  readonly sender?: string;
  readonly serverOptions: Record<string, string>;
  readonly operands: readonly string[];
  readonly submit: SubmitFlags;
}

export interface SubmitIo {
  readonly stdin: Readable;
  readonly stderr: (text: string) => void;
  /** Starts delivery (default: src/deliver/start.ts); tests pass a recorder. */
  readonly startDelivery?: (ids: readonly string[], opts: StartDeliveryOptions) => Promise<void>;
}

export async function runSubmit(opts: SubmitCliOptions, io: SubmitIo = defaultIo()): Promise<number> {
  const config = loadConfig({ file: opts.configFile, macros: opts.macros });
  if (!opts.submit.extractRecipients && opts.operands.length === 0) {
    io.stderr(NO_RECIPIENTS_USAGE);
    return 1;
  }
  const spool = spoolFor(config);
  const log = loggerFor(config);
  const caller = currentCaller(config);
  const deps: SubmitDeps = { config, spool, log, acl: createAclEngine(config), caller, trusted: isTrusted(caller, config) };
  const message: SubmitMessage = {
    sender: opts.sender,
    fullName: opts.submit.fullName,
    addresses: opts.operands,
    extractRecipients: opts.submit.extractRecipients,
    dotIsData: opts.submit.dotIsData,
    suppressFixups: opts.submit.suppressFixups && deps.trusted,
    noQualify: opts.submit.noQualify,
    receivedProtocol: opts.serverOptions['-oMr'],
    input: await readAll(io.stdin),
  };
  try {
    return await submitAndDeliver(message, deps, opts, io);
  } finally {
    await log.close();
  }
}

async function submitAndDeliver(message: SubmitMessage, deps: SubmitDeps, opts: SubmitCliOptions, io: SubmitIo): Promise<number> {
  const failure: SubmitFailureContext = { sender: '' };
  let outcome;
  try {
    outcome = await receiveLocalMessage(message, deps, failure);
  } catch (e) {
    if (!(e instanceof SubmitError)) throw e;
    return reportError(e, message, deps, failure, opts, io);
  }
  if (outcome.result === 'discarded') return 1;
  if (!outcome.queueOnly && !queueOnly(deps.config, opts.submit.delivery)) await deliver([outcome.id], opts, io);
  return 0;
}

async function reportError(e: SubmitError, message: SubmitMessage, deps: SubmitDeps, failure: SubmitFailureContext, opts: SubmitCliOptions, io: SubmitIo): Promise<number> {
  const mode = opts.submit.errors ?? 'mail';
  if (e.kind === 'no-recipients' && failure.id !== undefined) io.stderr(`${panicCopy(failure.id)}\n`);
  if (mode !== 'stderr' && failure.sender === '' && failure.id !== undefined) {
    // Nobody to tell: exim4 logs it and says nothing on stderr.
    deps.log.write(['main'], `Error while reading message with no usable sender address: ${e.detail.logReason ?? e.stderrText}`, failure.id);
    return 1;
  }
  if (mode !== 'stderr') {
    const sent = await mailErrorBack(e, message, deps, failure);
    if (sent !== undefined) {
      if (!queueOnly(deps.config, opts.submit.delivery)) await deliver([sent], opts, io);
      return mode === 'mail-zero' ? 0 : 1;
    }
  }
  io.stderr(`exim: ${e.stderrText}\n`);
  return 1;
}

/** exim4 copies its panic-log line to stderr: timestamp, then the id twice. */
function panicCopy(id: string): string {
  return `${logTimestamp(new Date())} ${id} ${id} no recipients found in headers`;
}

/**
 * Whether the message stays on the queue: -odq always; queue_only, an existing
 * queue_only_file path (without "smtp" prefix) or a load above queue_only_load, unless an
 * explicit -odb/-odi/-odf overrides them (queue_only_override, the default).
 */
export function queueOnly(config: LoadedConfig, delivery: DeliveryMode | undefined, load = loadavg()[0]!): boolean {
  if (delivery === 'queue') return true;
  const override = config.mainOption('queue_only_override') !== false && delivery !== undefined;
  if (override) return false;
  if (config.mainOption('queue_only') === true) return true;
  const file = config.mainOption('queue_only_file');
  if (typeof file === 'string' && file !== '') {
    for (const item of file.split(':').map((s) => s.trim())) if (item.startsWith('/') && existsSync(item)) return true;
  }
  // A fixed-point option: the configuration holds thousandths.
  const maxLoad = config.mainOption('queue_only_load');
  return typeof maxLoad === 'number' && load * 1000 > maxLoad;
}

async function deliver(ids: string[], opts: SubmitCliOptions, io: SubmitIo): Promise<void> {
  const startDelivery = io.startDelivery ?? (await import('../../deliver/start.js')).startDelivery;
  // -odqs routes now and leaves SMTP deliveries queued; startDelivery has no such mode yet, so it
  // is a normal background delivery here.
  const background = opts.submit.delivery !== 'foreground' && opts.submit.foregroundWithQs !== true;
  await startDelivery(ids, { configFile: opts.configFile, macros: opts.macros, background });
}

/** Without recipients exim4 prints its usage text (without the "abandoned" line). */
const NO_RECIPIENTS_USAGE = usageText('').split('\n').slice(1).join('\n');

function defaultIo(): SubmitIo {
  return { stdin: process.stdin, stderr: (t) => void process.stderr.write(Buffer.from(t, 'latin1')) };
}
