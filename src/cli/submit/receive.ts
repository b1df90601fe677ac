/**
 * Receiving one locally submitted message (exim -bm, -t, sendmail): envelope from the caller
 * and the options, acl_not_smtp_start, the message from stdin, header fix-ups, size check, the
 * Received: header, acl_not_smtp, the spool files and the "<=" log line. Failures throw
 * SubmitError after logging what exim4 logs; the caller reports them as -oe* says.
 */
import type { AclEngine } from '../../acl/types.js';
import { newAclControls } from '../../acl/index.js';
import type { LoadedConfig } from '../../config/types.js';
import type { ExpandContext } from '../../expand/types.js';
import type { Logger } from '../../log/types.js';
import type { Spool, SpoolHeader } from '../../spool/types.js';
import { headerType, headerValue, messageSize, parseMessage, receivedHeader, type ParsedMessage } from '../../smtp/server/message.js';
import { rejectDetail } from '../../log/lines/reject-detail.js';
import { applyAclHeaders, logNotSmtpRejection, newSubmitContext, runNotSmtpAcl, setVar } from './acl.js';
import { quotePhrase, type Caller } from './caller.js';
import { SubmitError } from './errors.js';
import { earlyFixups, lateFixups, type FixupFacts } from './fixups.js';
import { decodeLocalInput } from './read-input.js';
import { takeUucpFromLine } from './uucp-from.js';
import { argumentRecipients, headerRecipients, type RecipientItem } from './recipients.js';
import { resolveSender, type SenderChoice } from './sender.js';
import { commitLocalMessage, type Envelope } from './store.js';
import { messageIdHeader, sizeLimit, strOption } from './options.js';

export interface SubmitDeps {
  readonly config: LoadedConfig;
  readonly spool: Spool;
  readonly log: Logger;
  readonly acl: AclEngine;
  readonly caller: Caller;
  readonly trusted: boolean;
  readonly now?: () => Date;
}

export interface SubmitMessage {
  /** -f value ('' for an empty sender); undefined when not given. */
  readonly sender?: string;
  /** -F value. */
  readonly fullName?: string;
  /** Command-line addresses (recipients, or with -t the ones to leave out). */
  readonly addresses: readonly string[];
  readonly extractRecipients: boolean;
  readonly dotIsData: boolean;
  readonly suppressFixups: boolean;
  /** -bnq. */
  readonly noQualify?: boolean;
  /** -oMr: received protocol given on the command line (stored tainted). */
  readonly receivedProtocol?: string;
  readonly input: Buffer;
  /** An error message generated here (-localerror). */
  readonly localError?: boolean;
  /** Id of the message it reports on (R= on the log line). */
  readonly localErrorFor?: string;
}

export type SubmitOutcome =
  | { readonly result: 'accepted'; readonly id: string; readonly queueOnly: boolean; readonly frozen: boolean }
  | { readonly result: 'discarded'; readonly id: string };

/** What the error handler needs to mail a copy back. */
export interface SubmitFailureContext {
  sender: string;
  /** Id of the message being received, once allocated. */
  id?: string;
  headers?: SpoolHeader[];
  body?: string;
}

export async function receiveLocalMessage(m: SubmitMessage, deps: SubmitDeps, failure: SubmitFailureContext = { sender: '' }): Promise<SubmitOutcome> {
  const { config } = deps;
  const now = deps.now?.() ?? new Date();
  const ctx = newSubmitContext(config);
  setVar(ctx, 'sender_ident', deps.caller.login);
  const qualify = { sender: strOption(config, 'qualify_domain') ?? '', recipient: strOption(config, 'qualify_recipient') ?? '' };
  const { choice, recipients, controls, message } = await startMessage(m, deps, ctx, qualify, failure);
  const pending = await deps.spool.begin();
  failure.id = pending.id;
  try {
    const facts = fixupFacts(deps, m, choice, qualify, pending.id, now, await messageIdHeader(config, ctx, pending.id), controls.set.has('suppress_local_fixups'));
    setVar(ctx, 'message_exim_id', pending.id);
    setVar(ctx, 'message_id', pending.id);
    const clientMessageId = headerValue(message.headers, 'Message-ID');
    earlyFixups(message.headers, facts);
    const env = envelopeFor(m, message, recipients, qualify.recipient, config.mainOption('extract_addresses_remove_arguments') !== false);
    lateFixups(message.headers, facts);
    if (env.recipients.length === 0) noRecipients(deps, pending.id);
    await checkSize(deps, ctx, message, choice.sender, env.recipients, pending.id);
    setVariablesForAcl(ctx, env.recipients, message);
    message.headers.unshift(await receivedHeader(strOption(config, 'received_header_text') ?? '', ctx, now));
    const outcome = await runNotSmtpAcl('not_smtp', { acl: deps.acl, config, ctx, controls, log: deps.log, login: deps.caller.login, messageId: pending.id, messageText: () => messageText(message) });
    if (outcome.result !== 'ok' && outcome.result !== 'discard') {
      logNotSmtpRejection(deps.log, pending.id, choice.sender, env.recipients, message.headers, outcome);
      const user = outcome.userMessage ?? 'local configuration problem';
      throw new SubmitError('acl', `message rejected by non-SMTP ACL: ${user}`, { aclMessage: user, logReason: `rejected by non-SMTP ACL: ${user}` });
    }
    applyAclHeaders(controls, message.headers, headerType);
    const discarded = outcome.result === 'discard';
    await commitLocalMessage(pending, { deps, ctx, controls, message, choice, envelope: env, now, m, clientMessageId, discarded });
    if (discarded) return { result: 'discarded', id: pending.id };
    return { result: 'accepted', id: pending.id, queueOnly: controls.set.has('queue'), frozen: controls.set.has('freeze') };
  } catch (e) {
    await pending.abandon().catch(() => undefined);
    throw e;
  }
}

/**
 * Everything before the message gets an id: the sender (a "From " first line may set it), the
 * argument recipients, acl_not_smtp_start, and the message split into header lines and body.
 */
async function startMessage(m: SubmitMessage, deps: SubmitDeps, ctx: ExpandContext, qualify: FixupFacts['qualify'], failure: SubmitFailureContext) {
  const { config } = deps;
  let text = decodeLocalInput(m.input, m.dotIsData).text;
  const uucp = await takeUucpFromLine(text, config, ctx);
  if (uucp) text = uucp.rest;
  const fromLine = uucp?.sender !== undefined && m.sender === undefined && (deps.trusted || m.localError === true);
  // A "From " line sets the sender, yet exim4 still records the caller as -auth_id.
  const choice = { ...(await resolveSender(fromLine ? { ...m, sender: uucp.sender } : m, deps, qualify.sender, ctx)), callerAuthenticated: fromLine };
  failure.sender = choice.sender;
  initVariables(ctx, deps.caller, choice, m);
  const recipients = m.extractRecipients ? [] : argumentRecipients(m.addresses, qualify.recipient, m.noQualify !== true);
  const controls = newAclControls();
  if (m.suppressFixups) controls.set.set('suppress_local_fixups', true);
  await runNotSmtpAcl('not_smtp_start', { acl: deps.acl, config, ctx, controls, log: deps.log, login: deps.caller.login });
  const message = parseMessage(text);
  if (uucp) message.maxLineLength = Math.max(message.maxLineLength, uucp.length);
  message.headers = message.headers.map((h) => ({ type: headerType(h.text), text: h.text }));
  failure.headers = message.headers;
  failure.body = message.body;
  return { choice, recipients, controls, message };
}

function initVariables(ctx: ExpandContext, caller: Caller, choice: SenderChoice, m: SubmitMessage): void {
  setVar(ctx, 'sender_address', choice.sender === '' ? undefined : choice.sender);
  setVar(ctx, 'sender_ident', caller.login);
  setVar(ctx, 'received_protocol', m.receivedProtocol ?? 'local');
  for (const v of ['caller_uid', 'originator_uid']) setVar(ctx, v, String(caller.uid));
  for (const v of ['caller_gid', 'originator_gid']) setVar(ctx, v, String(caller.gid));
  if (choice.senderLocal || choice.callerAuthenticated) setVar(ctx, 'authenticated_id', caller.login);
  if (choice.senderLocal) setVar(ctx, 'authenticated_sender', choice.sender);
}

function fixupFacts(deps: SubmitDeps, m: SubmitMessage, choice: SenderChoice, qualify: FixupFacts['qualify'], id: string, now: Date, messageId: string, suppress: boolean): FixupFacts {
  const c = deps.config;
  const bool = (name: string, dflt: boolean): boolean => (typeof c.mainOption(name) === 'boolean' ? (c.mainOption(name) as boolean) : dflt);
  return {
    id, now, messageId, qualify,
    sender: choice.sender,
    senderLocal: choice.senderLocal,
    trusted: deps.trusted || m.localError === true,
    login: deps.caller.login,
    name: quotePhrase(choice.name),
    suppressFixups: suppress,
    noQualify: m.noQualify === true,
    removeReturnPath: bool('return_path_remove', true),
    removeEnvelopeTo: bool('envelope_to_remove', true),
    removeDeliveryDate: bool('delivery_date_remove', true),
    localFromCheck: bool('local_from_check', true),
    localSenderRetain: bool('local_sender_retain', false),
    localFromPrefix: strOption(c, 'local_from_prefix'),
    localFromSuffix: strOption(c, 'local_from_suffix'),
  };
}

/** -t: header addresses, less (or plus) the command-line ones; else the command-line ones. */
function envelopeFor(m: SubmitMessage, message: ParsedMessage, fromArgs: RecipientItem[], qualifyRecipient: string, removeArguments: boolean): Envelope {
  const items = !m.extractRecipients ? fromArgs : headerRecipients(message.headers, qualifyRecipient);
  const args = m.extractRecipients ? argumentRecipients(m.addresses, qualifyRecipient) : [];
  const recipients = removeArguments ? items : [...args, ...items];
  return {
    recipients: recipients.map((r) => r.address),
    written: recipients.map((r) => r.written),
    nonRecipients: removeArguments ? args.map((r) => r.address) : [],
  };
}

/** -t found nothing: logged to the main and panic logs (exim4 repeats the id in the text). */
function noRecipients(deps: SubmitDeps, id: string): never {
  deps.log.write(['main', 'panic'], `${id} no recipients found in headers`, id);
  throw new SubmitError('no-recipients', 'no recipients in message');
}

/** message_size_limit: exim4 stops reading one byte past the limit and logs that count. */
async function checkSize(deps: SubmitDeps, ctx: ExpandContext, message: ParsedMessage, sender: string, recipients: readonly string[], id: string): Promise<void> {
  const limit = await sizeLimit(deps.config, ctx);
  if (limit <= 0 || messageSize(message) <= limit) return;
  const detail = rejectDetail(sender, recipients, message.headers.map((h) => ({ flag: h.type, text: h.text })));
  deps.log.write(['main', 'reject'], `rejected from <${sender}> U=${deps.caller.login}: message too big: read=${limit + 1} max=${limit}`, id, { rejectDetail: detail });
  throw new SubmitError('too-big', `message rejected: message too big (max=${limit})`, { logReason: `message too big (limit set to ${limit})` });
}

function setVariablesForAcl(ctx: ExpandContext, recipients: readonly string[], message: ParsedMessage): void {
  setVar(ctx, 'recipients', recipients.join(', '));
  setVar(ctx, 'recipients_count', String(recipients.length));
  setVar(ctx, 'received_for', recipients.length === 1 ? recipients[0] : undefined);
  setVar(ctx, 'message_size', String(messageSize(message)));
  setVar(ctx, 'message_linecount', String(message.bodyLines));
  setVar(ctx, 'body_linecount', String(message.bodyLines));
}

function messageText(message: ParsedMessage): string {
  return message.headers.filter((h) => h.type !== '*').map((h) => h.text).join('') + '\n' + message.body;
}
